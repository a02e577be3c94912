"""``python -m pipeline.tools.ner_halves OUT_DIR``: score a NER dev set in two fixed halves.

Tuning on a whole dev set leaves nothing to check a rule on. This tool splits the records of
a ``gold.jsonl`` (WikiANN English dev by default) into two halves with a fixed seed, decided
before any error was looked at: ``tune`` (``random.Random(SEED).sample(sorted(ids), n // 2)``)
and ``kept`` (the rest). It scores the pipeline output of ``make eval`` (or ``python -m
pipeline.tools.evaluate --only ner``, written to ``OUT_DIR``) on each half like
``../shared/eval/score_ner.py`` (PERSON -> PER, ORG, GPE/LOC/FAC -> LOC; exact spans).
``--show LABEL`` lists the misses and false alarms of one label on the tune half only: the
kept half is read as totals, never case by case.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from ..config import OUTPUTS_DIR, SHARED_DIR

SEED = 14
LABEL_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
LABELS = ("PER", "ORG", "LOC")
Mention = tuple[str, int, int, str]


def halves(ids: list[str], seed: int = SEED) -> dict[str, set[str]]:
    """The record ids split in two: ``tune`` (half, sampled with ``seed``) and ``kept`` (the rest)."""
    ordered = sorted(ids)
    tune = set(random.Random(seed).sample(ordered, len(ordered) // 2))
    return {"tune": tune, "kept": set(ordered) - tune}


def read_gold(gold_dir: Path) -> tuple[list[str], set[Mention]]:
    ids, gold = [], set()
    for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        stem = Path(rec["file"]).stem
        ids.append(stem)
        gold |= {(stem, s, e, lab) for s, e, lab in rec["entities"] if lab in LABELS}
    return ids, gold


def read_pred(out_dir: Path) -> tuple[set[Mention], dict[str, list[tuple[int, int, str, str]]]]:
    """Scored mentions, and every row (any label, with its text) by record id."""
    with open(out_dir / "documents.csv", encoding="utf-8", newline="") as f:
        docs = {r["doc_id"]: r.get("source_id") or Path(r.get("source") or "").stem for r in csv.DictReader(f)}
    pred, rows = set(), defaultdict(list)
    with open(out_dir / "entities.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["doc_id"] not in docs:
                continue
            stem, s, e = docs[r["doc_id"]], int(float(r["start_char"])), int(float(r["end_char"]))
            rows[stem].append((s, e, r["label"], r.get("text", "")))
            if (lab := LABEL_MAP.get(r["label"])) is not None:
                pred.add((stem, s, e, lab))
    return pred, rows


def score(gold: set[Mention], pred: set[Mention], ids: set[str]) -> dict[str, dict[str, float]]:
    """P, R, F1 per label and overall on the records ``ids``."""
    res = {}
    for lab in (*LABELS, "ALL"):
        g = {x for x in gold if x[0] in ids and lab in ("ALL", x[3])}
        p = {x for x in pred if x[0] in ids and lab in ("ALL", x[3])}
        tp = len(g & p)
        prec, rec = (tp / len(p) if p else 0.0), (tp / len(g) if g else 0.0)
        res[lab] = {"p": round(prec, 4), "r": round(rec, 4),
                    "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.ner_halves", description=__doc__)
    ap.add_argument("out", type=Path, nargs="?", default=OUTPUTS_DIR / "eval" / "ner",
                    help="the pipeline's output folder for the set")
    ap.add_argument("--gold", type=Path, default=SHARED_DIR / "data" / "ner_wikiann")
    ap.add_argument("--show", choices=LABELS, default=None, help="list this label's errors on the tune half")
    ap.add_argument("--corpus", type=Path, default=None, help="the corpus JSONL (for --show), default GOLD/corpus")
    args = ap.parse_args(argv)
    ids, gold = read_gold(args.gold)
    pred, rows = read_pred(args.out)
    parts = halves(ids)
    for name in ("tune", "kept"):
        s = score(gold, pred, parts[name])
        print(f"{name:5} " + "  ".join(f"{lab} {s[lab]['f1']:.3f}" for lab in (*LABELS, "ALL"))
              + f"   (ORG p {s['ORG']['p']:.3f} r {s['ORG']['r']:.3f})")
    if args.show:
        corpus = args.corpus or next((args.gold / "corpus").glob("*.jsonl"))
        texts = {}
        for line in corpus.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            texts[str(rec["id"])] = rec["text"]
        for stem in sorted(parts["tune"]):
            g = {(s, e) for i, s, e, lab in gold if i == stem and lab == args.show}
            p = {(s, e) for i, s, e, lab in pred if i == stem and lab == args.show}
            if g == p:
                continue
            text = texts.get(stem, "")
            other = {(s, e): lab for s, e, lab, _ in rows.get(stem, [])}
            gl = {(s, e): lab for i, s, e, lab in gold if i == stem}
            miss = [f"-{text[s:e]!r}({other.get((s, e), '')})" for s, e in sorted(g - p)]
            extra = [f"+{text[s:e]!r}({gl.get((s, e), '')})" for s, e in sorted(p - g)]
            print(f"{stem}\t{' '.join(miss + extra)}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
