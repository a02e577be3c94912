"""The rules ``news_entities`` works from, read from ``models/en`` once per rule book, and the
spaCy extensions it sets on spans and documents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from ... import rulebook
from ...records import ALIAS_COLUMNS, Alias
from ...rulebook import RuleBook
from .. import orgs
from .. import places as places_mod

for _name in ("canonical", "kind", "country_code", "region"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default="")
if not Span.has_extension("countries"):
    Span.set_extension("countries", default=None)  # [(canonical, code), ...] for a compound
if not Doc.has_extension("acronyms"):
    Doc.set_extension("acronyms", default=None)
if not Doc.has_extension("entity_rules"):
    Doc.set_extension("entity_rules", default=None)  # the Rules the component used


LABEL_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "nationality", "GPE": "city or region",
               "LOC": "city or region", "FAC": "facility"}
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
SUBJECT_DEPS = ("nsubj", "nsubjpass")  # a clause's subject: "Adel Nefzi said", "Donald Trump praised his son"
# names whose edges are repaired like NAME_LABELS ("Piano Man ''" is a WORK_OF_ART)
TITLED_LABELS = (*NAME_LABELS, "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
PLACE_LABELS = ("GPE", "LOC", "FAC")
CODED_LABELS = (*PLACE_LABELS, "NORP")  # labels that get a country code and a world region
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s?)$")
_SPACED_COMMA = re.compile(r"\s+,")
# Full Name (ACR)  or  ACR (Full Name)
# Possessive word runs and a word-start lookbehind: a long run of capitals ("AAAA...") is
# scanned once, not once per start position and split every possible way (was quadratic and
# exponential: 8,000 capitals took 4 s).
ACRONYM_AFTER = re.compile(
    r"(?<![\w’'-])((?:[A-Z][\w’'-]*+\s+(?:(?:of|for|and|on|in|the|de|du)\s+)*){1,10})\( ?([A-Z][A-Z0-9&]{1,9}) ?\)")
ACRONYM_BEFORE = re.compile(
    r"\b([A-Z][A-Z0-9&]{1,9})\s+\( ?((?:[A-Z][\w’'-]*+\s*(?:(?:of|for|and|on|in|the)\s+)*){2,10})\)")
FUNCTION_WORDS = {"of", "for", "and", "on", "in", "the", "de", "du"}
# lower-case words of a title (headline casing keeps them lower)
TITLE_SMALL_WORDS = FUNCTION_WORDS | {"a", "an", "in", "at", "to", "by", "with", "from", "or", "as", "is", "vs"}
# a span's head is the word before its first preposition ("Ministry of Transport")
HEAD_BREAKS = {"of", "for", "on", "in", "at", "de"}
EDGE_PUNCT = set("'\"`‘’“”«»()[]{}<>*|,;:!?/-–—•·") | {"''", "``", "--"}
SEPARATORS = {"/", "-", "–", "—", "|", "•"}
POSSESSIVES = {"'s", "’s", "'", "’"}
# "Office for Outer Space Affairs", "Bank of England"
JOINING_PREPOSITIONS = {"of", "for", "on"}
# words after which a name is a place, not a person ("born in X", "near X")
PLACE_PREPOSITIONS = {"in", "near", "outside", "across", "throughout"}


NAME = "name"  # where the name stands in a phrase of company_nouns.txt ("NAME shares", "shares in NAME")

# a phrase's words (lower case) and whether the name is written after them ("shares in NAME") or before
Phrase = tuple[tuple[str, ...], bool]


def parse_phrases(lines: Collection[str]) -> tuple[Phrase, ...]:
    """The phrases of ``company_nouns.txt`` (lines in lower case): ``name shares`` -> (("shares",),
    False), ``shares in name`` -> (("shares", "in"), True); a line without the name at one end is
    skipped."""
    phrases = []
    for line in lines:
        words = line.split()
        if len(words) >= 2 and words[0] == NAME and NAME not in words[1:]:
            phrases.append((tuple(words[1:]), False))
        elif len(words) >= 2 and words[-1] == NAME and NAME not in words[:-1]:
            phrases.append((tuple(words[:-1]), True))
    return tuple(sorted(phrases))


@dataclass(frozen=True, slots=True)
class Head:
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class Rules:
    """The data the component works from, all read from ``models/en``."""

    aliases: dict[str, Alias]
    heads: dict[str, Head]
    titles: frozenset[str]
    places: places_mod.Places
    divisions: frozenset[str] = frozenset()  # "county", "province": a name with one contains places
    name_suffixes: frozenset[str] = frozenset()  # "jr", "iii": part of a person's name
    sports: frozenset[str] = frozenset()  # "cricket", "rugby union": a span of only these is no name
    legal_forms: frozenset[str] = frozenset()  # "ag", "ltd": a name ending in one is a company
    # "carly" -> "f", "john" -> "m": a name starting with one is a person's (hand list)
    given_names: dict[str, str] = field(default_factory=dict)
    club_prefixes: frozenset[str] = frozenset()  # "fc", "real": a name starting with one is a club
    place_plurals: frozenset[str] = frozenset()  # "hills", "springs": a place's last word, no team's
    result_verbs: frozenset[str] = frozenset()  # "beat", "drew": a place beside one in a result is a team
    portfolios: frozenset[str] = frozenset()  # "state", "finance": after "Secretary of", part of a title
    speech_verbs: frozenset[str] = frozenset()  # "say", "tell": their subject speaks (``name_chains``)
    kin_nouns: frozenset[str] = frozenset()  # "daughter", "wife": "Trump's daughter Ivanka" (``relatives``)
    individual_sports: frozenset[str] = frozenset()  # "tennis": no teams beside its result verbs
    name_prefixes: frozenset[str] = frozenset()  # "pro", "anti": "pro-Clinton" names Clinton
    sports_roles: frozenset[str] = frozenset()  # "striker", "coach": "Leeds striker" is a team (``sports``)
    # "NAME shares", "shares in NAME": the name beside one is a company (``companies.parse_phrases``)
    company_nouns: tuple[Phrase, ...] = ()
    # "company", "newspaper": nouns naming an organisation (``org_role_nouns.csv``); with the
    # organisations' head words, an appositive of one makes the name before it an organisation
    org_nouns: frozenset[str] = frozenset()
    # "deja" -> "f": the gender a given name tells, for Mrs./Mr. (``load_genders``, a wider list); its
    # names less the most frequent words also widen a lone family name after them ("Paloma Wu")
    genders: dict[str, str] = field(default_factory=dict)


def country_canonical(code: str, rules: Rules) -> str:
    """The canonical name of a country: the alias table's, else countryinfo's common name."""
    for alias in rules.aliases.values():
        if alias.country_code == code and alias.kind == "country":
            return alias.canonical
    return places_mod.country_name(code, rules.places)


def load_aliases(book: RuleBook) -> dict[str, Alias]:
    """Variant -> canonical name table (models/en/aliases.csv)."""
    return {r["variant"]: Alias.of(r) for r in book.rows("en/aliases.csv", ("variant", *ALIAS_COLUMNS))}


def load_heads(book: RuleBook) -> dict[str, Head]:
    """Head word -> label and kind (models/en/heads.csv), keyed by lower case."""
    rows = book.rows("en/heads.csv", ("head", "label", "kind"))
    return {r["head"].lower(): Head(r["label"], r["kind"]) for r in rows}


@lru_cache(maxsize=4)
def load_genders(book: RuleBook) -> dict[str, str]:
    """Given name (lower case, no accents) -> "m" or "f": ``given_name_genders.csv`` (9,500 names
    derived from nomquamgender), with the hand list ``given_names.csv`` winning where both have a
    name. Read for a gender only: which names start a person's name stays the hand list's. Parsed
    once per book: the entity rules and the speaker rules share the table (read it, never change it)."""
    def table(name: str) -> dict[str, str]:
        return {fold(r["name"]): r["gender"] for r in book.rows(f"en/{name}", ("name", "gender"))}
    return {**table("given_name_genders.csv"), **table("given_names.csv")}


def unaccented(name: str) -> str:
    """A name without its accents ("François" -> "Francois"); letters that have none stay."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def fold(word: str) -> str:
    """A word in lower case without accents ("José" -> "jose"), as the gender tables are keyed."""
    return unaccented(word).lower()


def gender_of(name: str, genders: dict[str, str]) -> str:
    """The gender ("m", "f" or "") the first word of a person's name tells."""
    words = name.split()
    return genders.get(fold(words[0]), "") if words else ""


def load_word_list(book: RuleBook, name: str) -> frozenset[str]:
    """A word list of ``models/en``, one entry per line, lower case: titles and honorifics written
    before a name (titles.txt), heads of administrative divisions (division_heads.txt),
    generational suffixes (name_suffixes.txt)."""
    return frozenset(line.lower() for line in book.lines(f"en/{name}"))


def load_rules(rules: RuleBook | Path | None = None) -> Rules:
    """Every rule file of ``models/en`` in a rule book (or a folder; None: the project's ``models/``)."""
    return _rules_of(rulebook.of(rules))


@lru_cache(maxsize=4)
def _rules_of(book: RuleBook) -> Rules:
    """``load_rules`` of a book, parsed once per book and process."""
    aliases = {**orgs.aliases(book), **load_aliases(book)}
    return Rules(aliases, load_heads(book), load_word_list(book, "titles.txt"), places_mod.load(book),
                 load_word_list(book, "division_heads.txt"), load_word_list(book, "name_suffixes.txt"),
                 load_word_list(book, "sports.txt"), orgs.legal_forms(book),
                 {r["name"].lower(): r["gender"] for r in book.rows("en/given_names.csv", ("name", "gender"))},
                 orgs.word_set(book, orgs.CLUB_PREFIXES), orgs.word_set(book, orgs.PLACE_PLURALS),
                 orgs.word_set(book, orgs.RESULT_VERBS), load_word_list(book, "portfolios.txt"),
                 frozenset(line.split()[0] for line in load_word_list(book, "quote_verbs.txt")),
                 load_word_list(book, "kin_nouns.txt"), load_word_list(book, "individual_sports.txt"),
                 name_prefixes=load_word_list(book, "name_prefixes.txt"),
                 sports_roles=load_word_list(book, "sports_roles.txt"),
                 company_nouns=parse_phrases(load_word_list(book, "company_nouns.txt")),
                 org_nouns=frozenset(r["noun"].lower() for r in book.rows("en/org_role_nouns.csv", ("noun", "kinds"))),
                 genders=load_genders(book))
