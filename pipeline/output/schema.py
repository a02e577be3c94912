"""The table schemas: one per table, the columns of its row dataclass (``records.py``) in order.

Every column has a description here; ``docs/tables.md`` (``python -m pipeline schema``) and the
comments of the DuckDB database are generated from them. Pure data and functions: no I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import records

if TYPE_CHECKING:
    import pyarrow as pa

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
        "speaker_kind": "person, organisation, pronoun-resolved, pronoun (unresolved), group (members of a party or "
                        "nation: `Republicans`, `one Democrat`; unnamed) or description (unnamed).",
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


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a table: the same columns and types as the CSV, nullable ints stay ints."""
    import pyarrow as pa  # only the Parquet and DuckDB formats need it

    arrow = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}
    return pa.schema([pa.field(c, arrow[t], nullable=(t != "int64")) for c, t in dtypes(table).items()])


def parse_formats(value: str | Sequence[str]) -> tuple[str, ...]:
    """``"csv,parquet"`` -> ``("csv", "parquet")``; raises ``ValueError`` naming what is allowed."""
    items = value.split(",") if isinstance(value, str) else list(value)
    chosen = [f.strip().lower() for f in items if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"unknown output format {', '.join(map(repr, unknown)) or '(none given)'}; "
                         f"allowed: {', '.join(FORMATS)} (comma-separated)")
    return tuple(f for f in FORMATS if f in chosen)
