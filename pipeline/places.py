"""Places and nationalities -> ISO 3166-1 alpha-2 country codes, from maintained libraries.

Countries, their capitals, provinces and demonyms come from ``countryinfo`` (capital,
provinces, demonym, alternative spellings per country); ISO subdivisions and official
country names from ``pycountry``. Only the combining forms ("Sino-", "Franco-") have no
library: they are data, in ``models/en/combining_forms.csv``.

A name shared by places of several countries (the state and the Uruguayan department
"Florida", the demonym "Chinese" of China and Taiwan) goes to the most populous of them:
news names the prominent place far more often. A country's own name always wins over a
place inside another country ("Georgia" is GE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
from countryinfo import all_countries

from .rulebook import RuleBook

# "U.S.-China", "Sino-American", "China/Russia": parts of a compound naming several countries
_COMPOUND_SPLIT = re.compile(r"\s*[-–/]\s*")
_PLURAL = re.compile(r"(?<=[a-z])s$")


@dataclass(slots=True)
class Places:
    """Lookup tables keyed by lower-cased name."""

    countries: dict[str, str] = field(default_factory=dict)  # name -> code
    places: dict[str, str] = field(default_factory=dict)  # capital, province, subdivision -> code
    regions: dict[str, str] = field(default_factory=dict)  # province, subdivision -> code (no capitals)
    demonyms: dict[str, str] = field(default_factory=dict)  # "chinese" -> CN
    combining: dict[str, str] = field(default_factory=dict)  # "sino" -> CN
    names: dict[str, str] = field(default_factory=dict)  # code -> common English name


Candidates = dict[str, dict[str, int]]  # name -> {code: population of the country}


def _add(table: Candidates, name: str, code: str, population: int) -> None:
    key = name.strip().lower()
    if key:
        table.setdefault(key, {})[code] = population


def _pick(table: Candidates) -> dict[str, str]:
    """Each name's code: the most populous of its countries."""
    return {k: max(codes.items(), key=lambda kv: kv[1])[0] for k, codes in table.items()}


COMBINING_FORMS = "en/combining_forms.csv"


@lru_cache(maxsize=4)
def load(rules: RuleBook | None = None) -> Places:
    """Build the tables once per process and rule book (about 0.2 s: countryinfo reads its JSON files).

    The combining forms come from ``en/combining_forms.csv`` of ``rules`` (None: none)."""
    p = Places()
    countries: Candidates = {}
    places: Candidates = {}
    regions: Candidates = {}
    demonyms: Candidates = {}
    population: dict[str, int] = {}
    for c in all_countries():
        code = (c.info().get("ISO") or {}).get("alpha2", "")
        if not code:
            continue
        pop = population[code] = c.population() or 0
        p.names.setdefault(code, c.name())
        _add(countries, c.name(), code, pop)
        for alt in c.alt_spellings():
            if len(alt) > 3:  # alpha-2/3 codes ("CN", "CHN") are not names in running text
                _add(countries, alt, code, pop)
        capital: str | list[str] = c.capital() or []
        for cap in [capital] if isinstance(capital, str) else capital:  # a list for a few countries
            _add(places, cap.split(" (")[0], code, pop)
        for prov in c.provinces():
            for table in (places, regions):
                _add(table, prov.split(" (")[0], code, pop)
        for dem in (c.demonym() or "").split(","):
            _add(demonyms, dem, code, pop)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(country, attr):
                _add(countries, getattr(country, attr), country.alpha_2, population.get(country.alpha_2, 0))
    for sub in pycountry.subdivisions:
        for table in (places, regions):
            _add(table, sub.name, sub.country_code, population.get(sub.country_code, 0))
    p.countries, p.places, p.demonyms = _pick(countries), _pick(places), _pick(demonyms)
    p.regions = _pick(regions)
    for key in p.countries:  # a country's name is never a place inside another country
        p.places.pop(key, None)
        p.regions.pop(key, None)
    forms = rules.rows(COMBINING_FORMS) if rules is not None else []
    p.combining = {row["form"].lower(): row["country_code"] for row in forms}
    return p


def lookup(name: str, places: Places) -> tuple[str, str]:
    """``(code, kind)`` for one name: kind is country, city or region, or nationality; empty if unknown."""
    key = name.strip().lower()
    if key in places.countries:
        return places.countries[key], "country"
    if key in places.places:
        return places.places[key], "city or region"
    if key in places.demonyms:
        return places.demonyms[key], "nationality"
    singular = _PLURAL.sub("", key)
    if singular != key and singular in places.demonyms:  # "Americans"
        return places.demonyms[singular], "nationality"
    if key in places.combining:
        return places.combining[key], "nationality"
    return "", ""


def containing_code(name: str, places: Places) -> str:
    """The country code of a place qualified by the region or country containing it, else "".

    "Tallahassee, Florida" -> US; "Dolenci, Šalovci" -> SI (a municipality of Slovenia);
    "Sydney Cricket Ground, Sydney" -> "" (a city contains it, but no region names it).
    """
    head, sep, region = name.rpartition(",")
    if not sep or not head.strip():
        return ""
    key = region.strip().lower()
    return places.countries.get(key) or places.regions.get(key, "")


def is_container(name: str, places: Places) -> bool:
    """Whether ``name`` is a country or a first-level region (state, province), not a city."""
    key = name.strip().lower()
    return key in places.countries or key in places.regions


def compound_codes(name: str, places: Places, resolve: dict[str, str] | None = None) -> list[str]:
    """Codes of every country a compound names ("Sino-American" -> [CN, US]); [] unless all parts do.

    Args:
        name: the mention, e.g. "U.S.-China" or "Sino-American".
        places: the lookup tables.
        resolve: extra variant -> code pairs (the alias table: "U.S." -> US).
    """
    parts = [x for x in _COMPOUND_SPLIT.split(name.strip()) if x]
    if len(parts) < 2:
        return []
    codes: list[str] = []
    for part in parts:
        code = (resolve or {}).get(part) or lookup(part, places)[0]
        if not code:
            return []
        if code not in codes:
            codes.append(code)
    return codes if len(codes) >= 2 else []


def country_name(code: str, places: Places) -> str:
    """The common English name of a country code ("RU" -> "Russia")."""
    return places.names.get(code, code)
