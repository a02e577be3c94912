"""tools/compare: two runs' tables byte-identical, or where they first differ."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.tools import compare


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "a.txt").write_text("Mayor Ann Lee said on Friday that the park would open.\n", encoding="utf-8")
    root = tmp_path_factory.mktemp("runs")
    for name in ("before", "after"):
        assert cli.main(["run", str(corpus), "--out", str(root / name / "eval" / "set"), "--quiet", "--no-report",
                         "--workers", "1"]) == 0
    return root / "before", root / "after"


@pytest.mark.model
def test_identical_runs_compare_equal(two_runs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before, after = two_runs
    assert compare.runs(before) == [Path("eval/set")]
    assert compare.compare(before, after) == []
    assert compare.main([str(before), str(after)]) == 0
    assert "all identical" in capsys.readouterr().err


@pytest.mark.model
def test_a_changed_table_is_named_with_its_first_differing_line(two_runs: tuple[Path, Path],
                                                                tmp_path: Path) -> None:
    before, after = two_runs
    changed = tmp_path / "after"
    shutil.copytree(after, changed)
    csv = changed / "eval" / "set" / "quotes.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Ann Lee", "Anne Lee"), encoding="utf-8")
    # run.json names the table's hash: change it as a run that wrote this table would
    manifest = changed / "eval" / "set" / "run.json"
    from pipeline.output.manifest import sha256_file

    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        compare._tables(after / "eval" / "set")["quotes"]["sha256"], sha256_file(csv)), encoding="utf-8")  # type: ignore[arg-type]
    (diff,) = compare.compare(before, changed)
    assert (diff.run, diff.table) == ("eval/set", "quotes")
    assert "line 2:" in diff.detail and "Anne Lee" in diff.detail
    assert compare.main([str(before), str(changed)]) == 1


def test_a_folder_without_runs_is_an_error(tmp_path: Path) -> None:
    assert compare.main([str(tmp_path), str(tmp_path)]) == 2


def test_a_missing_run_after_is_a_difference(tmp_path: Path) -> None:
    (tmp_path / "before" / "x").mkdir(parents=True)
    (tmp_path / "before" / "x" / "run.json").write_text('{"tables": {}}', encoding="utf-8")
    (diff,) = compare.compare(tmp_path / "before", tmp_path / "after")
    assert diff.run == "x" and "no run.json" in diff.detail
