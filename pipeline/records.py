"""Named, typed records: one dataclass per table row, plus what flows between stages.

Every ``*_start``/``*_end`` pair is a Python string index into the document text
(after decoding and newline normalisation), so ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input document as read from the corpus, before any analysis."""

    source: str  # path relative to the corpus root
    source_id: str  # JSONL record id, or the file stem
    line: int | None  # 1-based JSONL line number; None for a .txt file
    text: str
    encoding: str
    order: int  # position in the corpus walk: the sort key of every table
    meta: dict[str, str] = field(default_factory=dict)  # JSONL title, published, url, outlet


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    source: str
    source_id: str
    line: int | None
    encoding: str
    lang: str
    lang_score: float
    script: str
    lang_shares: str  # "en:0.71 zh:0.29": the share of letters in each language
    title: str
    published: str  # ISO 8601 date, or empty
    page_date: str
    byline: str
    url: str
    outlet: str
    n_chars: int
    n_paragraphs: int


@dataclass(frozen=True, slots=True)
class Segment:
    doc_id: str
    segment_id: int
    kind: str  # title, page_date, dateline, paragraph, reference_header, reference, byline
    start_char: int
    end_char: int
    lang: str
    lang_score: float
    script: str
    text: str


@dataclass(frozen=True, slots=True)
class Reference:
    doc_id: str
    ref_index: int
    segment_id: int
    outlet: str
    outlet_native: str
    title: str
    title_lang: str
    start_char: int  # the title's span
    end_char: int


@dataclass(frozen=True, slots=True)
class ZhToken:
    doc_id: str
    segment_id: int
    token_index: int
    token: str
    pos: str
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class Entity:
    doc_id: str
    entity_id: int
    start_char: int
    end_char: int
    text: str
    label: str
    kind: str
    canonical: str
    country_code: str
    region: str
    lang: str


@dataclass(frozen=True, slots=True)
class Quote:
    doc_id: str
    quote_id: int
    quote_start: int
    quote_end: int
    quote_text: str
    quote_type: str  # direct, partial, indirect
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    speaker: str  # resolved full name; empty when unnamed
    speaker_kind: str
    speaker_title: str
    speaker_org: str


# ErrorRow.severity: how an input fared. Exactly the inputs with a ``rejected`` row are
# missing from documents.csv; ``error`` and ``warning`` rows belong to a kept document.
REJECTED = "rejected"  # the input (file, folder or JSONL line) is not a document
ERROR = "error"  # a stage failed on a kept document: that stage's rows are missing
WARNING = "warning"  # the document is complete, but something was repaired or looks wrong
SEVERITIES = (REJECTED, ERROR, WARNING)


@dataclass(frozen=True, slots=True)
class ErrorRow:
    source: str
    line: int | None
    doc_id: str
    stage: str
    error: str  # exception class or short code
    message: str
    severity: str = ERROR  # last, with a default, so positional construction keeps working


@dataclass(frozen=True, slots=True)
class EntitySummary:
    doc_id: str
    canonical: str
    label: str
    kind: str
    country_code: str
    region: str
    mentions: int
    first_start: int


@dataclass(frozen=True, slots=True)
class Alias:
    """What a name written one way stands for (rows of models/en/aliases.csv, models/zh/aliases.csv)."""

    canonical: str
    label: str
    kind: str
    country_code: str

    @classmethod
    def of(cls, row: dict[str, str]) -> Alias:
        """The alias of a rules-CSV row with the columns of ``ALIAS_COLUMNS``."""
        return cls(row["canonical"], row["label"], row["kind"], row["country_code"])


ALIAS_COLUMNS = ("canonical", "label", "kind", "country_code")  # the columns ``Alias.of`` reads
