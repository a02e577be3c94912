"""The benchmark script's plumbing (the timings themselves are not tested)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.tools import bench


def test_bench_corpus_falls_back_to_copies_of_the_demo_corpus(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "POLNEAR", tmp_path / "absent")
    corpus, origin = bench.bench_corpus(tmp_path / "work", copies=3)
    assert len(list(corpus.iterdir())) == 3 and origin.startswith("3 copies of")
    assert not corpus.is_relative_to(bench.CORPUS_DIR.parent)  # never inside the repository


def test_summarise_computes_rates_ratios_and_targets() -> None:
    results = {
        "a": {"documents": 10, "tokens": 1000, "seconds": 10.0, "process_seconds": 9.0, "peak_memory_mb": 400.0},
        "b": {"documents": 10, "seconds": 12.0, "process_seconds": 11.0, "peak_memory_mb": 600.0},
        "b84": {"documents": 1, "seconds": 2.0, "process_seconds": 1.0, "peak_memory_mb": 550.0},
        "c": {"documents": 10, "seconds": 7.0, "peak_memory_mb": 900.0, "wall_seconds": 9.0},
        "incremental": {"changed_over_full": 0.05},
    }
    report = bench.summarise(results, 10, "test")
    targets = report["targets"]
    assert isinstance(targets, dict)
    # 1.2x is over the 1.15x budget; 1.71x is short of the 1.8x speed-up
    assert targets["b_over_a_time"] == 1.2 and targets["b_within_1.15x_a"] is False
    assert targets["c_speedup_over_b"] == round(12 / 7, 3) and targets["c_at_least_1.8x_b"] is False
    assert targets["memory_840_over_84"] == round(600 / 550, 3) and targets["memory_within_1.2x"] is True
    assert targets["incremental_under_0.1x"] is True
    assert (results["b"]["docs_per_second"], results["b"]["tokens_per_second"]) == (0.83, 83.3)


def test_summarise_passes_targets_that_are_met() -> None:
    results = {
        "a": {"documents": 10, "tokens": 1000, "seconds": 10.0, "process_seconds": 9.0, "peak_memory_mb": 400.0},
        "b": {"documents": 10, "seconds": 11.0, "process_seconds": 10.0, "peak_memory_mb": 600.0},
        "c": {"documents": 10, "seconds": 6.0, "peak_memory_mb": 900.0},
        "startup": {"startup_seconds": 4.2},
    }
    targets = bench.summarise(results, 10, "test")["targets"]
    assert isinstance(targets, dict)
    assert targets["b_within_1.15x_a"] is True and targets["c_at_least_1.8x_b"] is True
    assert targets["startup_seconds"] == 4.2


def test_fastest_keeps_each_cases_best_round_and_every_rounds_ratio() -> None:
    rounds = {
        "a": [{"seconds": 10.0, "k": 0}, {"seconds": 8.0, "k": 1}],
        "b": [{"seconds": 12.0, "k": 0}, {"seconds": 9.0, "k": 1}],
    }
    best = bench.fastest(rounds)
    assert best["a"]["k"] == 1 and best["a"]["round_seconds"] == [10.0, 8.0]
    assert best["b"]["k"] == 1 and best["b"]["round_over_a"] == [1.2, 1.125]


def test_bench_refuses_an_unknown_case() -> None:
    with pytest.raises(SystemExit):
        bench.main(["--cases", "a,nope"])
