"""Chinese: jieba segmentation with POS tags, Chinese mentions and pinyin names.

jieba is initialised once per process with the user dictionary from ``models/zh``.
Only runs of Chinese text are segmented; Latin words around them are left to spaCy.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg
from pypinyin import lazy_pinyin

# Han characters with the digits, CJK punctuation and full-width forms written among them.
CHINESE_RUN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
    r"(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3000-\u303f\uff00-\uffef"
    r"0-9%.:·“”‘’—–…\s]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3000-\u303f\uff00-\uffef0-9%”’])?"
)
# jieba POS tag -> spaCy label of a mention
MENTION_LABELS = {"nr": "PERSON", "ns": "GPE", "nt": "ORG"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    pos: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    label: str
    kind: str
    country_code: str


@lru_cache(maxsize=4)
def tokenizer(userdict: Path | None) -> jieba.posseg.POSTokenizer:
    """jieba's POS tokenizer, built once per process and user dictionary."""
    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    if userdict is not None and userdict.exists():
        base.load_userdict(str(userdict))
    return jieba.posseg.POSTokenizer(base)


@lru_cache(maxsize=4)
def aliases(path: Path | None) -> dict[str, Alias]:
    """The bilingual alias table: Chinese name -> canonical English name."""
    if path is None or not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["zh"]: Alias(r["canonical"], r["label"], r["kind"], r["country_code"]) for r in rows}


def chinese_runs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of Chinese text inside ``text[start:end]``."""
    for m in CHINESE_RUN.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end()


def segment(text: str, start: int, end: int, userdict: Path | None) -> list[Token]:
    """jieba tokens (with POS) of every Chinese run in ``text[start:end]``; offsets into ``text``."""
    tok = tokenizer(userdict)
    out: list[Token] = []
    for rs, re_ in chinese_runs(text, start, end):
        pos = rs
        for pair in tok.cut(text[rs:re_], HMM=True):
            word, flag = pair.word, pair.flag
            if word.strip():
                out.append(Token(word, flag, pos, pos + len(word)))
            pos += len(word)
    return out


def romanise(name: str, surnames: tuple[str, ...] = ()) -> str:
    """A Chinese personal name in pinyin, surname first: 王亚平 -> Wang Yaping.

    Args:
        name: the name in Han characters.
        surnames: known surnames; a compound one (欧阳) makes one word: 欧阳修 -> Ouyang Xiu.
            Without a match the surname is the first character (two for a four-character name);
            when ``surnames`` is given and none matches, the name is a transliterated foreign
            one and stays one word: 克林顿 -> Kelindun.
    """
    syllables = lazy_pinyin(name)
    if not syllables or len(syllables) != len(name):
        return name
    known = next((s for s in sorted(surnames, key=len, reverse=True) if name.startswith(s) and len(name) > len(s)), "")
    if surnames and not known:
        return "".join(syllables).capitalize()
    surname_len = len(known) if known else (2 if len(name) >= 4 else 1)
    surname = "".join(syllables[:surname_len]).capitalize()
    given = "".join(syllables[surname_len:]).capitalize()
    return f"{surname} {given}".strip()


def mentions(tokens: list[Token]) -> Iterator[tuple[int, int, str]]:
    """Named mentions (start, end, spaCy label) from POS tags; adjacent name parts merge."""
    i = 0
    while i < len(tokens):
        label = MENTION_LABELS.get(tokens[i].pos)
        if not label:
            i += 1
            continue
        j = i + 1
        # jieba often splits a person's name: surname/nr + given name/nr|ns|ng
        while (label == "PERSON" and j < len(tokens) and tokens[j].start == tokens[j - 1].end
               and tokens[j].pos in ("nr", "nrfg", "nrt", "ng") and j - i < 2
               and len(tokens[j - 1].text) + len(tokens[j].text) <= 4):
            j += 1
        yield tokens[i].start, tokens[j - 1].end, label
        i = j
