from __future__ import annotations

import pytest

from pipeline import rulebook
from pipeline.stages import chinese

USERDICT = rulebook.default()  # the user dictionary and number units of models/zh


def _cut(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.pos) for t in chinese.segment(text, 0, len(text), USERDICT)]


def test_user_dictionary_keeps_name_whole() -> None:
    text = "王亚平:梦想就像太空星辰 努力就定能触摸到"
    toks = chinese.segment(text, 0, len(text), USERDICT)
    assert (toks[0].text, toks[0].pos) == ("王亚平", "nr")


def test_without_user_dictionary_jieba_splits_the_name() -> None:
    text = "王亚平:梦想就像太空星辰 努力就定能触摸到"
    assert [t.text for t in chinese.segment(text, 0, len(text), None)][:2] == ["王", "亚平"]


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        ("邓清明说", "邓清明", "nr"),
        ("在文昌航天发射场", "文昌航天发射场", "ns"),
        ("国家国防科技工业局表示", "国家国防科技工业局", "nt"),
    ],
)
def test_user_dictionary_entries(text: str, word: str, pos: str) -> None:
    assert (word, pos) in _cut(text)


def test_offsets_slice_the_text_and_skip_english() -> None:
    text = "Taikung News (大公网)– “王亚平:梦想就像太空星辰"
    toks = chinese.segment(text, 0, len(text), USERDICT)
    assert toks and all(text[t.start:t.end] == t.text for t in toks)
    assert not any("Taikung" in t.text or "News" in t.text for t in toks)


def test_traditional_chinese_segments_like_simplified_with_original_offsets() -> None:
    trad = "據報導，王亞平在國際宇航大會上說"
    simp = "据报导，王亚平在国际宇航大会上说"
    t_toks = chinese.segment(trad, 0, len(trad), USERDICT)
    s_toks = chinese.segment(simp, 0, len(simp), USERDICT)
    assert [(t.start, t.end, t.pos) for t in t_toks] == [(t.start, t.end, t.pos) for t in s_toks]
    assert all(trad[t.start:t.end] == t.text for t in t_toks)
    assert ("王亞平", "nr") in [(t.text, t.pos) for t in t_toks]


def test_traditional_offsets_inside_a_longer_text() -> None:
    text = "Reuters: 台灣的電腦軟體 (report)"
    toks = chinese.segment(text, 0, len(text), USERDICT)
    assert "".join(t.text for t in toks) == "台灣的電腦軟體"
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_simplified_keeps_length() -> None:
    for text in ("學習和夢想", "頭髮乾了", "联合国"):
        assert len(chinese.simplified(text)) == len(text)
    assert chinese.simplified("學習") == "学习"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("2001年新年钟声即将敲响", "2001年"),
        ("今年1月1日起", "1月"),
        ("增长10％", "10％"),
        ("气温12℃", "12℃"),
        ("（二○○○年十二月三十一日）", "二○○○年"),
    ],
)
def test_number_and_unit_make_one_word(text: str, word: str) -> None:
    assert word in [w for w, _ in _cut(text)]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("一年之后", "一年之"),  # a Chinese numeral with 年 is left to jieba (一年 is its word)
        ("我们10个人", "10个"),  # 个 is no unit of number_units.txt
    ],
)
def test_number_merge_negatives(text: str, absent: str) -> None:
    assert absent not in [w for w, _ in _cut(text)]


def test_repeated_mark_is_one_token() -> None:
    words = [w for w, _ in _cut("他说———好……")]
    assert "———" in words and "……" in words


def test_run_includes_leading_cjk_marks_and_digits() -> None:
    text = "（附图片）64届大会"
    words = [w for w, _ in _cut(text)]
    assert words[0] == "（" and "64" in "".join(words)


def test_mixed_title_segments_only_the_chinese() -> None:
    text = "NASA宣布Artemis计划"
    words = [w for w, _ in _cut(text)]
    assert words == ["宣布", "计划"]


def test_tokenizer_is_built_once_per_dictionary() -> None:
    userdict = USERDICT.files[chinese.USERDICT]
    assert chinese.tokenizer(userdict) is chinese.tokenizer(bytes(userdict))


def test_romanise_surname_first() -> None:
    assert chinese.romanise("王亚平") == "Wang Yaping"
    assert chinese.romanise("杨利伟") == "Yang Liwei"
