"""Persons: names jieba tags, splits or glues to titles, and transliterated names written with dots."""

from __future__ import annotations

from ..chinese import Token
from .rules import GIVEN_NAME_TAGS, HAN_WORD, NAME_DOTS, NAME_TAGS, Mention, ZhRules


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
    if not any(ch in NAME_DOTS for _, ch in chars):
        return []  # no dot, no dotted name: and jieba's dictionary (name_chars) is not read for nothing
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
