from __future__ import annotations

import dataclasses

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
        # a head word jieba tags as a verb or a morpheme still ends the name after other words
        ((("中国", "ns"), ("光彩", "n"), ("事业", "n"), ("促进会", "v")), [("中国光彩事业促进会", "ORG")]),
        ((("沈阳", "ns"), ("飞机", "n"), ("厂", "zg")), [("沈阳飞机厂", "ORG")]),
        # a unit's name after its organisation is part of it (MSRA's nested names)
        ((("人民日报", "nt"), ("国际部", "nt")), [("人民日报国际部", "ORG")]),
        ((("永顺县", "ns"), ("公安局", "nt"), ("刑侦", "j"), ("大队", "n")), [("永顺县公安局刑侦大队", "ORG")]),
        # an organisation of its own (its word starts with a name) stays apart
        ((("中共中央办公厅", "nt"), ("国务院办公厅", "nt")), [("中共中央办公厅", "ORG"), ("国务院办公厅", "ORG")]),
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
        # listed words hold abbreviations (abbreviation_words.txt); other words keep theirs hidden
        ((("华人", "n"), ("和", "c"), ("华侨", "n")), [("华", "GPE"), ("华", "GPE")]),
        ((("欧美", "ns"), ("风格", "n")), [("欧", "LOC"), ("美", "GPE")]),
        ((("法人", "n"), ("代表", "n")), []),
        # a known place at the start of a word jieba keeps whole
        ((("两岸关系", "n"),), [("两岸", "LOC")]),
        ((("香港回归", "ns"), ("祖国", "n")), [("香港", "GPE")]),
        ((("东盟国家", "n"), ("人民", "n")), [("东盟", "ORG")]),  # so does a known organisation
        ((("香港特区政府", "ns"),), [("香港特区", "GPE")]),  # 政府 is no head: the place, as 中国政府 is 中国
        ((("香港特区终审法院", "ns"),), [("香港特区终审法院", "GPE")]),  # ends in a head (法院): left whole
        ((("北京市", "ns"),), [("北京市", "GPE")]),  # the rest is one character: the place as a whole
        # parties and party congresses jieba tags as abbreviations (userdict.txt, nt)
        ((("民革", "nt"), ("积极", "ad")), [("民革", "ORG")]),
    ],
)
def test_abbreviations_and_place_prefixes(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # common words and generic places jieba's dictionary tags as places (not_names.txt)
        ((("在", "p"), ("美丽", "ns"), ("的", "uj"), ("中国", "ns")), [("中国", "GPE")]),
        ((("畅销书", "n"), ("大都", "ns"), ("在", "p")), []),
        ((("向", "p"), ("大城市", "ns")), []),
        ((("要", "v"), ("加大力度", "ns")), []),
        # and as persons (nr)
        ((("高水平", "nr"), ("的", "uj"), ("安全感", "nr")), []),
        ((("王", "nr"), ("亚平", "nr")), [("王亚平", "PERSON")]),
        # and as organisations (nt): generic bodies and documents name no one organisation
        ((("发表", "v"), ("联合公报", "nt")), []),
        ((("组成", "v"), ("新政府", "nt")), []),
        ((("国务院", "nt"), ("发表", "v")), [("国务院", "ORG")]),
        # a generic body alone names none, after a place it is that place's (海淀区人民法院)
        ((("人民法院", "nt"), ("判决", "v")), []),
        ((("海淀区", "ns"), ("人民法院", "nt"), ("判决", "v")), [("海淀区人民法院", "ORG")]),
        # a place jieba tags ns stays one
        ((("到", "v"), ("合肥", "ns")), [("合肥", "GPE")]),
    ],
)
def test_common_words_tagged_as_names_are_no_mentions(pairs: tuple[tuple[str, str], ...],
                                                       expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


def test_mainland_after_motherland_is_the_place() -> None:
    """祖国大陆: jieba's dictionary has one word tagged nr (a person); the user dictionary unlists it."""
    text = "鼓励台商到祖国大陆投资"
    found = [(text[s:e], label) for s, e, label in zh_entities.mentions(text, 0, len(text), ZH)]
    assert found == [("台", "GPE"), ("大陆", "LOC")]


def test_party_congress_is_an_organisation() -> None:
    """十五大 (the 15th Party Congress): jieba's dictionary says `j`; the user dictionary makes it `nt`."""
    text = "党的十五大报告"
    found = [(text[s:e], label) for s, e, label in zh_entities.mentions(text, 0, len(text), ZH)]
    assert found == [("十五大", "ORG")]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # the parts of a transliterated name around a dot are one person, across jieba's words
        ((("霍尔格", "nr"), ("·", "x"), ("伯尔纳", "nr"), ("、", "x")), [("霍尔格·伯尔纳", "PERSON")]),
        ((("安德烈斯", "nrt"), ("·", "x"), ("阿亚", "ns"), ("曼多", "ns")), [("安德烈斯·阿亚曼多", "PERSON")]),
        # the name starts inside a word jieba made of a common word and the name's first part
        ((("领导", "n"), ("人格", "n"), ("·", "x"), ("阿", "j"), ("·", "x"), ("亚夫", "nrt"), ("林斯基", "nr")),
         [("格·阿·亚夫林斯基", "PERSON")]),
        # a title before the name is no part of it
        ((("会长", "n"), ("霍尔格", "nr"), ("·", "x"), ("伯尔纳", "nr")), [("霍尔格·伯尔纳", "PERSON")]),
        # a dot with no name on one side joins nothing
        ((("·", "x"), ("伯尔纳", "nr")), [("伯尔纳", "PERSON")]),
        ((("中国", "ns"), ("·", "x"), ("北京", "ns")), [("中国", "GPE"), ("北京", "GPE")]),
    ],
)
def test_dotted_transliterated_names(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # a surname tagged nr and a given name jieba took for a word
        ((("记者", "n"), ("唐", "nr"), ("进修", "v"), ("报道", "v")), [("唐进修", "PERSON")]),
        ((("曹", "nr"), ("春生", "n"), ("。", "x")), [("曹春生", "PERSON")]),
        # not a one-character verb, a title or a surname jieba did not tag a name
        ((("李", "nr"), ("说", "v")), []),
        ((("陈", "nr"), ("主席", "n")), [("陈", "PERSON")]),
        ((("唐", "ns"), ("进修", "v")), []),
        # the parts of a transliterated name jieba cut apart, each tagged a name
        ((("康斯坦", "nr"), ("塔科", "nrt"), ("普洛斯", "nr"), ("先生", "n")), [("康斯坦塔科普洛斯", "PERSON")]),
        # a title after a word jieba tags a name makes it a person, without a surname
        ((("小平", "nr"), ("同志", "n")), [("小平", "PERSON")]),
        ((("小平", "nr"), ("说", "v")), []),
        # the conjunction 和 before 夫人 is no surname
        ((("总统", "n"), ("和", "c"), ("夫人", "n")), []),
        # common words the dictionary tags as names (not_names.txt, the extended review)
        ((("表示", "v"), ("祝贺", "nr")), []),
        ((("两国", "ns"), ("关系", "n")), []),
    ],
)
def test_person_names(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # a place and its government, authorities, region or people: the place (place_suffixes.txt)
        ((("美国政府", "nt"), ("表示", "v")), [("美国", "GPE")]),
        ((("香港特别行政区政府", "nt"),), [("香港特别行政区", "GPE")]),
        ((("亚太地区", "ns"),), [("亚太", "LOC")]),
        ((("非洲人", "n"),), [("非洲", "LOC")]),
        # two places in one word
        ((("中华人民共和国香港特别行政区", "nt"),), [("中华人民共和国", "GPE"), ("香港特别行政区", "GPE")]),
        # a place and a facility; a place and a facility's head word alone is one facility
        ((("北京人民大会堂", "nt"),), [("北京", "GPE"), ("人民大会堂", "FAC")]),
        ((("洛杉矶国际机场", "nt"),), [("洛杉矶国际机场", "FAC")]),
        ((("人民大会堂", "nt"),), [("人民大会堂", "FAC")]),
        # a place name of the dictionary that starts with a place stays whole; an organisation too
        ((("朝鲜半岛", "ns"),), [("朝鲜半岛", "GPE")]),
        ((("北京大学", "nt"),), [("北京大学", "ORG")]),
        # one-character abbreviations jieba wrote as words of their own, one of them China
        ((("中", "f"), ("美", "ns"), ("双方", "n")), [("中", "GPE"), ("美", "GPE")]),
        ((("中", "f"), ("俄", "j"), ("第五个", "m")), [("中", "GPE"), ("俄", "GPE")]),
        ((("其", "r"), ("中", "f"), ("有", "v")), []),
        ((("美", "ns"), ("法", "n")), [("美", "GPE")]),  # no China: no compound
    ],
)
def test_places_inside_words(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # places jieba tags as persons: pycountry's and GeoNames' Chinese names
        ((("哈萨克斯坦", "nrt"), ("、", "x")), [("哈萨克斯坦", "GPE")]),
        ((("本报", "r"), ("温哥华", "nr")), [("温哥华", "GPE")]),
        ((("达卡", "nrt"),), [("达卡", "GPE")]),
        # a small city named like a person stays a person; a city's name that is a verb is no mention
        ((("林肯", "nr"), ("说", "v")), [("林肯", "PERSON")]),
        ((("打通", "v"), ("道路", "n")), []),
    ],
)
def test_places_jieba_tags_as_persons(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


def test_gazetteer_places_are_coded() -> None:
    assert zh_entities.describe("哈萨克斯坦", "GPE", ZH) == ("GPE", "country", "Kazakhstan", "KZ")
    assert zh_entities.describe("达卡", "GPE", ZH)[2:] == ("Dhaka", "BD")
    assert zh_entities.describe("人民大会堂", "FAC", ZH) == ("FAC", "facility", "人民大会堂", "")


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # a place and an organisation jieba knows (nt) ending with a head word: one organisation
        ((("北京市", "ns"), ("司法局", "nt"), ("局长", "n")), [("北京市司法局", "ORG")]),
        ((("中国", "ns"), ("东盟", "nt"), ("首脑", "n")), [("中国", "GPE"), ("东盟", "ORG")]),
        # a place starting a word (辽宁省 of 辽宁省政府) starts the organisation's name
        ((("辽宁省政府", "nt"), ("教育", "vn"), ("督导", "n"), ("团", "n")), [("辽宁省政府教育督导团", "ORG")]),
        # a head word ending a longer word (研究会), and a facility's head word
        ((("承德", "ns"), ("纳兰", "n"), ("性德研究会", "n")), [("承德纳兰性德研究会", "ORG")]),
        ((("永定门", "ns"), ("车站", "n")), [("永定门车站", "FAC")]),
        ((("北京市", "ns"), ("教育", "vn"), ("工委", "n")), [("北京市教育工委", "ORG")]),
        # the ordinal before an organisation, the party congress after it
        ((("第九届", "m"), ("全国人民代表大会", "nt"), ("代表", "n")), [("第九届全国人民代表大会", "ORG")]),
        ((("香港特别行政区", "nt"), ("第九届", "m"), ("全国人民代表大会", "nt")),
         [("香港特别行政区", "GPE"), ("第九届全国人民代表大会", "ORG")]),
        ((("致公党", "nt"), ("十大", "j"), ("提出", "v")), [("致公党十大", "ORG")]),
        ((("民建", "nt"), ("七", "m"), ("大", "a"), ("贺词", "n")), [("民建七大", "ORG")]),
        ((("致公党", "nt"), ("十", "m"), ("人", "n")), [("致公党", "ORG")]),
        # two organisations side by side stay two
        ((("中共中央办公厅", "nt"), ("国务院办公厅", "nt")), [("中共中央办公厅", "ORG"), ("国务院办公厅", "ORG")]),
    ],
)
def test_organisation_bounds(pairs: tuple[tuple[str, str], ...], expected: list[tuple[str, str]]) -> None:
    assert _mentions(*pairs) == expected


def test_user_dictionary_comments_and_organisation_abbreviations() -> None:
    """``#`` lines of userdict.txt are no words; 东盟 keeps dict.txt's frequency, tagged nt."""
    tags = chinese.word_tags(ZH.files.get(chinese.USERDICT))
    assert tags["东盟"] == "nt" and tags["政协"] == "nt"
    assert not any(word.startswith("#") for word in tags)
    text = "中国和东盟国家"
    assert [t.text for t in chinese.segment(text, 0, len(text), ZH)] == [
        t.text for t in chinese.segment(text, 0, len(text), None)]


def test_text_without_a_name_dot_does_not_read_jiebas_dictionary() -> None:
    # an English document has no Chinese tokens: reading jieba's dictionary (2 s) for it was waste
    fresh = dataclasses.replace(zh_entities.load_rules(ZH))  # no cached property computed yet
    assert zh_entities.token_mentions([], fresh) == []
    assert zh_entities.token_mentions(chinese.segment("王亚平说。", 0, 5, ZH), fresh) == [(0, 3, "PERSON")]
    assert "name_chars" not in vars(fresh)
    assert zh_entities.token_mentions(chinese.segment("霍尔格·伯尔纳说。", 0, 9, ZH), fresh) == [(0, 7, "PERSON")]
    assert "name_chars" in vars(fresh)
