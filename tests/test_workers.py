"""Engines: each worker process builds the models once; the engine follows the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.run import engines as workers
from pipeline.run import runner
from pipeline.stages import nlp as nlp_mod


def test_worker_builds_the_pipeline_once_for_every_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Settings] = []
    monkeypatch.setattr(workers, "_NLP", {})
    monkeypatch.setattr(nlp_mod, "build", lambda s: built.append(s) or object())
    monkeypatch.setattr(runner, "process_batch", lambda batch, nlp, settings: [nlp] * len(batch))
    settings = Settings(model="some_model")
    first = workers.run_batch([], settings)
    workers.run_batch([], settings)
    workers.run_batch([], settings)
    assert len(built) == 1 and first == []


def test_worker_without_the_rules_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_NLP", {})
    with pytest.raises(FileNotFoundError, match="rules folder .*absent does not exist"):
        workers.worker_nlp(Settings(models_dir=tmp_path / "absent"))


@pytest.mark.parametrize(("settings", "small", "kind"), [
    (Settings(workers=1), False, workers.InProcess),
    (Settings(workers=2), True, workers.InProcess),  # one batch: a pool would only add start-up
    (Settings(workers=2), False, workers.ProcessPool),
])
def test_make_engine_follows_settings(settings: Settings, small: bool, kind: type) -> None:
    engine = workers.make_engine(settings, None, small=small)
    try:
        assert isinstance(engine, kind)
    finally:
        engine.close()


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"engine 'spark' is not one of \['local', 'dask'\]"):
        workers.make_engine(Settings(engine="spark"), None, small=False)
