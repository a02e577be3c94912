from __future__ import annotations

from pathlib import Path

from pipeline.rulefiles import csv_rows, data_lines


def test_data_lines_skip_comments_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# a comment\n\n county \nprovince\n  # indented comment\n", encoding="utf-8")
    assert data_lines(path) == ["county", "province"]


def test_csv_rows_skip_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("# source: here\nform,country_code\nsino,CN\n# more\nfranco,FR\n", encoding="utf-8")
    assert csv_rows(path) == [{"form": "sino", "country_code": "CN"}, {"form": "franco", "country_code": "FR"}]


def test_a_missing_rules_file_reads_as_empty(tmp_path: Path) -> None:
    assert data_lines(tmp_path / "gone.txt") == [] and csv_rows(tmp_path / "gone.csv") == []
    assert data_lines(None) == [] and csv_rows(None) == []
