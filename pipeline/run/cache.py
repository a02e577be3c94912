"""The incremental-run cache: every document's rows, keyed by a hash of its content.

A document whose key is in the cache is not processed again; its rows come from here,
so the tables still describe the whole corpus. The key covers everything that decides
the rows: the text and its metadata, and a fingerprint of what ``provenance`` lists (the
stage code, the rule book, the spaCy model, the library versions and the settings that
change output). Editing a rule file or upgrading the model or a listed library therefore
invalidates every entry, never silently reuses one.

Rows are stored as JSON (not pickle) in one SQLite file: plain values, one writer,
and a crash leaves only complete entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

from .. import provenance
from ..output.schema import RECORDS
from ..records import RawInput

# Bump when the stored form changes.
FORMAT = 1


def fingerprint(inputs: dict[str, Any]) -> str:
    """The cache's part of a content key: the stored form and ``provenance.table_inputs``.

    Args:
        inputs: what decides the rows besides the document (model, library versions, row
            settings, rule book, stage code), as ``provenance.table_inputs`` lists it.

    Returns:
        A hex digest; equal fingerprints mean cached rows are still valid.
    """
    return provenance.digest({"format": FORMAT, **inputs})


def content_key(raw: RawInput, fp: str) -> str:
    """The cache key of one input: its content, where it came from, and the fingerprint."""
    h = hashlib.blake2b(digest_size=16)
    head = json.dumps([fp, raw.source, raw.source_id, raw.line, raw.encoding, sorted(raw.meta.items())])
    h.update(head.encode())
    h.update(b"\x00")
    h.update(raw.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def encode_rows(rows: object) -> bytes:
    """A document's rows (a ``runner.DocRows``) as compressed JSON: table -> list of value lists."""
    out: dict[str, list[list[object]]] = {}
    for table in RECORDS:
        items = getattr(rows, table)
        if items:
            out[table] = [[getattr(r, f.name) for f in dataclasses.fields(r)] for r in items]
    return zlib.compress(json.dumps(out, ensure_ascii=False).encode(), 1)


def decode_rows(blob: bytes) -> dict[str, list[object]]:
    """The inverse of ``encode_rows``: table -> row dataclasses."""
    data = json.loads(zlib.decompress(blob))
    return {table: [RECORDS[table](*values) for values in rows] for table, rows in data.items()}


class RowCache:
    """Rows per content key in one SQLite file; entries unused by a completed run are pruned."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS rows (key TEXT PRIMARY KEY, data BLOB NOT NULL, run INTEGER)")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER)")
        row = self.db.execute("SELECT value FROM meta WHERE name = 'run'").fetchone()
        self.run = (row[0] if row else 0) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (self.run,))
        self.db.commit()

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        """The stored rows of those ``keys`` that are present; marks them used by this run."""
        found: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):  # SQLite caps the number of parameters
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, data FROM rows WHERE key IN ({marks})", chunk).fetchall())
        if found:
            self.db.executemany("UPDATE rows SET run = ? WHERE key = ?", [(self.run, k) for k in found])
        return found

    def put_many(self, items: list[tuple[str, bytes]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)",
                            [(k, data, self.run) for k, data in items])
        self.db.commit()

    def prune(self) -> None:
        """Drop entries this run did not use (documents deleted or changed since)."""
        self.db.execute("DELETE FROM rows WHERE run IS NOT ?", (self.run,))
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()
