"""Entities: spaCy components that make NER output consistent, canonical and coded.

``news_entities`` runs after the NER and the ``news_ruler`` gazetteer. Per document it:

1. re-tags ALL-CAPS headline lines from a title-cased copy (the small model reads
   capitals as acronyms);
2. repairs span edges: quote marks and brackets, a leading "the", a trailing possessive,
   titles swallowed into a person's name ("Director General Wang Zhaoyao");
3. splits spans at a spaced separator ("Tanith Belbin / Benjamin Agosto");
4. learns acronyms the article defines ("Full Name (ACR)", "ACR (Full Name)") and marks
   every written full name as one entity;
5. fixes labels: known places and head words ("... University", "... River") from
   ``models/``, a single label per name within the document, a person's surname is a
   person, words of a title-case line that the article writes in lower case elsewhere are
   not names ("Deterrence");
6. sets ``span._.canonical``, ``span._.kind``, ``span._.country_code`` and, for compounds
   naming several countries ("Sino-American"), ``span._.countries``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import rulebook
from ..records import Alias
from ..rulebook import FromRuleBook, RuleBook
from . import orgs
from . import places as places_mod

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
    r"(?<![\w’'-])((?:[A-Z][\w’'-]*+\s+(?:(?:of|for|and|on|the|de|du)\s+)*){1,10})\(([A-Z][A-Z0-9&]{1,9})\)")
ACRONYM_BEFORE = re.compile(
    r"\b([A-Z][A-Z0-9&]{1,9})\s+\(((?:[A-Z][\w’'-]*+\s*(?:(?:of|for|and|on|the)\s+)*){2,10})\)")
FUNCTION_WORDS = {"of", "for", "and", "on", "the", "de", "du"}
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
    given_names: frozenset[str] = frozenset()  # "carly", "john": a name starting with one is a person's


def load_aliases(book: RuleBook) -> dict[str, Alias]:
    """Variant -> canonical name table (models/en/aliases.csv)."""
    return {r["variant"]: Alias(r["canonical"], r["label"], r["kind"], r["country_code"])
            for r in book.rows("en/aliases.csv")}


def load_heads(book: RuleBook) -> dict[str, Head]:
    """Head word -> label and kind (models/en/heads.csv), keyed by lower case."""
    return {r["head"].lower(): Head(r["label"], r["kind"]) for r in book.rows("en/heads.csv")}


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
                 frozenset(r["name"].lower() for r in book.rows("en/given_names.csv")))


def clean_name(text: str) -> str:
    """A mention without a leading article, possessive, outer spaces or a space before a comma."""
    return _SPACED_COMMA.sub(",", _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).strip())


def _initials_match(words: list[str], acronym: str) -> str | None:
    """The trailing words whose capital initials spell the acronym, or None."""
    letters = [ch for ch in acronym if ch.isalpha()]
    picked: list[str] = []
    k = len(letters) - 1
    for word in reversed(words):
        if k < 0:
            break
        if word.lower() in FUNCTION_WORDS:
            if picked:
                picked.append(word)
            continue
        if word[:1].upper() != letters[k]:
            return None
        picked.append(word)
        k -= 1
    return " ".join(reversed(picked)) if k < 0 else None


def learn_acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the text: ``Full Name (ACR)`` and ``ACR (Full Name)``."""
    found: dict[str, str] = {}
    for m in ACRONYM_AFTER.finditer(text):
        full = _initials_match(m[1].split(), m[2])
        if full:
            found.setdefault(m[2], full)
    for m in ACRONYM_BEFORE.finditer(text):
        full = _initials_match(m[2].split(), m[1])
        if full:
            found.setdefault(m[1], full)
    return found


def country_code(name: str) -> str:
    """ISO 3166-1 alpha-2 for a country name, from pycountry; empty when it is not one."""
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return ""


# --- span repairs (plain functions over spans: testable on blank pipelines) ---------------

def respan(ent: Span, start: int, end: int, label: str | None = None) -> Span:
    """The same entity over tokens ``start:end`` (and a new label), keeping the ruler's id."""
    return Span(ent.doc, start, end, label=label or ent.label_, span_id=ent.id_)


def trim_span(ent: Span, titles: frozenset[str] = frozenset()) -> Span | None:
    """The span without edge punctuation, a leading "the", a trailing possessive or a person's title.

    A trailing function word ("... Corporation of") goes too, and a person loses trailing
    numbers ("Arthur Ashe 6–3"). Returns None when nothing of the name is left.
    """
    start, end = ent.start, ent.end
    doc = ent.doc
    if ent.label_ not in TITLED_LABELS:
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        return respan(ent, start, end) if end > start else None
    changed = True
    while changed and start < end:
        changed = False
        first, last = doc[start], doc[end - 1]
        if first.is_space or first.text in EDGE_PUNCT or first.lower_ == "the":
            start, changed = start + 1, True
        elif (last.is_space or last.text in EDGE_PUNCT or last.text in POSSESSIVES
              or (last.lower_ in FUNCTION_WORDS and end - start > 1)
              or (ent.label_ == "PERSON" and end - start > 1 and not any(ch.isalpha() for ch in last.text))):
            end, changed = end - 1, True
        elif (ent.label_ == "PERSON" and end - start >= 2 and first.lower_.rstrip(".") in titles
              and doc[start + 1].is_title):
            start, changed = start + 1, True
    if end <= start or not any(ch.isalpha() for ch in doc[start:end].text):
        return None
    return ent if (start, end) == (ent.start, ent.end) else respan(ent, start, end)


def extend_name_suffix(ent: Span, suffixes: frozenset[str]) -> Span:
    """A person's name with the generational suffix after it: "Ferdinand Marcos, Jr.", "Henry Ford II"."""
    if ent.label_ != "PERSON" or not suffixes:
        return ent
    doc, end = ent.doc, ent.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_.rstrip(".") in suffixes:
        end += 1
    if end < len(doc) and doc[end].lower_.rstrip(".") in suffixes and doc[end].text[:1].isupper():
        end += 1
        if end < len(doc) and doc[end].text == "." and doc[end - 1].lower_ in ("jr", "sr"):
            end += 1  # the abbreviation's period, tokenised apart ("Jr ." in pre-tokenised text)
    else:
        return ent
    return respan(ent, ent.start, end)


def is_lower_case_name(ent: Span) -> bool:
    """A name written in a cased script without a capital letter ("n’t" tagged GPE, "murderer"
    tagged PERSON): not a name in English text. Arabic or Hebrew words have no case and stay."""
    cased = [ch for ch in ent.text if ch.lower() != ch.upper()]
    return (ent.label_ in NAME_LABELS and bool(cased) and not any(ch.isupper() for ch in cased)
            and not ent.text.startswith("@"))  # a handle ("@jdoe") names its owner


def split_span(ent: Span) -> list[Span]:
    """Parts of a span joined by a spaced separator ("A / B", "A - B"); the span itself otherwise."""
    if ent.label_ not in NAME_LABELS:
        return [ent]
    doc = ent.doc
    cuts = [t.i for t in ent[1:-1] if t.text in SEPARATORS and doc[t.i - 1].whitespace_ and t.whitespace_]
    if not cuts:
        return [ent]
    bounds = [ent.start, *[c for cut in cuts for c in (cut, cut + 1)], ent.end]
    return [respan(ent, s, e) for s, e in zip(bounds[::2], bounds[1::2], strict=True) if e > s]


def head_of(name: str) -> str:
    """The head of a name, lower case: the word before its first preposition, else the last word.

    "Ministry of Transport" -> ministry; "China Manned Space Agency" -> agency.
    """
    words = [w.strip(".,") for w in name.split() if any(ch.isalnum() for ch in w)]
    for k, w in enumerate(words[1:], start=1):
        if w.lower() in HEAD_BREAKS:
            return words[k - 1].lower()
    return words[-1].lower() if words else ""


def head_word(ent: Span) -> str:
    """The head of an entity span (see ``head_of``)."""
    return head_of(ent.text)


def has_known_head(name: str, doc: Doc) -> bool:
    """Whether the head word of ``name`` is in the heads table of the pipeline that made ``doc``."""
    rules = doc._.entity_rules
    return rules is not None and head_of(name) in rules.heads


def line_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=4)
def headline_lines(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """``(start, end)`` of the headline-cased lines and of the ALL-CAPS lines of ``text`` (found
    once per document: three steps of the component read them)."""
    bounds = line_bounds(text)
    return (tuple((s, e) for s, e in bounds if is_title_line(text[s:e])),
            tuple((s, e) for s, e in bounds if is_caps_line(text[s:e])))


def is_caps_line(line: str) -> bool:
    """An ALL-CAPS line: at least two words of letters and no lower-case letter."""
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 1]
    return len(words) >= 2 and not any(ch.islower() for ch in line)


def is_title_line(line: str) -> bool:
    """A headline-cased line: three words or more, every content word capitalised."""
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return len(words) >= 3 and bool(content) and all(w[0].isupper() for w in content)


def title_case(line: str, keep: set[str]) -> str:
    """An ALL-CAPS line in headline case, same length; words in ``keep`` (acronyms) stay."""
    def fix(m: re.Match[str]) -> str:
        w = m[0]
        if w in keep:
            return w
        if w.lower() in TITLE_SMALL_WORDS and m.start() > 0:
            return w.lower()
        return w[0] + w[1:].lower()
    return re.sub(r"[^\W\d_]+", fix, line)


def true_case(line: str, keep: set[str], cased: dict[str, str], is_name: Callable[[str], bool]) -> str:
    """An ALL-CAPS line in the casing the article gives its words elsewhere, same length.

    ``cased`` maps a lower-case word to the form the article writes it in mid-sentence
    ("beat", "Norway", "NATO"); a word in ``keep`` (acronyms, sports slugs) stays as written.
    Another word is in headline case when ``is_name`` says it names something (a place, a
    gazetteer name) or it is rare in English, and in lower case when it is a common English
    word (wordfreq's Zipf frequency of ``COMMON_ZIPF`` or more). "GERMAN BANKS REPORT HIGHER
    PROFITS" reads "German banks report higher profits": the model no longer takes every word
    of a headline for a name.
    """
    def fix(m: re.Match[str]) -> str:
        w = m[0]
        if w in keep:
            return w
        form = cased.get(w.lower())
        if form is not None and len(form) == len(w):
            return form
        if w.lower() in TITLE_SMALL_WORDS or (not is_name(w) and common_word(w)):
            return w.lower()
        return w[0] + w[1:].lower()
    return re.sub(r"[^\W\d_]+", fix, line)


COMMON_ZIPF = 4.0  # about once in 10,000 words of English text


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """Whether ``word`` is a common English word (wordfreq's small list)."""
    import wordfreq

    return bool(wordfreq.zipf_frequency(word.lower(), "en", wordlist="small") >= COMMON_ZIPF)


def body_casing(doc: Doc, skip: list[tuple[int, int]]) -> dict[str, str]:
    """Lower-case word -> the form the document writes it in most often, not starting a sentence
    and outside the character ranges ``skip`` (its ALL-CAPS lines)."""
    starts = [s for s, _ in skip]
    forms: dict[str, Counter[str]] = {}
    for tok in doc:
        if not tok.is_alpha or tok.is_sent_start or tok.is_upper and len(tok) == 1:
            continue
        k = bisect_right(starts, tok.idx) - 1
        if k >= 0 and tok.idx < skip[k][1]:
            continue
        if tok.i > 0 and "\n" in doc[tok.i - 1].text_with_ws:  # a line's first word is a sentence start
            continue
        forms.setdefault(tok.lower_, Counter())[tok.text] += 1
    return {w: c.most_common(1)[0][0] for w, c in forms.items()}


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'.-]*[A-Z.](?:[ -][A-Z][A-Z'.-]*[A-Z.])*)"  # the place, in capitals
    r"[ \t]*(?:,[^\n,]{1,40}?)?[ \t]*"  # ", United Arab Emirates"
    r"(?:(?P<date>\d{4}-\d\d-\d\d[ \t]*$"  # LONDON 1996-08-30
    rf"|,?[ \t]*{_MONTH}[ \t]+\d{{1,2}}\b)"  # WASHINGTON, June 10
    r"|(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*[-–—―]+[ \t]*(?=[^\n]*[a-z]))",  # MEXICO CITY - text; PARIS (AFP) -
    re.M)


def dateline_places(doc: Doc, text: str, sports: frozenset[str],
                    is_place: Callable[[str], bool] = lambda name: True) -> list[Span]:
    """The places of wire datelines as GPE: the capitals starting a line before a date ("LONDON
    1996-08-30", "WASHINGTON, June 10 (UPI) -"), or before a dash and running text when
    ``is_place`` knows the name ("MEXICO CITY - The ..."; "NATO - the alliance" is no dateline).
    A headline's sport slug ("SOCCER - LEEDS WIN") is none: a capitals line goes on in
    capitals, and the sports of ``models/en/sports.txt`` are left out."""
    found = []
    for m in DATELINE.finditer(text):
        if m[1].lower() in sports or not (m["date"] or is_place(m[1])):
            continue
        span = doc.char_span(m.start(1), m.end(1), label="GPE", alignment_mode="contract")
        if span is not None and len(span):
            found.append(span)
    return found


def merge_qualified_places(ents: list[Span], rules: Rules) -> list[Span]:
    """A name followed by a comma and the region or country containing it is one place.

    "Tallahassee, Florida", "Shell Knob, Missouri" (tagged PERSON by the small model) and
    "Dolenci, Šalovci" become one GPE whose country code is the region's; so does a chain
    through a division named by its head word ("Highland Township, Oakland County,
    Michigan"). Left apart: a region followed by its country ("Hauts-de-Seine, France"
    names two places), places in a list ("to Houston, New York, and New Jersey"; "the
    Middle East, China and elsewhere"), a country before the comma, names from the
    gazetteer and organisations named by their head word ("Kalamazoo College, Michigan"
    stays an organisation).
    """
    ents = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    k = 0
    while k < len(ents):
        a = ents[k]
        n = _qualified_length(ents, k, rules)
        before = out[-1] if out else None
        if n and not (_comma_between(before, a) or _comma_between(ents[k + n - 1], ents[k + n] if k + n < len(ents)
                                                                     else None)
                      or _followed_by_conjunction(ents[k + n - 1])):
            out.append(respan(a, a.start, ents[k + n - 1].end, "GPE"))
            k += n
            continue
        out.append(a)
        k += 1
    return out


def _qualified_length(ents: list[Span], k: int, rules: Rules) -> int:
    """How many spans from ``ents[k]`` form one qualified place: 3 ("A, B County, C"), 2, or 0."""
    a = ents[k]
    b = ents[k + 1] if k + 1 < len(ents) else None
    c = ents[k + 2] if k + 2 < len(ents) else None
    if b is None or not _qualifies(a, b, rules):
        return 0
    if c is not None and _is_division(b, rules) and _qualifies(b, c, rules):
        return 3
    return 2


def _is_division(ent: Span, rules: Rules) -> bool:
    """A name whose first or last word is a division's ("Oakland County", "County Cork")."""
    return len(ent) >= 2 and (ent[-1].lower_ in rules.divisions or ent[0].lower_ in rules.divisions) and (
        ent[-1].is_title and ent[0].is_title)


def merge_of_names(ents: list[Span], rules: Rules) -> list[Span]:
    """An organisation's head word, "of"/"for"/"on" and a name are one organisation.

    The small model stops at the preposition: "UN Office" + "Outer Space Affairs", "Federal
    Reserve Bank" + "New York". The first span must end in an ORG head word of
    ``models/en/heads.csv`` (office, ministry, bank, university ...) directly before the
    preposition, so "Michael Krepon of Stimson Center" stays two entities.
    """
    ents = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and not prev.id_ and not ent.id_ and _joins_by_preposition(prev, ent, rules):
            out[-1] = respan(prev, prev.start, ent.end, "ORG")
        else:
            out.append(ent)
    return out


def _joins_by_preposition(a: Span, b: Span, rules: Rules) -> bool:
    doc = a.doc
    if b.start != a.end + 1 or doc[a.end].lower_ not in JOINING_PREPOSITIONS or not doc[a.end].is_lower:
        return False
    if a.label_ not in NAME_LABELS or b.label_ not in NAME_LABELS or not b[0].is_title:
        return False
    head = rules.heads.get(a[-1].lower_.rstrip("."))
    return head is not None and head.label == "ORG" and a[-1].is_title


def _comma_between(a: Span | None, b: Span | None) -> bool:
    """Whether ``a`` and ``b`` are separated by one comma and nothing else ("A, B")."""
    return a is not None and b is not None and b.start == a.end + 1 and a.doc[a.end].text == ","


def _followed_by_conjunction(ent: Span) -> bool:
    """Whether "and" or "or" comes next, after a comma or not ("..., New York, and New Jersey")."""
    doc, i = ent.doc, ent.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return i < len(doc) and doc[i].lower_ in ("and", "or", "&")


def _qualifies(a: Span, b: Span, rules: Rules) -> bool:
    """Whether ``b`` is the region or country containing the place ``a`` ("A, B")."""
    doc = a.doc
    if not _comma_between(a, b) or a.id_ or b.id_:
        return False
    if a.label_ not in ("PERSON", "ORG", "GPE", "LOC", "FAC") or b.label_ not in ("GPE", "LOC"):
        return False
    if b.end < len(doc) and doc[b.end].text in POSSESSIVES:  # "Yang Liwei, China's first astronaut"
        return False
    head = rules.heads.get(head_of(a.text))
    if head is not None and head.label == "ORG":
        return False
    if a.label_ == "PERSON" and _is_country(b.text, rules):
        return False  # a person, then a country: a sportsman and his team ("Libby Lenton, Australia")
    if b.end < len(doc) and doc[b.end].lower_.rstrip(".") in rules.titles and doc[b.end].text[:1].isupper():
        return False  # the place qualifies the next person's title: "Jeb Bush, Kentucky Sen. Rand Paul"
    b_country = _is_country(b.text, rules)
    contains = b_country or places_mod.is_container(b.text, rules.places) or _is_division(b, rules)
    # a region and its country name two places ("Hauts-de-Seine, France"); a region's name before
    # another region is a city ("Paris, Texas", "Ontario, California")
    a_region = places_mod.is_container(a.text, rules.places)
    return contains and not (_is_country(a.text, rules) or (b_country and a_region))


def _is_country(name: str, rules: Rules) -> bool:
    """A country's name, by the alias table ("Britain") or the country libraries."""
    alias = rules.aliases.get(name)
    return (alias is not None and alias.kind == "country") or name.strip().lower() in rules.places.countries


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def replace_overlapping(ents: list[Span], new: list[Span]) -> list[Span]:
    """``ents`` with every span that overlaps one of ``new`` replaced by ``new``."""
    kept = [e for e in ents if not any(_overlaps(e, n) for n in new)]
    return kept + new


@Language.factory(
    "news_entities",
    assigns=["doc.ents", "span._.canonical", "span._.kind", "span._.country_code", "span._.region",
             "span._.countries"],
    requires=["doc.ents"],
    default_config={"models_dir": ""},
)
def make_news_entities(nlp: Language, name: str, models_dir: str) -> NewsEntities:
    """``models_dir``: the rules folder, empty for the project's ``models/`` (``initialize(rules=book)``
    hands the component a rule book instead)."""
    return NewsEntities(None, nlp, source=models_dir)


class NewsEntities(FromRuleBook):
    """Consistent labels, canonical names, kinds and country codes within one document."""

    def __init__(self, rules: Rules | None = None, nlp: Language | None = None, *, source: str = "") -> None:
        self.nlp = nlp
        self._source = source
        self._rules = rules
        if rules is not None:
            self._derive(rules)

    def _load(self, book: RuleBook) -> None:
        self._rules = _rules_of(book)
        self._derive(self._rules)

    def _derive(self, rules: Rules) -> None:
        self.aliases = rules.aliases
        self.codes = {v: a.country_code for v, a in rules.aliases.items() if a.country_code and a.kind == "country"}
        self.lower_aliases = {v.lower(): a for v, a in rules.aliases.items()}

    @property
    def rules(self) -> Rules:
        rules: Rules = self._derived("_rules")
        return rules

    def __call__(self, doc: Doc) -> Doc:
        self.rules  # noqa: B018  (the rules are read on first use)
        text = doc.text  # spaCy builds it from the tokens on every access: read it once
        acronyms = learn_acronyms(text)
        doc._.acronyms = acronyms
        doc._.entity_rules = self.rules
        ents = [e for e in doc.ents if "\n" not in e.text and e.text.strip()]
        ents = self._retag_caps_lines(doc, text, ents, acronyms)
        ents = replace_overlapping(ents, dateline_places(doc, text, self.rules.sports, self._is_place))
        ents = replace_overlapping(ents, orgs.legal_form_spans(doc, self.rules.legal_forms, TITLE_SMALL_WORDS))
        ents = [p for e in ents for p in split_span(e)]
        ents = [t for e in ents if (t := trim_span(e, self.rules.titles)) is not None]
        ents = [extend_name_suffix(e, self.rules.name_suffixes) for e in ents]
        ents = [self._jurisdiction_of_title(e) for e in ents]
        ents = [e for e in ents if not is_lower_case_name(e) and clean_name(e.text).lower() not in self.rules.sports]
        ents = replace_overlapping(ents, self._full_names(doc, text, acronyms))
        ents = [self._relabel(e) for e in ents]
        ents = merge_of_names(ents, self.rules)
        ents = merge_qualified_places(ents, self.rules)
        def nation(name: str) -> bool:
            return _is_country(clean_name(name), self.rules)
        # "Leeds 2 Arsenal 1": teams; a national team stays its country ("Norway 1 Brazil 2")
        ents = [orgs.in_results(p, nation) for e in ents for p in orgs.split_scores(e, nation)]
        ents = replace_overlapping(ents, orgs.results_teams(doc, text, nation))
        ents = self._split_headline_names(text, ents)
        ents = self._drop_common_words(doc, text, ents)
        ents = self._one_label_per_name(ents)
        full_labels = {clean_name(e.text): e.label_ for e in ents}
        ents = [self._relabel_acronym(e, acronyms, full_labels) for e in ents]
        ents = self._link_surnames(doc, ents)
        doc.ents = filter_spans(ents)
        people = person_canonicals(doc.ents)
        context = places_mod.document_country(
            [self._alias_name(e) for e in doc.ents if e.label_ == "GPE"], self.rules.places)
        for ent, near in zip(doc.ents, self._listed_places(doc.ents), strict=True):
            self._describe(ent, acronyms, people,
                           places_mod.local_context(clean_name(ent.text), near, context, self.rules.places))
            if ent.label_ in CODED_LABELS:
                ent._.region = places_mod.region_of(ent._.canonical, ent._.country_code, self.rules.places)
        return doc

    def _listed_places(self, ents: tuple[Span, ...] | list[Span]) -> list[list[str]]:
        """For each entity, the places listed right beside it ("Georgia and Ukraine", "A, B"):
        the GPE before and after it with at most two words between (a comma, "and")."""
        near: list[list[str]] = [[] for _ in ents]
        for k in range(len(ents) - 1):
            a, b = ents[k], ents[k + 1]
            if a.label_ == b.label_ == "GPE" and b.start - a.end <= 2:
                near[k].append(self._alias_name(b))
                near[k + 1].append(self._alias_name(a))
        return near

    def _alias_name(self, ent: Span) -> str:
        """A place's name, the alias table's canonical one when it has one ("U.S." -> United States)."""
        name = clean_name(ent.text)
        alias = self.aliases.get(name)
        return alias.canonical if alias is not None else name

    def _is_place(self, name: str) -> bool:
        """A name the place gazetteers know, in any case ("MEXICO CITY", "Tallahassee")."""
        key = name.strip().lower()
        return (key in self.rules.places.cities or bool(places_mod.lookup(key, self.rules.places)[1])
                or (key in self.lower_aliases and self.lower_aliases[key].label in PLACE_LABELS))

    def _retag_caps_lines(self, doc: Doc, text: str, ents: list[Span], acronyms: dict[str, str]) -> list[Span]:
        """Entities of ALL-CAPS lines found again in a copy of the line cased as the article's body
        writes its words (``true_case``)."""
        if self.nlp is None:
            return ents
        lines = list(headline_lines(text)[1])
        if not lines:
            return ents
        keep = set(acronyms) | {v for v in self.aliases if v.isupper()} | {w.upper() for w in self.rules.sports}
        cased = body_casing(doc, lines)

        def is_name(word: str) -> bool:
            return self._is_place(word) or word.lower() in self.lower_aliases
        found = []
        for (s, _), line_doc in zip(lines, self._ner([true_case(text[s:e], keep, cased, is_name) for s, e in lines]),
                                    strict=True):
            for le in line_doc.ents:
                span = doc.char_span(s + le.start_char, s + le.end_char, label=le.label_, span_id=le.id_)
                if span is not None:
                    found.append(span)
        starts = [s for s, _ in lines]

        def in_caps_line(x: Span) -> bool:
            k = bisect_right(starts, x.start_char) - 1
            return k >= 0 and x.end_char <= lines[k][1]
        return [x for x in ents if not in_caps_line(x)] + found

    def _jurisdiction_of_title(self, ent: Span) -> Span:
        """A "person" ending in a title after a known place ("Charlotte Mayor", "Texas Governor")
        is that place. Other names ending in a title word are left alone: King, Lord and Justice
        are surnames too ("Larry King", "Jim Justice")."""
        if ent.label_ != "PERSON" or len(ent) < 2 or ent[-1].lower_.rstrip(".") not in self.rules.titles:
            return ent
        end = ent.end - 1
        while end > ent.start and ent.doc[end - 1].lower_.rstrip(".") in self.rules.titles:
            end -= 1
        if end == ent.start:
            return ent
        code, _ = places_mod.lookup(ent.doc[ent.start:end].text, self.rules.places)
        return respan(ent, ent.start, end, "GPE") if code else ent

    def _ner(self, texts: list[str]) -> list[Doc]:
        """Short texts through the pipes before this component that make entities (the NER, the
        ruler and the ``tok2vec`` they listen to), in one batch; no recursion into ours. The
        tagger, parser and lemmatizer are skipped: they set nothing the entities need."""
        assert self.nlp is not None
        docs = [self.nlp.make_doc(t) for t in texts]
        for name, proc in self.nlp.pipeline:
            if name == "news_entities":
                break
            if not {"doc.ents", "doc.tensor"} & set(self.nlp.get_pipe_meta(name).assigns):
                continue
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        return docs

    @staticmethod
    def _full_names(doc: Doc, text: str, acronyms: dict[str, str]) -> list[Span]:
        """Every written full name of a learned acronym, as one ORG span."""
        found: list[Span] = []
        for full in sorted(set(acronyms.values())):
            for m in re.finditer(rf"(?<!\w){re.escape(full)}(?!\w)", text):
                span = doc.char_span(m.start(), m.end(), label="ORG", alignment_mode="strict")
                if span is not None:
                    found.append(span)
        return filter_spans(found)

    def _relabel(self, ent: Span) -> Span:
        """Known places and head words give the label the small model missed."""
        if ent.label_ not in NAME_LABELS or ent.id_:
            return ent
        name = clean_name(ent.text)
        alias = self.aliases.get(name)
        if alias is not None and alias.label != ent.label_:
            return respan(ent, ent.start, ent.end, alias.label)
        code, kind = places_mod.lookup(name, self.rules.places)
        if kind in ("country", "city or region") and ent.label_ in ("PERSON", "ORG", "NORP"):
            return respan(ent, ent.start, ent.end, "GPE")
        if kind == "nationality" and ent.label_ in ("PERSON", "ORG", "GPE"):
            return respan(ent, ent.start, ent.end, "NORP")
        head = self.rules.heads.get(head_word(ent))
        if head is not None and len(ent) >= 2 and head.label != ent.label_:
            return respan(ent, ent.start, ent.end, head.label)
        if self._given_name_first(ent, head):
            return respan(ent, ent.start, ent.end, "PERSON")
        if ent.label_ == "PERSON" and self._after_place_word(ent):
            return respan(ent, ent.start, ent.end, "GPE")
        return ent

    def _given_name_first(self, ent: Span, head: Head | None) -> bool:
        """An "organisation" of two or three capitalised words starting with a given name and
        without a head word or legal form is a person ("Carly Fiorina", "Jeff Weaver")."""
        return (ent.label_ == "ORG" and 2 <= len(ent) <= 3 and head is None and ent[0].is_title
                and ent[0].lower_ in self.rules.given_names and all(t.is_title for t in ent)
                and ent[-1].lower_.replace(".", "") not in self.rules.legal_forms)

    @staticmethod
    def _after_place_word(ent: Span) -> bool:
        """A person is not "in" or "near" somewhere: "moved to Moheda", "born in Larissa"."""
        if ent.start == 0:
            return False
        prev = ent.doc[ent.start - 1]
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        possessive = after is not None and after.text in POSSESSIVES
        return prev.lower_ in PLACE_PREPOSITIONS and prev.is_lower and not possessive

    def _split_headline_names(self, text: str, ents: list[Span]) -> list[Span]:
        """A headline's name span holding names the body tags is those names, with the body's labels.

        A headline-cased or ALL-CAPS line runs names and words together ("Hillary Clinton Slams
        Donald Trump", "Donald Trump Just Revealed"): when the body names "Hillary Clinton" and
        "Donald Trump", the span is cut into them and the words between go. A span the body tags
        as it is, a gazetteer name and a name holding a head word ("New York Times Poll") stay whole.
        """
        heads = sorted(set(headline_lines(text)[0]) | set(headline_lines(text)[1]))
        if not heads:
            return ents
        starts = [s for s, _ in heads]

        def in_head(x: Span) -> bool:
            k = bisect_right(starts, x.start_char) - 1
            return k >= 0 and x.end_char <= heads[k][1]
        votes: dict[str, Counter[str]] = {}
        for e in ents:
            if e.label_ in NAME_LABELS and not in_head(e):
                votes.setdefault(clean_name(e.text).lower(), Counter())[e.label_] += 1
        body = {name: c.most_common(1)[0][0] for name, c in votes.items()}
        if not body:
            return ents
        out: list[Span] = []
        for e in ents:
            if (e.label_ not in NAME_LABELS or len(e) < 2 or e.id_ or not in_head(e)
                    or clean_name(e.text).lower() in body or any(t.lower_ in self.rules.heads for t in e[1:])):
                out.append(e)
                continue
            parts, k = [], e.start
            while k < e.end:
                for j in range(e.end, k, -1):
                    label = body.get(e.doc[k:j].text.lower())
                    if label is not None:
                        parts.append(respan(e, k, j, label))
                        k = j
                        break
                else:
                    k += 1
            out.extend(parts or [e])
        return out

    def _drop_common_words(self, doc: Doc, text: str, ents: list[Span]) -> list[Span]:
        """Names in headline-cased lines, without the words the article writes in lower case elsewhere.

        A one-word name goes ("Deterrence"); a longer one loses such words at its end, where
        a headline's verb follows its subject ("Obama Says" -> "Obama", "Hillary Asking
        Moderator" -> "Hillary"). A head word ends the trimming ("Black Caucus Foundation"
        stays), and a name the body tags too ("White House"), a place and a gazetteer name
        stay whole.
        """
        titled = list(headline_lines(text)[0])
        if not titled:
            return ents
        starts = [s for s, _ in titled]

        def in_title_line(char: int) -> bool:
            """Binary search: a document of many headline lines must not be scanned once per token."""
            k = bisect_right(starts, char) - 1
            return k >= 0 and char < titled[k][1]

        body_lower = [t for t in doc if t.is_lower and not in_title_line(t.idx)]
        lower_words = {t.text for t in body_lower}
        # verbs the body writes in another form: a headline's "Says" when the body has "said"
        lower_verbs = {t.lemma_ for t in body_lower if t.pos_ in ("VERB", "AUX")}
        # a name the body also tags is a name ("Trump" in a headline and in the text)
        named_in_body = {e.text for e in ents if not in_title_line(e.start_char)}

        def common(tok: Token) -> bool:
            """A whole word the body writes in lower case (a verb in any form: "Says" after
            "said"), and no head word of a name."""
            word = tok.lower_
            known = word in lower_words or (word.endswith("s") and word[:-1] in lower_verbs)
            return (known and word not in TITLE_SMALL_WORDS
                    and tok.lower_ not in self.rules.heads and (tok.i == 0 or bool(doc[tok.i - 1].whitespace_)))

        def trimmed(ent: Span) -> Span | None:
            if (ent.label_ not in NAME_LABELS or ent.id_ or not in_title_line(ent.start_char)
                    or ent.text in named_in_body or places_mod.lookup(ent.text, self.rules.places)[0]):
                return ent
            end = ent.end
            while end > ent.start and common(doc[end - 1]):
                end -= 1
            if end == ent.start:
                return None
            return ent if end == ent.end else respan(ent, ent.start, end)
        return [t for e in ents if (t := trimmed(e)) is not None]

    @staticmethod
    def _one_label_per_name(ents: list[Span]) -> list[Span]:
        """Every mention of a name takes the name's most frequent label (the first on a tie)."""
        votes: dict[str, Counter[str]] = {}
        for e in ents:
            if e.label_ in NAME_LABELS:
                votes.setdefault(clean_name(e.text), Counter())[e.label_] += 1
        best = {name: c.most_common(1)[0][0] for name, c in votes.items()}
        return [respan(e, e.start, e.end, best[clean_name(e.text)])
                if e.label_ in NAME_LABELS and best[clean_name(e.text)] != e.label_ else e for e in ents]

    @staticmethod
    def _relabel_acronym(ent: Span, acronyms: dict[str, str], full_labels: dict[str, str]) -> Span:
        full = acronyms.get(ent.text)
        if full is None:
            return ent
        label = full_labels.get(full, "ORG")
        return ent if ent.label_ == label else respan(ent, ent.start, ent.end, label)

    @staticmethod
    def _link_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
        """A lone surname of a person named in full takes the PERSON label, tagged or not."""
        surnames = set(surname_index(ents))
        out = [e if not (len(e) == 1 and e.text in surnames) else respan(e, e.start, e.end, "PERSON")
               for e in ents]
        covered = {i for e in out for i in range(e.start, e.end)}
        for tok in doc:
            if tok.text in surnames and tok.i not in covered and tok.pos_ == "PROPN":
                out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
        return out

    def _describe(self, ent: Span, acronyms: dict[str, str], people: dict[int, str], context: str = "") -> None:
        name = clean_name(ent.text)
        if ent.label_ == "PERSON":
            ent._.canonical = people.get(ent.start, name)
            ent._.kind = "person"
            return
        canonical = ent.id_ or acronyms.get(name) or acronyms.get(ent.text) or name
        alias = self.aliases.get(ent.text) or self.aliases.get(name) or self.aliases.get(canonical)
        if alias is not None:
            ent._.canonical, ent._.kind, ent._.country_code = alias.canonical, alias.kind, alias.country_code
            return
        ent._.canonical = canonical
        if ent.label_ in CODED_LABELS:
            code, kind = "", ""
            if ent.label_ in ("GPE", "LOC"):  # cities too, and the article's country decides a shared name
                code, kind = places_mod.place_code(canonical, self.rules.places, context)
            if not kind:
                code, kind = places_mod.lookup(canonical, self.rules.places)
            if not code and ent.label_ == "GPE" and (iso := country_code(canonical)):
                code, kind = iso, "country"
            if code or kind == "world region":
                ent._.country_code, ent._.kind = code, kind
                return
            compound = places_mod.compound_codes(canonical, self.rules.places, self.codes)
            if compound:  # "Sino-American", "U.S.-China": one row per country downstream
                ent._.countries = [(self._country_name(c), c) for c in compound]
                ent._.country_code = compound[0]
                ent._.kind = "nationality" if ent.label_ == "NORP" else "country"
                return
        head = self.rules.heads.get(head_of(canonical))
        if ent.label_ == "ORG" and head is not None and head.label == "ORG":
            ent._.kind = head.kind
        elif ent.label_ == "ORG" and len(ent) > 1 and ent[-1].text.lower().replace(".", "") in self.rules.legal_forms:
            ent._.kind = "company"
        else:
            ent._.kind = LABEL_KINDS.get(ent.label_, ent.label_.lower())

    def _country_name(self, code: str) -> str:
        """The canonical name of a country: the alias table's, else countryinfo's common name."""
        for alias in self.aliases.values():
            if alias.country_code == code and alias.kind == "country":
                return alias.canonical
        return places_mod.country_name(code, self.rules.places)


def surname_index(ents: tuple[Span, ...] | list[Span]) -> dict[str, list[Span]]:
    """Family name -> the multi-token PERSON mentions carrying it, in text order.

    Both the last token (Michael Krepon) and the first (Wang Zhaoyao, family name
    first) are indexed; a lone name matching a last token is looked up first.
    """
    index: dict[str, list[Span]] = {}
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2:
            index.setdefault(family_token(e), []).append(e)
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2 and e[0].text not in index and e[0].is_title:
            index.setdefault(e[0].text, []).append(e)
    return index


def family_token(ent: Span) -> str:
    """The last word of a person's name before a generational suffix ("Donald Trump Jr." -> Trump)."""
    rules = ent.doc._.entity_rules
    return family_name([t.text for t in ent], rules.name_suffixes if rules is not None else frozenset())


def family_name(words: list[str], suffixes: frozenset[str]) -> str:
    """The last of a name's words that is no generational suffix, comma or period."""
    k = len(words) - 1
    while k > 0 and (words[k].rstrip(",") in ("", ".") or words[k].strip(",").lower().rstrip(".") in suffixes):
        k -= 1
    return words[k].rstrip(",")


def person_canonicals(ents: tuple[Span, ...] | list[Span]) -> dict[int, str]:
    """Start token -> full name of every PERSON mention, a lone surname resolved in text order.

    A bare surname names the person who currently owns it. The first full name with that
    surname owns it; a later one ("Jeh Johnson" after "Gary Johnson") takes it over, unless
    the article has already used the bare surname for the owner: news then writes the other
    person's full name every time ("Ivanka Trump", "Heidi Cruz") and "Trump" or "Cruz" alone
    stays the principal, as AP style asks. A surname before any full name (a headline) looks
    ahead to the first one. Two people sharing a surname stay apart.
    """
    people = surname_index(ents)
    same = _shorter_forms(people)
    keys: dict[int, list[str]] = {}
    for key, fulls in people.items():
        for f in fulls:
            keys.setdefault(f.start, []).append(key)
    owner: dict[str, str] = {}
    used: set[str] = set()  # surnames the article has used bare for their current owner
    out: dict[int, str] = {}
    for e in sorted((e for e in ents if e.label_ == "PERSON"), key=lambda e: e.start):
        name = clean_name(e.text)
        name = same.get(name, name)
        if len(e) >= 2:
            out[e.start] = name
            for key in keys.get(e.start, []):
                if owner.get(key, name) != name and key in used:
                    continue
                if owner.get(key) != name:
                    used.discard(key)
                owner[key] = name
            continue
        key = e[-1].text
        if key in owner:
            out[e.start] = owner[key]
            used.add(key)
        else:
            fulls = people.get(key, [])
            out[e.start] = same.get(clean_name(fulls[0].text), clean_name(fulls[0].text)) if fulls else name
    return out


_INITIAL = re.compile(r"^[A-Z]\.?$")


def _shorter_forms(people: dict[str, list[Span]]) -> dict[str, str]:
    """Full names written with a middle initial -> the same name without it, when the article
    also writes that: "Donald J. Trump" and "Loretta E. Lynch" are "Donald Trump" and
    "Loretta Lynch". Words before a name are left alone: "Aung San Suu Kyi" is not "Suu
    Kyi"'s noise but her full name, and "Donald Trump Jr." is not "Donald Trump".
    """
    out: dict[str, str] = {}
    for fulls in people.values():
        names = Counter(clean_name(f.text) for f in fulls)
        for long in names:
            words = long.split()
            plain = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and _INITIAL.match(w))]
            fits = [short for short in names if len(short.split()) < len(words) and short.split() == plain]
            if fits:
                out[long] = max(fits, key=lambda n: (names[n], -len(n)))
    return out
