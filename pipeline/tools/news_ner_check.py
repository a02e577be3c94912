"""``python -m pipeline.tools.news_ner_check``: English NER on news text, scored like CoNLL-2003.

WikiANN (``make eval``) is Wikipedia fragments; this check is 14 whole news articles of
PolNeAR train annotated by hand in CoNLL-2003's convention (``news_ner_gold.tsv``, whose
header says how). It runs the pipeline (or, with ``--bare``, the spaCy model alone) over the
articles of one split and scores ``entities.csv`` with ``../shared/eval/score_ner.py``
(PERSON -> PER, ORG, GPE/LOC/FAC -> LOC; exact spans). Tune on ``--split tune``; report
``--split report`` as well, which was not looked at while tuning.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from ..config import SHARED_DIR, Settings

GOLD_FILE = Path(__file__).with_name("news_ner_gold.tsv")
SPLITS = ("tune", "report", "all")
SCORED = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}  # as score_ner.py


def read_gold(path: Path = GOLD_FILE, split: str = "all") -> dict[str, list[tuple[int, int, str, str]]]:
    """File stem -> its gold mentions ``(start, end, label, text)`` of one split (MISC included)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    gold: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if split in ("all", row["split"]):
            gold[row["file"]].append((int(row["start"]), int(row["end"]), row["label"], row["text"]))
    return dict(gold)


def check_offsets(gold: dict[str, list[tuple[int, int, str, str]]], text_dir: Path) -> list[str]:
    """Gold mentions whose text differs from the article at their offsets (the articles changed)."""
    bad = []
    for stem, mentions in gold.items():
        text = read_article(text_dir / f"{stem}.txt")
        bad += [f"{stem} {s}:{e} {t!r} != {text[s:e]!r}" for s, e, _, t in mentions if text[s:e] != t]
    return bad


def read_article(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write_gold_jsonl(gold: dict[str, list[tuple[int, int, str, str]]], folder: Path) -> None:
    """``gold.jsonl`` as score_ner.py reads it: one record per article, PER/ORG/LOC only."""
    with open(folder / "gold.jsonl", "w", encoding="utf-8") as f:
        for stem, mentions in sorted(gold.items()):
            ents = [[s, e, lab] for s, e, lab, _ in mentions if lab in SCORED]
            f.write(json.dumps({"file": stem, "entities": ents}) + "\n")


def write_bare(stems: list[str], text_dir: Path, model: str, out: Path) -> None:
    """``documents.csv`` and ``entities.csv`` of the spaCy model alone (no rules), for reference."""
    import spacy

    from ..stages import nlp as nlp_mod

    nlp = spacy.load(nlp_mod.model_name(Settings(model=model)), exclude=["parser", "lemmatizer"])
    with open(out / "documents.csv", "w", encoding="utf-8", newline="") as d, \
            open(out / "entities.csv", "w", encoding="utf-8", newline="") as e:
        docs, ents = csv.writer(d), csv.writer(e)
        docs.writerow(["doc_id", "source", "source_id"])
        ents.writerow(["doc_id", "start_char", "end_char", "label", "text"])
        for k, stem in enumerate(stems):
            docs.writerow([k, f"{stem}.txt", stem])
            for ent in nlp(read_article(text_dir / f"{stem}.txt")).ents:
                ents.writerow([k, ent.start_char, ent.end_char, ent.label_, ent.text])


def score(gold_dir: Path, out: Path, shared: Path) -> dict[str, dict[str, float]]:
    proc = subprocess.run([sys.executable, str(shared / "eval" / "score_ner.py"), str(gold_dir), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    result: dict[str, dict[str, float]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def differences(gold: dict[str, list[tuple[int, int, str, str]]], out: Path) -> list[str]:
    """Missed gold mentions (``-``) and predicted ones not in the gold (``+``), per article."""
    with open(out / "documents.csv", encoding="utf-8", newline="") as f:
        stem_of = {r["doc_id"]: r.get("source_id") or Path(r["source"]).stem for r in csv.DictReader(f)}
    pred: dict[str, set[tuple[int, int, str, str]]] = defaultdict(set)
    with open(out / "entities.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            lab = LABEL_MAP.get(r["label"])
            if lab:
                pred[stem_of[r["doc_id"]]].add((int(r["start_char"]), int(r["end_char"]), lab, r["text"]))
    lines = []
    for stem, mentions in sorted(gold.items()):
        want = {m for m in mentions if m[2] in SCORED}
        misc = {(s, e) for s, e, lab, _ in mentions if lab not in SCORED}
        got = pred.get(stem, set())
        for _s, _e, lab, t in sorted(want - got):
            lines.append(f"- {stem[:32]:32} {lab:3} {t!r}")
        for s, e, lab, t in sorted(got - want):
            lines.append(f"+ {stem[:32]:32} {lab:3} {t!r}" + ("  (gold MISC)" if (s, e) in misc else ""))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.news_ner_check", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=SPLITS, default="all")
    ap.add_argument("--shared", type=Path, default=SHARED_DIR)
    ap.add_argument("--model", default="", help="spaCy pipeline (default: the pipeline's default model)")
    ap.add_argument("--rules", type=Path, default=None, help="rules folder instead of the project's models/")
    ap.add_argument("--bare", action="store_true", help="score the spaCy model alone, without the pipeline's rules")
    ap.add_argument("--show", action="store_true", help="list missed (-) and spurious (+) mentions")
    args = ap.parse_args(argv)
    text_dir = args.shared / "data" / "polnear" / "train" / "text"
    if not text_dir.is_dir():
        print(f"news NER check skipped: {text_dir} not found")
        return 0
    gold = read_gold(GOLD_FILE, args.split)
    bad = check_offsets(gold, text_dir)
    if bad:
        print("gold offsets do not match the articles:\n" + "\n".join(bad), file=sys.stderr)
        return 1
    stems = sorted(gold)
    with tempfile.TemporaryDirectory(prefix="news-ner-") as tmp:
        gold_dir, out = Path(tmp) / "gold", Path(tmp) / "out"
        gold_dir.mkdir()
        out.mkdir()
        write_gold_jsonl(gold, gold_dir)
        if args.bare:
            write_bare(stems, text_dir, args.model, out)
        else:
            from ..run.runner import run

            settings = Settings(quiet=True, force=True, workers=1).with_(model=args.model or None,
                                                                         models_dir=args.rules)
            run([text_dir / f"{s}.txt" for s in stems], out, None, settings)
        result = score(gold_dir, out, args.shared)
        if args.show:
            print("\n".join(differences(gold, out)))
    what = "bare model" if args.bare else "pipeline"
    print(f"news NER check, split {args.split} ({len(stems)} articles, {what}):")
    for lab in (*SCORED, "ALL"):
        r = result[lab]
        print(f"  {lab:4} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
