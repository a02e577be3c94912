from __future__ import annotations

from pathlib import Path

from pipeline import chinese

USERDICT = Path(__file__).resolve().parent.parent / "models" / "zh" / "userdict.txt"


def test_user_dictionary_keeps_name_whole() -> None:
    text = "王亚平:梦想就像太空星辰 努力就定能触摸到"
    toks = chinese.segment(text, 0, len(text), USERDICT)
    assert (toks[0].text, toks[0].pos) == ("王亚平", "nr")


def test_offsets_slice_the_text_and_skip_english() -> None:
    text = "Taikung News (大公网)– “王亚平:梦想就像太空星辰"
    toks = chinese.segment(text, 0, len(text), USERDICT)
    assert toks and all(text[t.start:t.end] == t.text for t in toks)
    assert not any("Taikung" in t.text for t in toks)


def test_mentions_merge_split_person_name() -> None:
    toks = [chinese.Token("王", "nr", 0, 1), chinese.Token("亚平", "nr", 1, 3), chinese.Token("说", "v", 3, 4)]
    assert list(chinese.mentions(toks)) == [(0, 3, "PERSON")]


def test_romanise_surname_first() -> None:
    assert chinese.romanise("王亚平") == "Wang Yaping"
    assert chinese.romanise("杨利伟") == "Yang Liwei"
