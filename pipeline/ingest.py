"""Ingest: walk a corpus, decode files, read JSONL records, find the article's structure.

Reading files is the only I/O here (at the edge, in ``iter_inputs``); the structure
parser ``parse_article`` is a pure function of the text.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from dateutil import parser as dateparser

from .records import ErrorRow, RawInput

SUFFIXES = (".txt", ".jsonl")
META_FIELDS = ("title", "published", "url", "outlet")


class InputError(ValueError):
    """An input that cannot become a document; the message says why."""


# ---------------------------------------------------------------- decoding


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    UTF-8 (a BOM is stripped) and BOM-marked UTF-16/32 first; otherwise the encoding
    is detected by charset-normalizer. Binary data (NUL bytes without a UTF-16/32 BOM)
    and undecodable bytes raise ``InputError``.
    """
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {name} byte-order mark but does not decode: {exc}") from exc
    if b"\x00" in data:
        raise InputError("binary data: NUL bytes and no UTF-16/32 byte-order mark")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("not UTF-8 and no other encoding fits the bytes")
    return str(best), best.encoding


# ---------------------------------------------------------------- corpus walk


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` in sorted order; symlinked folders are not followed (no loops)."""
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def iter_inputs(roots: list[Path], max_bytes: int = 50_000_000) -> Iterator[RawInput | ErrorRow]:
    """Every document of every corpus root, or an error row saying why it is not one.

    ``source`` is the path relative to the corpus root (the file name when the root
    is a file). ``order`` numbers inputs in walk order, the sort key of the tables.
    """
    order = 0
    for root in roots:
        base = root.parent if root.is_file() else root
        for path in _walk(root):
            source = path.relative_to(base).as_posix()
            if path.suffix.lower() not in SUFFIXES:
                yield ErrorRow(source, None, "", "ingest", "UnsupportedFile",
                               f"suffix {path.suffix or '(none)'!r} is not one of {list(SUFFIXES)}")
                continue
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    raise InputError(f"{size} bytes is over the limit of {max_bytes} (setting max_bytes)")
                data = path.read_bytes()
            except (OSError, InputError) as exc:
                yield ErrorRow(source, None, "", "ingest", type(exc).__name__, str(exc))
                continue
            if path.suffix.lower() == ".jsonl":
                for item in _jsonl_records(data, source, order):
                    order += 1
                    yield item
            else:
                try:
                    text, encoding = decode(data)
                    yield RawInput(source, path.stem, None, normalise_newlines(text), encoding, order)
                except InputError as exc:
                    yield ErrorRow(source, None, "", "ingest", "InputError", str(exc))
                order += 1


def _jsonl_records(data: bytes, source: str, order: int) -> Iterator[RawInput | ErrorRow]:
    try:
        text, encoding = decode(data)
    except InputError as exc:
        yield ErrorRow(source, None, "", "ingest", "InputError", str(exc))
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ErrorRow(source, lineno, "", "ingest", "JSONDecodeError", str(exc))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            found = type(record.get("text")).__name__ if isinstance(record, dict) else type(record).__name__
            yield ErrorRow(source, lineno, "", "ingest", "InputError",
                           f"a record must be an object with a string 'text'; found {found}")
            continue
        rid = record.get("id")
        meta = {k: str(record[k]) for k in META_FIELDS if record.get(k) not in (None, "")}
        yield RawInput(source, str(rid) if rid is not None else f"{Path(source).stem}:{lineno}", lineno,
                       normalise_newlines(record["text"]), encoding, order, meta)
        order += 1


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
REFERENCE = re.compile(
    r"(?P<outlet>[^\n–—“”\"()]{1,80}?)\s*(?:\((?P<native>[^()\n]{1,40})\))?\s*[–—-]{1,2}\s*[“\"](?P<title>[^\n]+)$"
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
    close = re.search(r"[”\"]\s*(?:\([^()]*\))?\s*$", title)
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
                for (ls, le), ref in zip(refs, found):
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
