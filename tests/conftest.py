"""Shared fixtures: blank pipelines where no model is needed, the model once per session."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline.config import CORPUS_DIR, MODELS_DIR, SHARED_DIR, Settings
from pipeline.stages import nlp as nlp_mod

SEED = CORPUS_DIR / "000_0af64ffdc541f073.txt"


@pytest.fixture(scope="session", autouse=True)
def resource_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Built tables (``pipeline/resource_cache.py``) go to a folder of the test session, not ~/.cache."""
    from pipeline import resource_cache

    folder = tmp_path_factory.mktemp("resource_cache")
    before = os.environ.get(resource_cache.ENV)
    os.environ[resource_cache.ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(resource_cache.ENV, None)
    else:
        os.environ[resource_cache.ENV] = before


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
ARTICLES = {
    "a/001.txt": "Senators met on Tuesday.\n\n“We will pass the bill,” said Senator Jane Miller of Ohio.\n",
    "a/002.txt": "The governor spoke in Boston.\n\nGov. Tom Reed said the budget was balanced.\n",
    "b/003.txt": "Officials in Beijing (北京) said talks would resume.\n\n“Nothing is decided,” a spokesman said.\n",
    "b/004.txt": "",  # an empty document: an error row, in its place
    "b/notes.csv": "not,an,article\n",  # an unsupported file: an error row, in its place
}
RECORDS = [{"id": "r1", "text": "Mayor Ann Lee said on Friday that the park would open."},
           {"id": "r2", "text": "“It is a good day,” Lee told reporters."}]


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus for runs in several batches: .txt articles, JSONL records, the seed, two bad inputs."""
    root = tmp_path_factory.mktemp("small_corpus")
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "c.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    shutil.copy(SEED, root / "seed.txt")
    return root
