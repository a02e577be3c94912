"""Shared fixtures: blank pipelines where no model is needed, the model once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline import nlp as nlp_mod
from pipeline.config import CORPUS_DIR, MODELS_DIR, SHARED_DIR, Settings

SEED = CORPUS_DIR / "000_0af64ffdc541f073.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> Language:
    """The full English pipeline (model + our components), loaded once."""
    return nlp_mod.build(settings)


@pytest.fixture()
def blank() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED_DIR / "gold").is_dir():
        pytest.skip(f"{SHARED_DIR} is absent: gold annotations live beside the project, not in it")
    return SHARED_DIR


@pytest.fixture(scope="session")
def models_dir() -> Path:
    return MODELS_DIR


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CLI run over the demo corpus in every output format (tables, database, report)."""
    from pipeline import cli

    out = tmp_path_factory.mktemp("seed_run")
    assert cli.main(["run", str(CORPUS_DIR), "--out", str(out), "--formats", "csv,parquet,duckdb", "--quiet"]) == 0
    return out
