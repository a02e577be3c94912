"""The tables: one schema per table (the data dictionary is generated from it) and the writer.

Columns are the fields of the row dataclasses in ``records.py``, in order; every column
has a description here, and ``docs/tables.md`` is generated from these schemas.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from . import records

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
    "lang_score": "Confidence of `lang`, 0 to 1 (script share or langdetect probability).",
    "script": "ISO 15924 script for CJK text (`Hans`, `Hant`, `Jpan`, `Kore`); empty otherwise.",
    "text": "The span's text: always `document_text[start_char:end_char]`.",
    "label": "spaCy entity label (PERSON, ORG, GPE, NORP, LOC, FAC, DATE, ...).",
    "kind": "What the entity is: person, agency, organisation, company, media outlet, country, city or region, nationality, ...",
    "canonical": "One name per real-world entity within a document (full name, acronym expanded, aliases merged).",
    "country_code": "ISO 3166-1 alpha-2 code of the country the entity is or names; empty otherwise.",
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
        "quote_type": "direct (a quoted sentence), partial (a quoted fragment inside the writer's sentence) or indirect (reported speech, no quote marks).",
        "cue": "The cue as written (`said`, `According to`, `–`); empty for a floating quote.",
        "cue_start": "Start of the cue; empty when there is none.",
        "cue_end": "End of the cue; empty when there is none.",
        "speaker_text": "The speaker mention at the attribution, as written (`He`, `Krepon`, `A representative from Pakistan`).",
        "speaker_start": "Start of the speaker mention.",
        "speaker_end": "End of the speaker mention.",
        "speaker": "The speaker resolved to a full name (pronouns, surnames and titles resolved); empty when unnamed.",
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


def data_dictionary() -> str:
    """The data dictionary in Markdown, generated from the schemas."""
    out = ["# Tables", "", "Generated by `python -m pipeline schema` from `pipeline/tables.py`; do not edit by hand.",
           "Offsets are Python string indices into the document text after decoding and newline",
           "normalisation (CRLF/CR -> LF). Rows are sorted by input order (corpus walk order,",
           "then JSONL line), then by position in the text.", ""]
    for table in RECORDS:
        out += [f"## {table}.csv", "", TABLE_DOCS[table], "", "| column | type | description |", "|---|---|---|"]
        out += [f"| {c} | {t} | {describe(table, c)} |" for c, t in dtypes(table).items()]
        out.append("")
    return "\n".join(out)


def frame(table: str, rows: Iterable[object]) -> pd.DataFrame:
    """Rows of one table as a DataFrame with the schema's columns and types."""
    cols = columns(table)
    df = pd.DataFrame([dataclasses.astuple(r) for r in rows], columns=cols)  # type: ignore[arg-type]
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

    Nothing in ``out_dir`` changes until ``commit``, which first writes a journal naming
    the complete new files, then moves them in (``run.json`` last) and removes the
    journal. A run killed before the journal exists leaves the previous outputs; one
    killed during the moves leaves the journal, and the next writer (the next run)
    finishes the moves before it starts. ``run.json`` records every table's SHA-256, so
    a reader can check that the tables beside it belong together.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        self.tmp = out_dir / f".tmp-{os.getpid()}"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir()
        self.counts = {t: 0 for t in RECORDS}
        self.severities: Counter[str] = Counter()
        for table in RECORDS:
            frame(table, []).to_csv(self.tmp / f"{table}.csv", index=False)

    def write(self, table: str, rows: list[object]) -> None:
        if not rows:
            return
        frame(table, rows).to_csv(self.tmp / f"{table}.csv", mode="a", header=False, index=False)
        self.counts[table] += len(rows)
        if table == "errors":
            self.severities.update(r.severity for r in rows)  # type: ignore[attr-defined]

    def commit(self, manifest: dict[str, Any] | None = None) -> None:
        """Move the complete tables (and ``run.json`` when a manifest is given) into place."""
        files = [f"{table}.csv" for table in RECORDS]
        for name in files:
            _fsync(self.tmp / name)
        if manifest is not None:
            manifest = dict(manifest, tables={
                table: {"rows": self.counts[table], "sha256": _sha256(self.tmp / f"{table}.csv")} for table in RECORDS})
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
        _fsync(self.out_dir)
        journal.unlink()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def abort(self) -> None:
        """Drop the temporary tables, unless the commit point was passed: then finish it."""
        journal = self.out_dir / JOURNAL
        if journal.exists() and self.tmp.name in journal.read_text(encoding="utf-8", errors="replace"):
            recover(self.out_dir)
            return
        shutil.rmtree(self.tmp, ignore_errors=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()
