"""Where batches run: in this process, or in a pool of worker processes on this machine.

An engine takes batches of inputs and hands back, per batch, the rows of every input in
input order. Each worker process loads the spaCy pipeline once (``worker_nlp``) and
keeps it for every batch it runs; batches, not single documents, cross the process
boundary, so the cost of moving data is paid once per batch. The runner decides the
order rows are written in, so what an engine returns never depends on which worker
finished first.
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol

from spacy.language import Language

from ..config import Settings
from ..records import ErrorRow, RawInput

Batch = list[RawInput | ErrorRow]

# One pipeline per process and per (model, rule book): loaded on first use, then reused.
_NLP: dict[tuple[str, str], Language] = {}


def worker_nlp(settings: Settings) -> Language:
    """The spaCy pipeline of this process, built once.

    The rules come from ``settings.rules``, the book the run read (it travels with the
    settings), so a worker needs no ``models/`` folder; without a book the folder is read here.
    """
    from ..rulebook import for_settings
    from ..stages import nlp as nlp_mod

    book = for_settings(settings)
    key = (settings.model, book.digest)
    if key not in _NLP:
        _NLP[key] = nlp_mod.build(settings.with_(rules=book))
    return _NLP[key]


def run_batch(batch: Batch, settings: Settings) -> list:
    """Every stage over one batch in this process (the task a worker runs)."""
    from .runner import process_batch

    return process_batch(batch, worker_nlp(settings), settings)


class Pending(Protocol):
    def result(self) -> list: ...


class Engine(Protocol):
    """Runs batches; ``slots`` is how many batches may be in flight at once."""

    slots: int

    def submit(self, batch: Batch) -> Pending: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, value: list) -> None:
        self.value = value

    def result(self) -> list:
        return self.value


class InProcess:
    """Batches run here, one at a time, with ``nlp`` (built on first use when not given)."""

    slots = 1

    def __init__(self, settings: Settings, nlp: Language | None = None) -> None:
        self.settings, self.nlp = settings, nlp

    def submit(self, batch: Batch) -> Pending:
        from .runner import process_batch

        if self.nlp is None:
            self.nlp = worker_nlp(self.settings)
        return _Done(process_batch(batch, self.nlp, self.settings))

    def close(self) -> None:
        pass


def _init_worker(settings: Settings) -> None:
    worker_nlp(settings)


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's imports (spaCy takes seconds to import); spawn where fork is absent
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ProcessPool:
    """``workers`` processes on this machine; each loads the models once, at start."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.slots = 2 * workers  # one running and one queued per worker keeps them busy
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                        initializer=_init_worker, initargs=(settings,))

    def submit(self, batch: Batch) -> Pending:
        future: Future[list] = self.pool.submit(run_batch, batch, self.settings)
        return future

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_engine(settings: Settings, nlp: Language | None, small: bool) -> Engine:
    """The engine the settings ask for.

    Args:
        settings: ``engine``, ``workers`` and ``scheduler`` choose it.
        nlp: an already loaded pipeline for in-process runs (saves loading it again).
        small: the whole corpus fits in one batch; a local pool would only add start-up.
    """
    if settings.engine == "dask":
        from .engine_dask import DaskEngine

        return DaskEngine(settings)
    if settings.engine != "local":
        raise ValueError(f"engine {settings.engine!r} is not one of ['local', 'dask']")
    if settings.workers <= 1 or small:
        return InProcess(settings, nlp)
    return ProcessPool(settings, settings.workers)

