"""``make bench``: bare spaCy against the pipeline on 1 and 2 workers and on Dask; start-up; memory; incremental runs.

Cases, all on the same texts and the same model:

- ``a``: bare spaCy ``nlp.pipe`` over the texts (the model alone, no rules, no tables);
- ``b``: the pipeline, 1 worker (in process); ``a`` and ``b`` run alternately, ``--rounds``
  times each (a b a b ...), so a change in the machine's load falls on both; each case
  keeps its fastest round, and every round's ``b``/``a`` ratio is reported too;
- ``b84``: ``b`` on the first 84 articles, for memory against corpus size;
- ``c``: the pipeline, 2 worker processes;
- ``d``: the Dask engine on a local cluster of 2 workers;
- ``startup``: a fresh process from its start to the first article's rows written:
  interpreter, imports, model and rules loaded, then one article through every stage;
- ``incremental``: the command line again over the corpus of ``c`` after one file changed
  (and after one file was only touched), reusing ``c``'s cache.

Each case runs in its own process, so its peak memory is its own: the parent samples
the proportional set size (PSS, shared pages split between the processes sharing them)
of the case's whole process tree. ``seconds`` is the case's wall time after imports,
model loading included (in workers, for ``c`` and ``d``); ``process_seconds`` leaves the
model loading out where it can be separated (``a`` and ``b``). Targets: ``b`` within
1.15x of ``a``; ``c`` at least 1.8x faster than ``b``; peak memory on the corpus within
1.2x of that on 84 articles; a re-run after one changed file under 0.1 of a full run.
Results go to ``outputs/bench.json``. A script, not a test: timings depend on the
machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_BORN = time.time()  # a child's clock for ``startup``: set before anything heavy is imported

from .config import CORPUS_DIR, OUTPUTS_DIR, SHARED_DIR, Settings  # noqa: E402  (after _BORN)

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


# ---------------------------------------------------------------- one case, in a child process


def run_case(case: str, corpus: Path, out: Path, limit: int | None) -> dict[str, object]:
    """Run one case here and return its timings (called in the child process)."""
    if case == "startup":
        return _startup(corpus, out)
    from . import ingest
    from . import nlp as nlp_mod
    from .runner import run

    roots = _first(corpus, limit) if limit else [corpus]
    settings = Settings(quiet=True, cache_dir=out / ".cache")
    t0 = time.perf_counter()
    if case == "a":
        import spacy

        nlp = spacy.load(nlp_mod.model_name(settings))
        texts = [r.text for r in ingest.iter_inputs(roots) if not isinstance(r, ingest.ErrorRow)]
        t1 = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size))
        t2 = time.perf_counter()
        return {"documents": len(texts), "tokens": tokens, "seconds": t2 - t0, "process_seconds": t2 - t1,
                "load_seconds": t1 - t0}
    if case in ("b", "b84"):
        nlp = nlp_mod.build(settings)
        t1 = time.perf_counter()
        summary = run(roots, out, nlp, settings.with_(workers=1))
        t2 = time.perf_counter()
        return {"documents": summary.documents, "seconds": t2 - t0, "process_seconds": t2 - t1,
                "load_seconds": t1 - t0}
    if case in ("c", "d"):
        engine = "dask" if case == "d" else "local"
        summary = run(roots, out, None, settings.with_(workers=2, engine=engine))
        return {"documents": summary.documents, "seconds": time.perf_counter() - t0}
    raise ValueError(f"case {case!r} is not one of {list(CASES[:-1])}")


def _startup(corpus: Path, out: Path) -> dict[str, object]:
    """Wall seconds from the process's start to the first article's rows, in their parts."""
    import psutil

    born = psutil.Process().create_time()
    from . import nlp as nlp_mod
    from .runner import run

    settings = Settings(quiet=True, cache_dir=out / ".cache", workers=1)
    t1 = time.time()
    nlp = nlp_mod.build(settings)
    t2 = time.time()
    summary = run(_first(corpus, 1), out, nlp, settings)
    t3 = time.time()
    return {"documents": summary.documents, "interpreter_seconds": round(_BORN - born, 3),
            "import_seconds": round(t1 - _BORN, 3), "load_seconds": round(t2 - t1, 3),
            "first_document_seconds": round(t3 - t2, 3), "startup_seconds": round(t3 - born, 3)}


# ---------------------------------------------------------------- the parent: processes and memory


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


def _measure(cmd: list[str], every: float = 0.5) -> tuple[float, int, str]:
    """Run ``cmd``; return its wall seconds, the peak memory of its process tree, and its stdout."""
    import psutil

    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
        proc = psutil.Process(child.pid)
        peak = 0
        while child.poll() is None:
            try:
                peak = max(peak, _tree_memory(proc))
            except psutil.NoSuchProcess:
                pass
            time.sleep(every)
        seconds = time.perf_counter() - t0
        err = child.stderr.read() if child.stderr else ""
        if child.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({child.returncode}):\n{err[-3000:]}")
        out.seek(0)
        return seconds, peak, out.read()


def _case(case: str, corpus: Path, out: Path, limit: int | None = None) -> dict[str, object]:
    cmd = [sys.executable, "-m", "pipeline.bench", "--case", case, "--corpus", str(corpus), "--out", str(out)]
    if limit:
        cmd += ["--limit", str(limit)]
    wall, peak, stdout = _measure(cmd)
    result: dict[str, object] = json.loads(stdout.strip().splitlines()[-1])
    result.update(case=case, wall_seconds=wall, peak_memory_mb=peak / 2**20)
    print(f"  {case}: {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def _cli(corpus: Path, out: Path) -> tuple[float, str]:
    # no report: case c, the full run it is compared with, writes none either
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--workers", "2", "--quiet",
           "--no-report"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    summary = [line for line in proc.stderr.splitlines() if line.startswith("documents=")]
    return time.perf_counter() - t0, summary[-1] if summary else ""


def _ratio(x: object, y: object) -> float:
    return round(float(x) / float(y), 3)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
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
                    rounds.setdefault(case, []).append(_case(case, corpus, out))
                    shutil.rmtree(out, ignore_errors=True)
        results.update(fastest(rounds))
        for case in ("b84", "c", "d", "startup"):
            if case in cases:
                limit = 84 if case == "b84" else None
                results[case] = _case(case, corpus, work / f"out-{case}", limit)
        if "incremental" in cases and "c" in cases:
            victim = _first(corpus, n)[n // 2]
            os.utime(victim)  # touched: a new mtime, the same content
            touched, line_t = _cli(corpus, work / "out-c")
            with victim.open("a", encoding="utf-8") as f:
                f.write("\nThe senator said nothing more.\n")  # changed content
            changed, line_c = _cli(corpus, work / "out-c")
            results["incremental"] = {"full_wall_seconds": results["c"]["wall_seconds"],
                                      "touched_wall_seconds": touched, "touched_summary": line_t,
                                      "changed_wall_seconds": changed, "changed_summary": line_c,
                                      "touched_over_full": _ratio(touched, results["c"]["wall_seconds"]),
                                      "changed_over_full": _ratio(changed, results["c"]["wall_seconds"])}
            print(f"  incremental: {json.dumps(results['incremental'])}", file=sys.stderr, flush=True)

    report = summarise(results, n, origin)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


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
        if "seconds" in r:
            r["docs_per_second"] = round(float(r["documents"]) / float(r["seconds"]), 2)  # type: ignore[arg-type]
            if a and r["documents"] == a["documents"]:  # b84 runs on fewer texts: no ratio to (a)
                r["tokens_per_second"] = round(float(tokens) / float(r["seconds"]), 1)  # type: ignore[arg-type]
                r["time_over_a"] = _ratio(r["seconds"], a["seconds"])
    targets: dict[str, object] = {}
    if a and "b" in results:
        targets["b_over_a_time"] = _ratio(results["b"]["seconds"], a["seconds"])
        targets["b_over_a_process_time"] = _ratio(results["b"]["process_seconds"], a["process_seconds"])
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
    print(f"{'case':<6}{'docs':>6}{'seconds':>10}{'docs/s':>9}{'tokens/s':>10}{'x (a)':>8}{'peak MB':>9}")
    for name, r in cases.items():
        if "seconds" not in r:
            continue
        print(f"{name:<6}{r['documents']:>6}{r['seconds']:>10.1f}{r['docs_per_second']:>9.2f}"
              f"{r.get('tokens_per_second', 0):>10.0f}{r.get('time_over_a', 0):>8.2f}{r['peak_memory_mb']:>9.0f}")
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
