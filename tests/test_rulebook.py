"""rulebook.py: one reader of models/, whose book every stage takes its rules from."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline import rulebook
from pipeline.config import MODELS_DIR, Settings
from pipeline.records import RawInput
from pipeline.rulebook import RuleBook, parse_csv, parse_lines
from pipeline.stages import chinese, document, language, zh_entities
from pipeline.stages import nlp as nlp_mod


@pytest.mark.parametrize(("text", "expected"), [
    ("# comment\nalpha\n\n  beta  \n#gamma\n", ["alpha", "beta"]),
    ("", []),
])
def test_parse_lines_skips_blanks_and_comment_lines(text: str, expected: list[str]) -> None:
    assert parse_lines(text) == expected


def test_parse_csv_skips_comment_lines_anywhere() -> None:
    text = "# header comment\nform,country_code\nSino,CN\n# a note\nIndo,IN\n"
    assert parse_csv(text) == [{"form": "Sino", "country_code": "CN"}, {"form": "Indo", "country_code": "IN"}]


def test_parse_csv_reads_quoted_fields_and_skips_blank_lines() -> None:
    text = 'name,canonical\n"Smith, Jones & Co",Smith Jones\n\n"Two\nlines",Two\n'
    assert parse_csv(text, ("name",)) == [{"name": "Smith, Jones & Co", "canonical": "Smith Jones"},
                                          {"name": "Two\nlines", "canonical": "Two"}]


@pytest.mark.parametrize(("text", "message"), [
    ("# note\nform,country_code\nSino,CN\n# a note\nIndo\n", "x.csv, line 5: 1 fields where the header "
                                                                 "(form,country_code) has 2"),
    ("form,country_code\nSino,CN,Asia\n", "x.csv, line 2: 3 fields"),
    ('form,country_code\n"Sino\nIndo",CN\nIndo\n', "x.csv, line 4: 1 fields"),  # lines of the file, not rows
    ("form,code\nSino,CN\n", "x.csv: the header (form,code) lacks the column(s) country_code"),
])
def test_parse_csv_names_the_file_and_line_of_a_malformed_row(text: str, message: str) -> None:
    with pytest.raises(rulebook.RuleFileError) as info:
        parse_csv(text, ("form", "country_code"), source="x.csv")
    assert str(info.value) == message or str(info.value).startswith(message)


def test_every_rules_csv_of_the_project_matches_its_header(models_dir: Path) -> None:
    book = RuleBook.read(models_dir)
    tables = [name for name in book.files if name.endswith(".csv")]
    assert tables and all(book.rows(name) for name in tables)  # strict parsing raises on any bad row


def test_missing_file_reads_as_empty(tmp_path: Path) -> None:
    book = RuleBook.read(tmp_path)
    assert (book.lines("en/titles.txt"), book.rows("en/heads.csv"), book.records("en/patterns.jsonl")) == ([], [], [])
    assert book.text("en/titles.txt") is None


def test_book_reads_rule_files_not_notes_or_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "titles.txt").write_text("mr\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x\n", encoding="utf-8")
    assert list(RuleBook.read(tmp_path).files) == ["en/titles.txt"]


def test_equal_contents_make_equal_books_wherever_they_are(tmp_path: Path) -> None:
    shutil.copytree(MODELS_DIR, tmp_path / "a")
    shutil.copytree(MODELS_DIR, tmp_path / "b")
    a, b = RuleBook.read(tmp_path / "a"), RuleBook.read(tmp_path / "b")
    assert a == b and hash(a) == hash(b) and a == rulebook.default()
    (tmp_path / "b" / "en" / "titles.txt").write_text("mr\n", encoding="utf-8")
    assert RuleBook.read(tmp_path / "b") != a


def test_book_survives_pickling_for_the_workers() -> None:
    book = rulebook.default()
    again = pickle.loads(pickle.dumps(book))
    assert again == book and again.files == book.files and again.root == book.root


def test_replace_changes_one_file_and_the_digest() -> None:
    book = rulebook.default()
    changed = book.replace("en/titles.txt", "mr\n")
    assert changed.lines("en/titles.txt") == ["mr"] and changed != book
    assert book.replace("en/titles.txt", book.text("en/titles.txt")) == book
    assert not book.replace("en/titles.txt", None).has("en/titles.txt")


def test_missing_folder_says_what_was_expected(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="rules folder .*nowhere does not exist"):
        RuleBook.read(tmp_path / "nowhere")


def test_settings_without_a_book_follow_edits_of_the_folder(tmp_path: Path) -> None:
    shutil.copytree(MODELS_DIR, tmp_path / "models")
    settings = Settings(models_dir=tmp_path / "models")
    before = rulebook.for_settings(settings)
    (tmp_path / "models" / "en" / "titles.txt").write_text("mr\nsenator and more\n", encoding="utf-8")
    assert rulebook.for_settings(settings) != before
    assert rulebook.for_settings(settings.with_(rules=before)) is before


# ---------------------------------------------------------------- every stage follows models_dir

ENGLISH = "The minister spoke to reporters about the new policy in detail on Monday morning."


@pytest.fixture()
def other_rules(tmp_path: Path) -> Path:
    """A copy of models/ in which each stage's rules differ from the project's."""
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    (models / "lang" / "scripts.tsv").write_text("LATIN\tfr\n", encoding="utf-8")  # Latin letters: French only
    (models / "zh" / "userdict.txt").write_text("", encoding="utf-8")  # 王亚平 no longer one word
    (models / "zh" / "surnames.txt").write_text("", encoding="utf-8")
    with (models / "en" / "patterns.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"label": "ORG", "pattern": "Acme Widgets"}\n')
    with (models / "en" / "aliases.csv").open("a", encoding="utf-8") as f:
        f.write("Acme Widgets,Acme Widgets Corporation,ORG,company,US\n")
    with (models / "en" / "quote_verbs.txt").open("a", encoding="utf-8") as f:
        f.write("murmur\n")
    return models


def _prepare(text: str, settings: Settings) -> document.Prepared:
    return document.prepare(RawInput("a.txt", "a", None, text, "utf-8", 0), settings)


def test_language_rules_follow_models_dir(other_rules: Path) -> None:
    assert _prepare(ENGLISH, Settings()).rows.documents[0].lang == "en"
    assert _prepare(ENGLISH, Settings(models_dir=other_rules)).rows.documents[0].lang == "fr"
    assert language.detect(ENGLISH, RuleBook.read(other_rules)).lang == "fr"


def test_chinese_rules_follow_models_dir(other_rules: Path) -> None:
    text = "王亚平:梦想就像太空星辰"
    ours = [t.token for t in _prepare(text, Settings()).rows.zh_tokens]
    theirs = [t.token for t in _prepare(text, Settings(models_dir=other_rules)).rows.zh_tokens]
    assert ours[0] == "王亚平" and theirs[:2] == ["王", "亚平"]
    assert zh_entities.load_rules(RuleBook.read(other_rules)).surnames == ()


def test_english_components_follow_models_dir(other_rules: Path) -> None:
    nlp = nlp_mod.add_components(spacy.blank("en"), rulebook.for_settings(Settings(models_dir=other_rules)))
    doc = nlp("Acme Widgets opened a plant.")
    assert [(e.text, e._.canonical, e._.country_code) for e in doc.ents] == [
        ("Acme Widgets", "Acme Widgets Corporation", "US")]
    assert "murmur" in nlp.get_pipe("quote_extractor").cues.speech  # type: ignore[attr-defined]
    plain = nlp_mod.add_components(spacy.blank("en"), MODELS_DIR)
    assert [e.text for e in plain("Acme Widgets opened a plant.").ents] == []
    assert "murmur" not in plain.get_pipe("quote_extractor").cues.speech  # type: ignore[attr-defined]


def test_stages_need_no_folder_once_they_hold_the_book(other_rules: Path, tmp_path: Path) -> None:
    settings = Settings(models_dir=other_rules)
    book = rulebook.for_settings(settings)
    shutil.rmtree(other_rules)  # a worker on another machine: no models/ at that path
    worker = settings.with_(rules=book)
    assert _prepare(ENGLISH, worker).rows.documents[0].lang == "fr"
    nlp = nlp_mod.add_components(spacy.blank("en"), rulebook.for_settings(worker))
    assert [e.text for e in nlp("Acme Widgets opened a plant.").ents] == ["Acme Widgets"]


def test_saved_pipeline_carries_its_rules(other_rules: Path, tmp_path: Path) -> None:
    nlp = nlp_mod.add_components(spacy.blank("en"), RuleBook.read(other_rules))
    nlp.to_disk(tmp_path / "saved")
    shutil.rmtree(other_rules)
    loaded: Language = spacy.load(tmp_path / "saved")
    assert loaded.get_pipe("news_entities").book == RuleBook.read(tmp_path / "saved" / "news_entities")  # type: ignore[attr-defined]
    doc = loaded("Acme Widgets opened a plant.")
    assert [(e.text, e._.canonical) for e in doc.ents] == [("Acme Widgets", "Acme Widgets Corporation")]
    assert "murmur" in loaded.get_pipe("quote_extractor").cues.speech  # type: ignore[attr-defined]


def test_jieba_tokenizer_is_shared_by_books_with_one_user_dictionary() -> None:
    book = rulebook.default()
    other = book.replace("en/titles.txt", "mr\n")
    assert chinese.tokenizer(book.files[chinese.USERDICT]) is chinese.tokenizer(other.files[chinese.USERDICT])
