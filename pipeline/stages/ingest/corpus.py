"""The corpus: walking folders, reading ``.txt`` files and JSONL records, each input accounted for.

Every file, folder entry and JSONL line becomes a ``RawInput`` or an ``ErrorRow`` saying why it
is not a document. Reading files is the only I/O of the stages, here at the edge.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ...records import REJECTED, WARNING, ErrorRow, RawInput
from .decode import Decoded, InputError, decode, decode_bytes, normalise_newlines

SUFFIXES = (".txt", ".jsonl")
META_FIELDS = ("title", "published", "url", "outlet")

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
