"""nlp.py: extra components from models/components.toml, and clear errors when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline import config
from pipeline.config import MODELS_DIR, PROJ_ROOT, Settings
from pipeline.rulebook import RuleBook
from pipeline.stages import longtext
from pipeline.stages import nlp as nlp_mod

EXAMPLE = PROJ_ROOT / "examples" / "entity_label_filter.py"


def _config(tmp: Path, text: str) -> RuleBook:
    """A rule book whose components.toml is ``text``."""
    (tmp / nlp_mod.COMPONENTS_FILE).write_text(text, encoding="utf-8")
    return RuleBook.read(tmp)


def test_shipped_configuration_adds_nothing(blank: Language) -> None:
    assert nlp_mod.add_configured_components(blank, RuleBook.read(MODELS_DIR)) == []


def test_components_are_imported_and_placed_as_configured(blank: Language, tmp_path: Path) -> None:
    nlp_mod.add_components(blank, MODELS_DIR)
    book = _config(tmp_path, f'import = ["{EXAMPLE}"]\n[[component]]\nfactory = "entity_label_filter"\n'
                             'name = "drop_dates"\nbefore = "quote_extractor"\nconfig = {drop = ["DATE"]}\n')
    assert nlp_mod.add_configured_components(blank, book) == ["drop_dates"]
    assert blank.pipe_names[-2:] == ["drop_dates", "quote_extractor"]
    assert blank.get_pipe("drop_dates").drop == {"DATE"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "message"), [
    ('[[component]]\nfactory = "no_such_factory"\n', "no spaCy factory 'no_such_factory' is registered"),
    ('import = ["no_such_module_xyz"]\n', "cannot import module 'no_such_module_xyz'"),
    ('import = ["missing.py"]\n', "is not a file"),
    ('[[component]]\nfactory = "paragraph_breaks"\nafter = "parser"\n', "after = 'parser' is not in the pipeline"),
    ('[[component]]\nfactory = "paragraph_breaks"\nwhere = "end"\n', "unknown keys ['where']"),
    ("[[component]\n", "not valid TOML"),
])
def test_configuration_errors_say_what_is_wrong(blank: Language, tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(nlp_mod.ComponentConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        nlp_mod.add_configured_components(blank, _config(tmp_path, text))


def test_every_line_break_starts_a_sentence(blank: Language) -> None:
    doc = nlp_mod.paragraph_breaks(blank("UN Office Says No\n\nThe workshop opened. It ran\nfive days."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["UN", "The", "five"]  # the first token, and the first after each line break


def test_line_breaks_of_a_long_text_are_all_set(blank: Language) -> None:
    # 20,000 lines: setting each start on its own re-checked the whole document every time
    doc = nlp_mod.paragraph_breaks(blank("Headline words here\n" * 20_000))
    assert sum(bool(t.is_sent_start) for t in doc) == 20_000


def test_official_name_resolves_to_the_vendored_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--model en_core_web_md`` without the official package loads the package vendoring it: its
    pipeline folder when it holds one as data (``model_path()``), else the package by name."""
    folder = tmp_path / "pkg_md" / "_model"
    folder.mkdir(parents=True)
    (tmp_path / "pkg_md" / "__init__.py").write_text(
        "from pathlib import Path\ndef model_path():\n    return Path(__file__).parent / '_model'\n")
    (tmp_path / "pkg_sm").mkdir()
    (tmp_path / "pkg_sm" / "__init__.py").write_text("def load():\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(config, "VENDORED_MODELS", {"no_such_md": ("missing_pkg", "pkg_md"), "no_such_sm": ("pkg_sm",)})
    assert config.resolve("no_such_md") == str(folder)
    assert config.resolve("no_such_sm") == "pkg_sm"
    assert config.resolve(str(folder)) == str(folder)  # a folder is taken as it is
    assert config.resolve("no_such_lg") == "no_such_lg"
    with pytest.raises(nlp_mod.ModelNotFound, match="no_such_lg"):
        nlp_mod.check(Settings(model="no_such_lg"))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ('different audiences,"Katie Packer said', ["different", "audiences", ",", '"', "Katie", "Packer", "said"]),
        ("Ryan said,“Look, no", ["Ryan", "said", ",", "“", "Look", ",", "no"]),
        ('Clinton:"We learned', ["Clinton", ":", '"', "We", "learned"]),
    ],
)
def test_quote_marks_glued_to_words_are_tokens_of_their_own(text: str, tokens: list[str]) -> None:
    nlp = longtext.install(spacy.blank("en"))
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("2016 9:52PMBush Says", ["2016", "9:52PM", "Bush", "Says"]),
        ("at 10amJeb Bush", ["at", "10am", "Jeb", "Bush"]),
    ],
)
def test_a_clock_time_glued_to_a_name_is_cut_from_it(text: str, tokens: list[str]) -> None:
    nlp = longtext.install(spacy.blank("en"))
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("-Nate Cohn explains why", ["-", "Nate", "Cohn", "explains", "why"]),
        ("polls.\n--Philip Bump writes", ["polls", ".", "\n", "--", "Philip", "Bump", "writes"]),
    ],
)
def test_a_lists_dash_glued_to_a_name_is_a_token_of_its_own(text: str, tokens: list[str]) -> None:
    nlp = longtext.install(spacy.blank("en"))
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize("text", ["It fell -5 percent.", "a pro-Trump group", "the -LRB- tag", "-x and -NYT"])
def test_hyphens_before_no_capitalised_word_tokenize_as_spacy_does(text: str) -> None:
    assert [t.text for t in longtext.install(spacy.blank("en"))(text)] == [t.text for t in spacy.blank("en")(text)]


@pytest.mark.parametrize("text", ["at 10AM.", "open 24/7PM", "5PMs", "the 9PM News", "at 9PMBUSH"])
def test_times_not_glued_to_a_name_tokenize_as_spacy_does(text: str) -> None:
    assert [t.text for t in longtext.install(spacy.blank("en"))(text)] == [t.text for t in spacy.blank("en")(text)]


@pytest.mark.parametrize(
    "text",
    ['He said, "Yes," and left.', "the “new space-faring” countries", "a 5'10\" man", "It’s “great”."],
)
def test_marks_with_a_space_on_one_side_tokenize_as_spacy_does(text: str) -> None:
    assert [t.text for t in longtext.install(spacy.blank("en"))(text)] == [t.text for t in spacy.blank("en")(text)]


@pytest.mark.parametrize("text", ["", "a", "Hello world.  ", " x\n\n y ", "“quoted” text\n", "\n\n"])
def test_a_docs_length_read_from_its_last_token_is_its_texts(text: str) -> None:
    # the batch splits short from long documents by length without joining every token (Doc.text)
    doc = longtext.install(spacy.blank("en")).make_doc(text)
    assert longtext._chars(doc) == len(text)
