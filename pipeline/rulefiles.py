"""Reading the rule files of ``models/``: CSV tables and line lists, ``#`` lines are comments.

A missing file reads as empty, so a researcher can delete a list to switch a rule off.
"""

from __future__ import annotations

import csv
from pathlib import Path


def data_lines(path: Path | None) -> list[str]:
    """The lines of a rules file, stripped, without blank lines and ``#`` comment lines."""
    if path is None or not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def csv_rows(path: Path | None) -> list[dict[str, str]]:
    """The rows of a rules CSV (header line first, ``#`` comment lines anywhere)."""
    if path is None or not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))
