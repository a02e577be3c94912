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
from dataclasses import dataclass
from functools import lru_cache

from ..rulebook import RuleBook
from .chinese import Alias, Token, aliases, romanise, segment

Mention = tuple[int, int, str]
# jieba POS tag -> spaCy label; nrt and nrfg are jieba's tags of foreign and full names
MENTION_LABELS = {"nr": "PERSON", "nrt": "PERSON", "nrfg": "PERSON", "ns": "GPE", "nt": "ORG"}
# an abbreviation compound must pair China with another place: "美德" (virtue) is no compound
CHINA = ("中", "华")
# words that may stand between a place and an organisation's head word (海南 摄影 美术 出版社)
ORG_LINKS = 3


@dataclass(frozen=True, slots=True)
class ZhRules:
    surnames: tuple[str, ...]  # compound surnames first
    suffixes: tuple[str, ...]  # longest first
    abbreviations: dict[str, Alias]  # char -> what it abbreviates
    verbs: tuple[str, ...]  # "访" in 访华
    aliases: dict[str, str]  # name -> label
    foreign: frozenset[str]  # characters of transliterated names
    not_names: frozenset[str]
    org_heads: frozenset[str] = frozenset()
    surname_set: frozenset[str] = frozenset()  # the same words as sets, for lookups
    suffix_set: frozenset[str] = frozenset()
    suffix_max: int = 0


def _words(book: RuleBook, name: str) -> list[str]:
    """The words of a rules file, several per line allowed."""
    return [word for line in book.lines(f"zh/{name}") for word in line.split()]


@lru_cache(maxsize=4)
def load_rules(book: RuleBook) -> ZhRules:
    """The rule files of ``models/zh`` in a rule book, parsed once per book."""
    abbreviations = {row["char"]: Alias(row["canonical"], row["label"], row["kind"], row["country_code"])
                     for row in book.rows("zh/abbreviations.csv")}
    surnames = sorted(_words(book, "surnames.txt"), key=len, reverse=True)
    suffixes = sorted(_words(book, "name_suffixes.txt"), key=len, reverse=True)
    alias_labels = {k: a.label for k, a in aliases(book).items()}
    return ZhRules(tuple(surnames), tuple(suffixes), abbreviations, tuple(_words(book, "abbreviation_verbs.txt")),
                   alias_labels, frozenset(_words(book, "transliteration_chars.txt")),
                   frozenset(_words(book, "not_names.txt")), frozenset(_words(book, "org_heads.txt")),
                   frozenset(surnames), frozenset(suffixes), max(map(len, suffixes), default=0))


def surname_of(name: str, rules: ZhRules) -> str:
    """The surname a Chinese name starts with ("欧阳" before "欧"); empty when none."""
    for n in (2, 1):  # surnames have one or two characters
        if len(name) > n and name[:n] in rules.surname_set:
            return name[:n]
    return ""


def _split_suffix(word: str, rules: ZhRules) -> tuple[str, str]:
    """``(name, suffix)`` when ``word`` ends with a title or doctrine word, else ``(word, "")``."""
    for n in range(min(rules.suffix_max, len(word) - 1), 0, -1):
        if word[-n:] in rules.suffix_set:
            return word[:-n], word[-n:]
    return word, ""


def person_name(word: str, rules: ZhRules) -> str:
    """The person's name in an ``nr`` word, titles and doctrine words cut off; empty if it is no name."""
    word = _split_suffix(word, rules)[0]
    if len(word) < 2:
        return ""
    surname = surname_of(word, rules)
    if surname and (len(word) <= 3 or (len(word) == 4 and len(surname) == 2)):
        return word
    if len(word) >= 3 and all(ch in rules.foreign for ch in word):  # 克林顿, 克雷蒂安
        return word
    return ""


def _title_after_surname(tok: Token, nxt: Token | None, rules: ZhRules) -> bool:
    """"江主席": a lone surname followed by a title (in one token or the next)."""
    name, suffix = _split_suffix(tok.text, rules)
    if suffix and name in rules.surname_set:
        return True
    return (len(tok.text) == 1 and tok.text in rules.surname_set and nxt is not None and nxt.start == tok.end
            and nxt.text in rules.suffix_set)


def abbreviation_mentions(tok: Token, rules: ZhRules) -> list[Mention]:
    """Country abbreviations at the start of a token: "中美关系" -> 中, 美; "中方" -> 中; "访华" -> 华."""
    text, ab = tok.text, rules.abbreviations
    if len(text) >= 2 and text[0] in rules.verbs and text[1] in ab:  # 访华, 抵京, 抗日
        return [(tok.start + 1, tok.start + 2, ab[text[1]].label)]
    run = 0
    while run < len(text) and text[run] in ab:
        run += 1
    if run >= 2 and any(ch in CHINA for ch in text[:run]) and text[:2] != "中华":
        return [(tok.start + k, tok.start + k + 1, ab[text[k]].label) for k in range(run)]
    if text[:2] == "中华" and (text == "中华" or tok.pos not in MENTION_LABELS):  # 中华民族; not 中华人民共和国
        return [(tok.start, tok.start + 2, "GPE")]
    if len(text) == 2 and text[0] in ab and text[1] == "方":
        return [(tok.start, tok.start + 1, ab[text[0]].label)]
    return []


def place_prefix(tok: Token, rules: ZhRules) -> str:
    """A known place that starts a longer word jieba keeps whole ("两岸关系", "香港回归"): the place,
    when the rest is a word of its own (two characters or more) and no organisation's head
    (香港特区政府 is an organisation); empty otherwise."""
    text = tok.text
    if tok.pos == "nt" or len(text) < 4:
        return ""
    for n in range(len(text) - 2, 1, -1):
        head, rest = text[:n], text[n:]
        if rules.aliases.get(head) in ("GPE", "LOC"):
            return "" if rest in rules.org_heads or any(rest.endswith(h) for h in rules.org_heads) else head
    return ""


def _merge_split_name(tokens: list[Token], i: int) -> int:
    """End index of a person's name jieba split in two (surname/nr + given name/nr)."""
    j = i + 1
    while (j < len(tokens) and tokens[j].start == tokens[j - 1].end and tokens[j].pos in ("nr", "nrfg", "nrt", "ng")
           and j - i < 2 and len(tokens[j - 1].text) + len(tokens[j].text) <= 4):
        j += 1
    return j


def token_mentions(tokens: list[Token], rules: ZhRules) -> list[Mention]:
    """Named mentions (start, end, spaCy label) of a run of jieba tokens, organisations joined."""
    return join_organisations(tokens, list(_single_mentions(tokens, rules)), rules)


def _links_organisation(tok: Token, nxt: Token | None, rules: ZhRules) -> bool:
    """A word that may stand inside an organisation's name after a place: a noun or a
    distinguishing word (摄影, 美术), an ordinal (第八次), or a verb right before the head word
    (终审 法院, 收藏 协会; not 设立 in 香港 设立 终审 法院). Not a person, another place (河北
    故城县纪委 is 河北 and 故城县纪委), a particle or punctuation."""
    if tok.pos[:1] == "v":
        return nxt is not None and nxt.start == tok.end and nxt.text in rules.org_heads
    return (tok.pos[:1] in ("n", "j", "b") and not tok.pos.startswith(("nr", "ns"))) or (
        tok.pos == "m" and tok.text.startswith("第"))


def join_organisations(tokens: list[Token], found: list[Mention], rules: ZhRules) -> list[Mention]:
    """A place or organisation, at most ``ORG_LINKS`` more words and a head word are one ORG.

    "海南 摄影 美术 出版社" -> 海南摄影美术出版社; "智利 共产党" -> 智利共产党 (not 智利 and 共产党).
    The longest such name wins; the mentions inside it are dropped.
    """
    if not rules.org_heads:
        return found
    index = {t.start: k for k, t in enumerate(tokens)}
    out: list[Mention] = []
    covered_to = -1
    for start, end, label in found:
        if start < covered_to:
            continue
        k = index.get(start)
        org_end = None
        if label in ("GPE", "ORG") and k is not None and tokens[k].end == end:
            j = k + 1
            while (j < len(tokens) and j - k <= ORG_LINKS + 1 and tokens[j].start == tokens[j - 1].end
                   and _links_organisation(tokens[j], tokens[j + 1] if j + 1 < len(tokens) else None, rules)):
                if tokens[j].text in rules.org_heads:
                    org_end = tokens[j].end
                j += 1
        if org_end is not None:
            out.append((start, org_end, "ORG"))
            covered_to = org_end
        else:
            out.append((start, end, label))
    return out


def _single_mentions(tokens: list[Token], rules: ZhRules) -> Iterator[Mention]:
    """Named mentions of single words (or a person's name jieba split in two)."""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.text in rules.aliases:
            yield tok.start, tok.end, rules.aliases[tok.text]
            i += 1
            continue
        if tok.text in rules.not_names:
            i += 1
            continue
        prefix = place_prefix(tok, rules)
        if prefix:
            yield tok.start, tok.start + len(prefix), rules.aliases[prefix]
            i += 1
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
        if label == "PERSON":
            j = _merge_split_name(tokens, i)
            whole = "".join(t.text for t in tokens[i:j])
            name = person_name(whole, rules)
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

    The bilingual alias table first (中国 -> China), then the abbreviations (中 -> China);
    a person is romanised surname first; other names keep their Chinese form.
    """
    alias = aliases(book).get(written)
    rules = load_rules(book)
    alias = alias or rules.abbreviations.get(written)
    if alias is not None:
        return alias.label, alias.kind, alias.canonical, alias.country_code
    if label == "PERSON":
        return label, "person", romanise(written, rules.surnames), ""
    return label, "organisation" if label == "ORG" else "city or region", written, ""
