"""Atomic, deterministic output: a killed run leaves complete tables; two runs write the same bytes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.config import PROJ_ROOT, Settings
from pipeline.output import schema, tables
from pipeline.output.manifest import sha256_file
from pipeline.records import ErrorRow
from pipeline.run import runner

TABLE_FILES = [f"{t}.csv" for t in schema.RECORDS]


def _corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        (root / f"a{k:03d}.txt").write_text(
            f"Article {k}\n\n“We will finish the bridge by May,” Mayor Anna Berg said on Monday.\n\n"
            f"Berg added that the city would pay {k} million. 北京 also said so.", encoding="utf-8")
    (root / "bad.jsonl").write_text('{"id": 1, "text": "Fine."}\nnot json\n', encoding="utf-8")
    return root


def _consistent(out: Path) -> dict[str, str]:
    """Check that the tables beside run.json are the ones it describes; return their hashes."""
    manifest = json.loads((out / tables.MANIFEST).read_text(encoding="utf-8"))
    hashes = {t: sha256_file(out / f"{t}.csv") for t in schema.RECORDS}
    assert hashes == {t: v["sha256"] for t, v in manifest["tables"].items()}
    assert not (out / tables.JOURNAL).exists()
    return hashes


def _committed_then_pending(tmp_path: Path) -> tuple[Path, dict[str, str], tables.TableWriter]:
    """An output folder with a committed run, its hashes, and a second writer with a row not yet committed."""
    out = tmp_path / "out"
    tables.TableWriter(out).commit({"run": "old"})
    before = _consistent(out)
    new = tables.TableWriter(out)
    new.write("errors", [ErrorRow("x.txt", None, "", "ingest", "InputError", "new row", "rejected")])
    return out, before, new


def test_kill_mid_commit_is_finished_by_the_next_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before, new = _committed_then_pending(tmp_path)
    real_replace = os.replace
    moved: list[str] = []

    def dying_replace(src: str | Path, dst: str | Path) -> None:
        if len(moved) == 3 and Path(src).name != tables.JOURNAL:
            raise KeyboardInterrupt("killed during the commit")  # stands in for SIGKILL
        real_replace(src, dst)
        if Path(src).name != tables.JOURNAL:
            moved.append(Path(dst).name)

    monkeypatch.setattr(tables.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        new.commit({"run": "new"})
    monkeypatch.setattr(tables.os, "replace", real_replace)
    assert (out / tables.JOURNAL).exists()  # half moved: the journal says how to finish
    assert tables.recover(out) is True
    after = _consistent(out)
    assert after != before and json.loads((out / "run.json").read_text())["run"] == "new"
    assert not list(out.glob(".tmp-*"))


def test_interrupted_commit_is_finished_by_abort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the moves: the runner's abort() must not delete files the journal needs."""
    out = tmp_path / "out"
    tables.TableWriter(out).commit({"run": "old"})
    new = tables.TableWriter(out)
    new.write("errors", [ErrorRow("x.txt", None, "", "ingest", "InputError", "new row", "rejected")])
    real_replace = os.replace
    calls: list[str] = []

    def interrupted_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(Path(src).name)
        if len(calls) == 4:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(tables.os, "replace", interrupted_replace)
    try:
        new.commit({"run": "new"})
    except KeyboardInterrupt:
        monkeypatch.setattr(tables.os, "replace", real_replace)
        new.abort()
    _consistent(out)
    assert json.loads((out / "run.json").read_text())["run"] == "new"
    assert "new row" in (out / "errors.csv").read_text(encoding="utf-8")


def test_kill_before_commit_leaves_previous_outputs(tmp_path: Path) -> None:
    out, before, new = _committed_then_pending(tmp_path)
    del new  # never committed: the process died
    assert _consistent(out) == before
    tables.TableWriter(out).abort()
    assert not list(out.glob(".tmp-*"))  # the dead run's temporary folder is cleaned up


def test_stale_temporary_folder_of_a_dead_run_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".tmp-999999999").mkdir(parents=True)  # no such process
    tables.TableWriter(out).abort()
    assert not (out / ".tmp-999999999").exists()


@pytest.mark.slow
def test_sigkilled_run_leaves_complete_outputs_and_next_run_completes(tmp_path: Path, nlp: Language) -> None:
    corpus = _corpus(tmp_path / "corpus", 12)
    out = tmp_path / "out"
    settings = Settings(quiet=True, batch_size=1)
    runner.run([corpus], out, nlp, settings)  # the previous complete outputs
    first = _consistent(out)
    first_bytes = {name: (out / name).read_bytes() for name in TABLE_FILES}

    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out),
                             "--batch-size", "1", "--quiet"], cwd=PROJ_ROOT, env=dict(os.environ, PYTHONHASHSEED="7"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    partial = out / f".tmp-{proc.pid}" / "documents.csv"
    while time.monotonic() < deadline and proc.poll() is None:
        if partial.exists() and len(partial.read_bytes().splitlines()) > 2:
            break  # part-way: some batches written, more to come
        time.sleep(0.05)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert killed, "the run finished before it could be killed; give it a larger corpus"
    assert _consistent(out) == first  # the previous complete outputs, untouched
    assert (out / f".tmp-{proc.pid}").exists()  # the dead run's half-written tables stay aside

    summary = runner.run([corpus], out, nlp, settings)  # the next run completes normally
    assert summary.documents == 13 and summary.rejected == 1
    assert _consistent(out) == first
    assert {name: (out / name).read_bytes() for name in TABLE_FILES} == first_bytes  # deterministic
    assert not list(out.glob(".tmp-*"))


@pytest.mark.slow
def test_two_runs_write_identical_tables(tmp_path: Path, nlp: Language) -> None:
    """This process and another with its own hash seed write the same bytes; only run.json differs."""
    corpus = _corpus(tmp_path / "corpus", 3)
    outs = [tmp_path / "out1", tmp_path / "out2"]
    runner.run([corpus], outs[0], nlp, Settings(quiet=True))
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(outs[1]), "--quiet"],
                   cwd=PROJ_ROOT, env=dict(os.environ, PYTHONHASHSEED="12345"), check=True, timeout=300,
                   capture_output=True)
    for name in TABLE_FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    manifest = json.loads((outs[0] / "run.json").read_text(encoding="utf-8"))
    assert {"started", "finished", "pipeline", "model", "rules", "settings", "packages", "tables"} <= set(manifest)
    assert manifest["rules"]["en/quote_verbs.txt"] and manifest["model"]["version"]
    assert manifest["settings"]["max_doc_chars"] == Settings().max_doc_chars
    for name in TABLE_FILES:
        text = (outs[0] / name).read_text(encoding="utf-8")
        assert manifest["started"][:10] not in text, f"a timestamp in {name}"
