from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline import entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the United Nations Office for Outer Space Affairs (UNOOSA) and", {"UNOOSA": "United Nations Office for Outer Space Affairs"}),
        ("co-organized by the China Manned Space Agency (CMSA).", {"CMSA": "China Manned Space Agency"}),
        ("the United Nation’s Human Space Technology Initiative (HSTI).", {"HSTI": "Human Space Technology Initiative"}),
        ("NASA (National Aeronautics and Space Administration) said", {"NASA": "National Aeronautics and Space Administration"}),
        ("He met Smith (R) yesterday.", {}),
        ("the Big Apple Agency (XYZ) said", {}),
    ],
)
def test_learn_acronyms(text: str, expected: dict[str, str]) -> None:
    assert entities.learn_acronyms(text) == expected


@pytest.mark.parametrize(("name", "code"), [("China", "CN"), ("France", "FR"), ("Atlantis", "")])
def test_country_code(name: str, code: str) -> None:
    assert entities.country_code(name) == code


def test_clean_name() -> None:
    assert entities.clean_name("the China Manned Space Agency") == "China Manned Space Agency"
    assert entities.clean_name("China’s") == "China"


@pytest.mark.model
def test_surname_takes_person_label_and_full_name(nlp: Language) -> None:
    doc = nlp("Michael Krepon edited the essays. In his article, Krepon argues for diplomacy.")
    krepon = [e for e in doc.ents if e.text == "Krepon"]
    assert krepon and krepon[0].label_ == "PERSON" and krepon[0]._.canonical == "Michael Krepon"


@pytest.mark.model
def test_two_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    doc = nlp("John Smith met Mary Smith in Paris. Later John Smith left, and Smith spoke to the press.")
    canon = {e._.canonical for e in doc.ents if e.label_ == "PERSON"}
    assert {"John Smith", "Mary Smith"} <= canon


@pytest.mark.model
def test_acronym_mentions_share_the_full_name(nlp: Language) -> None:
    doc = nlp("The China Manned Space Agency (CMSA) opened a workshop. CMSA Director Wang spoke.")
    cmsa = [e for e in doc.ents if e.text == "CMSA"]
    assert cmsa and all(e._.canonical == "China Manned Space Agency" for e in cmsa)
