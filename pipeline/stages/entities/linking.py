"""Persons linked across a document: a lone surname to the full name that owns it, middle initials,
surnames the model took for places."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection

import numpy
from spacy.attrs import IS_LOWER, ORTH
from spacy.tokens import Span

from .names import clean_name, head_of, respan


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


_NOT_PERSON = ("GPE", "LOC")  # labels the small model gives to surnames it does not know (not FAC: "Mall")


def place_surnames(ents: list[Span], unknown: Callable[[str], bool], heads: Collection[str]) -> list[Span]:
    """People the model tagged as places: a one-word "place" no gazetteer knows that the article
    also writes as the last word of a longer name of title-case words without a head word
    ("Podliska" and "Bradley Podliska" tagged FAC), or right after a person's name ("Enrique
    Peña" + "Nieto"), is a person, and so is that longer name unless its first word is one the
    article writes in lower case ("National Mall"). So is one the article writes after a first
    name or initial the model tagged as nothing ("Adel Nefzi said", "Elijah E. Cummings"). A
    known place stays ("Clinton", "Jackson": cities too); "Mexico City" or "Fort Pierce" are
    places the gazetteers know.

    Args:
        ents: the document's entities, in text order.
        unknown: whether no gazetteer knows a name as a place.
        heads: the head words of ``models/en/heads.csv`` ("Rapids" or "Hospital" end no person).
    """
    lone = {e.text for e in ents if len(e) == 1 and e.label_ in _NOT_PERSON and e[0].is_title and e[0].is_alpha
            and unknown(e.text)}
    if not lone:
        return ents
    doc = ents[0].doc
    words = doc.to_array([ORTH, IS_LOWER])  # one pass in C, not a Python loop over the tokens
    # "National Mall": the article writes "national"
    lower = {doc.vocab.strings[int(h)] for h in numpy.unique(words[words[:, 1] == 1, 0])}
    fulls = {e.text for e in ents if 2 <= len(e) <= 4 and e.label_ != "PERSON" and not e.id_ and e[-1].text in lone
             and all(t.is_title for t in e) and e[0].lower_ not in lower and head_of(e.text) not in heads
             and unknown(e.text)}
    surnames = {full.split()[-1] for full in fulls} | _after_first_names(ents, words[:, 0], lone, lower, unknown, heads)
    out = [respan(e, e.start, e.end, "PERSON") if e.text in fulls or (e.text in surnames and e.label_ in _NOT_PERSON)
           else e for e in ents]
    merged: list[Span] = []
    for e in out:  # "Enrique Peña" "Nieto": one person
        prev = merged[-1] if merged else None
        if (prev is not None and prev.label_ == "PERSON" and e.start == prev.end and e.text in lone
                and e.label_ in _NOT_PERSON):
            merged[-1] = respan(prev, prev.start, e.end)
        else:
            merged.append(e)
    return merged


def _after_first_names(ents: list[Span], orths: numpy.ndarray, lone: set[str], lower: set[str],
                       unknown: Callable[[str], bool], heads: Collection[str]) -> set[str]:
    """The one-word "places" of ``lone`` the article writes right after a capitalised word outside
    any entity that it never writes in lower case, is no place and no head word ("Adel Nefzi",
    "E. Cummings"; not "in Burns", "But Burns", "Fort Burns")."""
    doc = ents[0].doc
    covered = {i for e in ents for i in range(e.start, e.end) if e.text not in lone}
    found = set()
    wanted = numpy.array([doc.vocab.strings[name] for name in lone], dtype=orths.dtype)
    for i in numpy.nonzero(numpy.isin(orths[1:], wanted))[0].tolist():  # the tokens of lone, but the first
        tok, prev = doc[i + 1], doc[i]
        if (prev.i not in covered and prev.is_title and prev.text.rstrip(".").isalpha()
                and prev.lower_ not in lower and prev.lower_.rstrip(".") not in heads and unknown(prev.text)):
            found.add(tok.text)
    return found
