"""Issue 14, every place coded: people the model tags as places, demonyms of states, small towns (blank pipelines)."""

from __future__ import annotations

import pytest
from entity_docs import RULES
from entity_docs import run_entities as _run
from spacy.language import Language

from pipeline.stages import places


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a surname no gazetteer knows, tagged a place, that the article writes after a first name
        ("A suit was filed by Bradley Podliska on Friday. Podliska said he was fired.",
         [("Bradley Podliska", "FAC"), ("Podliska", "GPE")],
         [("Bradley Podliska", "PERSON", ""), ("Podliska", "PERSON", "")]),
        ("Alison Lundergan Grimes won. Grimes thanked voters.",
         [("Alison Lundergan Grimes", "ORG"), ("Grimes", "GPE")],
         [("Alison Lundergan Grimes", "PERSON", ""), ("Grimes", "PERSON", "")]),
        # ... or after a first name or an initial the model tagged as nothing
        ("The imam Adel Nefzi spoke. Nefzi said the mosque was shut.", [("Nefzi", "GPE")],
         [("Nefzi", "PERSON", "")]),
        ("Ranking Democrat Elijah E. Cummings waits. Cummings's staff said so.", [("Cummings", "GPE")],
         [("Cummings", "PERSON", "")]),
        # negatives: a town no gazetteer knows after a preposition or a sentence's first word
        ("Protesters stayed in Burns. But Burns is calm, but tense.", [("Burns", "GPE"), ("Burns", "GPE")],
         [("Burns", "GPE", ""), ("Burns", "GPE", "")]),
        # a compound of countries after a capitalised word is no surname
        ("Analysts at Stimson U.S.-China desks.", [("U.S.-China", "GPE")], [("U.S.-China", "GPE", "US")]),
        # a name starting with a given name no gazetteer knows as a place
        ("Gov. Beverly Perdue spoke.", [("Beverly Perdue", "GPE")], [("Beverly Perdue", "PERSON", "")]),
        # negatives: a facility named after a person, a region named like a given name
        ("Fans filled Victoria Park.", [("Victoria Park", "FAC")], [("Victoria Park", "FAC", "")]),
        ("He sailed from Brittany to Cornwall.", [("Brittany", "GPE"), ("Cornwall", "GPE")],
         [("Brittany", "GPE", ""), ("Cornwall", "GPE", "GB")]),
        # negatives: a known place stays, even when it is a given name or a full name's last word
        ("Charlotte voted, as North Carolina did.", [("Charlotte", "GPE"), ("North Carolina", "GPE")],
         [("Charlotte", "GPE", "US"), ("North Carolina", "GPE", "US")]),
        ("Andrew Jackson was born there. Jackson is in Mississippi.",
         [("Andrew Jackson", "PERSON"), ("Jackson", "GPE"), ("Mississippi", "GPE")],
         [("Andrew Jackson", "PERSON", ""), ("Jackson", "PERSON", ""), ("Mississippi", "GPE", "US")]),
        # a facility and a name whose first word the article writes in lower case stay
        ("Crowds filled the National Mall. The Mall was full of national flags.",
         [("National Mall", "ORG"), ("Mall", "GPE")], [("National Mall", "ORG", ""), ("Mall", "GPE", "")]),
        # a place word as head: a place, not a surname
        ("Flooding hit Cedar Rapids. Rapids rose.", [("Cedar Rapids", "GPE"), ("Rapids", "GPE")],
         [("Cedar Rapids", "GPE", "US"), ("Rapids", "GPE", "")]),
    ],
)
def test_people_tagged_as_places(blank: Language, text: str, ents: list[tuple[str, str]],
                                 expected: list[tuple[str, str, str]]) -> None:
    assert [(e.text, e.label_, e._.country_code) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the people of a state or province: a nationality coded with the country, singular or plural
        ("A Virginian and two Texans met.", [("Virginian", "GPE"), ("Texans", "NORP")],
         [("Virginian", "NORP", "US"), ("Texans", "NORP", "US")]),
        ("New Yorkers and Quebecers agreed.", [("New Yorkers", "NORP"), ("Quebecers", "NORP")],
         [("New Yorkers", "NORP", "US"), ("Quebecers", "NORP", "CA")]),
        # negatives: a magazine named like the singular stays an organisation; Georgian is the country's
        ("He wrote for The New Yorker.", [("New Yorker", "ORG")], [("New Yorker", "ORG", "")]),
        ("A Georgian wine.", [("Georgian", "NORP")], [("Georgian", "NORP", "GE")]),
    ],
)
def test_demonyms_of_states_are_coded(blank: Language, text: str, ents: list[tuple[str, str]],
                                      expected: list[tuple[str, str, str]]) -> None:
    assert [(e.text, e.label_, e._.country_code) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a company of the gazetteer the model tags as a place is an organisation, not an uncoded place
        ("Verizon agreed with the unions.", [("Verizon", "GPE")], [("Verizon", "ORG", "company")]),
        ("Pfizer and Merck fell.", [("Pfizer", "GPE"), ("Merck", "PERSON")],
         [("Pfizer", "ORG", "company"), ("Merck", "ORG", "company")]),
        # negatives: a company named like an English word is not listed ("Apple"), nor a place
        ("Apple sold more phones.", [("Apple", "ORG")], [("Apple", "ORG", "organisation")]),
        ("Coca-Cola opened a plant in Atlanta.", [("Coca-Cola", "ORG"), ("Atlanta", "GPE")],
         [("Coca-Cola", "ORG", "company"), ("Atlanta", "GPE", "city or region")]),
    ],
)
def test_listed_companies_are_organisations(blank: Language, text: str, ents: list[tuple[str, str]],
                                            expected: list[tuple[str, str, str]]) -> None:
    assert [(e.text, e.label_, e._.kind) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        # a town of 5,000 to 15,000 people in an article about its country
        ("Yazoo City", "US", ("US", "city or region")),
        # not outside an article about its country, nor when an English word or a bigger place has
        # its name: Sunshine (Victoria), Atlantic (Iowa), Satan (North Korea) are words first
        ("Yazoo City", "", ("", "")),
        ("Yazoo City", "GB", ("", "")),
        ("Sunshine", "AU", ("", "")),
        ("Atlantic", "US", ("", "")),
        ("Satan", "KP", ("", "")),
        # a city of 15,000 or more is still coded as before
        ("Jackson", "US", ("US", "city or region")),
    ],
)
def test_small_towns_are_coded_in_their_country(name: str, context: str, expected: tuple[str, str]) -> None:
    assert places.place_code(name, RULES.places, context) == expected


def test_small_town_needs_the_article_country(blank: Language) -> None:
    doc = _run(blank, "Flooding hit Yazoo City, a town in Mississippi.", [("Yazoo City", "GPE"), ("Mississippi", "GPE")])
    assert [(e.text, e._.country_code) for e in doc.ents] == [("Yazoo City", "US"), ("Mississippi", "US")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a natural feature named after a place: the place's world region, no country code
        ("Boats on Lake Erie.", [("Lake Erie", "LOC")], [("Lake Erie", "", "Americas")]),
        ("Ships in the South China Sea.", [("South China Sea", "LOC")], [("South China Sea", "", "Asia")]),
        ("Farms of the Mississippi River Valley.", [("Mississippi River Valley", "LOC")],
         [("Mississippi River Valley", "", "Americas")]),
        # negatives: a feature whose other words name no place, and a county (coded as before)
        ("Jail on Rikers Island.", [("Rikers Island", "LOC")], [("Rikers Island", "", "")]),
        ("A walk by Lake Success.", [("Lake Success", "LOC")], [("Lake Success", "", "")]),
        ("Voters in Jackson County.", [("Jackson County", "GPE")], [("Jackson County", "US", "Americas")]),
    ],
)
def test_natural_features_get_the_region_of_their_place(blank: Language, text: str, ents: list[tuple[str, str]],
                                                        expected: list[tuple[str, str, str]]) -> None:
    assert [(e.text, e._.country_code, e._.region) for e in _run(blank, text, ents).ents] == expected
