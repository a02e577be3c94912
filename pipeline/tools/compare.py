"""``python -m pipeline.tools.compare BEFORE AFTER``: are two runs' tables byte-identical?

For a change that must not change the output (a speed-up, a refactoring), run the pipeline (or
``make eval``) before and after into two folders and compare them. Every ``run.json`` under
BEFORE (a run's output folder, or a tree of them such as ``outputs/eval``) is matched with the
same folder under AFTER, and every table's SHA-256 recorded there is compared; for a CSV table
that differs, the first differing line is shown. Exit status 0 when every table is identical,
1 otherwise (2 when a folder has no run to compare).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from ..output.tables import MANIFEST


@dataclass(frozen=True, slots=True)
class Difference:
    run: str  # the run's folder, relative to the compared roots
    table: str
    detail: str

    def __str__(self) -> str:
        return f"{self.run or '.'}: {self.table}: {self.detail}"


def runs(root: Path) -> list[Path]:
    """The output folders under ``root`` (those holding a ``run.json``), relative to it, sorted."""
    return sorted(p.parent.relative_to(root) for p in root.rglob(MANIFEST))


def _tables(folder: Path) -> dict[str, dict[str, object]]:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    tables: dict[str, dict[str, object]] = manifest.get("tables", {})
    return tables


def first_difference(a: Path, b: Path) -> str:
    """Where two text files first differ: 'line N: <a> | <b>' (each shortened)."""
    with a.open(encoding="utf-8", newline="") as fa, b.open(encoding="utf-8", newline="") as fb:
        for n, (la, lb) in enumerate(zip_longest(fa, fb), start=1):
            if la != lb:
                def show(line: str | None) -> str:
                    return "(end of file)" if line is None else repr(line.rstrip("\n")[:100])
                return f"line {n}: {show(la)} | {show(lb)}"
    return "same lines (the bytes differ elsewhere)"


def compare(before: Path, after: Path) -> list[Difference]:
    """Every table of every run under ``before`` that is missing or different under ``after``."""
    out: list[Difference] = []
    for rel in runs(before):
        a, b = before / rel, after / rel
        name = rel.as_posix() if str(rel) != "." else ""
        if not (b / MANIFEST).is_file():
            out.append(Difference(name, "*", f"no {MANIFEST} under {after}"))
            continue
        ta, tb = _tables(a), _tables(b)
        for table in sorted(set(ta) | set(tb)):
            if table not in tb or table not in ta:
                out.append(Difference(name, table, "only in " + ("before" if table in ta else "after")))
            elif ta[table]["sha256"] != tb[table]["sha256"]:
                file_a, file_b = a / str(ta[table]["file"]), b / str(tb[table]["file"])
                detail = (first_difference(file_a, file_b) if file_a.suffix == ".csv" and file_b.suffix == ".csv"
                          else "different SHA-256")
                out.append(Difference(name, table, f"rows {ta[table]['rows']} -> {tb[table]['rows']}, {detail}"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.compare", description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path, help="output folder (or a tree of them) of the first run")
    ap.add_argument("after", type=Path, help="the same for the second run")
    args = ap.parse_args(argv)
    found = runs(args.before)
    if not found:
        print(f"error: no {MANIFEST} under {args.before}: nothing to compare", file=sys.stderr)
        return 2
    diffs = compare(args.before, args.after)
    for d in diffs:
        print(d)
    n_tables = sum(len(_tables(args.before / rel)) for rel in found)
    print(f"compared {n_tables} tables of {len(found)} run(s): "
          + ("all identical" if not diffs else f"{len(diffs)} differ"), file=sys.stderr)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
