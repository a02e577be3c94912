"""The stream: documents in batches through the stages, rows out to the table writer."""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .. import provenance, rulebook
from ..config import Settings
from ..output import manifest
from ..output.tables import TableWriter
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
from ..stages import chinese, entities, ingest, language, longtext, places, quotes, zh_entities
from .cache import RowCache, content_key, decode_rows, encode_rows, fingerprint
from .engines import Engine, Pending, make_engine

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
            rows.quotes.append(Quote(doc_id, k, q.start, q.end, text[q.start:q.end], q.type, q.cue, q.cue_start,
                                     q.cue_end, q.speaker_text, q.speaker_start, q.speaker_end, q.speaker,
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


def _batches(items: Iterable[RawInput | ErrorRow], size: int,
             max_chars: int | None = None) -> Iterator[list[RawInput | ErrorRow]]:
    """Batches of at most ``size`` inputs and, when ``max_chars`` is set, at most that many characters.

    spaCy's working memory grows with the tokens of a batch, not with their number: the
    character bound cuts a batch of long articles short, so peak memory is the same on any
    corpus. A document longer than the bound is a batch alone.
    """
    batch: list[RawInput | ErrorRow] = []
    chars = 0
    for item in items:
        n = len(item.text) if isinstance(item, RawInput) else 0
        if batch and (len(batch) >= size or (max_chars is not None and chars + n > max_chars)):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += n
    if batch:
        yield batch


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


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run did: table counts, documents analysed and reused from the cache, wall time."""

    documents: int
    quotes: int
    entities: int
    errors: int  # rows of errors.csv, all severities
    seconds: float
    rejected: int = 0  # inputs not in documents.csv (errors rows with severity rejected)
    warnings: int = 0
    processed: int = 0  # documents analysed in this run
    reused: int = 0  # documents whose rows came from the incremental cache

    def line(self) -> str:
        return (f"documents={self.documents} rejected={self.rejected} warnings={self.warnings} "
                f"quotes={self.quotes} entities={self.entities} errors={self.errors} "
                f"processed={self.processed} reused={self.reused} seconds={self.seconds:.1f}")


def count_documents(roots: list[Path]) -> int:
    """How many inputs the corpus walk will yield (for the ETA): a .txt file is one, a JSONL line one."""
    n = 0
    for root in roots:
        for item in ingest._walk(root, root.parent if root.is_file() else root):
            if isinstance(item, ErrorRow):  # a skipped entry still gets its row
                n += 1
                continue
            path = item[0]
            if path.suffix.lower() == ".jsonl":
                try:
                    with path.open("rb") as f:
                        n += sum(1 for line in f if line.strip())
                except OSError:
                    n += 1
            else:
                n += 1
    return n


def _lookahead(batches: Iterator[list[RawInput | ErrorRow]]) -> Iterator[tuple[list[RawInput | ErrorRow], bool]]:
    """Each batch with a flag: is it the last one?"""
    prev = next(batches, None)
    while prev is not None:
        cur = next(batches, None)
        yield prev, cur is None
        prev = cur


@dataclass(slots=True)
class _Planned:
    """A batch on its way: cached rows for the inputs seen before, the rest sent to the engine."""

    batch: list[RawInput | ErrorRow]
    keys: list[str | None]
    cached: dict[str, bytes]
    misses: list[RawInput | ErrorRow]
    pending: Pending | None = None


def _plan(batch: list[RawInput | ErrorRow], cache: RowCache, fp: str, force: bool) -> _Planned:
    keys = [content_key(item, fp) if isinstance(item, RawInput) else None for item in batch]
    cached = {} if force else cache.get_many([k for k in keys if k is not None])
    misses = [item for item, k in zip(batch, keys, strict=True) if k is not None and k not in cached]
    return _Planned(batch, keys, cached, misses)


def _land(plan: _Planned, writer: TableWriter, cache: RowCache) -> None:
    """Write a planned batch's rows in input order; store the new ones in the cache."""
    fresh = iter(plan.pending.result() if plan.pending is not None else [])
    tables: dict[str, list[object]] = {t: [] for t in writer.counts}
    stored: list[tuple[str, bytes]] = []
    for item, key in zip(plan.batch, plan.keys, strict=True):
        if key is None:
            tables["errors"].append(item)
        elif key in plan.cached:
            for table, rows in decode_rows(plan.cached[key]).items():
                tables[table].extend(rows)
        else:
            doc_rows: DocRows = next(fresh)
            stored.append((key, encode_rows(doc_rows)))
            for table in tables:
                tables[table].extend(getattr(doc_rows, table))
    for table, rows in tables.items():
        writer.write(table, rows)
    if stored:
        cache.put_many(stored)


def run(roots: list[Path], out_dir: Path, nlp: Language | None, settings: Settings) -> Summary:
    """Process every input under ``roots`` and write the tables into ``out_dir``.

    Inputs stream through in batches of ``settings.batch_size``; at most the engine's
    ``slots`` batches are in flight, so memory depends on the batch size, not the corpus.
    Rows are written in input order (corpus walk, then JSONL line; within a document, by
    position) whichever worker finishes first, so the tables are identical for any
    number of workers and either engine. Inputs whose content key is in the cache are
    not processed again (unless ``settings.force``); their stored rows are written.

    Args:
        roots: corpus folders or files.
        out_dir: where the tables go.
        nlp: a loaded pipeline for in-process runs, or ``None`` to build it where needed.
        settings: batch size, workers, engine, cache and the rest.

    Returns:
        The run's ``Summary``.
    """
    from ..stages import nlp as nlp_mod
    from .progress import Progress

    t0 = time.perf_counter()
    # the rules are read once, here: every batch and worker takes them from the settings
    book = rulebook.for_settings(settings)
    settings = settings.with_(rules=book)
    inputs = provenance.table_inputs(settings, nlp_mod.model_name(settings), book)
    fp = fingerprint(inputs)
    total = None if settings.quiet else count_documents(roots)
    started = manifest.now()
    writer = TableWriter(out_dir, settings.formats, safe_csv=settings.safe_csv)
    cache = RowCache((settings.cache_dir or out_dir / ".cache") / "rows.sqlite")
    progress = Progress(quiet=settings.quiet, stream=sys.stderr, total=total)
    engine: Engine | None = None
    queue: deque[_Planned] = deque()
    processed = reused = 0
    ok = False
    try:
        first = True
        for batch, last in _lookahead(_batches(ingest.iter_inputs(roots, settings.max_doc_chars), settings.batch_size,
                                                      settings.batch_chars)):
            plan = _plan(batch, cache, fp, settings.force)
            if plan.misses:
                if engine is None:
                    engine = make_engine(settings, nlp, small=first and last)
                plan.pending = engine.submit(plan.misses)
            first = False
            processed += len(plan.misses)
            reused += len(plan.cached)
            queue.append(plan)
            # write what is done at the head; wait only when too many batches are in flight
            while queue and (queue[0].pending is None or len(queue) > (engine.slots if engine else 0)):
                head = queue.popleft()
                _land(head, writer, cache)
                progress.update(len(head.batch))
        while queue:
            head = queue.popleft()
            _land(head, writer, cache)
            progress.update(len(head.batch))
        writer.commit(manifest.build(roots, nlp, settings, started, writer.severities, inputs, fp))
        ok = True
    except BaseException:
        writer.abort()
        raise
    finally:
        progress.close()
        if engine is not None:
            engine.close()
        if ok:
            cache.prune()
        cache.close()
    c = writer.counts
    return Summary(c["documents"], c["quotes"], c["entities"], c["errors"], time.perf_counter() - t0,
                   writer.severities[REJECTED], writer.severities[WARNING], processed, reused)
