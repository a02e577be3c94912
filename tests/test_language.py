from __future__ import annotations

import pytest

from pipeline import language


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        ("王亚平:梦想就像太空星辰 努力就定能触摸到", "zh", "Hans"),  # langdetect alone says ko
        ("64届国际宇航大会:多国航天局长将汇聚中国", "zh", "Hans"),
        ("學習和夢想", "zh", "Hant"),
        ("東京は大きい都市です", "ja", "Jpan"),
        ("한국어 텍스트입니다", "ko", "Kore"),
        ("The workshop opened in Beijing on Monday.", "en", ""),
    ],
)
def test_detect_by_script_and_langdetect(text: str, lang: str, script: str) -> None:
    res = language.detect(text)
    assert (res.lang, res.script) == (lang, script)


@pytest.mark.parametrize("text", ["", "   ", "123 456", "—!?"])
def test_detect_no_letters_is_und(text: str) -> None:
    assert language.detect(text).lang == language.UNDETERMINED


def test_detect_is_deterministic() -> None:
    text = "Il a dit que le programme spatial"
    assert len({language.detect(text) for _ in range(5)}) == 1


def test_shares_largest_first() -> None:
    assert language.shares([("en", 30), ("zh", 10), ("en", 10)]) == {"en": 0.8, "zh": 0.2}
