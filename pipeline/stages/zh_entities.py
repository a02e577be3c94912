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

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..rulebook import RuleBook
from . import zh_places
from .chinese import USERDICT, Alias, Token, aliases, romanise, segment, word_tags

Mention = tuple[int, int, str]
# jieba POS tag -> spaCy label; nrt and nrfg are jieba's tags of foreign and full names
MENTION_LABELS = {"nr": "PERSON", "nrt": "PERSON", "nrfg": "PERSON", "ns": "GPE", "nt": "ORG"}
# an abbreviation compound must pair China with another place: "美德" (virtue) is no compound
CHINA = ("中", "华")
# words that may stand between a place and an organisation's head word (海南 摄影 美术 出版社)
ORG_LINKS = 3
# a character is part of transliterated names when at least this many of jieba's dictionary
# words tagged nrt (three characters or more) have it
NAME_CHAR_WORDS = 3
# the marks between the parts of a transliterated name (埃米利奥·莱沃洛·卡斯特亚诺斯)
NAME_DOTS = "·•・‧"
# an ordinal before an organisation (第九届 全国人民代表大会) and a party congress after one
# (致公党 十大, 民建 七 大)
ORDINAL = re.compile(r"第[0-9０-９一二三四五六七八九十百零〇]+[届次期]?")
CONGRESS = re.compile(r"[一二三四五六七八九十]+大")
NAME_TAGS = ("nr", "nrt", "nrfg")
KINDS = {"ORG": "organisation", "FAC": "facility"}
# what jieba tags a given name it took for a word: 进修/v, 春生/n, 宝华/nz, 亚美/ns, 忠诚/a
GIVEN_NAME_TAGS = ("n", "v", "a", "nz", "ns", "ng", "vn", "an", "nr", "nrt", "nrfg", "j", "b", "tg", "g")
HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True)
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
    facility_heads: frozenset[str] = frozenset()
    place_suffixes: frozenset[str] = frozenset()  # 政府 in 美国政府: the place is the mention
    userdict: bytes | None = None  # jieba's user dictionary (the rule book's)

    @cached_property
    def tags(self) -> Mapping[str, str]:
        """jieba's dictionary, the user dictionary included: word -> POS (read on first use, so an
        English-only run never starts jieba)."""
        return word_tags(self.userdict)

    @cached_property
    def name_chars(self) -> frozenset[str]:
        """Characters of transliterated names in jieba's dictionary (``_name_chars``)."""
        return _name_chars(self.tags)

    @cached_property
    def long_heads(self) -> tuple[str, ...]:
        """Head words of two characters or more: they also end a longer word (纳兰性德研究会)."""
        return tuple(h for h in self.org_heads | self.facility_heads if len(h) >= 2)


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
                   frozenset(surnames), frozenset(suffixes), max(map(len, suffixes), default=0),
                   frozenset(_words(book, "facility_heads.txt")), frozenset(_words(book, "place_suffixes.txt")),
                   book.files.get(USERDICT))


def _name_chars(tags: Mapping[str, str]) -> frozenset[str]:
    """Characters of at least ``NAME_CHAR_WORDS`` of the dictionary's transliterated names (nrt)."""
    count: Counter[str] = Counter()
    for word, tag in tags.items():
        if tag == "nrt" and len(word) >= 3 and not word.endswith("人"):  # not a people (阿拉伯人)
            count.update(set(word))
    return frozenset(ch for ch, n in count.items() if n >= NAME_CHAR_WORDS)


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
    """"江主席": a lone surname followed by a title (in one token or the next; a lone surname
    must be tagged a noun)."""
    name, suffix = _split_suffix(tok.text, rules)
    if suffix and name in rules.surname_set:
        return True
    return (len(tok.text) == 1 and tok.text in rules.surname_set and tok.pos[:1] == "n" and nxt is not None
            and nxt.start == tok.end and nxt.text in rules.suffix_set)  # not the conjunction 和 in 和夫人


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


def abbreviation_run(tokens: list[Token], i: int, rules: ZhRules) -> int:
    """End index of one-character abbreviations jieba wrote as words of their own (中/f 美/ns 双方,
    中/f 俄/j 第五个): two or more adjacent words of one or two abbreviations, one of them China;
    ``i`` when there is none."""
    j = i
    while (j < len(tokens) and len(tokens[j].text) <= 2 and all(ch in rules.abbreviations for ch in tokens[j].text)
           and (j == i or tokens[j].start == tokens[j - 1].end)):
        j += 1
    run = "".join(t.text for t in tokens[i:j])
    if j - i >= 2 and any(ch in CHINA for ch in run) and not run.startswith("中华"):
        return j
    return i


def is_place(word: str, rules: ZhRules) -> bool:
    """A place by the alias table or jieba's dictionary (ns), never a word of ``not_names.txt``."""
    label = rules.aliases.get(word)
    if label is not None:
        return label in ("GPE", "LOC")
    return len(word) >= 2 and word not in rules.not_names and rules.tags.get(word) == "ns"


def _place_label(word: str, rules: ZhRules) -> str:
    return rules.aliases.get(word, "GPE")


def is_facility(word: str, rules: ZhRules) -> bool:
    """A word that ends with a facility's head word (人民大会堂, 国际机场)."""
    return any(word.endswith(h) for h in rules.facility_heads)


def place_parts(tok: Token, rules: ZhRules) -> list[Mention]:
    """Places inside one jieba word, the longest first place first:

    - a place and a word that leaves it the mention (``place_suffixes.txt``): 美国政府 -> 美国,
      亚太地区 -> 亚太, 非洲人 -> 非洲;
    - two places: 中华人民共和国香港特别行政区 -> 中华人民共和国, 香港特别行政区;
    - a place and a facility named on its own: 北京人民大会堂 -> 北京, 人民大会堂 (FAC); a place and
      a facility's head word alone is one facility (洛杉矶国际机场);
    - a known place (alias table) before a word of its own that is no organisation's head, in a
      word jieba does not tag nt, nor ns with a noun after the place (朝鲜半岛, 俄罗斯联邦 stay
      whole): 两岸关系 -> 两岸, 香港回归 -> 香港.
    Empty when the word is none of these."""
    text = tok.text
    if len(text) < 3:
        return []
    for n in range(len(text) - 1, 1, -1):
        head, rest = text[:n], text[n:]
        if not is_place(head, rules):
            continue
        first = (tok.start, tok.start + n, _place_label(head, rules))
        if rest in rules.place_suffixes:
            return [first]
        if rest in rules.facility_heads:
            return [(tok.start, tok.end, "FAC")]
        if is_place(rest, rules):
            return [first, (tok.start + n, tok.end, _place_label(rest, rules))]
        if is_facility(rest, rules) and rest in rules.tags:
            return [first, (tok.start + n, tok.end, "FAC")]
        if (tok.pos != "nt" and not (tok.pos == "ns" and rules.tags.get(rest, "n")[:1] == "n")
                and len(text) >= 4 and len(rest) >= 2 and head in rules.aliases
                and not any(rest.endswith(h) for h in rules.org_heads)):
            return [first]
    return []


def _titled(tokens: list[Token], j: int, rules: ZhRules) -> bool:
    """``tokens[j]`` is a title or honorific right after the word before it (小平 同志)."""
    return j < len(tokens) and tokens[j].start == tokens[j - 1].end and tokens[j].text in rules.suffix_set


def _merge_split_name(tokens: list[Token], i: int, rules: ZhRules) -> int:
    """End index of a person's name jieba split:

    - a surname or name part tagged a name and the rest tagged a name (王/nr 亚平/nr), four
      characters at most;
    - a one-character surname tagged nr and a given name of two characters that jieba took for
      a word (唐/nr 进修/v, 曹/nr 春生/n) or of one character tagged a name or noun morpheme;
    - the parts of a transliterated name, each tagged a name (康斯坦/nr 塔科/nrt 普洛斯/nr)."""
    tok = tokens[i]

    def joined(j: int) -> bool:
        return j < len(tokens) and tokens[j].start == tokens[j - 1].end

    if all(ch in rules.foreign for ch in tok.text):
        j = i + 1
        while joined(j) and tokens[j].pos in NAME_TAGS and all(ch in rules.foreign for ch in tokens[j].text):
            j += 1
        if j > i + 1:
            return j
    if tok.pos == "nr" and len(tok.text) == 1 and tok.text in rules.surname_set and joined(i + 1):
        given = tokens[i + 1]
        if (HAN_WORD.fullmatch(given.text) and given.text not in rules.suffix_set and given.text not in rules.not_names
                and ((len(given.text) == 2 and given.pos in GIVEN_NAME_TAGS)
                     or (len(given.text) == 1 and given.pos in ("nr", "nrt", "nrfg", "ng", "g", "tg")))):
            return i + 2
    j = i + 1
    while (joined(j) and tokens[j].pos in ("nr", "nrfg", "nrt", "ng")
           and j - i < 2 and len(tokens[j - 1].text) + len(tokens[j].text) <= 4):
        j += 1
    return j


def dotted_names(tokens: list[Token], rules: ZhRules) -> list[Mention]:
    """Transliterated names written with a dot between their parts (霍尔格·伯尔纳, 格·阿·亚夫林斯基):
    the characters of transliterated names on both sides of each dot, across jieba's words
    (人格 · 阿 · 亚夫 林斯基 -> 格·阿·亚夫林斯基)."""
    chars = [(t.start + k, ch) for t in tokens for k, ch in enumerate(t.text)]
    usable = rules.foreign | rules.name_chars

    def name_char(k: int, step: int) -> bool:  # chars[k] is a name character next to chars[k - step]
        return 0 <= k < len(chars) and chars[k][1] in usable and chars[k][0] == chars[k - step][0] + step

    out: list[Mention] = []
    i = 0
    while i < len(chars):
        if chars[i][1] not in NAME_DOTS or not name_char(i - 1, -1) or not name_char(i + 1, 1):
            i += 1
            continue
        a = i - 1
        while name_char(a - 1, -1):
            a -= 1
        b = i + 1  # the last name character so far
        while True:
            while name_char(b + 1, 1):
                b += 1
            dot = b + 1
            if (dot + 1 < len(chars) and chars[dot][1] in NAME_DOTS and chars[dot][0] == chars[b][0] + 1
                    and name_char(dot + 1, 1)):
                b = dot + 1
                continue
            break
        out.append((chars[a][0], chars[b][0] + 1, "PERSON"))
        i = b + 1
    return out


def token_mentions(tokens: list[Token], rules: ZhRules) -> list[Mention]:
    """Named mentions (start, end, spaCy label) of a run of jieba tokens, organisations joined."""
    return join_organisations(tokens, list(_single_mentions(tokens, rules)), rules)


def _links_organisation(tok: Token, nxt: Token | None, rules: ZhRules) -> bool:
    """A word that may stand inside an organisation's name after a place: a noun, a verbal
    noun or a distinguishing word (摄影, 美术), an ordinal (第八次), or a verb right before the
    head word (终审 法院, 收藏 协会; not 设立 in 香港 设立 终审 法院). Not a person, another place
    (河北 故城县纪委 is 河北 and 故城县纪委), a particle or punctuation."""
    if tok.pos[:1] == "v" and tok.pos != "vn":
        return nxt is not None and nxt.start == tok.end and _is_head(nxt, rules, listed=True)
    return (tok.pos[:1] in ("n", "j", "b") or tok.pos == "vn") and not tok.pos.startswith(("nr", "ns")) or (
        tok.pos == "m" and ORDINAL.fullmatch(tok.text) is not None)


def _ordinal_of_organisation(tokens: list[Token], j: int) -> bool:
    """An ordinal before an organisation jieba knows (nt): after a place, the ordinal is that
    organisation's (香港特别行政区 第九届 全国人民代表大会), while a party's congress is the
    party's (中国共产党 第十五次 全国代表大会)."""
    return (tokens[j].pos == "m" and j + 1 < len(tokens) and tokens[j + 1].pos == "nt"
            and ORDINAL.fullmatch(tokens[j].text) is not None)


def _is_head(tok: Token, rules: ZhRules, listed: bool = False) -> bool:
    """An organisation's or facility's head word: one of the lists or a word ending with one of
    their words of two characters or more (纳兰性德研究会); unless ``listed``, also a word jieba
    tags nt that ends with a head word of any length (北京市 公安局, not 中国 东盟)."""
    text = tok.text
    return (text in rules.org_heads or text in rules.facility_heads
            or (len(text) > 2 and text.endswith(rules.long_heads))
            or (not listed and tok.pos == "nt" and text.endswith(tuple(rules.org_heads))))


def _head_label(text: str, rules: ZhRules) -> str:
    return "FAC" if text in rules.facility_heads or is_facility(text, rules) else "ORG"


def _org_bounds(tokens: list[Token], k: int, start: int, end: int, rules: ZhRules) -> tuple[int, int]:
    """An organisation's name widened by the ordinal before it (第九届 全国人民代表大会) and the
    party congress after it (致公党 十大, 民建 七 大)."""
    if k > 0 and tokens[k - 1].end == start and ORDINAL.fullmatch(tokens[k - 1].text):
        start = tokens[k - 1].start
    m = next((j for j in range(k, len(tokens)) if tokens[j].end >= end), None)
    if m is not None and tokens[m].end == end:
        for n in (1, 2):
            after = tokens[m + 1:m + 1 + n]
            if (len(after) == n and all(a.start == b.end for a, b in zip(after, tokens[m:m + n], strict=True))
                    and CONGRESS.fullmatch("".join(t.text for t in after))):
                end = after[-1].end
                break
    return start, end


def join_organisations(tokens: list[Token], found: list[Mention], rules: ZhRules) -> list[Mention]:
    """A place or organisation, at most ``ORG_LINKS`` more words and a head word are one ORG
    (a facility's head word: one FAC).

    "海南 摄影 美术 出版社" -> 海南摄影美术出版社; "智利 共产党" -> 智利共产党 (not 智利 and 共产党);
    "辽宁省政府 教育 督导 团" -> 辽宁省政府教育督导团 (the place 辽宁省 starts the word 辽宁省政府);
    "北京市 司法局" -> 北京市司法局. An organisation takes the ordinal before it and the party
    congress after it. The longest such name wins; the mentions inside it are dropped.
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
        org_end, org_label = None, label
        if label in ("GPE", "ORG") and k is not None:
            m = k
            while m < len(tokens) and tokens[m].end < end:
                m += 1
            j = m + 1
            while (j < len(tokens) and j - m <= ORG_LINKS and tokens[j].start == tokens[j - 1].end
                   and _links_organisation(tokens[j], tokens[j + 1] if j + 1 < len(tokens) else None, rules)
                   and not (label == "GPE" and _ordinal_of_organisation(tokens, j))):
                if _is_head(tokens[j], rules, listed=label != "GPE" or j > m + 1):  # 北京市 司法局/nt
                    org_end, org_label = tokens[j].end, _head_label(tokens[j].text, rules)
                j += 1
        if org_end is not None:
            start, end, label = start, org_end, org_label
        if label == "ORG" and k is not None:
            start, end = _org_bounds(tokens, k, start, end, rules)
        out.append((start, end, label))
        covered_to = end
    return out


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
