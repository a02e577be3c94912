"""langdetect's n-gram extraction, the same n-grams, at a fraction of the cost.

langdetect 1.0.9 (pinned) builds a ``Detector`` per text, appends the text one character at
a time and runs every character through ``NGram.add_char`` and ``NGram.normalize`` (a Unicode
block look-up per call). The language stage asks for the n-grams of every paragraph, so that
was most of its time. ``extract`` does the same steps, in the same order, with each
character's normalised form looked up once per process and the n-gram buffer kept in local
variables. ``tests/test_ngrams.py`` checks it against langdetect's own extraction.

News repeats its words, and a word's n-grams depend on the word alone: langdetect's buffer
starts afresh after every space. ``RowIndex`` keeps each word's n-grams (as rows of the
profile matrix) once computed, so a paragraph costs a look-up per word, not a loop per
character; the n-grams and their order are those of ``extract``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from langdetect.detector import Detector
from langdetect.utils.ngram import NGram

MAX_TEXT_LENGTH = 10_000  # Detector.max_text_length
N_GRAM = NGram.N_GRAM
SPACES = re.compile(" {2,}")
LATIN = re.compile("[A-z]")  # langdetect's own test, 'A' <= ch <= 'z' (it includes [\\]^_`)
# what langdetect counts as non-Latin: every character from U+0300 on (its exception for Latin
# Extended Additional compares a block number with a block name, so it never applies)
NON_LATIN = re.compile("[\u0300-\U0010ffff]")

_normal: dict[str, str] = {}


def _normalise(ch: str) -> str:
    got = _normal.get(ch)
    if got is None:
        got = _normal[ch] = NGram.normalize(ch)
    return got


def cleaned(text: str) -> str:
    """``Detector.append`` then ``Detector.cleaning_text``: the text whose n-grams are counted."""
    text = Detector.URL_RE.sub(" ", text)
    text = Detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)[:MAX_TEXT_LENGTH]
    text = SPACES.sub(" ", text)  # append keeps a space only after a character that is not one
    if 2 * len(LATIN.findall(text)) < len(NON_LATIN.findall(text)):
        text = LATIN.sub("", text)
    return text


def normalised(text: str) -> str:
    """``cleaned(text)`` with every character replaced by langdetect's ``NGram.normalize`` of it."""
    text = cleaned(text)
    for ch in set(text).difference(_normal):
        _normalise(ch)
    return text.translate(_table(len(_normal)))


_tables: dict[int, dict[int, str]] = {}


def _table(size: int) -> dict[int, str]:
    """``str.translate``'s table of the normal forms known so far (remade when more are known)."""
    table = _tables.get(size)
    if table is None:
        _tables.clear()
        table = _tables[size] = {ord(ch): norm for ch, norm in _normal.items()}
    return table


def extract(text: str, known: Container[str]) -> list[str]:
    """The n-grams of ``text`` that are in ``known`` (langdetect's profiles), in langdetect's order.

    Equal to ``Detector._extract_ngrams`` after ``append`` and ``cleaning_text``.
    """
    return _grams(normalised(text), known)


def _grams(text: str, known: Container[str]) -> list[str]:
    """langdetect's n-gram loop over normalised text (the state is reset after every space)."""
    out: list[str] = []
    grams = " "
    capital = False
    for ch in text:
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if ch == " ":
                continue
        elif len(grams) >= N_GRAM:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if ch != " " and ch in known:
            out.append(ch)
        if len(grams) >= 2:
            w = grams[-2:]
            if w in known:
                out.append(w)
            if len(grams) >= 3 and grams in known:
                out.append(grams)
    return out


class RowIndex:
    """langdetect's n-grams of a text as rows of a profile matrix, memoised per word.

    Args:
        rows: n-gram -> row (the profiles' n-grams; others are not counted).
        limit: words kept before the memo starts afresh (news repeats a few thousand words).
    """

    def __init__(self, rows: Mapping[str, int], limit: int = 200_000) -> None:
        self.row = rows
        self.limit = limit
        self._words: dict[str, list[int]] = {}

    def rows(self, text: str) -> list[int]:
        """The rows of ``extract(text, rows)``, in the same order."""
        pieces = normalised(text).split(" ")
        last = len(pieces) - 1
        memo = self._words
        if len(memo) > self.limit:
            memo.clear()
        out: list[int] = []
        for k, word in enumerate(pieces):
            if not word:
                continue
            key = word + " " if k < last else word  # a word followed by a space ends in two more n-grams
            got = memo.get(key)
            if got is None:
                got = memo[key] = [self.row[g] for g in _grams(key, self.row)]
            out.extend(got)
        return out
