"""Ingest: walk a corpus, decode files, read JSONL records, find the article's structure.

Reading files is the only I/O here (at the edge, in ``iter_inputs``); the structure
parser ``parse_article`` is a pure function of the text.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import charset_normalizer
from dateutil import parser as dateparser

from ..records import REJECTED, WARNING, ErrorRow, RawInput

SUFFIXES = (".txt", ".jsonl")
META_FIELDS = ("title", "published", "url", "outlet")


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


# ---------------------------------------------------------------- corpus walk

# Bytes per character at most (UTF-32): a file larger than 4 * max_chars cannot fit. In a
# JSON string a character takes up to 12 bytes (an escaped surrogate pair, \ud83d\ude00).
_MAX_BYTES_PER_CHAR = 4
_MAX_JSON_BYTES_PER_CHAR = 12
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def doc_id_for(source: str, line: int | None) -> str:
    """A stable key for an input: the same file (and JSONL line) always gets the same id."""
    return hashlib.blake2b(f"{source}\x00{line or 0}".encode(), digest_size=8).hexdigest()


def _rejected(source: str, line: int | None, error: str, message: str) -> ErrorRow:
    return ErrorRow(source, line, "", "ingest", error, message, REJECTED)


def _walk(root: Path, base: Path) -> Iterator[tuple[Path, str] | ErrorRow]:
    """Regular files below ``root`` in sorted order, or a row saying why an entry is skipped.

    Symlinked folders are followed once: a folder already walked (a symlink loop, or two
    links to one folder) is reported instead of read again. Hidden entries are skipped.
    """
    if not root.is_dir():
        yield root, root.name if base == root.parent else root.relative_to(base).as_posix()
        return
    seen: dict[tuple[int, int], str] = {}
    stack: list[Path] = [root]
    while stack:
        folder = stack.pop()
        rel = folder.relative_to(base).as_posix() if folder != base else "."
        try:
            st = folder.stat()
        except OSError as exc:
            yield _rejected(rel, None, type(exc).__name__, f"cannot enter folder: {exc.strerror or exc}")
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            loop = seen[key] == "." or rel.startswith(seen[key].rstrip("/") + "/")
            yield _rejected(rel, None, "SymlinkLoop" if loop else "DuplicateFolder",
                            f"symlinked folder leads to {seen[key]!r}, which is "
                            f"{'one of its own parents' if loop else 'read already'}; not read twice")
            continue
        seen[key] = rel
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield _rejected(rel, None, type(exc).__name__, f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            source = path.relative_to(base).as_posix()
            try:
                if entry.is_dir():
                    subfolders.append(path)
                    continue
                mode = entry.stat().st_mode
            except OSError as exc:  # a dangling or self-referencing symlink
                yield _rejected(source, None, type(exc).__name__, f"cannot read: {exc.strerror or exc}")
                continue
            if not stat.S_ISREG(mode):
                yield _rejected(source, None, "NotARegularFile",
                                "a pipe, socket or device, not a file; only regular files are read")
                continue
            yield path, source
        stack.extend(reversed(subfolders))  # depth first, in sorted order


def iter_inputs(roots: list[Path], max_chars: int = 5_000_000) -> Iterator[RawInput | ErrorRow]:
    """Every document of every corpus root, or an error row saying why an input is not one.

    ``source`` is the path relative to the corpus root (the file name when the root is a
    file). ``order`` numbers documents in walk order, the sort key of the tables. Every
    file, folder entry and JSONL line that is not a document yields a ``rejected`` row;
    repairs and duplicate ids yield a ``warning`` row right after the document.

    Args:
        roots: corpus folders or single files.
        max_chars: the largest document, in characters after decoding; larger ones are
            rejected (never read whole: a file over 4 bytes per allowed character is
            rejected from its size).
    """
    counter = itertools.count()
    seen_ids: dict[str, str] = {}
    for root in roots:
        base = root.parent if not root.is_dir() else root
        for item in _walk(root, base):
            if isinstance(item, ErrorRow):
                yield item
                continue
            path, source = item
            suffix = path.suffix.lower()
            if suffix not in SUFFIXES:
                yield _rejected(source, None, "UnsupportedFile",
                                f"suffix {path.suffix or '(none)'!r} is not one of {list(SUFFIXES)}")
                continue
            reader = _jsonl_records(path, source, max_chars) if suffix == ".jsonl" else _txt(path, source, max_chars)
            for entry in reader:
                if isinstance(entry, RawInput):
                    entry = replace(entry, order=next(counter))
                    doc_id = doc_id_for(entry.source, entry.line)
                    where = f"{entry.source}" + (f" line {entry.line}" if entry.line else "")
                    first = seen_ids.setdefault(entry.source_id, where)
                    yield entry
                    if first != where:
                        yield ErrorRow(entry.source, entry.line, doc_id, "ingest", "DuplicateId",
                                       f"id {entry.source_id!r} was already used by {first}; this document is kept "
                                       f"with its own doc_id {doc_id}", WARNING)
                else:
                    yield entry


def _document(source: str, source_id: str, line: int | None, text: str, encoding: str,
              max_chars: int, meta: dict[str, str] | None = None) -> RawInput | ErrorRow:
    """A RawInput, or the row rejecting it as empty or too large."""
    if len(text) > max_chars:
        return _rejected(source, line, "TooLarge",
                         f"{len(text):,} characters is over the limit of {max_chars:,} (--max-chars)")
    if not text.strip():
        return _rejected(source, line, "EmptyDocument", "the document has no text (empty or whitespace only)")
    return RawInput(source, source_id, line, normalise_newlines(text), encoding, 0, meta or {})


def _txt(path: Path, source: str, max_chars: int) -> Iterator[RawInput | ErrorRow]:
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES_PER_CHAR * max_chars + 4:
            raise InputError(f"{size:,} bytes cannot hold at most {max_chars:,} characters (--max-chars)")
        data = path.read_bytes()
    except InputError as exc:
        yield _rejected(source, None, "TooLarge", str(exc))
        return
    except OSError as exc:
        yield _rejected(source, None, type(exc).__name__, f"cannot read: {exc.strerror or exc}")
        return
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        yield _rejected(source, None, "InputError", str(exc))
        return
    doc = _document(source, path.stem, None, decoded.text, decoded.encoding, max_chars)
    yield doc
    if decoded.warning and isinstance(doc, RawInput):
        yield ErrorRow(source, None, doc_id_for(source, None), "ingest", "ReplacedBytes", decoded.warning, WARNING)


def _read_lines(path: Path, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of a file read line by line; None for a line over ``limit`` bytes,
    which is skipped without being held in memory."""
    with path.open("rb") as f:
        head = f.read(4)
        f.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-32 LE starts like UTF-16 LE
            text, _ = decode(f.read())  # not line-delimited bytes: decode whole
            for lineno, line in enumerate(text.split("\n"), start=1):
                yield lineno, line.encode("utf-8")
            return
        lineno = 0
        while raw := f.readline(limit + 1):
            lineno += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield lineno, None
                continue
            yield lineno, raw


def _jsonl_records(path: Path, source: str, max_chars: int) -> Iterator[RawInput | ErrorRow]:
    """One RawInput per JSONL line, or a row saying why the line is not a document.

    Blank lines between records give a warning (nothing is lost); blank lines at the end
    of the file are ignored. A file without any record is rejected as a whole.
    """
    limit = _MAX_JSON_BYTES_PER_CHAR * max_chars + 1024
    blanks: list[int] = []
    records = 0
    try:
        for lineno, raw in _read_lines(path, limit):
            if raw is None:
                records += 1
                yield _rejected(source, lineno, "TooLarge", f"line of over {limit:,} bytes cannot hold at most "
                                                            f"{max_chars:,} characters (--max-chars)")
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                blanks.append(lineno)
                continue
            for blank in blanks:
                yield ErrorRow(source, blank, "", "ingest", "EmptyLine", "blank line between records (skipped)",
                               WARNING)
            blanks = []
            records += 1
            yield from _record(raw, source, lineno, path.stem, max_chars)
    except (OSError, InputError) as exc:
        yield _rejected(source, None, type(exc).__name__, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return
    if not records:
        yield _rejected(source, None, "EmptyFile", "the JSONL file has no records (empty or blank lines only)")


def _record(raw: bytes, source: str, lineno: int, stem: str, max_chars: int) -> Iterator[RawInput | ErrorRow]:
    """The document of one JSONL line, followed by any warning about it."""
    try:
        decoded = Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        try:
            decoded = decode_bytes(raw)
        except InputError as exc:
            yield _rejected(source, lineno, "InputError", str(exc))
            return
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        yield _rejected(source, lineno, "JSONDecodeError",
                        f"not JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object "
                        "with a string 'text'")
        return
    except RecursionError:
        yield _rejected(source, lineno, "JSONDecodeError", "JSON nested too deeply to read; each line must be "
                                                           "one JSON object with a string 'text'")
        return
    if not isinstance(record, dict):
        yield _rejected(source, lineno, "InputError",
                        f"a record must be a JSON object with a string 'text'; found a {_json_type(record)}")
        return
    if "text" not in record:
        fields = ", ".join(sorted(map(str, record))[:10]) or "none"
        yield _rejected(source, lineno, "MissingText", f"the record has no 'text' field (fields: {fields}); "
                                                       "a string 'text' is required")
        return
    text = record["text"]
    if not isinstance(text, str):
        yield _rejected(source, lineno, "InputError", f"'text' is a {_json_type(text)}; a string is required")
        return
    rid = record.get("id")
    source_id = rid if isinstance(rid, str) else f"{stem}:{lineno}" if rid is None else json.dumps(rid)
    meta = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
            for k in META_FIELDS if (v := record.get(k)) not in (None, "")}
    surrogates = len(_SURROGATE.findall(text))
    if surrogates or any(_SURROGATE.search(v) for v in (source_id, *meta.values())):
        text, source_id = _SURROGATE.sub("\ufffd", text), _SURROGATE.sub("\ufffd", source_id)
        meta = {k: _SURROGATE.sub("\ufffd", v) for k, v in meta.items()}
    doc = _document(source, source_id, lineno, text, decoded.encoding, max_chars, meta)
    yield doc
    if not isinstance(doc, RawInput):
        return
    if surrogates:
        yield ErrorRow(source, lineno, doc_id_for(source, lineno), "ingest", "ReplacedCharacters",
                       f"{surrogates} lone surrogate escape(s) (\\ud800-\\udfff) in 'text' replaced by U+FFFD; "
                       "only whole characters can be written", WARNING)
    if decoded.encoding != "utf-8":
        yield ErrorRow(source, lineno, doc_id_for(source, lineno), "ingest", "NotUtf8",
                       f"JSONL line is not UTF-8; decoded as {decoded.encoding} (JSONL must be UTF-8)", WARNING)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


# ---------------------------------------------------------------- article structure

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
DATE_LINE = re.compile(
    rf"^\s*{_WEEKDAY}(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$",
    re.IGNORECASE,
)
REF_HEADER = re.compile(
    r"^(?:for (?:more|further|additional|chinese|english)\b[^\n]{0,150}|further reading|"
    r"related (?:articles|stories|reading)|sources?|references?|see also)\s*[:：]\s*$",
    re.IGNORECASE,
)
# Outlet– “Title   or   Outlet (中文名)– “中文标题
# Possessive \s*+ (never followed by whitespace): two adjacent \s* split a run of spaces every
# possible way, and 4,000 spaces in a reference line took 43 s.
REFERENCE = re.compile(
    r"(?P<outlet>[^\n–—“”\"()]{1,80}?)\s*+(?:\((?P<native>[^()\n]{1,40})\)\s*+)?[–—-]{1,2}\s*+[“\"](?P<title>[^\n]+)$"
)
BYLINE = re.compile(
    r"^(?:(?:(?:compiled|edited|written|reported|translated|prepared)"
    r"(?:\s+(?:and|&)\s+(?:compiled|edited|written|reported|translated))?\s+)?by)\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*\.?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ";", ",", ":", "”", '"')


@dataclass(frozen=True, slots=True)
class Part:
    """A span of the text with its role in the article."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RefSpan:
    part_index: int  # the reference's Part in ``Article.parts``
    outlet: str
    outlet_native: str
    title: str
    title_start: int
    title_end: int


@dataclass(slots=True)
class Article:
    parts: list[Part] = field(default_factory=list)
    references: list[RefSpan] = field(default_factory=list)
    title: str = ""
    published: str = ""
    page_date: str = ""
    byline: str = ""


def iso_date(value: str) -> str:
    """An ISO 8601 date (YYYY-MM-DD) for a written date, or empty when it does not parse."""
    if len(value) > 100:  # a date is short; dateutil's time grows with the text (JSONL 'published')
        return ""
    m = re.fullmatch(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*", value)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    try:
        return dateparser.parse(value, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return ""


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of runs of non-blank lines, outer whitespace excluded."""
    start = None
    pos = 0
    for line in text.split("\n") + [""]:
        end = pos + len(line)
        if line.strip():
            if start is None:
                start = pos + (len(line) - len(line.lstrip()))
            last_end = pos + len(line.rstrip())
        elif start is not None:
            yield start, last_end
            start = None
        pos = end + 1


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for line in text[start:end].split("\n"):
        s = pos + (len(line) - len(line.lstrip()))
        e = pos + len(line.rstrip())
        if e > s:
            yield s, e
        pos += len(line) + 1


def _looks_like_title(block: str, has_more: bool) -> bool:
    if not has_more or "\n" in block or len(block) > 200:
        return False
    words = block.split()
    if not 2 <= len(words) <= 30:
        return False
    capitalised = sum(w[:1].isupper() for w in words if w[:1].isalpha())
    alpha = sum(w[:1].isalpha() for w in words) or 1
    return not block.endswith(_SENTENCE_END) or capitalised / alpha >= 0.6


def _reference(text: str, start: int, end: int, part_index: int) -> RefSpan | None:
    m = REFERENCE.match(text, start, end)
    if not m:
        return None
    t_start, t_end = m.start("title"), m.end("title")
    title = text[t_start:t_end]
    # “Title” (website): a closing mark followed only by a remark ends the title.
    close = re.search(r"[”\"]\s*+(?:\([^()]*\)\s*+)?$", title)  # possessive, as in REFERENCE
    if close:
        t_end = t_start + close.start()
    while t_end > t_start and text[t_end - 1].isspace():
        t_end -= 1
    return RefSpan(part_index, m["outlet"].strip(), (m["native"] or "").strip(),
                   text[t_start:t_end], t_start, t_end)


def parse_article(text: str, meta: dict[str, str] | None = None) -> Article:
    """Find date lines, title, paragraphs, reference lists and byline in an article.

    Date lines before the first paragraph: with two, the first is the page date and
    the second the article's date; with one, it is the article's date. A reference
    list starts at a header line ("For more information ..., see ...:") and holds
    lines written ``Outlet– “Title`` or ``Outlet (中文名)– “中文标题``.
    """
    meta = meta or {}
    art = Article()
    blocks = list(_blocks(text))
    dates: list[int] = []
    in_refs = False
    seen_body = False
    for i, (s, e) in enumerate(blocks):
        block = text[s:e]
        if not seen_body and DATE_LINE.match(block):
            dates.append(len(art.parts))
            art.parts.append(Part("dateline", s, e))
            continue
        if BYLINE.match(block) and (i >= len(blocks) - 3 or not seen_body):
            art.byline = BYLINE.match(block)["name"]  # type: ignore[index]
            art.parts.append(Part("byline", s, e))
            continue
        if REF_HEADER.match(block):
            in_refs = True
            art.parts.append(Part("reference_header", s, e))
            continue
        if in_refs:
            refs = [(ls, le) for ls, le in _lines(text, s, e)]
            found = [_reference(text, ls, le, len(art.parts) + k) for k, (ls, le) in enumerate(refs)]
            if all(found):
                for (ls, le), ref in zip(refs, found, strict=True):
                    art.parts.append(Part("reference", ls, le))
                    art.references.append(ref)  # type: ignore[arg-type]
                continue
            in_refs = False
        if not seen_body and not art.title and _looks_like_title(block, i < len(blocks) - 1):
            art.title = block
            art.parts.append(Part("title", s, e))
            seen_body = True
            continue
        seen_body = True
        art.parts.append(Part("paragraph", s, e))
    if len(dates) >= 2:
        art.parts[dates[0]] = Part("page_date", art.parts[dates[0]].start, art.parts[dates[0]].end)
        art.page_date = iso_date(text[art.parts[dates[0]].start:art.parts[dates[0]].end])
    if dates:
        last = art.parts[dates[-1]]
        art.published = iso_date(text[last.start:last.end])
    if meta.get("published"):
        art.published = iso_date(meta["published"]) or art.published
    if meta.get("title") and not art.title:
        art.title = meta["title"]
    return art
