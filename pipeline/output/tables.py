"""The tables: one schema per table (the data dictionary is generated from it) and the writer.

Columns are the fields of the row dataclasses in ``records.py``, in order; every column
has a description here, and ``docs/tables.md`` is generated from these schemas.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import records
from .manifest import sha256_file

RECORDS: dict[str, type] = {
    "documents": records.Document,
    "segments": records.Segment,
    "references": records.Reference,
    "zh_tokens": records.ZhToken,
    "entities": records.Entity,
    "entity_summary": records.EntitySummary,
    "quotes": records.Quote,
    "errors": records.ErrorRow,
}

TABLE_DOCS = {
    "documents": "One row per input document (a .txt file or a JSONL record).",
    "segments": "One row per part of a document: date lines, title, paragraphs, reference lines, byline.",
    "references": "One row per item of the article's reference list (`Outlet– “Title`).",
    "zh_tokens": "One row per jieba token of the Chinese text (titles, reference titles, Chinese paragraphs).",
    "entities": "One row per entity mention (English from spaCy, Chinese from jieba's POS tags).",
    "entity_summary": "One row per canonical entity per document.",
    "quotes": "One row per attributed quote; a split quote is two rows sharing the speaker.",
    "errors": "One row per rejected input, failed stage of a document, or warning about a document.",
}

_COMMON = {
    "doc_id": "Document key: a hash of `source` and `line`, stable across runs, workers and engines.",
    "segment_id": "Index of the segment within its document (0-based, text order).",
    "start_char": "Start offset (Python string index) into the document text.",
    "end_char": "End offset (exclusive) into the document text.",
    "lang": "ISO 639-1 language code (`und` when the text has no letters).",
    "lang_score": ("Confidence of `lang`, 0 to 1: its probability among the languages of its script, "
                   "times the share of the text's letters in that script."),
    "script": "ISO 15924 script for CJK text (`Hans`, `Hant`, `Jpan`, `Kore`); empty otherwise.",
    "text": "The span's text: always `document_text[start_char:end_char]`.",
    "label": "spaCy entity label (PERSON, ORG, GPE, NORP, LOC, FAC, DATE, ...).",
    "kind": "What the entity is: person, agency, organisation, company, media outlet, country, city or region, "
            "world region, nationality, ...",
    "canonical": "One name per real-world entity within a document (full name, acronym expanded, aliases merged).",
    "country_code": "ISO 3166-1 alpha-2 code of the country the entity is or names; empty otherwise.",
    "region": ("World region of a place or nationality: its country's continent (GeoNames; `Americas` for North "
               "and South America, as in UN M49), or for a place spanning countries, which has no `country_code` "
               "(`Europe`, `Middle East`), the region it lies in; empty for other entities."),
    "source": "Path of the input file, relative to the corpus root.",
    "line": "1-based line number in a JSONL file; empty for a .txt article.",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "source_id": "The JSONL record's `id`, or the file stem for a .txt article.",
        "encoding": "Encoding the bytes were decoded with (`utf-8`, `utf-8-sig`, `gb18030`, ...).",
        "lang": "Language of most of the document's letters (ISO 639-1).",
        "lang_score": "Share of the document's letters in `lang`.",
        "script": "Script variant of a Chinese document (`Hans`, `Hant`).",
        "lang_shares": "Share of letters per language, e.g. `en:0.93 zh:0.07`: a mixed document shows here.",
        "title": "The headline when the article has one (first short line, or the JSONL `title`).",
        "published": "Publication date, ISO 8601 (from the article's date line or the JSONL `published`).",
        "page_date": "Date of the page the article was captured from, when a second date line precedes it.",
        "byline": "Author named by the byline (`Compiled and edited by NAME`, `By NAME`).",
        "url": "JSONL `url`, when given.",
        "outlet": "JSONL `outlet`, when given.",
        "n_chars": "Length of the text in characters.",
        "n_paragraphs": "Number of body paragraphs.",
    },
    "segments": {
        "kind": "page_date, dateline, title, paragraph, reference_header, reference or byline.",
        "lang": "Language of the segment.",
    },
    "references": {
        "ref_index": "Index of the reference within the document (0-based).",
        "segment_id": "The reference line's segment.",
        "outlet": "The outlet as written in English.",
        "outlet_native": "The outlet's native name given in parentheses (`人民网`); empty if none.",
        "title": "The referenced article's title (`text[start_char:end_char]`).",
        "title_lang": "Language of the title.",
        "start_char": "Start of the title in the document text.",
        "end_char": "End of the title in the document text.",
    },
    "zh_tokens": {
        "token_index": "Index of the token within its segment (0-based).",
        "token": "The token: `text[start_char:end_char]`.",
        "pos": "jieba POS tag (ICTCLAS set: n, v, nr person, ns place, nt organisation, ...).",
    },
    "entities": {
        "entity_id": "Index of the entity within its document (0-based, text order).",
        "text": "The mention as written: `text[start_char:end_char]`.",
        "lang": "Language of the mention: `en` (spaCy) or `zh` (jieba).",
        "canonical": ("One name per real-world entity within a document, shared by English and Chinese mentions "
                      "(full name, acronym expanded, aliases merged); a compound naming several countries "
                      "(`Sino-American`) gives one row per country, same span."),
        "country_code": ("ISO 3166-1 alpha-2 of the country the entity is, lies in (Beijing -> CN; "
                         "`Tallahassee, Florida`, one place, -> US; `Birmingham` -> GB, or US in an article about "
                         "the US) or names as a nationality (Chinese -> CN); empty for a place spanning countries "
                         "(see `region`) and for other entities."),
    },
    "entity_summary": {
        "mentions": "Number of mentions of the canonical entity in the document.",
        "first_start": "Start offset of its first mention.",
    },
    "quotes": {
        "quote_id": "Index of the quote within its document (0-based, text order).",
        "quote_start": "Start of the quoted content, quote marks excluded.",
        "quote_end": "End of the quoted content, quote marks excluded.",
        "quote_text": "`text[quote_start:quote_end]`.",
        "quote_type": "direct (a quoted sentence), partial (a quoted fragment inside the writer's sentence) or "
                      "indirect (reported speech, no quote marks).",
        "cue": "The cue as written (`said`, `According to`, `–`); empty for a floating quote.",
        "cue_start": "Start of the cue; empty when there is none.",
        "cue_end": "End of the cue; empty when there is none.",
        "speaker_text": "The speaker mention at the attribution, as written (`He`, `Krepon`, "
                        "`A representative from Pakistan`).",
        "speaker_start": "Start of the speaker mention.",
        "speaker_end": "End of the speaker mention.",
        "speaker": "The speaker resolved to a full name (pronouns, surnames, titles and roles resolved), or an "
                   "organisation's canonical name (`White House`, `Hillary Clinton campaign`); empty when unnamed.",
        "speaker_kind": "person, organisation, pronoun-resolved, pronoun (unresolved) or description (unnamed).",
        "speaker_title": "The speaker's title (`Director General`) from the mention or an earlier appositive.",
        "speaker_org": "The speaker's organisation, acronyms expanded (`China Manned Space Agency`).",
    },
    "errors": {
        "source": "Path of the input, relative to the corpus root.",
        "doc_id": "The document's id when it was created before the failure; empty for a rejected input.",
        "stage": "ingest, prepare, chinese, nlp or finish (where it happened).",
        "error": "Error class or code (`InputError`, `JSONDecodeError`, `TooLarge`, `DuplicateId`, ...).",
        "message": "What was found and what is allowed.",
        "severity": "`rejected`: the input (file, folder entry or JSONL line) is not in documents.csv; "
                    "`error`: a stage failed on a kept document, whose rows from that stage are missing; "
                    "`warning`: the document is complete but was repaired or looks wrong (duplicate id, "
                    "replaced bytes, a paragraph cut for the parser).",
    },
}

INT_TYPES = {int, "int"}

# Output formats of a run (``--formats``), in the order they are listed in help texts.
FORMATS: tuple[str, ...] = ("csv", "parquet", "duckdb")
DATABASE = "pipeline.duckdb"

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection");
# tab and carriage return are on OWASP's list too, since some spreadsheets strip them first.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def columns(table: str) -> list[str]:
    return [f.name for f in dataclasses.fields(RECORDS[table])]


def describe(table: str, column: str) -> str:
    return DESCRIPTIONS.get(table, {}).get(column) or _COMMON.get(column, "")


def _dtype(field: dataclasses.Field[Any]) -> str:
    t = str(field.type)
    if t == "int":
        return "int64"
    if t == "int | None":
        return "Int64"
    if t == "float":
        return "float64"
    return "string"


def dtypes(table: str) -> dict[str, str]:
    return {f.name: _dtype(f) for f in dataclasses.fields(RECORDS[table])}


_ARROW = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a table: the same columns and types as the CSV, nullable ints stay ints."""
    return pa.schema([pa.field(c, _ARROW[t], nullable=(t != "int64")) for c, t in dtypes(table).items()])


def data_dictionary() -> str:
    """The data dictionary in Markdown, generated from the schemas (tables) and ``database.VIEWS`` (views)."""
    from . import database

    out = ["# Tables", "", "Generated by `python -m pipeline schema` from `pipeline/tables.py` and",
           "`pipeline/database.py`; do not edit by hand.",
           "Offsets are Python string indices into the document text after decoding and newline",
           "normalisation (CRLF/CR -> LF). Rows are sorted by input order (corpus walk order,",
           "then JSONL line), then by position in the text.", "",
           "Each table is written as `TABLE.csv`, `TABLE.parquet` and/or a table of `pipeline.duckdb`,",
           "as chosen by `--formats` (default `csv`). The columns and types are the same in every format;",
           "in CSV an empty cell is an empty string or a missing number. With `--safe-csv`, a CSV text",
           "cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that",
           "a spreadsheet shows it as text instead of running it as a formula (off by default: the CSV",
           "then no longer holds `text[start_char:end_char]` exactly).", ""]
    for table in RECORDS:
        out += [f"## {table}.csv", "", TABLE_DOCS[table], "", "| column | type | description |", "|---|---|---|"]
        out += [f"| {c} | {t} | {describe(table, c)} |" for c, t in dtypes(table).items()]
        out.append("")
    out += database.dictionary()
    return "\n".join(out)


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas: ``=1+1`` becomes ``'=1+1``.

    Only text columns change; numbers (including negative ones) are left as numbers.
    """
    out = df.copy()
    for col, dtype in out.dtypes.items():
        if pd.api.types.is_string_dtype(dtype):
            s = out[col].astype("string")
            risky = s.str.startswith(FORMULA_PREFIXES).fillna(False)
            if risky.any():
                out[col] = s.mask(risky, "'" + s)
    return out


def parse_formats(value: str | Sequence[str]) -> tuple[str, ...]:
    """``"csv,parquet"`` -> ``("csv", "parquet")``; raises ``ValueError`` naming what is allowed."""
    items = value.split(",") if isinstance(value, str) else list(value)
    chosen = [f.strip().lower() for f in items if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"unknown output format {', '.join(map(repr, unknown)) or '(none given)'}; "
                         f"allowed: {', '.join(FORMATS)} (comma-separated)")
    return tuple(f for f in FORMATS if f in chosen)


def read_table(out_dir: Path, table: str) -> pd.DataFrame:
    """One table of a run's output folder, from Parquet, else DuckDB, else CSV, with the schema's types."""
    parquet = out_dir / f"{table}.parquet"
    if parquet.exists():
        return pd.read_parquet(parquet).astype(dtypes(table))
    if (out_dir / DATABASE).exists():
        import duckdb

        with duckdb.connect(str(out_dir / DATABASE), read_only=True) as con:
            return con.execute(f'SELECT * FROM "{table}"').df().astype(dtypes(table))
    csv = out_dir / f"{table}.csv"
    if not csv.exists():
        raise FileNotFoundError(f"no {table}.parquet, {DATABASE} or {table}.csv in {out_dir}: run the pipeline first")
    types = dtypes(table)
    df = pd.read_csv(csv, dtype={c: ("string" if t == "string" else "float64" if t == "float64" else "Int64")
                                 for c, t in types.items()}, keep_default_na=False,
                     na_values={c: [""] for c, t in types.items() if t != "string"})
    return df.astype(types)


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table of a run's output folder (see ``read_table``)."""
    return {table: read_table(out_dir, table) for table in RECORDS}


def write_csv(df: pd.DataFrame, path: Path, *, safe: bool = False, bom: bool = False, append: bool = False) -> None:
    """One table as CSV; ``safe`` neutralises formula cells, ``bom`` helps spreadsheets see UTF-8."""
    (spreadsheet_safe(df) if safe else df).to_csv(path, mode="a" if append else "w", header=not append, index=False,
                                                  encoding="utf-8-sig" if bom and not append else "utf-8")


def frame(table: str, rows: Iterable[object]) -> pd.DataFrame:
    """Rows of one table as a DataFrame with the schema's columns and types."""
    cols = columns(table)
    # fields are plain values: a shallow getter, not dataclasses.astuple, which deep-copies every
    # field and took half the time of an incremental run (6 s of 12 for 840 cached articles)
    get = operator.attrgetter(*cols)
    values = [get(r) for r in rows] if len(cols) > 1 else [(get(r),) for r in rows]
    df = pd.DataFrame(values, columns=cols)
    return df.astype(dtypes(table)) if len(df) else df.astype(dtypes(table), errors="ignore")


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

