from __future__ import annotations

import pytest

from pipeline import rulebook
from pipeline.stages import chinese, zh_entities
from pipeline.stages.chinese import Token

ZH = rulebook.default()
RULES = zh_entities.load_rules(ZH)


def _toks(*pairs: tuple[str, str]) -> list[Token]:
    out, pos = [], 0
    for text, pos_tag in pairs:
        out.append(Token(text, pos_tag, pos, pos + len(text)))
        pos += len(text)
    return out


def _mentions(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    toks = _toks(*pairs)
    text = "".join(t.text for t in toks)
    return [(text[s:e], label) for s, e, label in zh_entities.token_mentions(toks, RULES)]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ((("王", "nr"), ("亚平", "nr"), ("说", "v")), [("王亚平", "PERSON")]),  # split name merged
        ((("邓小平理论", "nr"),), [("邓小平", "PERSON")]),  # doctrine word cut off
        ((("鲍林先生", "nr"),), [("鲍林", "PERSON")]),  # honorific cut off
        ((("江主席", "n"), ("说", "v")), [("江", "PERSON")]),  # surname + title
        ((("克林顿", "nr"), ("总统", "n")), [("克林顿", "PERSON")]),  # transliterated name
        ((("希拉克", "nrt"),), [("希拉克", "PERSON")]),
        ((("欧阳修", "nr"),), [("欧阳修", "PERSON")]),  # compound surname
        ((("文明", "nr"), ("城市", "ns")), []),  # common words the dictionary tags as names
        ((("友谊", "nr"),), []),  # no surname, too short for a foreign name
        ((("隆重开幕", "nr"),), []),  # four characters without a compound surname
        ((("中美关系", "nt"), ("发展", "vn")), [("中", "GPE"), ("美", "GPE")]),
        ((("中方", "f"), ("表示", "v")), [("中", "GPE")]),
        ((("访华", "v"), ("期间", "f")), [("华", "GPE")]),
        ((("美德", "ns"),), [("美德", "GPE")]),  # no compound without China: left to the tagger
        ((("香港特别行政区", "nt"),), [("香港特别行政区", "GPE")]),  # alias label wins over nt
        ((("南", "ns"),), []),  # a lone direction
    ],
)
def test_token_mentions(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("王亚平", "Wang Yaping"), ("杨利伟", "Yang Liwei"), ("欧阳修", "Ouyang Xiu"), ("司马相如", "Sima Xiangru"),
     ("克林顿", "Kelindun")],
)
def test_romanise_with_surnames(name: str, expected: str) -> None:
    assert chinese.romanise(name, RULES.surnames) == expected


@pytest.mark.parametrize(
    ("written", "label", "expected"),
    [
        ("中国", "GPE", ("GPE", "country", "China", "CN")),
        ("美国", "GPE", ("GPE", "country", "United States", "US")),
        ("中", "GPE", ("GPE", "country", "China", "CN")),
        ("联合国", "ORG", ("ORG", "agency", "United Nations", "")),
        ("新华网", "ORG", ("ORG", "media outlet", "Xinhua", "CN")),
        ("王亚平", "PERSON", ("PERSON", "person", "Wang Yaping", "")),
        ("致公党", "ORG", ("ORG", "organisation", "致公党", "")),
    ],
)
def test_describe_shares_english_canonical_names(written: str, label: str, expected: tuple[str, str, str, str]) -> None:
    assert zh_entities.describe(written, label, ZH) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # a place, words and an organisation's head word are one organisation
        ((("海南", "ns"), ("摄影", "n"), ("美术", "n"), ("出版社", "n")), [("海南摄影美术出版社", "ORG")]),
        ((("智利", "ns"), ("共产党", "nt"), ("总书记", "n")), [("智利共产党", "ORG")]),
        ((("中央电视台", "nt"), ("播控", "v"), ("中心", "n")), [("中央电视台播控中心", "ORG")]),
        ((("致公党", "nt"), ("第十一次", "m"), ("全国代表大会", "nt")), [("致公党第十一次全国代表大会", "ORG")]),
        # a verb stands in the name only right before the head word
        ((("香港特区", "ns"), ("终审", "v"), ("法院", "n")), [("香港特区终审法院", "ORG")]),
        ((("香港", "ns"), ("设立", "v"), ("终审", "v"), ("法院", "n")), [("香港", "GPE")]),
        # a second place starts a name of its own
        ((("河北", "ns"), ("故城县", "ns"), ("纪委", "j")), [("河北", "GPE"), ("故城县纪委", "ORG")]),
        # a government is its country acting (MSRA and news usage): 政府 is no head word
        ((("美国", "ns"), ("政府", "n"), ("表示", "v")), [("美国", "GPE")]),
        # punctuation, particles and people end the name
        ((("中国", "ns"), ("的", "uj"), ("出版社", "n")), [("中国", "GPE")]),
        ((("中国", "ns"), ("、", "x"), ("美国", "ns"), ("协会", "n")), [("中国", "GPE"), ("美国协会", "ORG")]),
        ((("中国", "ns"), ("王亚平", "nr"), ("团", "n")), [("中国", "GPE"), ("王亚平", "PERSON")]),
        # no more than three words between the place and the head word
        ((("中国", "ns"), ("甲", "n"), ("乙", "n"), ("丙", "n"), ("丁", "n"), ("协会", "n")), [("中国", "GPE")]),
    ],
)
def test_organisation_names_are_joined(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # a verb and any country or city abbreviation (abbreviation_verbs.txt), not only 华
        ((("抵京", "v"), ("进行", "v")), [("京", "GPE")]),
        ((("在京举行", "n"),), [("京", "GPE")]),
        ((("抗日战争", "n"),), [("日", "GPE")]),
        ((("来日方长", "n"),), []),  # an idiom (not_names.txt), no Japan in it
        # a known place at the start of a word jieba keeps whole
        ((("两岸关系", "n"),), [("两岸", "LOC")]),
        ((("香港回归", "ns"), ("祖国", "n")), [("香港", "GPE")]),
        ((("香港特区政府", "ns"),), [("香港特区", "GPE")]),  # 政府 is no head: the place, as 中国政府 is 中国
        ((("香港特区终审法院", "ns"),), [("香港特区终审法院", "GPE")]),  # ends in a head (法院): left whole
        ((("北京市", "ns"),), [("北京市", "GPE")]),  # the rest is one character: the place as a whole
        # parties and party congresses jieba tags as abbreviations (userdict.txt, nt)
        ((("民革", "nt"), ("积极", "ad")), [("民革", "ORG")]),
    ],
)
def test_abbreviations_and_place_prefixes(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


def test_party_congress_is_an_organisation() -> None:
    """十五大 (the 15th Party Congress): jieba's dictionary says `j`; the user dictionary makes it `nt`."""
    text = "党的十五大报告"
    found = [(text[s:e], label) for s, e, label in zh_entities.mentions(text, 0, len(text), ZH)]
    assert found == [("十五大", "ORG")]
