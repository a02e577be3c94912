"""The README's "Extending the rules" examples: each edit of a file under models/ changes the tables.

Each test copies ``models/`` (and ``examples/``), makes exactly the README's edit, and runs the
pipeline on a short article with the original and the edited rules.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from pipeline.config import MODELS_DIR, PROJ_ROOT, Settings
from pipeline.output import frames
from pipeline.run import runner
from pipeline.stages import nlp as nlp_mod

# The lines the README tells a researcher to add, verbatim.
CUE_VERB = "grumble"
# the head word "Organization" now fixes the label of a name ending in it, so the example is a
# company the model misses altogether
ENTITY_PATTERN = '{"label": "ORG", "pattern": "Arianespace", "id": "Arianespace"}'
CHINESE_WORD = "玉兔号 20 nz"
COMPONENTS = """import = ["../examples/entity_label_filter.py"]

[[component]]
factory = "entity_label_filter"
after = "news_entities"
config = { drop = ["CARDINAL", "ORDINAL", "QUANTITY"] }
"""


def _article(body: str) -> str:
    return f"September 18, 2013\n\n{body}\n"


def run_tables(text: str, nlp: Language, settings: Settings, tmp: Path) -> dict[str, pd.DataFrame]:
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    runner.run([corpus], tmp / "out", nlp, settings)
    return frames.read_tables(tmp / "out")


def edited(tmp: Path, file: str, append: str) -> tuple[Language, Settings]:
    """A copy of models/ with ``append`` added to ``file``, and the pipeline built from it."""
    models = tmp / "models"
    shutil.copytree(MODELS_DIR, models)
    shutil.copytree(PROJ_ROOT / "examples", tmp / "examples")
    with (models / file).open("a", encoding="utf-8") as f:
        f.write(append + "\n")
    settings = Settings().with_(models_dir=models, quiet=True)
    return nlp_mod.build(settings), settings


def before_after(text: str, file: str, line: str, nlp: Language, tmp: Path) -> tuple[dict, dict]:
    before = run_tables(text, nlp, Settings().with_(quiet=True), tmp / "before")
    new_nlp, settings = edited(tmp / "after", file, line)
    return before, run_tables(text, new_nlp, settings, tmp / "after")


@pytest.mark.model
def test_adding_a_cue_verb_finds_the_quote(nlp: Language, tmp_path: Path) -> None:
    text = _article("“We will land on the Moon before 2030,” Yang Liwei grumbled.")
    before, after = before_after(text, "en/quote_verbs.txt", CUE_VERB, nlp, tmp_path)
    assert before["quotes"].empty
    q = after["quotes"]
    assert list(zip(q.cue, q.speaker, q.quote_type, strict=True)) == [("grumbled", "Yang Liwei", "direct")]


@pytest.mark.model
def test_adding_an_entity_pattern_fixes_the_label(nlp: Language, tmp_path: Path) -> None:
    text = _article("Arianespace met in Beijing.")
    before, after = before_after(text, "en/patterns.jsonl", ENTITY_PATTERN, nlp, tmp_path)

    def apsco(t: dict) -> list[tuple[str, str]]:
        e = t["entities"]
        return [(r.label, r.kind) for r in e.itertuples() if "Arianespace" in r.text]

    assert apsco(before) == []  # the model misses it
    assert apsco(after) == [("ORG", "organisation")]


@pytest.mark.model
def test_adding_a_chinese_word_keeps_it_whole(nlp: Language, tmp_path: Path) -> None:
    text = _article("嫦娥三号将于年底发射，玉兔号月球车随行。")
    before, after = before_after(text, "zh/userdict.txt", CHINESE_WORD, nlp, tmp_path)

    def tokens(t: dict) -> list[tuple[str, str]]:
        return list(zip(t["zh_tokens"].token, t["zh_tokens"].pos, strict=True))

    assert ("玉兔", "nr") in tokens(before)  # jieba read the rover's name as a person
    assert ("玉兔号", "nz") in tokens(after)
    assert "PERSON" not in set(after["entities"].label)


@pytest.mark.model
def test_adding_a_component_through_the_configuration(nlp: Language, tmp_path: Path) -> None:
    text = _article("150 participants from at least 20 countries met in Beijing.")
    before, after = before_after(text, "components.toml", COMPONENTS, nlp, tmp_path)
    assert "CARDINAL" in set(before["entities"].label)
    assert "CARDINAL" not in set(after["entities"].label)
    assert "Beijing" in set(after["entities"].canonical)


def test_readme_shows_these_examples() -> None:
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    for snippet in (CUE_VERB, ENTITY_PATTERN, CHINESE_WORD, COMPONENTS.strip()):
        assert snippet in readme, snippet


def test_models_readme_lists_every_rule_file() -> None:
    listed = (MODELS_DIR / "README.md").read_text(encoding="utf-8")
    files = [p.relative_to(MODELS_DIR).as_posix() for p in MODELS_DIR.rglob("*")
             if p.is_file() and p.name != "README.md"]
    assert files and [f for f in files if f"`{f}`" not in listed] == []
