"""The run manifest, ``run.json``: when, with what code, model, rules and settings.

The tables themselves hold no timestamps (two runs over the same corpus write identical
bytes); everything that varies between runs lives here. The table writer adds each
table's row count and SHA-256 and commits ``run.json`` last, so a manifest always
describes the tables beside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language

from . import __version__
from .config import Settings

# Libraries whose versions change the tables.
PACKAGES = ("spacy", "pandas", "langdetect", "jieba", "charset-normalizer", "python-dateutil", "pypinyin",
            "pycountry", "opencc-python-reimplemented")


def now() -> str:
    """The current time in UTC, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def rule_files(models_dir: Path) -> dict[str, str]:
    """SHA-256 of every rule file under ``models_dir`` (path relative to it -> hash)."""
    if not models_dir.is_dir():
        return {}
    return {p.relative_to(models_dir).as_posix(): sha256_file(p)
            for p in sorted(models_dir.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def build(roots: list[Path], nlp: Language | None, settings: Settings, started: str,
          severities: Counter[str] | dict[str, int]) -> dict[str, Any]:
    """The manifest of one run (the writer adds ``tables`` when it commits).

    ``nlp`` is None when the models were built in the workers only: the model is then
    described by its installed package.
    """
    if nlp is None:
        from .nlp import model_name

        name = model_name(settings)
        model = {"name": name, "version": _version(name.replace("_", "-")), "components": []}
    else:
        meta = nlp.meta
        model = {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version", ""),
                 "components": list(nlp.pipe_names)}
    return {
        "pipeline": {"version": __version__, "package_version": _version("news-pipeline")},
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in PACKAGES},
        "model": model,
        "rules": rule_files(settings.models_dir),
        "settings": {f.name: str(v) if isinstance(v := getattr(settings, f.name), Path) else v
                     for f in dataclasses.fields(settings)},
        "corpus": [str(r) for r in roots],
        "started": started,
        "finished": now(),
        "errors_by_severity": dict(sorted(severities.items())),
    }
