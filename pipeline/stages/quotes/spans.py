"""What the quote stage produces and shares: ``QuoteSpan`` (one row), an attribution found, and
the per-document context attribution reads (paragraphs, quoted tokens)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SPEAKER_LABELS = ("PERSON", "ORG")  # entity labels of names that speak (a title's name, "said X")

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("news_parts"):
    # (kind, start_char, end_char) of the article's parts, set by the runner
    Doc.set_extension("news_parts", default=None)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # content, quote marks excluded
    end: int
    type: str  # direct, partial, indirect
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    speaker: str
    speaker_kind: str  # person, organisation, pronoun-resolved, pronoun, group, description
    speaker_title: str
    speaker_org: str


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: Span | None
    speaker: Span | None  # None: the source is left unnamed ("is expected to", "was told")


class _Context:
    """What attribution needs to know about one document: paragraphs, quoted tokens, entities."""

    def __init__(self, doc: Doc, paras: list[tuple[int, int]], quoted: list[tuple[int, int]],
                 text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token on each access: once
        self.ents = doc.ents  # so does doc.ents, from the tokens' tags
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.has_sents = doc.has_annotation("SENT_START")  # a scan of the doc: ask once
        self.quoted = [False] * len(doc)
        k = 0
        marks = sorted(_with_marks(self.text, s, e) for s, e in quoted)
        for tok in doc:
            while k < len(marks) and marks[k][1] <= tok.idx:
                k += 1
            self.quoted[tok.i] = k < len(marks) and marks[k][0] <= tok.idx

    def para_of(self, char: int) -> tuple[int, int]:
        k = bisect_right(self.para_starts, char) - 1
        if k >= 0 and char <= self.paras[k][1]:
            return self.paras[k]
        return 0, len(self.text)

    def para_index(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1


def _with_marks(text: str, start: int, end: int, reach: int = 2) -> tuple[int, int]:
    """A quote's content span widened by the marks around it (``“``, ``,' ”``): at most ``reach``
    characters each way and never into a word, so the name glued to a closing mark
    (``awful,”Clinton said``) stays outside the quote."""
    s, e = start, end
    while s > max(0, start - reach) and not text[s - 1].isalnum():
        s -= 1
    while e < min(len(text), end + reach) and not text[e].isalnum():
        e += 1
    return s, e


def _entity_around(tok: Token) -> Span:
    """The entity covering ``tok``, from the IOB tags (scanning ``doc.ents`` per quote was
    quadratic); the token alone when it is in none."""
    doc = tok.doc
    if not tok.ent_type_:
        return doc[tok.i:tok.i + 1]
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_Found = tuple[int, int, str, _Attribution]


def rows(doc: Doc) -> Iterable[QuoteSpan]:
    return doc._.quotes or []
