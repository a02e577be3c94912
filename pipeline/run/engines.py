"""Where batches run: in this process, or in a pool of worker processes on this machine.

An engine (``runner.make_engine`` chooses one) takes batches of inputs and hands back, per
batch, the rows of every input in input order. It is given the task to run
(``tasks.run_batch``) and a warm-up for each worker (``tasks.warm``: load the pipeline once),
and knows nothing of the stages or the runner. Batches, not single documents, cross the
process boundary, so the cost of moving data is paid once per batch. The runner decides the
order rows are written in, so what an engine returns never depends on which worker finished
first.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from spacy.language import Language

from ..config import Settings
from ..records import ErrorRow, RawInput

Batch = list[RawInput | ErrorRow]
# task(batch, settings[, nlp]) -> the rows of every input of the batch, in order
Task = Callable[..., list[Any]]
Warm = Callable[[Settings], None]


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
    """Batches run here, one at a time, with ``nlp`` when given (the task loads one otherwise)."""

    slots = 1

    def __init__(self, task: Task, settings: Settings, nlp: Language | None = None) -> None:
        self.task, self.settings, self.nlp = task, settings, nlp

    def submit(self, batch: Batch) -> Pending:
        return _Done(self.task(batch, self.settings, self.nlp))

    def close(self) -> None:
        pass


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's imports (spaCy takes seconds to import); spawn where fork is absent
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ProcessPool:
    """``workers`` processes on this machine; each runs ``warm`` once, at start."""

    def __init__(self, task: Task, warm: Warm, settings: Settings, workers: int) -> None:
        self.task, self.settings = task, settings
        self.slots = 2 * workers  # one running and one queued per worker keeps them busy
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                        initializer=warm, initargs=(settings,))

    def submit(self, batch: Batch) -> Pending:
        future: Future[list] = self.pool.submit(self.task, batch, self.settings)
        return future

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
