"""One document's stages, start to finish: what a batch of inputs becomes as rows.

``prepare`` runs what needs no spaCy (structure, language, Chinese); the spaCy pipeline
(``nlp``) analyses the English view of every prepared document of a batch together;
``finish`` turns the analysed ``Doc`` and the Chinese mentions into entity and quote rows.
``process_batch`` chains them and keeps every input accounted for: a stage that fails costs
only its own rows, recorded as an error row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .. import rulebook
from ..config import Settings
from ..records import (
    REJECTED,
    WARNING,
    Document,
    Entity,
    EntitySummary,
    ErrorRow,
    Quote,
    RawInput,
    Reference,
    Segment,
    ZhToken,
)
from ..rulebook import RuleBook
from . import chinese, entities, ingest, language, longtext, places, quotes, zh_entities

# Characters handed to jieba, not to the English model: masked with spaces so offsets hold.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


doc_id_for = ingest.doc_id_for  # ingest names every input, so duplicate-id warnings carry the doc_id


@dataclass(slots=True)
class DocRows:
    """Every row one document contributes to the tables."""

    documents: list[Document] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    zh_tokens: list[ZhToken] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    entity_summary: list[EntitySummary] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    errors: list[ErrorRow] = field(default_factory=list)


@dataclass(slots=True)
class Prepared:
    """A document after the stages that need no spaCy: structure, language, Chinese."""

    raw: RawInput
    doc_id: str
    article: ingest.Article
    rows: DocRows
    zh_mentions: list[tuple[int, int, str]]


def prepare(raw: RawInput, settings: Settings) -> Prepared:
    """Ingest structure, language and Chinese stages of one document (pure)."""
    doc_id = doc_id_for(raw.source, raw.line)
    text = raw.text
    rows = DocRows()
    article = ingest.parse_article(text, raw.meta)
    letters: list[tuple[str, int]] = []
    book = rulebook.for_settings(settings)
    lang_rules = language.rules_of(book)
    zh_rules = zh_entities.load_rules(book)
    mentions: list[tuple[int, int, str]] = []
    for sid, part in enumerate(article.parts):
        seg_text = text[part.start:part.end]
        found = language.parts(seg_text, lang_rules)
        lr = language.from_parts(seg_text, found)
        letters.extend((p.lang, p.letters) for p in found)
        rows.segments.append(Segment(doc_id, sid, part.kind, part.start, part.end, lr.lang, lr.score, lr.script,
                                     seg_text))
        try:
            toks = chinese.segment(text, part.start, part.end, book)
        except Exception as exc:  # one segment's failure must not cost the document
            rows.errors.append(ErrorRow(raw.source, raw.line, doc_id, "chinese", type(exc).__name__, str(exc)))
            continue
        rows.zh_tokens.extend(ZhToken(doc_id, sid, k, t.text, t.pos, t.start, t.end) for k, t in enumerate(toks))
        mentions.extend(zh_entities.token_mentions(toks, zh_rules))
    for k, ref in enumerate(article.references):
        title_lang = language.detect(ref.title, lang_rules).lang
        rows.references.append(Reference(doc_id, k, ref.part_index, ref.outlet, ref.outlet_native, ref.title,
                                         title_lang, ref.title_start, ref.title_end))
    share = language.shares(letters)
    if share:
        doc_lang, doc_score = next(iter(share.items()))
    else:
        doc_lang, doc_score = language.UNDETERMINED, 0.0
        rows.errors.append(ErrorRow(raw.source, raw.line, doc_id, "language", "und",
                                    f"lang is 'und': the document has {language.NO_LETTERS}", WARNING))
    script = language.chinese_script(text) if doc_lang == "zh" else ""
    rows.documents.append(Document(
        doc_id, raw.source, raw.source_id, raw.line, raw.encoding, doc_lang, doc_score, script,
        " ".join(f"{k}:{v}" for k, v in share.items()), article.title, article.published, article.page_date,
        article.byline, raw.meta.get("url", ""), raw.meta.get("outlet", ""), len(text),
        sum(p.kind == "paragraph" for p in article.parts)))
    return Prepared(raw, doc_id, article, rows, mentions)


def english_view(text: str) -> str:
    """The text with CJK characters blanked: same length, so spaCy offsets are document offsets."""
    return CJK.sub(" ", text)


def finish(prep: Prepared, doc: Doc | None, book: RuleBook) -> DocRows:
    """Turn the analysed spaCy ``Doc`` and the Chinese mentions into entity and quote rows."""
    rows, doc_id = prep.rows, prep.doc_id
    text = prep.raw.text
    ents: list[tuple[int, int, str, str, str, str, str, str]] = []
    gazetteer = entities.load_rules(book).places
    if doc is not None:
        ents.extend(english_entities(doc, outlet_names(prep.article)))
        for k, q in enumerate(quotes.rows(doc)):
            # the text the model saw has its CJK characters masked: the speaker as written is the source's
            said_by = q.speaker_text if q.speaker_start is None else text[q.speaker_start:q.speaker_end]
            rows.quotes.append(Quote(doc_id, k, q.start, q.end, text[q.start:q.end], q.type, q.cue, q.cue_start,
                                     q.cue_end, said_by, q.speaker_start, q.speaker_end, q.speaker,
                                     q.speaker_kind, q.speaker_title, q.speaker_org))
    for s, e, label in prep.zh_mentions:
        zh_label, kind, canonical, code = zh_entities.describe(text[s:e], label, book)
        region = places.region_of(canonical, code, gazetteer) if zh_label in entities.CODED_LABELS else ""
        ents.append((s, e, zh_label, kind, canonical, code, region, "zh"))
    ents.sort()
    rows.entities = [Entity(doc_id, k, s, e, text[s:e], label, kind, canonical, code, region, lang)
                     for k, (s, e, label, kind, canonical, code, region, lang) in enumerate(ents)]
    rows.entity_summary = summarise(rows.entities)
    return rows


def outlet_names(article: ingest.Article) -> set[str]:
    """The outlets of the article's reference list, as cleaned names ("The Diplomat" -> "Diplomat")."""
    return {entities.clean_name(r.outlet) for r in article.references if r.outlet.strip()}


def english_entities(doc: Doc, outlets: set[str]) -> list[tuple[int, int, str, str, str, str, str, str]]:
    """Entity rows of the spaCy ``Doc``: a compound naming several countries gives one row per country.

    A name that the article's reference list uses as an outlet is a media outlet (ORG), unless
    its head word says what it is ("Stimson Center" publishes, but is a think tank).
    """
    out = []
    for e in doc.ents:
        label, kind, canonical = e.label_, e._.kind, e._.canonical
        if (label in ("ORG", "PERSON", "WORK_OF_ART", "PRODUCT") and entities.clean_name(e.text) in outlets
                and kind in ("organisation", "person", "work_of_art", "product")
                and not entities.has_known_head(canonical, doc)):
            label, kind = "ORG", "media outlet"
        if e._.countries:  # "Sino-American": one row per country, each with its own region
            rules = doc._.entity_rules
            for name, code in e._.countries:
                region = places.region_of(name, code, rules.places) if rules is not None else ""
                out.append((e.start_char, e.end_char, label, kind, name, code, region, "en"))
        else:
            out.append((e.start_char, e.end_char, label, kind, canonical, e._.country_code, e._.region, "en"))
    return out


def summarise(entities: list[Entity]) -> list[EntitySummary]:
    """One row per (canonical, label) with its mention count and first offset."""
    count: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Entity] = {}
    for ent in entities:
        key = (ent.canonical, ent.label)
        count[key] += 1
        first.setdefault(key, ent)
    return [EntitySummary(e.doc_id, e.canonical, e.label, e.kind, e.country_code, e.region, count[k], e.start_char)
            for k, e in sorted(first.items(), key=lambda kv: kv[1].start_char)]


def process_batch(batch: list[RawInput | ErrorRow], nlp: Language, settings: Settings) -> list[DocRows]:
    """All stages for one batch, results in input order."""
    out: list[DocRows] = []
    prepared: list[Prepared] = []
    slots: list[DocRows | Prepared] = []
    for item in batch:
        if isinstance(item, ErrorRow):
            slots.append(DocRows(errors=[item]))
            continue
        if not item.text.strip():
            slots.append(DocRows(errors=[ErrorRow(item.source, item.line, "", "ingest", "EmptyDocument",
                                                  "the document has no text (empty or whitespace only)", REJECTED)]))
            continue
        try:
            prep = prepare(item, settings)
        except Exception as exc:
            slots.append(DocRows(errors=[ErrorRow(item.source, item.line, doc_id_for(item.source, item.line),
                                                  "prepare", type(exc).__name__, str(exc), REJECTED)]))
            continue
        prepared.append(prep)
        slots.append(prep)
    book = rulebook.for_settings(settings)
    docs = []
    for prep in prepared:
        d = nlp.make_doc(english_view(prep.raw.text))
        d._.news_parts = [(p.kind, p.start, p.end) for p in prep.article.parts]
        docs.append(d)
    analysed = iter(_pipe(nlp, docs, prepared, settings.parse_chunk_chars))
    for slot in slots:
        if isinstance(slot, DocRows):
            out.append(slot)
            continue
        doc, errs = next(analysed)
        try:
            rows = finish(slot, doc, book)
        except Exception as exc:  # the document row stands; its entity and quote rows are lost
            rows = slot.rows
            rows.entities, rows.entity_summary, rows.quotes = [], [], []
            errs.append(ErrorRow(slot.raw.source, slot.raw.line, slot.doc_id, "finish", type(exc).__name__, str(exc)))
        rows.errors.extend(errs)
        out.append(rows)
    return out


def _pipe(nlp: Language, docs: list[Doc], prepared: list[Prepared],
          chunk_chars: int) -> Iterator[tuple[Doc | None, list[ErrorRow]]]:
    """spaCy over the batch (long documents in chunks, see ``longtext``); a document that
    fails is recorded and costs only its own entity and quote rows."""
    for (doc, exc, warning), prep in zip(longtext.pipe(nlp, docs, chunk_chars), prepared, strict=True):
        errs = []
        if exc is not None:
            errs.append(ErrorRow(prep.raw.source, prep.raw.line, prep.doc_id, "nlp", type(exc).__name__, str(exc)))
        if warning:
            errs.append(ErrorRow(prep.raw.source, prep.raw.line, prep.doc_id, "nlp", "LongParagraph", warning, WARNING))
        yield doc, errs
