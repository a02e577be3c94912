"""ngrams.py gives exactly langdetect's n-grams (the language scores depend on them)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import SHARED_DIR
from pipeline.stages import language, ngrams


def langdetect_ngrams(text: str) -> list[str]:
    """langdetect 1.0.9's own path: a Detector, append, cleaning_text, _extract_ngrams."""
    detector = language.model().factory.create()
    detector.append(text)
    detector.cleaning_text()
    return detector._extract_ngrams()  # type: ignore[no-any-return]


def ours(text: str) -> list[str]:
    return ngrams.extract(text, language.model().row)


CASES = [
    "",
    " ",
    "   leading and  double  spaces ",
    "The NASA and ESA chiefs met in Beijing.",
    "USA TODAY: ALL CAPS HEADLINE words",
    "Il a dit que le programme spatial avançait à grands pas.",
    "Şeful ţării şi ţara (ș, ț with comma below)",
    "Tiếng Việt có dấu: Việt Nam, Hà Nội",
    "Tiê\u0301ng Vie\u0323t with combining marks",
    "Москва и Санкт-Петербург — крупнейшие города России.",
    "王亚平:梦想就像太空星辰 努力就定能触摸到",
    "ひらがなとカタカナ、漢字",
    "한국어 문장입니다",
    "mail me at someone@example.com or visit https://example.com/a?b=c",
    "Mixed: Москва Moscow 北京 Beijing",
    "فارسی یک زبان است",
    "ÀÉÎÕÜ àéîõü ¡¿ «guillemets» ×÷",
    "x" * 12_000,
]


@pytest.mark.parametrize("text", CASES)
def test_ngrams_equal_langdetect_on_examples(text: str) -> None:
    assert ours(text) == langdetect_ngrams(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80))
def test_ngrams_equal_langdetect_on_any_text(text: str) -> None:
    assert ours(text) == langdetect_ngrams(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aZ ÉéşțạếМм北ひカ한.-@:/_`[", max_size=60))
def test_ngrams_equal_langdetect_on_dense_edge_characters(text: str) -> None:
    assert ours(text) == langdetect_ngrams(text)


def test_ngrams_equal_langdetect_on_the_langid_set(shared) -> None:
    path = SHARED_DIR / "data" / "langid" / "corpus" / "langid.jsonl"
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for k, line in enumerate(f) if k % 5 == 0]
    assert [ours(t) for t in texts] == [langdetect_ngrams(t) for t in texts]


def expected_rows(text: str) -> list[int]:
    row = language.model().row
    return [row[g] for g in langdetect_ngrams(text)]


@pytest.mark.parametrize("text", CASES)
def test_row_index_gives_langdetects_ngrams_in_order(text: str) -> None:
    index = ngrams.RowIndex(language.model().row)
    assert index.rows(text) == expected_rows(text)
    assert index.rows(text) == expected_rows(text)  # the second time from the memo


def test_row_index_tells_a_word_before_a_space_from_the_last_word() -> None:
    # "trade" ends the first text and is followed by a space in the second: "e " and "de " count only there
    index = ngrams.RowIndex(language.model().row)
    for text in ("free trade", "trade free", "trade", " trade ", "TRADE trade Trade"):
        assert index.rows(text) == expected_rows(text)


def test_row_index_starts_afresh_past_its_limit() -> None:
    index = ngrams.RowIndex(language.model().row, limit=2)
    text = "one two three four five six"
    assert index.rows(text) == expected_rows(text)
    assert len(index._words) <= 2 + len(text.split())
    assert index.rows("seven eight") == expected_rows("seven eight")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["The", "NASA", "ESA", "said", "état", "Москва", "北京", "x", ",", "  ", "-"]),
                max_size=30))
def test_row_index_equals_langdetect_on_repeated_words(words: list[str]) -> None:
    index = ngrams.RowIndex(language.model().row)
    for text in (" ".join(words), "".join(words)):
        assert index.rows(text) == expected_rows(text)
