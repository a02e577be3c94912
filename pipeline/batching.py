"""Consecutive runs of items, bounded in number and in total size: how inputs become batches
(``run.runner``) and how a batch's documents reach the model together (``stages.longtext``).
The model's working memory grows with the characters it is given at once, not with the
number of documents, hence the size bound."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def bounded_runs(items: Iterable[T], size_of: Callable[[T], int], max_size: int | None = None,
                 max_items: int | None = None) -> Iterator[list[T]]:
    """``items`` in order, in runs of at most ``max_items`` items whose sizes add up to at most
    ``max_size`` (None: no bound); an item larger than ``max_size`` is a run alone."""
    run: list[T] = []
    total = 0
    for item in items:
        n = size_of(item)
        if run and ((max_items is not None and len(run) >= max_items)
                    or (max_size is not None and total + n > max_size)):
            yield run
            run, total = [], 0
        run.append(item)
        total += n
    if run:
        yield run
