"""``make bench``: bare spaCy against the command line on 1 and 2 workers and on Dask; start-up; memory; re-runs.

Cases, all on the same texts and the same model, each a fresh process timed from its start
(interpreter, imports and model loading included) to its end:

- ``a``: bare spaCy: ``import spacy``, ``spacy.load``, read the texts, ``nlp.pipe`` over them;
- ``b``: the command line as a user runs it, ``python -m pipeline run CORPUS --workers 1``
  (its defaults: CSV tables, ``run.json``, ``report.html``); ``a`` and ``b`` run alternately,
  ``--rounds`` times each (a b a b ...), so a change in the machine's load falls on both;
  each keeps its fastest round, and every round's ``b``/``a`` ratio is reported too;
- ``b84``: ``b`` on the first 84 articles, for memory against corpus size;
- ``c``: the command line with ``--workers 2``; ``d``: with ``--engine dask --workers 2``;
- ``startup``: a fresh process from its start to the first article's rows written, in its
  parts: interpreter, imports, model and rules, then one article through every stage;
- ``incremental``: ``c``'s command again after one file changed (and after one was only
  touched), reusing ``c``'s cache.

The parent samples the proportional set size (PSS: shared pages split between the processes
sharing them) of each case's process tree for its peak memory, and takes its CPU seconds
(user and system, workers included) from the operating system. Targets: ``b`` within 1.15x
of ``a``; ``c`` at least 1.8x faster than ``b``; peak memory on the corpus within 1.2x of
that on 84 articles; a re-run after one changed file under 0.1 of a full run. Results go to
``outputs/bench.json``. A script, not a test: timings depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_BORN = time.time()  # a child's clock for ``startup``: set before anything heavy is imported

from ..config import CORPUS_DIR, OUTPUTS_DIR, SHARED_DIR, Settings, model_name  # noqa: E402  (after _BORN)

POLNEAR = SHARED_DIR / "data" / "polnear" / "train" / "text"
CASES = ("a", "b", "b84", "c", "d", "startup", "incremental")
TARGETS = {"b_over_a": 1.15, "c_speedup": 1.8, "memory": 1.2, "incremental": 0.1}


def bench_corpus(work: Path, copies: int = 840) -> tuple[Path, str]:
    """The benchmark texts copied into ``work``: PolNeAR train when present, else copies of ``corpus/``."""
    dest = work / "corpus"
    dest.mkdir(parents=True)
    if POLNEAR.is_dir():
        for path in sorted(POLNEAR.glob("*.txt")):
            shutil.copy(path, dest / path.name)
        return dest, str(POLNEAR)
    seeds = sorted(p for p in CORPUS_DIR.iterdir() if p.suffix in (".txt", ".jsonl"))
    for k in range(copies):
        src = seeds[k % len(seeds)]
        shutil.copy(src, dest / f"{k:04d}_{src.name}")
    return dest, f"{copies} copies of {CORPUS_DIR}"


def _first(corpus: Path, n: int) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.is_file())[:n]


# ---------------------------------------------------------------- the cases that run in a child of the bench


def run_case(case: str, corpus: Path, out: Path, limit: int | None) -> dict[str, object]:
    """Run ``a`` or ``startup`` here and return its timings (called in the child process)."""
    if case == "startup":
        return _startup(corpus, out)
    if case == "a":
        return _bare(corpus, limit)
    raise ValueError(f"case {case!r} is not one of ['a', 'startup'] (the others run the command line)")


def _bare(corpus: Path, limit: int | None) -> dict[str, object]:
    """Bare spaCy over the texts: nothing of this package is imported but the model's name."""
    t0 = time.perf_counter()
    import spacy

    t1 = time.perf_counter()
    nlp = spacy.load(model_name(Settings()))
    paths = _first(corpus, limit or 10**9)
    texts = [p.read_text(encoding="utf-8") for p in paths if p.suffix == ".txt"]
    t2 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=Settings().batch_size))
    t3 = time.perf_counter()
    return {"documents": len(texts), "tokens": tokens, "import_seconds": round(t1 - t0, 3),
            "load_seconds": round(t2 - t1, 3), "pipe_seconds": round(t3 - t2, 3)}


def _startup(corpus: Path, out: Path) -> dict[str, object]:
    """Wall seconds from the process's start to the first article's rows, in their parts."""
    import psutil

    born = psutil.Process().create_time()
    from ..run.runner import run
    from ..stages import nlp as nlp_mod

    settings = Settings(quiet=True, cache_dir=out / ".cache", workers=1)
    t1 = time.time()
    nlp = nlp_mod.build(settings)
    t2 = time.time()
    summary = run(_first(corpus, 1), out, nlp, settings)
    t3 = time.time()
    return {"documents": summary.documents, "interpreter_seconds": round(_BORN - born, 3),
            "import_seconds": round(t1 - _BORN, 3), "load_seconds": round(t2 - t1, 3),
            "first_document_seconds": round(t3 - t2, 3), "startup_seconds": round(t3 - born, 3)}


# ---------------------------------------------------------------- the parent: processes, time and memory


def _tree_memory(proc: object) -> int:
    """PSS (else RSS) in bytes of a process and all its descendants."""
    import psutil

    assert isinstance(proc, psutil.Process)
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            try:
                total += p.memory_full_info().pss
            except (psutil.AccessDenied, AttributeError):
                total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


@dataclass(frozen=True, slots=True)
class Measured:
    wall: float  # seconds from start to exit
    cpu: float  # user + system seconds of the process and every descendant it waited for
    peak: int  # bytes: the largest PSS of the process tree seen
    stdout: str
    stderr: str


def _measure(cmd: list[str], every: float = 0.5) -> Measured:
    """Run ``cmd``: its wall and CPU seconds, the peak memory of its process tree, its output."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        proc = psutil.Process(child.pid)
        peak = 0
        while child.poll() is None:
            try:
                peak = max(peak, _tree_memory(proc))
            except psutil.NoSuchProcess:
                pass
            time.sleep(every)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({child.returncode}):\n{stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peak, stdout, stderr)


def _child(case: str, corpus: Path, out: Path, limit: int | None = None) -> dict[str, object]:
    """``a`` or ``startup`` in a child process of this script."""
    cmd = [sys.executable, "-m", "pipeline.tools.bench", "--case", case, "--corpus", str(corpus), "--out", str(out)]
    if limit:
        cmd += ["--limit", str(limit)]
    m = _measure(cmd)
    result: dict[str, object] = json.loads(m.stdout.strip().splitlines()[-1])
    return _record(case, result, m)


def cli_command(corpus: Path | list[Path], out: Path, workers: int, engine: str = "local") -> list[str]:
    """The command line a user runs (CSV tables and report.html, its defaults), over a fresh cache."""
    roots = corpus if isinstance(corpus, list) else [corpus]
    return [sys.executable, "-m", "pipeline", "run", *map(str, roots), "--out", str(out), "--workers", str(workers),
            "--engine", engine, "--quiet"]


def _cli_case(case: str, corpus: Path, out: Path, limit: int | None = None) -> dict[str, object]:
    roots: Path | list[Path] = _first(corpus, limit) if limit else corpus
    workers, engine = {"b": (1, "local"), "b84": (1, "local"), "c": (2, "local"), "d": (2, "dask")}[case]
    m = _measure(cli_command(roots, out, workers, engine))
    return _record(case, {"documents": _summary(m.stderr).get("documents", 0)}, m)


def _record(case: str, result: dict[str, object], m: Measured) -> dict[str, object]:
    result.update(case=case, seconds=round(m.wall, 3), cpu_seconds=round(m.cpu, 3),
                  peak_memory_mb=round(m.peak / 2**20, 1))
    print(f"  {case}: {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def _summary(stderr: str) -> dict[str, float]:
    """The run's summary line (``documents=... seconds=...``) as numbers."""
    lines = [line for line in stderr.splitlines() if line.startswith("documents=")]
    if not lines:
        return {}
    return {k: float(v) for k, v in (item.split("=", 1) for item in lines[-1].split())}


def _ratio(x: object, y: object) -> float:
    return round(float(x) / float(y), 3)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m pipeline.tools.bench", description=__doc__.splitlines()[0])
    p.add_argument("--case", help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, default=OUTPUTS_DIR / "bench.json", help="where the results go")
    p.add_argument("--limit", type=int, default=None, help="only the first N articles (a quicker, rougher run)")
    p.add_argument("--cases", default=",".join(CASES), help="comma-separated subset of the cases")
    p.add_argument("--rounds", type=int, default=2, help="how many times a and b each run, alternately")
    args = p.parse_args(argv)
    if args.case:  # a child: one case, JSON on stdout
        print(json.dumps(run_case(args.case, args.corpus, args.out, args.limit)))
        return 0

    cases = args.cases.split(",")
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        p.error(f"unknown case(s) {unknown}; the cases are {list(CASES)}")
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        corpus, origin = bench_corpus(work)
        if args.limit:
            for path in _first(corpus, 10**9)[args.limit:]:
                path.unlink()
        n = len(list(corpus.iterdir()))
        print(f"bench: {n} articles from {origin}; cases {cases}; {args.rounds} rounds of a and b",
              file=sys.stderr, flush=True)
        rounds: dict[str, list[dict[str, object]]] = {}
        for k in range(max(1, args.rounds)):
            for case in ("a", "b"):
                if case in cases:
                    out = work / f"out-{case}-{k}"
                    run = _child if case == "a" else _cli_case
                    rounds.setdefault(case, []).append(run(case, corpus, out))
                    shutil.rmtree(out, ignore_errors=True)
        results.update(fastest(rounds))
        for case in ("b84", "c", "d"):
            if case in cases:
                results[case] = _cli_case(case, corpus, work / f"out-{case}", 84 if case == "b84" else None)
        if "startup" in cases:
            results["startup"] = _child("startup", corpus, work / "out-startup")
        if "incremental" in cases and "c" in cases:
            results["incremental"] = _incremental(corpus, work / "out-c", float(results["c"]["seconds"]))  # type: ignore[arg-type]

    report = summarise(results, n, origin)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _incremental(corpus: Path, out: Path, full: float) -> dict[str, object]:
    """``c``'s command again over its cache: after one file was touched, then after one changed."""
    n = len(list(corpus.iterdir()))
    victim = _first(corpus, n)[n // 2]
    os.utime(victim)  # touched: a new mtime, the same content
    touched = _measure(cli_command(corpus, out, 2))
    with victim.open("a", encoding="utf-8") as f:
        f.write("\nThe senator said nothing more.\n")  # changed content
    changed = _measure(cli_command(corpus, out, 2))
    result = {"full_wall_seconds": full,
              "touched_wall_seconds": round(touched.wall, 3), "touched_summary": _summary(touched.stderr),
              "changed_wall_seconds": round(changed.wall, 3), "changed_summary": _summary(changed.stderr),
              "touched_over_full": _ratio(touched.wall, full), "changed_over_full": _ratio(changed.wall, full)}
    print(f"  incremental: {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def fastest(rounds: dict[str, list[dict[str, object]]]) -> dict[str, dict[str, object]]:
    """Each case's fastest round, with every round's seconds (and ``b``/``a`` per round) kept beside it."""
    best: dict[str, dict[str, object]] = {}
    for case, runs in rounds.items():
        best[case] = dict(min(runs, key=lambda r: float(r["seconds"])))  # type: ignore[arg-type]
        best[case]["round_seconds"] = [round(float(r["seconds"]), 2) for r in runs]  # type: ignore[arg-type]
    if "a" in rounds and "b" in rounds:
        pairs = zip(rounds["a"], rounds["b"], strict=True)
        best["b"]["round_over_a"] = [_ratio(b["seconds"], a["seconds"]) for a, b in pairs]
    return best


def summarise(results: dict[str, dict[str, object]], n: int, origin: str) -> dict[str, object]:
    """Rates, ratios to bare spaCy and the targets, from the raw case results."""
    a = results.get("a")
    tokens = a["tokens"] if a else None
    for r in results.values():
        if "seconds" in r and r.get("documents"):
            r["docs_per_second"] = round(float(r["documents"]) / float(r["seconds"]), 2)  # type: ignore[arg-type]
            if a and r["documents"] == a["documents"]:  # b84 runs on fewer texts: no ratio to (a)
                r["tokens_per_second"] = round(float(tokens) / float(r["seconds"]), 1)  # type: ignore[arg-type]
                r["time_over_a"] = _ratio(r["seconds"], a["seconds"])
    targets: dict[str, object] = {}
    if a and "b" in results:
        targets["b_over_a_time"] = _ratio(results["b"]["seconds"], a["seconds"])
        if "cpu_seconds" in a and "cpu_seconds" in results["b"]:
            targets["b_over_a_cpu_time"] = _ratio(results["b"]["cpu_seconds"], a["cpu_seconds"])
        targets[f"b_within_{TARGETS['b_over_a']}x_a"] = targets["b_over_a_time"] <= TARGETS["b_over_a"]  # type: ignore[operator]
    if "b" in results and "c" in results:
        targets["c_speedup_over_b"] = _ratio(results["b"]["seconds"], results["c"]["seconds"])
        targets[f"c_at_least_{TARGETS['c_speedup']}x_b"] = targets["c_speedup_over_b"] >= TARGETS["c_speedup"]  # type: ignore[operator]
    if "b" in results and "d" in results:
        targets["d_speedup_over_b"] = _ratio(results["b"]["seconds"], results["d"]["seconds"])
    if "b" in results and "b84" in results:
        targets["memory_840_over_84"] = _ratio(results["b"]["peak_memory_mb"], results["b84"]["peak_memory_mb"])
        targets[f"memory_within_{TARGETS['memory']}x"] = targets["memory_840_over_84"] <= TARGETS["memory"]  # type: ignore[operator]
    if "startup" in results:
        targets["startup_seconds"] = results["startup"]["startup_seconds"]
    if "incremental" in results:
        targets["incremental_over_full"] = results["incremental"]["changed_over_full"]
        under = targets["incremental_over_full"] < TARGETS["incremental"]  # type: ignore[operator]
        targets[f"incremental_under_{TARGETS['incremental']}x"] = under
    return {"corpus": origin, "articles": n, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "cases": results, "targets": targets}


def print_table(report: dict[str, object]) -> None:
    cases = report["cases"]
    assert isinstance(cases, dict)
    print(f"{'case':<6}{'docs':>6}{'seconds':>10}{'cpu s':>9}{'docs/s':>9}{'tokens/s':>10}{'x (a)':>8}{'peak MB':>9}")
    for name, r in cases.items():
        if "seconds" not in r or "documents" not in r:
            continue
        print(f"{name:<6}{r['documents']:>6}{r['seconds']:>10.1f}{r.get('cpu_seconds', 0):>9.1f}"
              f"{r.get('docs_per_second', 0):>9.2f}{r.get('tokens_per_second', 0):>10.0f}"
              f"{r.get('time_over_a', 0):>8.2f}{r['peak_memory_mb']:>9.0f}")
    if "incremental" in cases:
        inc = cases["incremental"]
        print(f"incremental: full {inc['full_wall_seconds']:.1f}s, one file touched "
              f"{inc['touched_wall_seconds']:.1f}s, one file changed {inc['changed_wall_seconds']:.1f}s")
    if "startup" in cases:
        st = cases["startup"]
        print(f"startup: {st['startup_seconds']:.1f}s to the first article's rows (interpreter "
              f"{st['interpreter_seconds']:.1f}s, imports {st['import_seconds']:.1f}s, model and rules "
              f"{st['load_seconds']:.1f}s, first article {st['first_document_seconds']:.1f}s)")
    if "round_over_a" in cases.get("b", {}):
        print(f"b/a per round: {cases['b']['round_over_a']}")
    print("targets:", json.dumps(report["targets"]))


if __name__ == "__main__":
    sys.exit(main())
