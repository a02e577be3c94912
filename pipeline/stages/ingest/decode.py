"""Decoding: the bytes of an input to text, with the reason when they are not text.

A byte-order mark decides; then strict UTF-8; then UTF-8 with a few invalid bytes; then the
legacy encodings Chinese and Western news is found in, each scored by how much everyday text
it makes; charset-normalizer last. Line breaks become LF and nothing else changes, so offsets
into the decoded text are the offsets of every table.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer


class InputError(ValueError):
    """An input that cannot become a document; the message says why."""


# ---------------------------------------------------------------- decoding


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Tried in this order when the bytes are not UTF-8; the most plausible decoding wins and
# ties go to the earlier one. charset-normalizer alone guesses wrong on short texts
# (two-character GB18030 names come out as cp949, cp1252 apostrophes as Big5-HKSCS,
# Latin-1 French as cp1250), so it is only asked when none of these is plausible.
CANDIDATES: tuple[str, ...] = ("gb18030", "big5", "cp1252", "latin-1")
# Share of the non-ASCII bytes a decoding must explain with plausible characters.
PLAUSIBLE = 0.9
# Plausibility is judged on the first characters only (the whole file must still decode).
SAMPLE_CHARS = 20_000
# Above this share of control, unassigned or private-use characters the bytes are binary.
MAX_CONTROL_SHARE = 0.05
# Letters and punctuation of Western text in cp1252/Latin-1 (not ª º ¹ ¤ ¦ ¨ ¯ ¸ × ÷: the
# bytes of GB18030/Big5 text decoded as cp1252 are full of them).
_LATIN_OK = frozenset(
    [chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷"]
    + list("ŒœŠšŽžŸƒ“”‘’‚„–—…«»‹›€£¥¢°§©®™•·¡¿\u00a0±½¼¾²³µ¶")
)
_CJK_PUNCT = frozenset("“”‘’—…·–")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used and a warning when bytes were replaced."""

    text: str
    encoding: str
    warning: str = ""


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The 6,763 Han characters of GB 2312: everyday simplified Chinese."""
    chars = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@lru_cache(maxsize=1)
def _to_simplified() -> Callable[[str], str]:
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s").convert  # type: ignore[no-any-return]


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def _cjk_score(text: str, encoding: str) -> float:
    """Share of non-ASCII bytes that decode to everyday Chinese (traditional via t2s)."""
    simplified = _to_simplified()(text)
    if len(simplified) != len(text):  # t2s changed the length: compare character by character anyway
        simplified = "".join(_to_simplified()(ch) for ch in text)
    common = _common_han()
    good = total = 0
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        n = len(ch.encode(encoding, errors="replace"))
        total += n
        if _is_han(ch):
            # a lone Han character glued between Latin letters is a Latin letter pair misread
            glued = (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha()
                     and i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalpha())
            ok = simplified[i] in common and not glued
        else:
            ok = "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in _CJK_PUNCT
        good += n if ok else 0
    return good / total if total else 1.0


def _latin_score(text: str) -> float:
    """Share of non-ASCII characters in short runs of Western letters and punctuation."""
    good = total = 0
    run: list[str] = []
    for ch in text + "a":
        if ch >= "\x80":
            run.append(ch)
            continue
        if run:
            total += len(run)
            if len(run) <= 2 and all(c in _LATIN_OK for c in run):
                good += len(run)
            run = []
    return good / total if total else 1.0


def _plausibility(text: str, encoding: str) -> float:
    return _cjk_score(text, encoding) if encoding in ("gb18030", "big5") else _latin_score(text)


# Characters no text contains: C0/C1 controls (but tab, LF, VT, FF, CR); in 8-bit decodings
# private-use code points too (GB18030 maps its unassigned byte pairs there).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_OR_PRIVATE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")


def control_share(text: str, private_use: bool = True) -> float:
    """Share of characters that no text contains: controls (but tab and line breaks) and,
    with ``private_use``, private-use code points. A regex count, fast on a 20 MB text."""
    if not text:
        return 0.0
    pattern = _CONTROL_OR_PRIVATE if private_use else _CONTROL
    return sum(1 for _ in pattern.finditer(text)) / len(text)


def _check_text(decoded: Decoded) -> Decoded:
    """Unicode text (valid UTF-8/16/32) is binary only when full of control characters."""
    share = control_share(decoded.text, private_use=False)
    if share > MAX_CONTROL_SHARE:
        raise InputError(f"binary data: {share:.0%} of the characters decoded as {decoded.encoding} are control "
                         f"characters (at most {MAX_CONTROL_SHARE:.0%} allowed)")
    return decoded


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes (a truncated file, one corrupt byte): decoded with U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ch >= "\x80" and ch != "\ufffd")
    if bad <= 0 or multibyte < 1 or bad > max(1, multibyte // 20):
        return None
    return Decoded(text, "utf-8", f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD "
                                  f"(the rest of the file, {multibyte} non-ASCII characters, is valid UTF-8)")


def decode_bytes(data: bytes) -> Decoded:
    """Decode the bytes of one input, choosing the encoding; see ``decode``.

    Raises:
        InputError: binary data, or no encoding gives plausible text.
    """
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(Decoded(data.decode(name), name))
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {name} byte-order mark but does not decode: {exc}") from exc
    if b"\x00" in data:
        raise InputError("binary data: NUL bytes and no byte-order mark (UTF-16/32 text needs a BOM)")
    try:
        return _check_text(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _check_text(mostly)
    scored: list[tuple[float, int, Decoded]] = []
    controls = 0.0
    for rank, name in enumerate(CANDIDATES):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        share = control_share(text)
        if share > MAX_CONTROL_SHARE:
            controls = max(controls, share)
            continue
        scored.append((_plausibility(text[:SAMPLE_CHARS], name), -rank, Decoded(text, name)))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if scored and scored[0][0] >= PLAUSIBLE:
        return scored[0][2]
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding is not None:
        guess = Decoded(str(best), best.encoding)
        if control_share(guess.text) <= MAX_CONTROL_SHARE:
            return guess
    if scored and scored[0][0] >= 0.5:
        return scored[0][2]
    if not scored and controls:
        raise InputError(f"binary data: not UTF-8, and {controls:.0%} of the characters in any 8-bit decoding are "
                         f"control characters (at most {MAX_CONTROL_SHARE:.0%} allowed)")
    tried = ", ".join(f"{d.encoding} {score:.0%}" for score, _, d in scored) or "none decodes"
    raise InputError(f"undecodable: not UTF-8, and no encoding gives plausible text "
                     f"(share of plausible non-ASCII bytes: {tried}; {PLAUSIBLE:.0%} needed)")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    UTF-8 (a BOM is stripped) and BOM-marked UTF-16/32 first; UTF-8 with a few invalid
    bytes (a truncated file) keeps U+FFFD in their place. Otherwise each of
    ``CANDIDATES`` (GB18030, Big5, cp1252, Latin-1) that decodes is scored by the share of
    its non-ASCII bytes that become everyday text (GB 2312 Han characters, traditional ones
    via OpenCC t2s, Western letters in short runs); the best plausible one wins, then
    charset-normalizer's guess. Binary data (NUL bytes without a BOM, or more than 5 %
    control characters) and undecodable bytes raise ``InputError``.
    """
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding
