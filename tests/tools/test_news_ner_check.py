"""news_ner_check.py: the hand-annotated news NER check reads, splits and matches its articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import SHARED_DIR
from pipeline.tools import news_ner_check as check

TEXT_DIR = SHARED_DIR / "data" / "polnear" / "train" / "text"


def test_gold_splits_are_disjoint_halves() -> None:
    tune, report = check.read_gold(split="tune"), check.read_gold(split="report")
    assert len(tune) == len(report) == 7 and not set(tune) & set(report)
    assert check.read_gold(split="all") == {**tune, **report}
    labels = {lab for mentions in tune.values() for _, _, lab, _ in mentions}
    assert labels == {"PER", "ORG", "LOC", "MISC"}


def test_gold_jsonl_keeps_scored_labels_only(tmp_path: Path) -> None:
    gold = {"a": [(0, 5, "PER", "Clint"), (9, 15, "MISC", "Democr")]}
    check.write_gold_jsonl(gold, tmp_path)
    assert json.loads((tmp_path / "gold.jsonl").read_text()) == {"file": "a", "entities": [[0, 5, "PER"]]}


def test_gold_offsets_match_the_articles() -> None:
    if not TEXT_DIR.is_dir():
        pytest.skip(f"{TEXT_DIR} is absent")
    assert check.check_offsets(check.read_gold(), TEXT_DIR) == []
