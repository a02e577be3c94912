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
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language

from .. import __version__, provenance, rulebook
from ..config import Settings


def now() -> str:
    """The current time in UTC, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def build(roots: list[Path], nlp: Language | None, settings: Settings, started: str,
          severities: Counter[str] | dict[str, int], inputs: dict[str, Any], fingerprint: str) -> dict[str, Any]:
    """The manifest of one run (the writer adds ``tables`` when it commits).

    ``inputs`` is ``provenance.table_inputs`` of the run and ``fingerprint`` the cache's hash
    of it: the packages, rules and code listed are exactly what the cache checks. ``nlp`` is
    None when the models were built in the workers only: the model is then described by its
    installed package.
    """
    if nlp is None:
        model = {**inputs["model"], "components": []}
    else:
        meta = nlp.meta
        model = {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version", ""),
                 "components": list(nlp.pipe_names)}
    return {
        "pipeline": {"version": __version__, "package_version": provenance.version("news-pipeline")},
        "python": platform.python_version(),
        "packages": inputs["packages"],
        "model": model,
        "rules": rulebook.for_settings(settings).hashes(),
        "code": inputs["code"],
        "extensions": inputs["extensions"],
        "fingerprint": fingerprint,
        "settings": {f.name: str(v) if isinstance(v := getattr(settings, f.name), Path) else v
                     for f in dataclasses.fields(settings) if f.name != "rules"},
        "corpus": [str(r) for r in roots],
        "started": started,
        "finished": now(),
        "errors_by_severity": dict(sorted(severities.items())),
    }
