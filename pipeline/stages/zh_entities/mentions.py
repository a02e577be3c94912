"""Chinese mentions from jieba's POS tags, repaired with the name rules in ``models/zh``.

jieba's dictionary tags many common words as names (文明/nr, 城市/ns) and glues titles to
names (邓小平理论/nr, 鲍林先生/nr). The rules here are data:

- ``surnames.txt``: an ``nr`` word is a person when it starts with a Chinese surname (a
  four-character name needs a compound one, 欧阳), or is a transliterated foreign name of
  three characters or more written in ``transliteration_chars.txt``;
- ``name_suffixes.txt``: doctrine words and titles cut off a name ("邓小平理论" -> 邓小平)
  and titles after a lone surname ("江主席" -> 江);
- ``abbreviations.csv``: one-character country abbreviations in compounds with China
  ("中美关系" -> 中 and 美, two GPE mentions), "中方", "访华";
- ``aliases.csv``: a known name keeps the alias table's label (香港特别行政区 is a place);
- ``not_names.txt``: common words the dictionary tags as names (明白/nr, 城市/ns);
- ``org_heads.txt``: head words of organisation names; a place or organisation followed by a
  few words and a head word is one organisation (智利 共产党 -> 智利共产党).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...rulebook import RuleBook
from .. import zh_places
from ..chinese import Token, aliases, romanise, segment
from .names import _merge_split_name, _split_suffix, _title_after_surname, _titled, dotted_names, person_name
from .organisations import join_organisations
from .placenames import abbreviation_mentions, abbreviation_run, is_facility, place_parts
from .rules import KINDS, MENTION_LABELS, Mention, ZhRules, load_rules


def token_mentions(tokens: list[Token], rules: ZhRules) -> list[Mention]:
    """Named mentions (start, end, spaCy label) of a run of jieba tokens, organisations joined."""
    return join_organisations(tokens, list(_single_mentions(tokens, rules)), rules)


def _single_mentions(tokens: list[Token], rules: ZhRules) -> Iterator[Mention]:
    """Named mentions of single words (or a person's name jieba split in two); a dotted
    transliterated name takes the words it overlaps."""
    claimed = dotted_names(tokens, rules)
    c = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        while c < len(claimed) and claimed[c][1] <= tok.start:
            c += 1
        if c < len(claimed) and claimed[c][0] < tok.end:  # inside a dotted name
            yield claimed[c]
            while i < len(tokens) and tokens[i].start < claimed[c][1]:
                i += 1
            c += 1
            continue
        if tok.text in rules.aliases:
            yield tok.start, tok.end, rules.aliases[tok.text]
            i += 1
            continue
        if tok.text in rules.not_names:
            i += 1
            continue
        if tok.text in rules.abbreviation_words:  # 华人 -> 华, 欧美 -> 欧 and 美
            yield from ((tok.start + k, tok.start + k + 1, rules.abbreviations[ch].label)
                        for k, ch in enumerate(tok.text) if ch in rules.abbreviations)
            i += 1
            continue
        parts = place_parts(tok, rules)
        if parts:
            yield from parts
            i += 1
            continue
        run_end = abbreviation_run(tokens, i, rules)
        if run_end > i:
            for t in tokens[i:run_end]:
                yield from ((t.start + k, t.start + k + 1, rules.abbreviations[ch].label)
                            for k, ch in enumerate(t.text))
            i = run_end
            continue
        abbr = abbreviation_mentions(tok, rules)
        if abbr:
            yield from abbr
            i += 1
            continue
        if _title_after_surname(tok, nxt, rules):
            name = _split_suffix(tok.text, rules)[0] if len(tok.text) > 1 else tok.text
            yield tok.start, tok.start + len(name), "PERSON"
            i += 1
            continue
        label = MENTION_LABELS.get(tok.pos)
        if (label == "PERSON" or tok.pos == "nz") and tok.text in zh_places.gazetteer():  # 哈萨克斯坦/nrt
            yield tok.start, tok.end, zh_places.gazetteer()[tok.text].label
            i += 1
            continue
        if label == "ORG" and is_facility(tok.text, rules):  # 人民大会堂/nt
            label = "FAC"
        if label == "PERSON":
            j = _merge_split_name(tokens, i, rules)
            whole = "".join(t.text for t in tokens[i:j])
            name = person_name(whole, rules)
            if not name and j == i + 1 and 2 <= len(whole) <= 3 and _titled(tokens, j, rules):
                name = whole  # 小平/nr 同志: a title after a word jieba tags a name
            if name:
                yield tok.start, tok.start + len(name), "PERSON"
            i = j
            continue
        if label and (len(tok.text) >= 2 or tok.text in rules.abbreviations):  # a lone 南 is a direction
            abbr_of = rules.abbreviations.get(tok.text)
            yield tok.start, tok.end, abbr_of.label if abbr_of else label
        i += 1


def mentions(text: str, start: int, end: int, book: RuleBook) -> list[Mention]:
    """Chinese mentions of ``text[start:end]``: offsets into ``text``."""
    return list(token_mentions(segment(text, start, end, book), load_rules(book)))


def describe(written: str, label: str, book: RuleBook) -> tuple[str, str, str, str]:
    """``(label, kind, canonical, country_code)`` of a Chinese mention.

    The bilingual alias table first (中国 -> China), then the abbreviations (中 -> China), then
    for a place the gazetteer of ``zh_places`` (哈萨克斯坦 -> Kazakhstan, KZ); a person is
    romanised surname first; other names keep their Chinese form.
    """
    alias = aliases(book).get(written)
    rules = load_rules(book)
    alias = alias or rules.abbreviations.get(written)
    if alias is None and label == "GPE":
        alias = zh_places.gazetteer().get(written)
    if alias is not None:
        return alias.label, alias.kind, alias.canonical, alias.country_code
    if label == "PERSON":
        return label, "person", romanise(written, rules.surnames), ""
    return label, KINDS.get(label, "city or region"), written, ""
