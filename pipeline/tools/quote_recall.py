"""``python -m pipeline.tools.quote_recall``: quote precision and recall on parts of polnear/train.

Issue 13's attribution-recall rounds tune on the *train part*: polnear/train less its last 100
sorted files (``--part last100``, never tuned on) and less the 50 articles of the two speaker
samples (``speaker_keptaside*.txt``, never tuned on either). An article whose ``.ann`` the
scorer cannot read (a line break inside a span) is left out, and named.

The model's components run once per part and their parses are kept (``--cache``, a folder
outside the project; ``--reparse`` redoes them); every run then applies the entity and quote
components of the working tree to the kept parses, writes ``quotes.csv`` and ``documents.csv``
and scores them with ``../shared/eval/score_quotes.py`` (precision, recall on quoted and on
all attributions). ``named`` is recall over the attributions whose gold Source overlaps a
person, organisation or place entity, or is ``he``/``she``. ``--missed FILE`` writes the
missed named attributions (source, cue, content) for study.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from ..config import SHARED_DIR, Settings
from .speaker_gold import HELD_BACK_LAST, KEPTASIDE2_FILE, kept_aside_stems

NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
DOC_LEVEL = ("news_entities", "quote_extractor")


def scorer(shared: Path) -> ModuleType:
    """``score_quotes.py`` as a module (its gold reader), not a copy."""
    spec = importlib.util.spec_from_file_location("score_quotes", shared / "eval" / "score_quotes.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def part_stems(folder: Path, part: str, sq: ModuleType) -> tuple[list[str], list[str]]:
    """(the part's article stems, those left out because the scorer cannot read them)."""
    stems = sorted(p.stem for p in (folder / "attributions").glob("*.ann"))
    if part == "train":
        aside = kept_aside_stems()
        stems = [s for s in stems[:-HELD_BACK_LAST] if s not in aside]
    elif part == "last100":
        stems = stems[-HELD_BACK_LAST:]
    elif part == "keptaside2":
        stems = sorted(KEPTASIDE2_FILE.read_text().split())
    bad = []
    for s in stems:
        try:
            sq.read_gold(folder / "attributions" / f"{s}.ann")
        except ValueError:
            bad.append(s)
    return [s for s in stems if s not in bad], bad


def parse(folder: Path, stems: list[str], cache: Path, settings: Settings) -> None:
    """The model's components over every article, kept in ``cache`` (one DocBin)."""
    from spacy.tokens import DocBin

    from ..stages import document, longtext
    from ..stages import nlp as nlp_mod
    from ..stages.ingest.corpus import iter_inputs

    nlp = nlp_mod.build(settings)
    bin_ = DocBin(store_user_data=True)
    names = []
    with nlp.select_pipes(disable=list(DOC_LEVEL)):
        raws = [r for r in iter_inputs([folder / "text" / f"{s}.txt" for s in stems]) if hasattr(r, "text")]
        docs = []
        for raw in raws:
            prep = document.prepare(raw, settings)  # type: ignore[arg-type]
            d = nlp.make_doc(document.english_view(raw.text))  # type: ignore[union-attr]
            d._.news_parts = [(p.kind, p.start, p.end) for p in prep.article.parts]
            docs.append(d)
            names.append(Path(raw.source).stem)  # type: ignore[union-attr]
        for doc, exc, _ in longtext.pipe(nlp, docs, settings.parse_chunk_chars):
            if doc is None:
                raise RuntimeError(f"parse failed: {exc}")
            bin_.add(doc)
    cache.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(cache / "docs.spacy")
    (cache / "names.json").write_text(json.dumps(names))


def extract(cache: Path, out: Path, settings: Settings) -> tuple[dict[str, list[tuple[int, int]]], float]:
    """The working tree's entity and quote components over the kept parses: the tables the
    scorer reads, each doc's named gold-source test data, and the quote stage's seconds."""
    from spacy.tokens import DocBin

    from ..stages import nlp as nlp_mod
    from ..stages.quotes import rows

    nlp = nlp_mod.build(settings)
    names = json.loads((cache / "names.json").read_text())
    docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(nlp.vocab))
    ents_pipe, quote_pipe = nlp.get_pipe("news_entities"), nlp.get_pipe("quote_extractor")
    spent = 0.0
    ents: dict[str, list[tuple[int, int]]] = {}
    with open(out / "documents.csv", "w", newline="", encoding="utf-8") as fd, \
            open(out / "quotes.csv", "w", newline="", encoding="utf-8") as fq:
        dw, qw = csv.writer(fd), csv.writer(fq)
        dw.writerow(["doc_id", "source"])
        qw.writerow(["doc_id", "quote_start", "quote_end", "quote_type", "cue", "speaker_text", "speaker_start",
                     "speaker_end", "speaker", "speaker_kind"])
        for name, doc in zip(names, docs, strict=True):
            doc._.news_parts = [tuple(p) for p in doc._.news_parts or []]
            doc = ents_pipe(doc)
            t0 = time.perf_counter()
            doc = quote_pipe(doc)
            spent += time.perf_counter() - t0
            ents[name] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAMED_LABELS]
            dw.writerow([name, f"{name}.txt"])
            for q in rows(doc):
                qw.writerow([name, q.start, q.end, q.type, q.cue, q.speaker_text,
                             "" if q.speaker_start is None else q.speaker_start,
                             "" if q.speaker_end is None else q.speaker_end, q.speaker, q.speaker_kind])
    return ents, spent


def named_recall(folder: Path, out: Path, ents: dict[str, list[tuple[int, int]]], sq: ModuleType,
                 missed_file: Path | None, rows_file: list[str] | None = None) -> tuple[int, int]:
    """(matched, all) attributions with a named source, matched as the scorer matches them."""
    preds: dict[str, list[set[int]]] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    with open(out / "quotes.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            preds.setdefault(r["doc_id"], []).append(set(range(int(r["quote_start"]), int(r["quote_end"]))))
            rows.setdefault(r["doc_id"], []).append(r)
    n_named = n_hit = 0
    lines = []
    for stem, spans in ents.items():
        ann = folder / "attributions" / f"{stem}.ann"
        text = (folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        gold = sq.read_gold(ann)
        cues = attribution_cues(ann)
        for g in gold:
            g["c"] = sq.chars(g["content"])
        hit, spoken = set(), set()
        for q, r in zip(preds.get(stem, []), rows.get(stem, []), strict=True):
            ov, j = max(((len(q & g["c"]), j) for j, g in enumerate(gold)), default=(0, -1))
            if j >= 0 and ov and ov >= 0.5 * len(q):
                hit.add(j)
                if r["speaker"]:
                    spoken.add(j)
            if rows_file is not None:
                rows_file.append("\t".join([stem, r["quote_start"], r["quote_end"], r["quote_type"], r["cue"].lower(),
                                            "match" if j >= 0 and ov and ov >= 0.5 * len(q) else "miss",
                                            r["speaker"], text[int(r["quote_start"]):int(r["quote_end"])][:150],
                                            r["speaker_text"], r["speaker_kind"]]))
        for j, g in enumerate(gold):
            src = g["source"]
            if not src:
                continue
            s_text = " ".join(text[a:b] for a, b in src)
            named = s_text.strip().lower() in ("he", "she") or any(
                a < e and s < b for a, b in src for s, e in spans)
            if not named:
                continue
            n_named += 1
            n_hit += j in hit
            if j in hit and j not in spoken:  # a row, but no speaker
                lines.append(f"{stem}\t{s_text}\t{cues.get(tuple(map(tuple, g['content'])), '')}\tempty\t"
                             + " | ".join(r["speaker_text"] for q, r in zip(preds[stem], rows[stem], strict=True)
                                          if len(q & g["c"]) >= 0.5 * len(q)))
            if j not in hit:
                content = " ".join(text[a:b] for a, b in g["content"]).replace("\n", " ")
                near = max((len(q & g["c"]) for q in preds.get(stem, [])), default=0)  # overlapping rows
                lines.append(f"{stem}\t{s_text}\t{cues.get(tuple(map(tuple, g['content'])), '')}\t"
                             f"{'overlap' if near else 'none'}\t{content[:200]}")
    if missed_file is not None:
        missed_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n_hit, n_named


def attribution_cues(ann: Path) -> dict[tuple[tuple[int, ...], ...], str]:
    """Each attribution's content fragments -> its cue as written (for ``--missed``)."""
    spans, out = {}, {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, written = (line.split("\t") + [""])[:3]
            offs = mid.split(" ", 1)[1]
            spans[tid] = ([tuple(map(int, f.split())) for f in offs.split(";")], written)
        elif line.startswith("E"):
            args = dict(a.split(":") for a in line.split("\t")[1].split())
            if args.get("Content") in spans:
                out[tuple(spans[args["Content"]][0])] = spans.get(args.get("Cue", ""), ([], ""))[1]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.quote_recall", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("train", "last100", "keptaside2", "dev"), default="train")
    ap.add_argument("--shared", type=Path, default=SHARED_DIR)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "quote-recall-cache")
    ap.add_argument("--reparse", action="store_true")
    ap.add_argument("--missed", type=Path, default=None)
    ap.add_argument("--rows", type=Path, default=None, help="write every row, its cue and whether it matched")
    args = ap.parse_args(argv)
    polnear = args.shared / "data" / "polnear"
    folder = polnear / ("dev" if args.part == "dev" else "train")
    sq = scorer(args.shared)
    stems, bad = part_stems(folder, args.part, sq)
    settings = Settings().with_(quiet=True, force=True, workers=1)
    cache = args.cache / args.part
    if args.reparse or not (cache / "docs.spacy").exists():
        parse(folder, stems, cache, settings)
    with tempfile.TemporaryDirectory(prefix="quote-recall-") as tmp:
        out = Path(tmp)
        ents, spent = extract(cache, out, settings)
        gold = out / "gold"  # the part's articles only: links, not copies
        (gold / "attributions").mkdir(parents=True)
        (gold / "text").mkdir()
        for s in ents:
            (gold / "attributions" / f"{s}.ann").symlink_to(folder / "attributions" / f"{s}.ann")
            (gold / "text" / f"{s}.txt").symlink_to(folder / "text" / f"{s}.txt")
        proc = subprocess.run([sys.executable, str(args.shared / "eval" / "score_quotes.py"), str(gold), str(out),
                               "--json"], capture_output=True, text=True, check=True)
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        listed: list[str] | None = [] if args.rows else None
        hit, named = named_recall(folder, out, ents, sq, args.missed, listed)
        if args.rows and listed is not None:
            args.rows.write_text("\n".join(listed) + "\n", encoding="utf-8")
    print(f"{args.part}: {len(ents)} articles" + (f" (left out: {', '.join(bad)})" if bad else ""))
    print(f"P {res['precision']:.3f}  R_all {res['recall_all']:.3f}  R_quoted {res['recall_quoted']:.3f}  "
          f"named {hit / named if named else 0:.3f} ({hit}/{named})  speaker_acc {res['speaker_acc']:.3f}  "
          f"strict_f1 {res['strict_f1']:.3f}  pred {res['pred']}  quote stage {spent:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
