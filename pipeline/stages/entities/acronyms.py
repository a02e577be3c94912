"""Acronyms the article defines (``Full Name (ACR)``, ``ACR (Full Name)``) and country codes by name."""

from __future__ import annotations

import pycountry

from .rules import ACRONYM_AFTER, ACRONYM_BEFORE, FUNCTION_WORDS


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
