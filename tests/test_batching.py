"""Consecutive runs bounded in number and size: batches of inputs, groups the model parses at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.batching import bounded_runs


def test_runs_close_at_the_size_bound_and_a_larger_item_stands_alone() -> None:
    runs = list(bounded_runs([400, 500, 300, 1200, 100, 100], int, max_size=1000))
    assert runs == [[400, 500], [300], [1200], [100, 100]]


def test_runs_close_at_the_item_bound_and_either_bound_may_be_absent() -> None:
    assert list(bounded_runs(range(5), lambda _: 1, max_items=2)) == [[0, 1], [2, 3], [4]]
    assert list(bounded_runs([5, 5, 5], int, max_size=10, max_items=1)) == [[5], [5], [5]]
    assert list(bounded_runs([5, 5, 5], int)) == [[5, 5, 5]]
    assert list(bounded_runs([], int, max_size=10)) == []


@given(st.lists(st.integers(0, 50)), st.integers(1, 60), st.integers(1, 5))
def test_runs_keep_every_item_in_order_within_both_bounds(sizes: list[int], max_size: int, max_items: int) -> None:
    runs = list(bounded_runs(sizes, int, max_size, max_items))
    assert [x for run in runs for x in run] == sizes
    for run in runs:
        assert run and len(run) <= max_items
        assert sum(run) <= max_size or len(run) == 1
