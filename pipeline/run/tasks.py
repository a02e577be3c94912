"""The task an engine runs: every stage over one batch, with this process's spaCy pipeline.

Engines (``engines``, ``engine_dask``) receive ``run_batch`` and ``warm`` as functions and
never import the stages; a worker process loads the pipeline once (``worker_nlp``) and keeps
it for every batch it runs. Both are module-level functions, so a process pool or a Dask
cluster sends them by name.
"""

from __future__ import annotations

from spacy.language import Language

from ..config import Settings
from ..rulebook import for_settings
from ..stages import nlp as nlp_mod
from ..stages.document import DocRows, process_batch
from .engines import Batch

# One pipeline per process and per (model, rule book): loaded on first use, then reused.
_NLP: dict[tuple[str, str], Language] = {}


def worker_nlp(settings: Settings) -> Language:
    """The spaCy pipeline of this process, built once.

    The rules come from ``settings.rules``, the book the run read (it travels with the
    settings), so a worker needs no ``models/`` folder; without a book the folder is read here.
    """
    book = for_settings(settings)
    key = (settings.model, book.digest)
    if key not in _NLP:
        _NLP[key] = nlp_mod.build(settings.with_(rules=book))
    return _NLP[key]


def warm(settings: Settings) -> None:
    """Load this process's pipeline before its first batch (a pool worker's initializer)."""
    worker_nlp(settings)


def run_batch(batch: Batch, settings: Settings, nlp: Language | None = None) -> list[DocRows]:
    """Every stage over one batch, with ``nlp`` when given, else this process's pipeline."""
    return process_batch(batch, nlp if nlp is not None else worker_nlp(settings), settings)
