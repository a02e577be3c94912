"""The rules of ``models/zh`` for Chinese mentions, parsed once per rule book, and their constants."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ...records import ALIAS_COLUMNS, Alias
from ...rulebook import RuleBook
from ..chinese import USERDICT, aliases, word_tags

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
    abbreviation_words: frozenset[str] = frozenset()  # 华人, 欧美: words whose abbreviations are places
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
    abbreviations = {row["char"]: Alias.of(row)
                     for row in book.rows("zh/abbreviations.csv", ("char", *ALIAS_COLUMNS))}
    surnames = sorted(_words(book, "surnames.txt"), key=len, reverse=True)
    suffixes = sorted(_words(book, "name_suffixes.txt"), key=len, reverse=True)
    alias_labels = {k: a.label for k, a in aliases(book).items()}
    return ZhRules(tuple(surnames), tuple(suffixes), abbreviations, tuple(_words(book, "abbreviation_verbs.txt")),
                   alias_labels, frozenset(_words(book, "transliteration_chars.txt")),
                   frozenset(_words(book, "not_names.txt")), frozenset(_words(book, "org_heads.txt")),
                   frozenset(surnames), frozenset(suffixes), max(map(len, suffixes), default=0),
                   frozenset(_words(book, "facility_heads.txt")), frozenset(_words(book, "place_suffixes.txt")),
                   frozenset(_words(book, "abbreviation_words.txt")), book.files.get(USERDICT))


def _name_chars(tags: Mapping[str, str]) -> frozenset[str]:
    """Characters of at least ``NAME_CHAR_WORDS`` of the dictionary's transliterated names (nrt)."""
    count: Counter[str] = Counter()
    for word, tag in tags.items():
        if tag == "nrt" and len(word) >= 3 and not word.endswith("人"):  # not a people (阿拉伯人)
            count.update(set(word))
    return frozenset(ch for ch, n in count.items() if n >= NAME_CHAR_WORDS)
