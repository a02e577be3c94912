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

from ..config import OUTPUTS_DIR, SHARED_DIR, Settings


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    corpus: str  # relative to shared/data
    gold: str
    scorer: str
    # metric key (in the scorer's JSON, flattened with '.') -> reference score of the plain tool
    reference: dict[str, float]
    plain: str = ""  # the plain tool the reference scores come from (../shared/README.md)


SETS = (
    EvalSet("quotes", "polnear/dev/text", "polnear/dev", "score_quotes.py",
            {"precision": 0.975, "recall_quoted": 0.446, "recall_all": 0.154, "f1_quoted": 0.612,
             "speaker_acc": 0.808, "strict_p": 0.757, "strict_r": 0.415, "strict_f1": 0.537},
            "textacy 0.13 direct_quotations + en_core_web_sm 3.8"),
    EvalSet("ner", "ner_wikiann/corpus", "ner_wikiann", "score_ner.py",
            {"PER.f1": 0.519, "ORG.f1": 0.208, "LOC.f1": 0.367, "ALL.f1": 0.376}, "en_core_web_sm 3.8, bare"),
    EvalSet("langid", "langid/corpus", "langid", "score_langid.py",
            {"all": 0.742, "zh/single-words": 0.394, "zh/word-pairs": 0.554, "zh/sentences": 0.973,
             "en/single-words": 0.22, "en/word-pairs": 0.596, "en/sentences": 0.998}, "langdetect 1.0.9, seeded"),
    EvalSet("zhseg", "zhseg/corpus", "zhseg", "score_zhseg.py", {"p": 0.855, "r": 0.789, "f1": 0.821},
            "jieba 0.42.1, precise mode"),
    EvalSet("zhner", "zhner/corpus", "zhner", "score_ner.py",
            {"PER.f1": 0.672, "ORG.f1": 0.490, "LOC.f1": 0.624, "ALL.f1": 0.622}, "jieba.posseg nr/ns/nt"),
)


def format_table(results: dict[str, dict[str, object]]) -> str:
    """One table of every score beside the plain tool's: set, metric, ours, plain, diff (+ better)."""
    lines = [f"{'set':8} {'metric':16} {'ours':>7} {'plain':>7} {'diff':>7}  plain tool", "-" * 78]
    for name, res in results.items():
        if "error" in res:
            lines.append(f"{name:8} {'(failed)':16} {res['error']}")
            continue
        scores, ref = res["scores"], res["reference"]
        assert isinstance(scores, dict) and isinstance(ref, dict)
        for k, (key, plain) in enumerate(ref.items()):
            ours = scores.get(key)
            shown = f"{ours:7.3f}" if ours is not None else f"{'n/a':>7}"
            diff = f"{ours - plain:+7.3f}" if ours is not None else f"{'':7}"
            lines.append(f"{name:8} {key:16} {shown} {plain:7.3f} {diff}  {res.get('plain', '') if k == 0 else ''}"
                         .rstrip())
        lines.append(f"{name:8} {'seconds':16} {res['seconds']:7}")
    return "\n".join(lines)


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
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.evaluate", description=__doc__)
    ap.add_argument("--out", type=Path, default=OUTPUTS_DIR)
    ap.add_argument("--shared", type=Path, default=SHARED_DIR)
    ap.add_argument("--only", nargs="*", default=None, help="names of the sets to run")
    args = ap.parse_args(argv)
    data = args.shared / "data"
    if not data.is_dir():
        print(f"eval skipped: {data} not found (the dev sets live in ../shared, beside the project)")
        return 0
    from ..run.runner import run
    from ..stages import nlp as nlp_mod

    # every document analysed afresh (the seconds column stays honest), in the default workers
    settings = Settings().with_(quiet=True, force=True)
    nlp_mod.check(settings)
    results: dict[str, dict[str, object]] = {}
    for es in SETS:
        if args.only and es.name not in args.only:
            continue
        out_dir = args.out / "eval" / es.name
        t0 = time.perf_counter()
        run([data / es.corpus], out_dir, None, settings)
        seconds = time.perf_counter() - t0
        proc = subprocess.run([sys.executable, str(args.shared / "eval" / es.scorer), str(data / es.gold),
                               str(out_dir), "--json"], capture_output=True, text=True)
        if proc.returncode != 0:  # one scorer's failure must not cost the other sets' scores
            err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            results[es.name] = {"error": f"{es.scorer} exited {proc.returncode}: {err}", "seconds": round(seconds, 1)}
            continue
        scores = flatten(json.loads(proc.stdout.strip().splitlines()[-1]))
        results[es.name] = {"scores": scores, "reference": es.reference, "plain": es.plain,
                            "seconds": round(seconds, 1)}
    print(format_table(results))
    path = args.out / "eval.json"
    path.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
