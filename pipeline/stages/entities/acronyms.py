"""Acronyms the article defines (``Full Name (ACR)``, ``ACR (Full Name)``) and country codes by name."""

from __future__ import annotations

from collections.abc import Collection

import pycountry
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .names import written_at
from .rules import ACRONYM_AFTER, ACRONYM_BEFORE, FUNCTION_WORDS

MAX_DEFINED = 5  # the longest name ``head_defined`` reads before an acronym


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


def head_defined(text: str, heads: Collection[str], known: dict[str, str]) -> dict[str, str]:
    """Acronyms of another language defined after an English name that ends in an
    organisation's head word (``heads``): "Kurdistan Workers Party (PKK)", "Serb Democratic
    Party ( SDS )", whose initials do not spell it. The name is the capitalised words before the
    parenthesis (of, for, and ... inside it), a leading "The" dropped, at most ``MAX_DEFINED``
    words; acronyms ``known`` already keep their name."""
    found: dict[str, str] = {}
    for m in ACRONYM_AFTER.finditer(text):
        words = m[1].split()[-MAX_DEFINED:]
        while words and (words[0].lower() in FUNCTION_WORDS or words[0] in ("The", "A", "An")):
            words = words[1:]
        if len(words) >= 2 and words[-1].lower() in heads and m[2] not in known:
            found.setdefault(m[2], " ".join(words))
    return found


def full_name_spans(doc: Doc, text: str, acronyms: dict[str, str]) -> list[Span]:
    """Every written full name of a learned acronym, as one ORG span."""
    return filter_spans(list(written_at(doc, text, set(acronyms.values()), "ORG")))


def country_code(name: str) -> str:
    """ISO 3166-1 alpha-2 for a country name, from pycountry; empty when it is not one."""
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return ""
