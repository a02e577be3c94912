"""The table writer: rows appended batch by batch to temporary files, moved into place atomically.

Schemas are in ``schema``, the conversion of rows to frames and CSV in ``frames``; the DuckDB
database is built from the Parquet files at commit (``database``).
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .frames import frame, write_csv
from .manifest import sha256_file
from .schema import DATABASE, RECORDS, arrow_schema, parse_formats

if TYPE_CHECKING:
    import pyarrow.parquet as pq

MANIFEST = "run.json"
JOURNAL = ".commit.json"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out_dir: Path) -> bool:
    """Finish a commit that was interrupted (``JOURNAL`` present) and remove the temporary
    folders of dead runs. Returns True when a commit was finished.

    A journal is written only once every new file is complete, so rolling it forward
    always yields the new complete outputs.
    """
    finished = False
    journal = out_dir / JOURNAL
    if journal.exists():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            tmp = out_dir / plan["tmp"]
            for name in plan["files"]:
                if (tmp / name).exists():
                    os.replace(tmp / name, out_dir / name)
            finished = True
        except (OSError, ValueError, KeyError, TypeError):
            pass  # an unreadable journal: its own write was interrupted; the old outputs stand
        journal.unlink(missing_ok=True)
    for tmp in out_dir.glob(".tmp-*"):
        pid = tmp.name.removeprefix(".tmp-")
        if tmp.is_dir() and not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))):
            shutil.rmtree(tmp, ignore_errors=True)
    return finished


class TableWriter:
    """Appends rows batch by batch to temporary files; ``commit`` moves them into place.

    Nothing in ``out_dir`` changes until ``commit``. ``formats`` chooses CSV, Parquet and/or
    DuckDB (the database is built from the Parquet files at commit); ``safe_csv`` neutralises
    formula cells in the CSV only. ``commit`` first writes a journal naming the complete new
    files, then moves them in (``run.json`` last), removes files of the formats not chosen (so
    the folder never mixes two runs) and removes the journal. A run killed before the journal
    exists leaves the previous outputs; one killed during the moves leaves the journal, and the
    next writer (the next run) finishes the moves before it starts. ``run.json`` records every
    table's SHA-256, so a reader can check that the tables beside it belong together.
    """

    def __init__(self, out_dir: Path, formats: Sequence[str] = ("csv",), *, safe_csv: bool = False) -> None:
        self.formats = parse_formats(formats)
        self.safe_csv = safe_csv
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        self.tmp = out_dir / f".tmp-{os.getpid()}"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir()
        self.counts = {t: 0 for t in RECORDS}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self.severities: Counter[str] = Counter()
        if "parquet" in self.formats or "duckdb" in self.formats:
            import pyarrow.parquet as pq  # only these formats need pyarrow (0.2 s to import)
        for table in RECORDS:
            if "csv" in self.formats:
                write_csv(frame(table, []), self.tmp / f"{table}.csv")
            if "parquet" in self.formats or "duckdb" in self.formats:
                self._parquet[table] = pq.ParquetWriter(self.tmp / f"{table}.parquet", arrow_schema(table))

    def write(self, table: str, rows: list[object]) -> None:
        if not rows:
            return
        df = frame(table, rows)
        if "csv" in self.formats:
            write_csv(df, self.tmp / f"{table}.csv", safe=self.safe_csv, append=True)
        if table in self._parquet:
            import pyarrow as pa

            self._parquet[table].write_table(pa.Table.from_pandas(df, schema=arrow_schema(table), preserve_index=False))
        self.counts[table] += len(rows)
        if table == "errors":
            self.severities.update(r.severity for r in rows)  # type: ignore[attr-defined]

    def commit(self, manifest: dict[str, Any] | None = None) -> None:
        """Move the complete outputs (and ``run.json`` when a manifest is given) into place."""
        self._close()
        if "duckdb" in self.formats:
            from . import database

            database.build(self.tmp / DATABASE, {t: self.tmp / f"{t}.parquet" for t in RECORDS})
        files = [f"{table}.{fmt}" for table in RECORDS for fmt in ("csv", "parquet") if fmt in self.formats]
        if "duckdb" in self.formats:
            files.append(DATABASE)
        for name in files:
            _fsync(self.tmp / name)
        if manifest is not None:
            fmt = "csv" if "csv" in self.formats else "parquet"
            manifest = dict(manifest, tables={
                table: {"rows": self.counts[table], "file": f"{table}.{fmt}",
                        "sha256": sha256_file(self.tmp / f"{table}.{fmt}")} for table in RECORDS})
            (self.tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
            _fsync(self.tmp / MANIFEST)
            files.append(MANIFEST)
        journal = self.out_dir / JOURNAL
        (self.tmp / JOURNAL).write_text(json.dumps({"tmp": self.tmp.name, "files": files}), encoding="utf-8")
        _fsync(self.tmp / JOURNAL)
        os.replace(self.tmp / JOURNAL, journal)  # the commit point
        for name in files:
            os.replace(self.tmp / name, self.out_dir / name)
        stale = [f"{t}.{fmt}" for t in RECORDS for fmt in ("csv", "parquet") if fmt not in self.formats]
        for name in stale + ([] if "duckdb" in self.formats else [DATABASE]):
            (self.out_dir / name).unlink(missing_ok=True)
        _fsync(self.out_dir)
        journal.unlink()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def abort(self) -> None:
        """Drop the temporary tables, unless the commit point was passed: then finish it."""
        self._close()
        journal = self.out_dir / JOURNAL
        if journal.exists() and self.tmp.name in journal.read_text(encoding="utf-8", errors="replace"):
            recover(self.out_dir)
            return
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _close(self) -> None:
        for w in self._parquet.values():
            w.close()
        self._parquet.clear()
