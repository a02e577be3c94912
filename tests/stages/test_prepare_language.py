"""Language and Chinese columns of ``document.prepare``: shares, und, determinism across workers."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from pipeline.config import Settings
from pipeline.records import RawInput
from pipeline.stages import document

TEXTS = [
    "market",
    "cases",
    "王亚平:梦想就像太空星辰 努力就定能触摸到",
    "The workshop opened in Beijing on Monday.\n\nIl a dit que le programme spatial avançait.",
    "據報導，王亞平在國際宇航大會上說",
    "Taikung News (大公网)– “王亚平:梦想就像太空星辰",
    "2021-10-15 12:00",
]


def _raw(k: int, text: str) -> RawInput:
    return RawInput("set.jsonl", f"r{k}", k + 1, text, "utf-8", k)


def _language_rows(raws: list[RawInput]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for raw in raws:
        rows = document.prepare(raw, Settings()).rows
        d = rows.documents[0]
        out.append((d.source_id, d.lang, d.lang_score, d.script, d.lang_shares,
                    tuple((s.lang, s.lang_score, s.script) for s in rows.segments),
                    tuple((t.token, t.pos, t.start_char, t.end_char) for t in rows.zh_tokens)))
    return out


def _rows_of(k: int) -> tuple[object, ...]:
    return _language_rows([_raw(k, TEXTS[k])])[0]


def test_mixed_document_shows_its_shares() -> None:
    rows = document.prepare(_raw(0, TEXTS[5]), Settings()).rows
    d = rows.documents[0]
    assert d.lang == "zh" and d.script == "Hans"
    assert d.lang_shares == "zh:0.56 en:0.44"


def test_traditional_document_is_hant_with_tokens_in_original_text() -> None:
    raw = _raw(4, TEXTS[4])
    rows = document.prepare(raw, Settings()).rows
    assert (rows.documents[0].lang, rows.documents[0].script) == ("zh", "Hant")
    assert ("王亞平", "nr") in [(t.token, t.pos) for t in rows.zh_tokens]
    assert all(raw.text[t.start_char:t.end_char] == t.token for t in rows.zh_tokens)


def test_document_without_letters_is_und_with_an_error_row() -> None:
    rows = document.prepare(_raw(6, TEXTS[6]), Settings()).rows
    assert rows.documents[0].lang == "und"
    assert [(e.stage, e.error) for e in rows.errors] == [("language", "und")]


def test_document_with_letters_has_no_language_error() -> None:
    assert document.prepare(_raw(0, TEXTS[0]), Settings()).rows.errors == []


def test_same_rows_in_any_order() -> None:
    raws = [_raw(k, t) for k, t in enumerate(TEXTS)]
    assert _language_rows(raws) == _language_rows(raws[::-1])[::-1]


@pytest.mark.parametrize("workers", [1, 2])
def test_same_rows_with_any_number_of_workers(workers: int) -> None:
    """Workers get the texts in another order and split between them; their rows agree with this process.

    (A fresh interpreter with nothing loaded is checked in test_language: no seed, no state.)
    """
    here = [_rows_of(k) for k in range(len(TEXTS))]
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        there = list(pool.map(_rows_of, reversed(range(len(TEXTS))), chunksize=1))
    assert there[::-1] == here
