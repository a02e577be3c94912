"""caps_titles.py: the capitals-title check picks titled articles and scores one casing against the other."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from pipeline.config import SHARED_DIR
from pipeline.tools import caps_titles


def test_titled_articles_keep_titles_with_lower_case_letters(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Trump Wins Ohio Primary Vote\n\nDonald Trump won.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("ALREADY IN CAPITALS\n\nText.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("A title and no body", encoding="utf-8")
    assert caps_titles.titled_articles(tmp_path, 10) == [("Trump Wins Ohio Primary Vote",
                                                          "Trump Wins Ohio Primary Vote\n\nDonald Trump won.")]
    # --skip: the articles after the first N sorted ones (b.txt has no title in headline case)
    (tmp_path / "d.txt").write_text("Clinton Wins Iowa\n\nHillary Clinton won.", encoding="utf-8")
    assert [t for t, _ in caps_titles.titled_articles(tmp_path, 10, skip=1)] == ["Clinton Wins Iowa"]
    assert [t for t, _ in caps_titles.titled_articles(tmp_path, 1, skip=0)] == ["Trump Wins Ohio Primary Vote"]


def test_title_mentions_are_the_scored_labels_within_the_title() -> None:
    doc = spacy.blank("en")("Trump Wins Ohio Vote\n\nDonald Trump won on Monday .")
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 3, "GPE"), Span(doc, 5, 7, "PERSON"), Span(doc, 9, 10, "DATE")]
    assert caps_titles.title_mentions(doc.ents, 20) == {(0, 5, "PER"), (11, 15, "LOC")}


def test_score_counts_agreement_of_the_two_casings() -> None:
    res = caps_titles.score([({(0, 5, "PER"), (11, 15, "LOC")}, {(0, 5, "PER"), (6, 10, "ORG")})])
    assert (res["tp"], res["fp"], res["fn"]) == (1, 1, 1) and res["f1"] == pytest.approx(0.5)


@pytest.mark.model
def test_the_check_runs_over_a_few_articles(capsys: pytest.CaptureFixture[str]) -> None:
    if not (SHARED_DIR / "data" / "polnear" / "train" / "text").is_dir():
        pytest.skip(f"{SHARED_DIR} is absent")
    assert caps_titles.main(["--limit", "3"]) == 0
    assert capsys.readouterr().out.startswith("titles ")
