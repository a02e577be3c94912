"""``python -m pipeline.tools.place_codes``: the share of place rows that carry a country code.

Issue 14 asks for a country code on every place inside a country. This runs the pipeline over
one slice of PolNeAR articles and reads ``entities.csv``: the share of GPE rows with a
``country_code``, and of GPE and LOC rows with a code or a world region (``region``; a place
spanning countries has a region only).

Slices (PolNeAR train files sorted by name; the files of the news check, ``news_ner_gold.tsv``,
and the speaker samples, ``speaker_keptaside*.txt``, are left out of every train slice):

- ``dev``: the PolNeAR dev articles;
- ``fresh``: train positions [-200:-100], the slice the country-code rules are tuned on;
- ``kept``: train positions [-300:-200], chosen before any of its rows were read and kept aside:
  report its totals, never read its rows (``--show`` refuses it).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..config import SHARED_DIR, Settings

TOOLS = Path(__file__).parent
SLICES = {"fresh": (-200, -100), "kept": (-300, -200)}
TUNE = ("dev", "fresh")


def excluded(tools: Path = TOOLS) -> set[str]:
    """File stems other checks keep for themselves: the news check's articles and the speaker samples."""
    from .news_ner_check import read_gold
    from .speaker_gold import kept_aside_stems

    return set(read_gold(tools / "news_ner_gold.tsv")) | kept_aside_stems()


def slice_files(name: str, shared: Path = SHARED_DIR) -> list[Path]:
    """The article files of one slice (see the module's docstring)."""
    if name == "dev":
        return sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt"))
    lo, hi = SLICES[name]
    text_dir = shared / "data" / "polnear" / "train" / "text"
    skip = excluded()
    return [text_dir / f for f in sorted(os.listdir(text_dir))[lo:hi] if Path(f).stem not in skip]


@dataclass(frozen=True, slots=True)
class Shares:
    gpe: int  # GPE rows
    gpe_coded: int  # ... with a country code
    places: int  # GPE and LOC rows
    places_placed: int  # ... with a code or a world region

    def line(self) -> str:
        return (f"GPE rows with a code {self.gpe_coded}/{self.gpe} = {self.gpe_coded / max(self.gpe, 1):.3f}; "
                f"GPE+LOC with a code or region {self.places_placed}/{self.places} = "
                f"{self.places_placed / max(self.places, 1):.3f}")


def rows(entities_csv: Path) -> list[dict[str, str]]:
    with open(entities_csv, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["label"] in ("GPE", "LOC")]


def shares(place_rows: list[dict[str, str]]) -> Shares:
    gpe = [r for r in place_rows if r["label"] == "GPE"]
    return Shares(len(gpe), sum(bool(r["country_code"]) for r in gpe), len(place_rows),
                  sum(bool(r["country_code"] or r["region"]) for r in place_rows))


def uncoded(place_rows: list[dict[str, str]]) -> list[tuple[str, int]]:
    """Uncoded GPE rows and LOC rows without code or region, by text, most frequent first."""
    counts = Counter(f"{r['label']} {r['text']}" for r in place_rows
                     if not r["country_code"] and (r["label"] == "GPE" or not r["region"]))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def coded(place_rows: list[dict[str, str]]) -> list[tuple[str, int]]:
    """GPE rows with a code, as ``text -> code``, most frequent first (to read codes a change adds)."""
    counts = Counter(f"{r['text']} -> {r['country_code']}" for r in place_rows if r["label"] == "GPE"
                     and r["country_code"])
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def measure(files: list[Path], out: Path, model: str = "") -> list[dict[str, str]]:
    from ..run.runner import run

    run(files, out, None, Settings(quiet=True, force=True, workers=1).with_(model=model or None))
    return rows(out / "entities.csv")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.place_codes", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("slices", nargs="*", default=list(TUNE), choices=("dev", *SLICES))
    ap.add_argument("--model", default="", help="spaCy pipeline (default: the pipeline's default model)")
    ap.add_argument("--show", action="store_true", help="list uncoded rows (tune slices only)")
    ap.add_argument("--coded", action="store_true", help="list coded GPE rows with their codes (tune slices only)")
    ap.add_argument("--keep", type=Path, default=None, help="write the run's tables here instead of a temp folder")
    args = ap.parse_args(argv)
    if (args.show or args.coded) and any(s not in TUNE for s in args.slices):
        ap.error("--show/--coded list rows of the tune slices only (dev, fresh)")
    for name in args.slices:
        files = slice_files(name)
        if not files:
            print(f"{name}: no files found")
            continue
        with tempfile.TemporaryDirectory(prefix="place-codes-") as tmp:
            out = (args.keep / name) if args.keep else Path(tmp)
            out.mkdir(parents=True, exist_ok=True)
            place_rows = measure(files, out, args.model)
        print(f"{name} ({len(files)} articles): {shares(place_rows).line()}")
        if args.show:
            print("\n".join(f"  {n:3} {t}" for t, n in uncoded(place_rows)))
        if args.coded:
            print("\n".join(f"  {n:3} {t}" for t, n in coded(place_rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
