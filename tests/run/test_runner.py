"""The stream: identical tables whatever the number of workers, and incremental re-runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline import provenance
from pipeline.config import Settings
from pipeline.output import schema
from pipeline.records import ErrorRow, RawInput
from pipeline.run import engines, runner, tasks


def read_tables(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.csv").read_bytes() for t in schema.RECORDS}


@pytest.fixture(scope="module")
def corpus(small_corpus: Path) -> Path:
    return small_corpus


@pytest.fixture(scope="module")
def one_worker(corpus: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference tables: one worker, in this process."""
    out = tmp_path_factory.mktemp("w1")
    summary = runner.run([corpus], out, nlp, Settings(workers=1, batch_size=2, quiet=True))
    # the empty document is rejected at ingest: an error row, not a processed document
    assert (summary.documents, summary.processed, summary.reused) == (6, 6, 0)
    return out


def test_count_documents_counts_files_and_jsonl_lines(corpus: Path) -> None:
    assert runner.count_documents([corpus]) == 8  # 5 files + 2 JSONL records + the seed


@pytest.mark.model
def test_rows_follow_corpus_walk_order(one_worker: Path) -> None:
    docs = (one_worker / "documents.csv").read_text(encoding="utf-8").splitlines()[1:]
    # a folder's own files (sorted) come before its subfolders (sorted), as os.walk visits them
    assert [line.split(",")[1] for line in docs] == ["c.jsonl", "c.jsonl", "seed.txt", "a/001.txt", "a/002.txt",
                                                     "b/003.txt"]
    errors = (one_worker / "errors.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [line.split(",")[0] for line in errors] == ["b/004.txt", "b/notes.csv"]


@pytest.mark.slow
def test_tables_identical_whatever_the_number_of_workers(corpus: Path, one_worker: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[object] = []
    real_make_engine = runner.make_engine

    def spy(*args: object, **kwargs: object) -> engines.Engine:
        engine = real_make_engine(*args, **kwargs)  # type: ignore[arg-type]
        used.append(engine)
        return engine

    monkeypatch.setattr(runner, "make_engine", spy)
    summary = runner.run([corpus], tmp_path, None, Settings(workers=2, batch_size=2, quiet=True))
    assert isinstance(used[0], engines.ProcessPool)  # the pool really ran, batches interleaved on two workers
    assert summary.processed == 6
    assert read_tables(tmp_path) == read_tables(one_worker)


@pytest.mark.model
def test_incremental_rerun_processes_only_changed_documents(corpus: Path, one_worker: Path, nlp: Language,
                                                            tmp_path: Path) -> None:
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    out, settings = tmp_path / "out", Settings(workers=1, batch_size=2, quiet=True)
    runner.run([work], out, nlp, settings)
    again = runner.run([work], out, nlp, settings)
    assert (again.processed, again.reused) == (0, 6)
    assert read_tables(out) == read_tables(one_worker)

    with (work / "a" / "002.txt").open("a", encoding="utf-8") as f:
        f.write("\nShe said nothing else.\n")
    (work / "b" / "003.txt").touch()  # a new mtime, the same content: still cached
    changed = runner.run([work], out, nlp, settings)
    assert (changed.processed, changed.reused) == (1, 5)
    fresh = runner.run([work], tmp_path / "fresh", nlp, Settings(workers=1, batch_size=2, quiet=True, force=True,
                                                                  cache_dir=tmp_path / "other-cache"))
    assert fresh.processed == 6
    assert read_tables(out) == read_tables(tmp_path / "fresh")  # the tables still cover the whole corpus


@pytest.mark.model
def test_force_reprocesses_everything(corpus: Path, nlp: Language, tmp_path: Path) -> None:
    settings = Settings(workers=1, batch_size=4, quiet=True)
    runner.run([corpus], tmp_path, nlp, settings)
    forced = runner.run([corpus], tmp_path, nlp, settings.with_(force=True))
    assert (forced.processed, forced.reused) == (6, 0)


@pytest.mark.model
def test_rules_change_invalidates_the_cache(corpus: Path, nlp: Language, tmp_path: Path, models_dir: Path) -> None:
    rules = tmp_path / "models"
    shutil.copytree(models_dir, rules)
    settings = Settings(workers=1, batch_size=4, quiet=True, models_dir=rules)
    runner.run([corpus], tmp_path / "out", nlp, settings)
    with (rules / "en" / "quote_verbs.txt").open("a", encoding="utf-8") as f:
        f.write("\nmurmur\n")
    rerun = runner.run([corpus], tmp_path / "out", nlp, settings)
    assert (rerun.processed, rerun.reused) == (6, 0)


@pytest.mark.model
@pytest.mark.parametrize("package", ["pycountry", "wordfreq"])  # two the cache once ignored
def test_library_upgrade_invalidates_the_cache(corpus: Path, nlp: Language, tmp_path: Path, package: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(workers=1, batch_size=4, quiet=True)
    runner.run([corpus], tmp_path, nlp, settings)
    assert runner.run([corpus], tmp_path, nlp, settings).reused == 6
    real = provenance.version
    monkeypatch.setattr(provenance, "version", lambda name: real(name) + (".post1" if name == package else ""))
    rerun = runner.run([corpus], tmp_path, nlp, settings)
    assert (rerun.processed, rerun.reused) == (6, 0)
    assert json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))["packages"][package].endswith(".post1")


@pytest.mark.model
def test_interrupted_run_resumes_from_the_cache(corpus: Path, one_worker: Path, nlp: Language, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = tasks.run_batch
    calls: list[int] = []

    def dies_on_third_batch(batch: list, settings: Settings, nlp: Language | None = None) -> list:
        calls.append(len(batch))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(batch, settings, nlp)

    settings = Settings(workers=1, batch_size=2, quiet=True)
    monkeypatch.setattr(tasks, "run_batch", dies_on_third_batch)
    with pytest.raises(KeyboardInterrupt):
        runner.run([corpus], tmp_path, nlp, settings)
    assert not (tmp_path / "documents.csv").exists()  # no partial tables
    monkeypatch.setattr(tasks, "run_batch", real)
    resumed = runner.run([corpus], tmp_path, nlp, settings)
    assert (resumed.processed, resumed.reused) == (4, 2)  # the first batch was kept
    assert read_tables(tmp_path) == read_tables(one_worker)


def test_batches_close_at_the_document_or_the_character_bound() -> None:
    docs = [RawInput(f"{k}.txt", str(k), None, "x" * n, "utf-8", k) for k, n in enumerate([40, 40, 40, 500, 10, 10])]
    err = ErrorRow("bad.csv", None, "", "ingest", "UnsupportedFile", "no")
    sizes = [[len(i.text) if isinstance(i, RawInput) else "err" for i in b]
             for b in runner._batches([*docs[:2], err, *docs[2:]], size=3, max_chars=100)]
    # 40+40 and an error row (no text) fill 3 slots; 500 is over the bound alone; 10+10 fit together
    assert sizes == [[40, 40, "err"], [40], [500], [10, 10]]
    assert [len(b) for b in runner._batches(docs, size=4)] == [4, 2]  # no character bound
