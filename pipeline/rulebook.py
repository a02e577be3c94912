"""The one owner of ``models/``: every rule file of a folder, read once into a ``RuleBook``.

Stages never open a file under ``models/`` themselves: they ask a ``RuleBook`` for a file's
lines, CSV rows, JSONL records or text, by its name relative to the folder
(``en/quote_verbs.txt``). The book holds the bytes it read, so

- its ``digest`` is the fingerprint of exactly the rules the stages use (the cache key and
  ``run.json`` take it from here);
- it travels to worker processes or Dask workers with the settings, and a worker does not
  need ``models/`` at the same path, or at all;
- two books are equal when their contents are, so rules derived from a book can be cached
  per process without going stale when a file is edited.

Formats: ``#`` lines are comments in line lists and CSV tables; a missing file reads as
empty, so deleting a list switches its rule off. Markdown notes (``README.md``) and hidden
files are not rules and are not read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import MODELS_DIR, Settings


class RuleFileError(ValueError):
    """A rule file of ``models/`` that cannot be read as its format says; the message names it."""


def _is_rule_file(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return (path.is_file() and path.suffix != ".md" and path.suffix != ".pyc"
            and not any(p.startswith(".") or p == "__pycache__" for p in parts))


def parse_lines(text: str) -> list[str]:
    """The lines of a rules list, stripped, without blank lines and ``#`` comment lines."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def parse_csv(text: str, columns: Sequence[str] = (), *, source: str = "") -> list[dict[str, str]]:
    """The rows of a rules CSV (header line first, ``#`` comment lines anywhere).

    Args:
        columns: the columns the caller reads; the header must name each of them.
        source: the file's name, for messages.

    Raises:
        RuleFileError: the header lacks one of ``columns``, or a row has more or fewer fields
            than the header (the message names the file and line).
    """
    numbered = [(n, line) for n, line in enumerate(io.StringIO(text, newline=""), start=1)
                if not line.startswith("#")]
    if not numbered:
        return []
    reader = csv.reader(line for _, line in numbered)
    header = next(reader)
    missing = [c for c in columns if c not in header]
    if missing:
        raise RuleFileError(f"{source}: the header ({','.join(header)}) lacks the column(s) {', '.join(missing)}")
    out = []
    for fields in reader:
        # csv counts physical lines; a quoted field may span several, so the row ends at line_num
        n = numbered[reader.line_num - 1][0]
        if not fields:
            continue
        if len(fields) != len(header):
            raise RuleFileError(f"{source}, line {n}: {len(fields)} fields where the header "
                                f"({','.join(header)}) has {len(header)}")
        out.append(dict(zip(header, fields, strict=True)))
    return out


class RuleBook:
    """The rule files of one folder, in memory; equal books have equal contents.

    Args:
        root: the folder the files came from (kept for messages and for code that
            ``components.toml`` imports by a relative path; never read again for rules).
        files: relative POSIX path -> content.
    """

    __slots__ = ("root", "files", "digest")

    def __init__(self, root: Path, files: Mapping[str, bytes]) -> None:
        self.root = root
        self.files = dict(sorted(files.items()))
        h = hashlib.blake2b(digest_size=16)
        for name, data in self.files.items():
            h.update(name.encode() + b"\x00" + hashlib.sha256(data).digest())
        self.digest = h.hexdigest()

    @classmethod
    def read(cls, root: Path) -> RuleBook:
        """Every rule file under ``root`` (a ``models/`` folder)."""
        root = Path(root)
        if not root.is_dir():
            raise FileNotFoundError(f"rules folder {root} does not exist; expected a folder like the "
                                    f"project's models/ ({MODELS_DIR})")
        return cls(root.resolve(), {p.relative_to(root).as_posix(): p.read_bytes()
                                    for p in sorted(root.rglob("*")) if _is_rule_file(p, root)})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleBook) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"RuleBook({str(self.root)!r}, {len(self.files)} files, {self.digest[:12]})"

    def __getstate__(self) -> tuple[Path, dict[str, bytes]]:
        return self.root, self.files

    def __setstate__(self, state: tuple[Path, dict[str, bytes]]) -> None:
        root, files = state
        self.__init__(root, files)  # type: ignore[misc]

    def has(self, name: str) -> bool:
        return name in self.files

    def text(self, name: str) -> str | None:
        """A file's text (UTF-8), or None when the folder has no such file."""
        data = self.files.get(name)
        return None if data is None else data.decode("utf-8")

    def lines(self, name: str) -> list[str]:
        """A line list: stripped lines, no blanks, no ``#`` comments; empty when missing."""
        return parse_lines(self.text(name) or "")

    def fields(self, name: str, count: int, sep: str | None = None) -> list[list[str]]:
        """A list of ``count`` fields a line (``sep``: a tab, or None for any white space), as
        ``lines`` reads it; empty when missing.

        Raises:
            RuleFileError: a line has another number of fields (the message names the file and line).
        """
        out = []
        for n, line in enumerate((self.text(name) or "").splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(sep)
            if len(parts) != count:
                raise RuleFileError(f"{self.root / name}, line {n}: {len(parts)} fields where {count} are expected")
            out.append(parts)
        return out

    def rows(self, name: str, columns: Sequence[str] = ()) -> list[dict[str, str]]:
        """A CSV table's rows as dicts; empty when missing.

        Raises:
            RuleFileError: the header lacks one of ``columns`` (those the caller reads), or a
                row's fields do not match the header (the message names the file and line).
        """
        return parse_csv(self.text(name) or "", columns, source=str(self.root / name))

    def records(self, name: str) -> list[dict[str, Any]]:
        """A JSONL file's records (spaCy's pattern format); empty when missing.

        Raises:
            RuleFileError: a line is not a JSON object (the message names the file and line).
        """
        out = []
        for n, line in enumerate((self.text(name) or "").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RuleFileError(f"{self.root / name}, line {n}: not JSON ({exc.msg}, column {exc.colno}); "
                                    "each line must be one JSON object") from exc
            if not isinstance(record, dict):
                raise RuleFileError(f"{self.root / name}, line {n}: a JSON {type(record).__name__}, "
                                    "where one JSON object per line is expected")
            out.append(record)
        return out

    def validate(self) -> None:
        """Parse every CSV table and JSONL file of the book, so that a malformed one stops a run
        before it starts (stages check the other lists as they read them); stages that load their
        rules lazily (the Chinese ones, on the first Chinese text) would otherwise reject every
        document with the same error.

        Raises:
            RuleFileError: as ``rows`` and ``records`` do (columns are checked where they are read).
        """
        for name in sorted(self.files):
            if name.endswith(".csv"):
                self.rows(name)
            elif name.endswith(".jsonl"):
                self.records(name)

    def hashes(self) -> dict[str, str]:
        """SHA-256 of every file (relative path -> hex digest), for ``run.json``."""
        return {name: hashlib.sha256(data).hexdigest() for name, data in self.files.items()}

    def replace(self, name: str, content: str | None) -> RuleBook:
        """A copy with one file's content changed (None removes it): rules edited in code."""
        files = dict(self.files)
        if content is None:
            files.pop(name, None)
        else:
            files[name] = content.encode("utf-8")
        return RuleBook(self.root, files)

    def write(self, folder: Path) -> None:
        """Write every file under ``folder`` (a component's ``to_disk``)."""
        for name, data in self.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


@lru_cache(maxsize=1)
def default() -> RuleBook:
    """The project's own ``models/``, read once per process (for callers given no book)."""
    return RuleBook.read(MODELS_DIR)


def of(rules: RuleBook | Path | str | None) -> RuleBook:
    """A book from a book, a folder, or None (the project's ``models/``)."""
    if rules is None or rules == "":
        return default()
    if isinstance(rules, RuleBook):
        return rules
    return RuleBook.read(Path(rules))


def for_settings(settings: Settings) -> RuleBook:
    """The rule book of a run: ``settings.rules``, else ``settings.models_dir`` as it is on disk now."""
    if settings.rules is not None:
        return settings.rules
    root = Path(settings.models_dir)
    return _read_unchanged(root, _signature(root))


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    if not root.is_dir():
        return ()
    return tuple((p.as_posix(), (st := p.stat()).st_mtime_ns, st.st_size)
                 for p in sorted(root.rglob("*")) if _is_rule_file(p, root))


@lru_cache(maxsize=8)
def _read_unchanged(root: Path, signature: tuple[tuple[str, int, int], ...]) -> RuleBook:
    """A folder read again only when a file's size or time changed (callers without a run's book)."""
    return RuleBook.read(root)


class FromRuleBook:
    """spaCy's ``initialize``/``to_disk`` pattern for a component whose state comes from a rule book.

    The factory records where the rules are (``source``: a folder, or empty for the project's
    ``models/``) and nothing is read until the component is first used, so a pipeline built in
    a worker never touches that folder when ``initialize(rules=book)`` hands it a book first.
    ``nlp.to_disk`` writes the book beside the component, and ``spacy.load`` of that folder
    reads it back from there (``from_disk``): a saved pipeline needs no ``models/``.
    Subclasses derive their state from a book in ``_load``.
    """

    _source: str = ""
    _book: RuleBook | None = None

    def _load(self, book: RuleBook) -> None:
        raise NotImplementedError

    @property
    def book(self) -> RuleBook:
        """The rule book in use (read from ``source`` on first use)."""
        if self._book is None:
            self.use(of(self._source))
        assert self._book is not None
        return self._book

    def _derived(self, attr: str) -> Any:
        """The state ``_load`` derives (attribute ``attr``), derived from ``source`` on first use."""
        if getattr(self, attr) is None:
            self.use(of(self._source))
        return getattr(self, attr)

    def use(self, book: RuleBook) -> None:
        """Take the rules of ``book`` from now on."""
        self._book = book
        self._load(book)

    def initialize(self, get_examples: object = None, *, nlp: object = None, rules: RuleBook | None = None) -> None:
        """spaCy's initialisation hook: ``rules`` is the rule book to use (unchanged when None)."""
        if rules is not None:
            self.use(rules)

    def to_disk(self, path: str | Path, *, exclude: object = ()) -> None:
        self.book.write(Path(path))

    def from_disk(self, path: str | Path, *, exclude: object = ()) -> FromRuleBook:
        self.use(RuleBook.read(Path(path)))
        return self
