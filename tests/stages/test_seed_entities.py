"""The seed article against the hand-made entity gold in ../shared (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.config import CORPUS_DIR, Settings
from pipeline.records import Entity, RawInput
from pipeline.stages import document, ingest


@pytest.fixture(scope="module")
def seed_entities(nlp: Language, settings: Settings) -> list[Entity]:
    raws = [r for r in ingest.iter_inputs([CORPUS_DIR]) if isinstance(r, RawInput)]
    assert len(raws) == 1
    (rows,) = document.process_batch(list(raws), nlp, settings)
    return rows.entities


def _gold(shared: Path) -> dict[str, list]:
    return json.loads((shared / "gold" / "seed_entities.json").read_text(encoding="utf-8"))


@pytest.mark.model
def test_seed_has_every_must_entity(seed_entities: list[Entity], shared: Path) -> None:
    missing = []
    for m in _gold(shared)["must"]:
        hits = [e for e in seed_entities if e.canonical == m["canonical"] and e.label == m["label"]
                and e.country_code == m.get("country_code", e.country_code)
                and e.text == m.get("as_written", e.text)]
        if not hits:
            missing.append(m)
    assert not missing


@pytest.mark.model
def test_seed_has_no_must_not_pair(seed_entities: list[Entity], shared: Path) -> None:
    pairs = {(e.text, e.label) for e in seed_entities}
    assert not [p for p in _gold(shared)["must_not"] if tuple(p) in pairs]


@pytest.mark.model
def test_seed_compound_gives_two_rows(seed_entities: list[Entity]) -> None:
    sino = [(e.canonical, e.country_code) for e in seed_entities if e.text == "Sino-American"]
    assert sorted(sino) == [("China", "CN"), ("United States", "US")]


@pytest.mark.model
def test_seed_summary_counts_both_languages(nlp: Language, settings: Settings) -> None:
    raws = [r for r in ingest.iter_inputs([CORPUS_DIR]) if isinstance(r, RawInput)]
    (rows,) = document.process_batch(list(raws), nlp, settings)
    china = [s for s in rows.entity_summary if s.canonical == "China" and s.label == "GPE"]
    langs = {e.lang for e in rows.entities if e.canonical == "China"}
    assert len(china) == 1 and china[0].country_code == "CN" and langs == {"en", "zh"}
    assert china[0].mentions == sum(e.canonical == "China" and e.label == "GPE" for e in rows.entities)
