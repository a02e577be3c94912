"""The wider table of given-name genders: how it is derived, read and merged with the hand list."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline import rulebook
from pipeline.config import MODELS_DIR
from pipeline.stages.entities import gender_of, load_genders
from pipeline.tools import given_name_genders as tool


def test_only_names_enough_sources_give_one_gender_are_kept() -> None:
    data = {
        "milton": [20, 50_000, 0.01],   # male
        "deja": [15, 9_000, 0.99],      # female
        "lindsey": [30, 90_000, 0.90],  # given to both sexes in the data: out
        "rare": [3, 50_000, 0.0],       # too few sources
        "scarce": [20, 200, 1.0],       # too few observations
        "jean-luc": [20, 5_000, 0.0],   # not letters only
        "josé": [20, 5_000, 0.0],       # not ASCII (the package's keys have no accents)
    }
    assert tool.genders(data, min_sources=10, min_counts=1000, max_uncertainty=0.05) == {"deja": "f", "milton": "m"}


def test_the_written_file_reads_as_a_rule_file_with_its_licence(tmp_path: Path) -> None:
    args = argparse.Namespace(min_sources=10, min_counts=1000, max_uncertainty=0.05)
    text = tool.render({"deja": "f", "milton": "m"}, "0.1.4", args)
    assert "Copyright (c) 2022 Ian Van Buskirk" in text and "nomquamgender 0.1.4" in text
    book = rulebook.RuleBook(tmp_path, {"en/given_name_genders.csv": text.encode()})
    assert load_genders(book) == {"deja": "f", "milton": "m"}


def test_the_hand_list_wins_and_accents_do_not_matter(tmp_path: Path) -> None:
    book = rulebook.RuleBook(tmp_path, {
        "en/given_name_genders.csv": b"name,gender\nandrea,m\njose,m\n",
        "en/given_names.csv": b"# hand list\nname,gender\nAndrea,f\n",
    })
    genders = load_genders(book)
    assert genders == {"andrea": "f", "jose": "m"}
    assert gender_of("José Martínez", genders) == "m" and gender_of("Andrea Mitchell", genders) == "f"
    assert gender_of("Kelly Ayotte", genders) == ""


def test_the_shipped_table_is_well_formed_and_agrees_with_the_hand_list() -> None:
    book = rulebook.RuleBook.read(MODELS_DIR)
    derived = {r["name"]: r["gender"] for r in book.rows("en/given_name_genders.csv", ("name", "gender"))}
    hand = {r["name"].lower(): r["gender"] for r in book.rows("en/given_names.csv", ("name", "gender"))}
    assert len(derived) > 5000 and set(derived.values()) == {"m", "f"}
    assert all(name.isascii() and name.isalpha() and name.islower() for name in derived)
    assert {n: g for n, g in hand.items() if derived.get(n, g) != g} == {}
    assert "lindsey" not in derived and "kelly" not in derived  # given to both sexes
