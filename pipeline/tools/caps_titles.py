"""``python -m pipeline.tools.caps_titles``: how much of a title's entities survive capitals.

Wire stories (CoNLL-2003's among them) head their text with a title in capitals, where the small
model misses or mislabels names. No evaluation set here has such titles, so this check makes them:
each PolNeAR article's first line (its title, written in headline case) is put in capitals, the
body left as it is, and the pipeline's PERSON, ORG and place entities on the capitals title are
scored against those it finds on the title as written (spans and labels as ``news_ner_check``
maps them). The reference is the pipeline itself, not a hand annotation: the check measures
agreement between the two casings, and a change that finds a name in both moves it up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Span

from ..config import SHARED_DIR, Settings
from ..stages import nlp as nlp_mod
from .news_ner_check import LABEL_MAP

Mention = tuple[int, int, str]


def titled_articles(folder: Path, limit: int, skip: int = 0) -> list[tuple[str, str]]:
    """(title, text) of ``limit`` sorted articles after the first ``skip``, whose first line has
    lower-case letters."""
    out = []
    for path in sorted(folder.glob("*.txt"))[skip:skip + limit]:
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0]
        if len(title) >= 10 and any(ch.islower() for ch in title) and "\n" in text:
            out.append((title, text))
    return out


def title_mentions(ents: Iterable[Span], end: int) -> set[Mention]:
    """The scored entities that end within the first ``end`` characters (the title)."""
    return {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in ents
            if e.end_char <= end and e.label_ in LABEL_MAP}


def score(pairs: Iterable[tuple[set[Mention], set[Mention]]]) -> dict[str, float]:
    """Precision, recall and F1 of the capitals titles' mentions against the cased titles'."""
    tp = fp = fn = 0
    for cased, caps in pairs:
        tp += len(cased & caps)
        fp += len(caps - cased)
        fn += len(cased - caps)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.caps_titles", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED_DIR)
    ap.add_argument("--limit", type=int, default=300, help="N sorted polnear/train articles")
    ap.add_argument("--skip", type=int, default=0,
                    help="start after the first N (the rules were tuned on the first 300: --skip 300 checks others)")
    ap.add_argument("--show", action="store_true", help="print each title whose two casings disagree")
    args = ap.parse_args(argv)
    folder = args.shared / "data" / "polnear" / "train" / "text"
    if not folder.is_dir():
        print(f"caps_titles: {folder} is absent", file=sys.stderr)
        return 2
    articles = titled_articles(folder, args.limit, args.skip)
    nlp = nlp_mod.build(Settings().with_(quiet=True))
    cased = nlp.pipe([text for _, text in articles], batch_size=16)
    caps = nlp.pipe([title.upper() + text[len(title):] for title, text in articles], batch_size=16)
    pairs = [(title_mentions(a.ents, len(t)), title_mentions(b.ents, len(t)))
             for (t, _), a, b in zip(articles, cased, caps, strict=True)]
    if args.show:
        for (title, _), (want, got) in zip(articles, pairs, strict=True):
            if want != got:
                missed = [f"-{title[s:e]!r}({lab})" for s, e, lab in sorted(want - got)]
                extra = [f"+{title.upper()[s:e]!r}({lab})" for s, e, lab in sorted(got - want)]
                print(f"{' '.join(missed + extra)}\t{title}")
    res = score(pairs)
    print(f"titles {len(articles)}  P {res['precision']:.3f}  R {res['recall']:.3f}  F1 {res['f1']:.3f}  "
          f"(tp {res['tp']}, fp {res['fp']}, fn {res['fn']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
