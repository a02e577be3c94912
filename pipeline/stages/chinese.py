"""Chinese: jieba segmentation with POS tags, Chinese mentions and pinyin names.

jieba is initialised once per process and user dictionary (``zh/userdict.txt`` of the rule book).
Only runs of Chinese text are segmented; Latin words around them are left to spaCy.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import jieba

if TYPE_CHECKING:
    import jieba.posseg

from ..records import ALIAS_COLUMNS, Alias
from ..rulebook import RuleBook

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# CJK punctuation, full-width forms, and the symbols Chinese text writes among its characters
# (℃, and ○ as a zero in years such as 二○○○年).
_CJK_MARKS = r"\u3000-\u303f\uff00-\uffef\u2103\u25cb"
# A run of Chinese text: Han characters with the marks, digits and punctuation written among them;
# it may open with a CJK mark, an opening quote or digits (（二○○○年, “王亚平, 64届) and ends on Han, a mark or a digit.
CHINESE_RUN = re.compile(
    rf"[{_CJK_MARKS}“‘0-9]*[{_HAN}]"
    rf"(?:[{_HAN}{_CJK_MARKS}0-9%.:·“”‘’—–…\s]*[{_HAN}{_CJK_MARKS}0-9%”’…])?"
)
# One punctuation character repeated (——, ……) is one token, as in the Chinese treebanks.
REPEATED_MARK = re.compile(r"([—…－―])\1+")
NUMBER = re.compile(r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇○零一二三四五六七八九]{2,})")
# Digits spelled one by one with a zero sign, as in years (二○○○): jieba cuts them apart.
SPELLED_DIGITS = re.compile(r"[〇○零一二三四五六七八九]*[〇○][〇○零一二三四五六七八九]*")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    pos: str
    start: int
    end: int


USERDICT = "zh/userdict.txt"
NUMBER_UNITS = "zh/number_units.txt"
ALIASES = "zh/aliases.csv"


@lru_cache(maxsize=4)
def tokenizer(userdict: bytes | None) -> jieba.posseg.POSTokenizer:
    """jieba's POS tokenizer, built once per process and user dictionary (its content).

    ``jieba.posseg`` reads its tag table when imported (0.5 s): imported here, a run whose
    documents all come from the cache never pays for it.
    """
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    if userdict:  # "#" lines are comments
        kept = b"\n".join(line for line in userdict.splitlines() if not line.lstrip().startswith(b"#"))
        base.load_userdict(io.BytesIO(kept))
    return jieba.posseg.POSTokenizer(base)


@lru_cache(maxsize=4)
def number_units(rules: RuleBook | None) -> dict[str, str]:
    """Units that make one word with the number before them (2000年, 10％): unit -> POS tag."""
    return {unit: pos for unit, pos in rules.fields(NUMBER_UNITS, 2)} if rules is not None else {}


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc  # opencc-python-reimplemented: OpenCC's dictionaries in pure Python

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length, so offsets carry over.

    OpenCC converts phrase by phrase; where a phrase changes length, the text is converted
    character by character instead (a character that would become several stays as it is).
    """
    conv = _t2s().convert(text)  # type: ignore[attr-defined]
    if len(conv) == len(text):
        return conv  # type: ignore[no-any-return]
    out = []
    for ch in text:
        c = _t2s().convert(ch)  # type: ignore[attr-defined]
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=4)
def aliases(rules: RuleBook) -> dict[str, Alias]:
    """The bilingual alias table (``zh/aliases.csv``): Chinese name -> canonical English name."""
    return {r["zh"]: Alias.of(r) for r in rules.rows(ALIASES, ("zh", *ALIAS_COLUMNS))}


def chinese_runs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of Chinese text inside ``text[start:end]``."""
    for m in CHINESE_RUN.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end()


def segment(text: str, start: int, end: int, rules: RuleBook | None) -> list[Token]:
    """jieba tokens (with POS) of every Chinese run in ``text[start:end]``; offsets into ``text``.

    ``rules`` gives the user dictionary and the number units; None segments with jieba's
    own dictionary alone.

    Traditional characters are converted to simplified ones for jieba (its dictionary is
    simplified); tokens keep the original characters and offsets.
    """
    out: list[Token] = []
    tok = None  # jieba loads its dictionaries (2 s) on the first Chinese run, not for English text
    for rs, re_ in chinese_runs(text, start, end):
        if tok is None:
            tok = tokenizer(rules.files.get(USERDICT) if rules is not None else None)
            units = number_units(rules)
        original = text[rs:re_]
        pos = rs
        words = [(pair.word, pair.flag) for pair in tok.cut(simplified(original), HMM=True)]
        for word, flag in _merge(words, units):
            if word.strip():
                out.append(Token(text[pos:pos + len(word)], flag, pos, pos + len(word)))
            pos += len(word)
    return out


def _merge(words: list[tuple[str, str]], units: dict[str, str]) -> list[tuple[str, str]]:
    """Join what jieba splits too finely: spelled digits (二○○○), a number and its unit (2000年),
    a repeated mark (———)."""
    out: list[tuple[str, str]] = []
    for word, flag in words:
        if out:
            prev, prev_flag = out[-1]
            if SPELLED_DIGITS.fullmatch(prev + word):
                out[-1] = (prev + word, "m")
                continue
            if word in units and NUMBER.fullmatch(prev):
                out[-1] = (prev + word, units[word])
                continue
            if REPEATED_MARK.fullmatch(prev + word):
                out[-1] = (prev + word, prev_flag)
                continue
        out.append((word, flag))
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
    from pypinyin import lazy_pinyin  # 0.5 s to import: only when a Chinese name is romanised

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


def word_tags(userdict: bytes | None) -> dict[str, str]:
    """jieba's dictionary tags (word -> POS), the user dictionary (``zh/userdict.txt``'s content) included."""
    tok = tokenizer(userdict)
    tok.makesure_userdict_loaded()
    return tok.word_tag_tab  # type: ignore[no-any-return]
