"""Engines and the task they run: each worker process builds the models once; the engine follows the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.run import engines, runner, tasks
from pipeline.stages import nlp as nlp_mod


def test_worker_builds_the_pipeline_once_for_every_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Settings] = []
    monkeypatch.setattr(tasks, "_NLP", {})
    monkeypatch.setattr(nlp_mod, "build", lambda s: built.append(s) or object())
    monkeypatch.setattr(tasks, "process_batch", lambda batch, nlp, settings: [nlp] * len(batch))
    settings = Settings(model="some_model")
    first = tasks.run_batch([], settings)
    tasks.run_batch([], settings)
    tasks.run_batch([], settings)
    assert len(built) == 1 and first == []


def test_a_given_pipeline_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "_NLP", {})
    monkeypatch.setattr(nlp_mod, "build", lambda s: pytest.fail("no pipeline should be built"))
    monkeypatch.setattr(tasks, "process_batch", lambda batch, nlp, settings: [nlp] * len(batch))
    given = object()
    assert tasks.run_batch([object()], Settings(), given) == [given]  # type: ignore[list-item, arg-type]


def test_worker_without_the_rules_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "_NLP", {})
    with pytest.raises(FileNotFoundError, match="rules folder .*absent does not exist"):
        tasks.worker_nlp(Settings(models_dir=tmp_path / "absent"))


def _task(batch: list, settings: Settings, nlp: object = None) -> list:
    return [(len(batch), nlp)]


@pytest.mark.parametrize(("settings", "small", "kind"), [
    (Settings(workers=1), False, engines.InProcess),
    (Settings(workers=2), True, engines.InProcess),  # one batch: a pool would only add start-up
    (Settings(workers=2), False, engines.ProcessPool),
])
def test_make_engine_follows_settings(settings: Settings, small: bool, kind: type) -> None:
    engine = runner.make_engine(settings, _task, lambda s: None, None, small=small)
    try:
        assert isinstance(engine, kind)
    finally:
        engine.close()


def test_engines_run_the_task_they_are_given() -> None:
    here = runner.make_engine(Settings(workers=1), _task, lambda s: None, "my-nlp", small=False)  # type: ignore[arg-type]
    assert here.submit([1, 2]).result() == [(2, "my-nlp")]  # type: ignore[list-item]
    pool = runner.make_engine(Settings(workers=2), _task, lambda s: None, None, small=False)
    try:
        assert pool.submit([1, 2, 3]).result() == [(3, None)]  # type: ignore[list-item]
    finally:
        pool.close()


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"engine 'spark' is not one of \['local', 'dask'\]"):
        runner.make_engine(Settings(engine="spark"), _task, lambda s: None, None, small=False)
