from __future__ import annotations

import pytest

from pipeline import places, rulebook

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
