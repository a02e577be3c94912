"""``make eval``: run the pipeline over every dev set in ../shared/data and score it.

Prints one table (our score beside the plain-tool reference from ../shared/README.md)
and writes ``OUT/eval.json``. Skips, with the reason, when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .config import OUTPUTS_DIR, SHARED_DIR, Settings


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    corpus: str  # relative to shared/data
    gold: str
    scorer: str
    # metric key (in the scorer's JSON, flattened with '.') -> reference score of the plain tool
    reference: dict[str, float]


SETS = (
    EvalSet("quotes", "polnear/dev/text", "polnear/dev", "score_quotes.py",
            {"precision": 0.975, "recall_quoted": 0.446, "recall_all": 0.154, "f1_quoted": 0.612,
             "speaker_acc": 0.808, "strict_p": 0.757, "strict_r": 0.415, "strict_f1": 0.537}),
    EvalSet("ner", "ner_wikiann/corpus", "ner_wikiann", "score_ner.py",
            {"PER.f1": 0.519, "ORG.f1": 0.208, "LOC.f1": 0.367, "ALL.f1": 0.376}),
    EvalSet("langid", "langid/corpus", "langid", "score_langid.py",
            {"all": 0.742, "all/sentences": 0.9846, "zh/single-words": 0.394, "zh/word-pairs": 0.554,
             "zh/sentences": 0.973, "en/single-words": 0.22, "en/word-pairs": 0.596, "en/sentences": 0.998}),
    EvalSet("zhseg", "zhseg/corpus", "zhseg", "score_zhseg.py", {"p": 0.855, "r": 0.789, "f1": 0.821}),
    EvalSet("zhner", "zhner/corpus", "zhner", "score_ner.py",
            {"PER.f1": 0.672, "ORG.f1": 0.490, "LOC.f1": 0.624, "ALL.f1": 0.622}),
)


def flatten(d: dict[str, object], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        elif isinstance(v, int | float):
            out[key] = float(v)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__)
    ap.add_argument("--out", type=Path, default=OUTPUTS_DIR)
    ap.add_argument("--shared", type=Path, default=SHARED_DIR)
    ap.add_argument("--only", nargs="*", default=None, help="names of the sets to run")
    args = ap.parse_args(argv)
    data = args.shared / "data"
    if not data.is_dir():
        print(f"eval skipped: {data} not found (the dev sets live in ../shared, beside the project)")
        return 0
    from . import nlp as nlp_mod
    from .runner import run

    settings = Settings().with_(quiet=True)
    nlp = nlp_mod.build(settings)
    results: dict[str, dict[str, object]] = {}
    for es in SETS:
        if args.only and es.name not in args.only:
            continue
        out_dir = args.out / "eval" / es.name
        t0 = time.perf_counter()
        run([data / es.corpus], out_dir, nlp, settings)
        seconds = time.perf_counter() - t0
        proc = subprocess.run([sys.executable, str(args.shared / "eval" / es.scorer), str(data / es.gold),
                               str(out_dir), "--json"], capture_output=True, text=True, check=True)
        scores = flatten(json.loads(proc.stdout.strip().splitlines()[-1]))
        results[es.name] = {"scores": scores, "reference": es.reference, "seconds": round(seconds, 1)}
    print(f"{'set':8} {'metric':16} {'ours':>7} {'plain':>7} {'diff':>7}")
    for name, res in results.items():
        scores, ref = res["scores"], res["reference"]
        assert isinstance(scores, dict) and isinstance(ref, dict)
        for key, plain in ref.items():
            ours = scores.get(key)
            diff = f"{ours - plain:+.3f}" if ours is not None else ""
            print(f"{name:8} {key:16} {ours if ours is not None else float('nan'):7.3f} {plain:7.3f} {diff:>7}")
        print(f"{name:8} {'seconds':16} {res['seconds']:7}")
    (args.out / "eval.json").write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
