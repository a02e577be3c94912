"""The speaker check's own rules (no model): gold sources resolved to full names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.tools import speaker_check as sc
from pipeline.tools import speaker_gold as sg

TITLES = frozenset({"sen", "mr", "mrs", "president"})


def _resolver(text: str, persons: list[str], orgs: tuple[str, ...] = ()) -> sg.GoldResolver:
    """Every occurrence of the given names as entities, longest first, without overlaps."""
    ents: list[tuple[int, int, str]] = []
    for name, label in sorted([(p, "PERSON") for p in persons] + [(o, "ORG") for o in orgs], key=lambda x: -len(x[0])):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in ents):
                ents.append((m.start(), m.end(), label))
    return sg.GoldResolver(text, sorted(ents), TITLES)


def _source(r: sg.GoldResolver, text: str, written: str, nth: int = 0) -> tuple[str, str]:
    k = -1
    for _ in range(nth + 1):
        k = text.index(written, k + 1)
    return r.resolve(k, k + len(written))


def test_surname_and_pronoun_take_the_full_name() -> None:
    text = "Sen. Jane Roe spoke. Later Roe said it was done. She said more."
    r = _resolver(text, ["Jane Roe"])
    assert _source(r, text, "Roe", 1) == ("Jane Roe", "person")
    assert _source(r, text, "She") == ("Jane Roe", "person")


def test_courtesy_title_picks_the_relative() -> None:
    text = "Bill Clinton and Mrs. Hillary Clinton arrived. Mrs. Clinton said no. Bill Clinton spoke too."
    r = _resolver(text, ["Bill Clinton", "Hillary Clinton", "Clinton"])
    assert _source(r, text, "Clinton", 2) == ("Hillary Clinton", "person")


def test_a_name_modifying_a_noun_is_not_the_speaker() -> None:
    text = "Jane Roe arrived. Roe aides said no. Roe's campaign said yes."
    r = _resolver(text, ["Jane Roe", "Roe"])
    assert _source(r, text, "Roe aides") == ("", "unnamed")
    assert _source(r, text, "Roe's campaign") == ("Jane Roe campaign", "organisation")


def test_organisation_and_unnamed_sources() -> None:
    text = "The White House said no. Officials said yes."
    r = _resolver(text, [], ("White House",))
    assert _source(r, text, "The White House") == ("White House", "organisation")
    assert _source(r, text, "Officials") == ("", "unnamed")


def test_a_party_or_nation_group_is_unnamed_and_a_country_an_organisation() -> None:
    text = "Republicans said no. Russia said yes."
    r = sg.GoldResolver(text, [(0, 11, "NORP"), (21, 27, "GPE")], TITLES)
    assert _source(r, text, "Republicans") == ("", "unnamed")
    assert _source(r, text, "Russia") == ("Russia", "organisation")


def test_full_name_the_bare_model_missed_is_found_in_the_text() -> None:
    text = "The pollster Pat Caddell spoke. Caddell said it was close."
    r = _resolver(text, [])
    assert _source(r, text, "Caddell", 1) == ("Pat Caddell", "person")


def test_name_key_ignores_middle_names_and_periods() -> None:
    assert sg.name_key("Donald J. Trump") == sg.name_key("Donald Trump") == "donald trump"
    assert sg.name_key("Hillary Clinton") != sg.name_key("Bill Clinton")


def test_match_rows_takes_the_row_inside_the_content() -> None:
    gold = [sg.GoldSource(0, 3, "Roe", "Jane Roe", "person", frozenset(range(10, 40)), True)]
    rows = [{"quote_start": "12", "quote_end": "30", "speaker": "Jane Roe"},
            {"quote_start": "50", "quote_end": "60", "speaker": "x"}]
    assert sc.match_rows(gold, rows) == {0: rows[0]}


def test_content_text_joins_the_fragments_of_an_attribution() -> None:
    text = "Jane Roe said the bridge, she added, would close in May."
    chars = frozenset(range(14, 24)) | frozenset(range(37, 55))
    assert sc._content_text(text, chars) == "the bridge ... would close in May"
    assert sc._content_text(text, frozenset()) == ""


def test_keptaside_sample_is_the_seeded_choice(train_text: Path) -> None:
    assert sg.keptaside_sample(train_text) == sg.KEPTASIDE_FILE.read_text(encoding="utf-8").split()


def test_hand_resolved_sources_replace_the_rules(tmp_path: Path) -> None:
    text = "Jane Roe met Tom Baker. He said no."
    ann = tmp_path / "doc.ann"
    k = text.index("He")
    ann.write_text(f"T1\tSource {k} {k + 2}\tHe\nT2\tContent 27 34\tsaid no\nE1\tAttribution:T2 Content:T2 Source:T1\n",
                   encoding="utf-8")
    r = _resolver(text, ["Jane Roe", "Tom Baker"])
    assert [g.name for g in sg.gold_sources(text, ann, r)] == ["Tom Baker"]
    hand = tmp_path / "hand.tsv"
    hand.write_text(f"# comment\nstem\tstart\tend\tkind\tname\trule_said\ndoc\t{k}\t{k + 2}\tperson\tJane Roe\tTom Baker\n",
                    encoding="utf-8")
    assert [g.name for g in sg.gold_sources(text, ann, r, sg.read_hand(hand))] == ["Jane Roe"]


@pytest.fixture
def train_text(shared: Path) -> Path:
    text = shared / "data" / "polnear" / "train" / "text"
    if not text.is_dir():
        pytest.skip("polnear/train is absent")
    return text


def test_keptaside3_sample_is_drawn_from_the_last_files(train_text: Path) -> None:
    text = train_text
    third = sg.keptaside3_sample(text)
    assert third == sg.KEPTASIDE3_FILE.read_text(encoding="utf-8").split()
    last = sorted(p.stem for p in text.glob("*.txt"))[-sg.HELD_BACK_LAST:]
    assert set(third) <= set(last) and len(third) == sg.KEPTASIDE3_SIZE


def test_keptaside2_sample_is_the_seeded_choice_apart_from_the_others(train_text: Path) -> None:
    text = train_text
    second = sg.keptaside2_sample(text)
    assert second == sg.KEPTASIDE2_FILE.read_text(encoding="utf-8").split()
    last = sorted(p.stem for p in text.glob("*.txt"))[-sg.HELD_BACK_LAST:]
    assert not set(second) & (set(sg.keptaside_sample(text)) | set(last))


@pytest.mark.parametrize("sample", sorted(sc.HAND_SAMPLES))
def test_hand_file_covers_every_source(shared: Path, sample: str) -> None:
    train = shared / "data" / "polnear" / "train"
    if not train.is_dir():
        pytest.skip("polnear/train is absent")
    stems_file, hand_file = sc.HAND_SAMPLES[sample]
    hand = sg.read_hand(hand_file)
    for stem in stems_file.read_text(encoding="utf-8").split():
        spans = {src for src, _ in sg.read_ann(train / "attributions" / f"{stem}.ann") if src is not None}
        assert spans == {(s, e) for st, s, e in hand if st == stem}, stem
    assert {kind for name, kind in hand.values()} == {"person", "organisation", "unnamed"}
    assert all(bool(name) == (kind != "unnamed") for name, kind in hand.values())


def test_exact_key_ignores_only_case_spacing_and_curly_apostrophes() -> None:
    assert sg.exact_key("Sophie in \u2019t  Veld") == sg.exact_key("sophie in 't veld")
    assert sg.exact_key("Donald J. Trump") != sg.exact_key("Donald Trump")
    assert sg.exact_key("Clinton") != sg.exact_key("Hillary Clinton")


def test_written_kind_tells_pronouns_names_and_descriptions() -> None:
    assert sg.written_kind("She", "Carly Fiorina") == "pronoun"
    assert sg.written_kind("who", "Ted Cruz") == "pronoun"
    assert sg.written_kind("Mr. Obama's", "Barack Obama") == "name"
    assert sg.written_kind("the Trump campaign", "Donald Trump campaign") == "name"
    assert sg.written_kind("the Utah Republican", "Jason Chaffetz") == "description"


def test_tally_scores_both_coverages_and_both_accuracies() -> None:
    t = sc.Tally()
    t.add(True, True, True, True, True)  # right in both
    t.add(True, True, True, True, False)  # right only leniently ("Donald Trump" for "Donald J. Trump")
    t.add(False, True, False, False)  # matched, empty
    t.add(False, False, False, False)  # no quote row
    s = t.scores()
    assert (s["coverage"], s["coverage_all"]) == (2 / 3, 2 / 4)
    assert (s["accuracy"], s["accuracy_lenient"]) == (1 / 2, 1.0)


def test_train_sample_needs_quote_recall_s_kept_parses(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       shared: Path) -> None:
    if not (shared / "data" / "polnear" / "train").is_dir():
        pytest.skip("polnear/train is absent")
    assert sc.main(["--sample", "train", "--cache", str(tmp_path)]) == 1
    assert "quote_recall --part train" in capsys.readouterr().out
