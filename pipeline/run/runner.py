"""The stream: inputs in batches to an engine, rows back in input order to the table writer.

Data flows one way: ``ingest`` yields inputs, an engine runs ``tasks.run_batch`` (the stages
of ``stages.document``) on each batch, and the rows go to ``output.tables.TableWriter`` in
input order; the incremental cache (``cache``) stands in for the stages where it can.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from .. import provenance, rulebook
from ..batching import bounded_runs
from ..config import Settings
from ..output import manifest
from ..output.tables import TableWriter
from ..records import REJECTED, WARNING, ErrorRow, RawInput
from ..stages import ingest
from ..stages.document import DocRows
from . import engines, tasks
from .cache import RowCache, content_key, decode_rows, encode_rows, fingerprint
from .engines import Engine, Pending


def _batches(items: Iterable[RawInput | ErrorRow], size: int,
             max_chars: int | None = None) -> Iterator[list[RawInput | ErrorRow]]:
    """Batches of at most ``size`` inputs and, when ``max_chars`` is set, at most that many characters.

    spaCy's working memory grows with the tokens of a batch, not with their number: the
    character bound cuts a batch of long articles short, so peak memory is the same on any
    corpus. A document longer than the bound is a batch alone.
    """
    return bounded_runs(items, lambda item: len(item.text) if isinstance(item, RawInput) else 0, max_chars, size)


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


def make_engine(settings: Settings, task: engines.Task, warm: engines.Warm, nlp: Language | None,
                small: bool) -> engines.Engine:
    """The engine the settings ask for.

    Args:
        settings: ``engine``, ``workers`` and ``scheduler`` choose it.
        task: what runs on each batch, ``task(batch, settings)`` (``nlp`` too, in this process).
        warm: run once in each worker process before its first batch.
        nlp: an already loaded pipeline for in-process runs (saves loading it again).
        small: the whole corpus fits in one batch; a local pool would only add start-up.
    """
    if settings.engine == "dask":
        from .engine_dask import DaskEngine  # imported only for --engine dask: distributed is slow to import

        return DaskEngine(task, settings)
    if settings.engine != "local":
        raise ValueError(f"engine {settings.engine!r} is not one of ['local', 'dask']")
    if settings.workers <= 1 or small:
        return engines.InProcess(task, settings, nlp)
    return engines.ProcessPool(task, warm, settings, settings.workers)


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
                    engine = make_engine(settings, tasks.run_batch, tasks.warm, nlp, small=first and last)
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
