"""Where a reported clause begins and ends: after a wire dateline that opens it, before a
semicolon or dash that starts another statement, before the circumstances written after an
infinitive's verb."""

from __future__ import annotations

from spacy.tokens import Token

from ..datelines import DATELINE
from .marks import DASHES

# words that open a clause of circumstance after an infinitive's verb ("as she left", "even though ...")
ADVERBIAL_OPENERS = frozenset(("as", "after", "before", "while", "when", "because", "since", "until", "though",
                               "although", "even", "once", "whenever"))
# prepositions of a phrase of circumstance ("despite concerns", "because of the issue"); not "as" (a role:
# "to present himself as the candidate") nor time ("after Christmas"), which may be what is planned
CONCESSIVE_PREPOSITIONS = frozenset(("despite", "because"))


def _is_dash(tok: Token) -> bool:
    """A dash, also typed as two hyphens ("--")."""
    return bool(tok.text) and all(ch in DASHES for ch in tok.text)


def _before_adverbial(verb: Token, right: Token) -> Token:
    """``right``, or the word before the first adverbial clause that follows an infinitive's verb and
    tells when or why it was done, or a phrase of what it was done despite ("refused to speak to
    reporters as she left the breakfast", "decided to trade for Americans despite concerns"): the
    circumstances are the writer's, not what the source holds."""
    doc = verb.doc
    for child in verb.rights:
        first = child.left_edge
        if child.i > right.i or first.i <= verb.i + 1:
            continue
        if (child.dep_ == "advcl" and first.lower_ in ADVERBIAL_OPENERS) or (
                child.dep_ == "prep" and child.lower_ in CONCESSIVE_PREPOSITIONS):
            k = first.i - 1
            while k > verb.i and (doc[k].is_punct or doc[k].is_space):
                k -= 1
            return doc[k]
    return right


def _after_dateline(left: Token, right: Token) -> Token:
    """``left``, or the first word after a wire dateline that opens the clause at a line's start
    (``DATELINE`` of the entity stage, with a date or a place): "LOS ANGELES, Feb. 2 (UPI) — The
    next record is almost complete, Kiedis revealed" reports "The next record ...", not the dateline."""
    doc = left.doc
    if left.i and "\n" not in doc[left.i - 1].text_with_ws:
        return left
    m = DATELINE.match(doc[left.i:right.i + 1].text)
    if m is None or not (m["date"] or left.ent_type_ in ("GPE", "LOC")):
        return left  # "NATO - the alliance ...": capitals and a dash, but no place and no date
    end = left.idx + m.end()
    k = next((t.i for t in doc[left.i:right.i + 1] if t.idx >= end), right.i)
    if doc[k].text == "(":  # the agency after the date: "(UPI)"
        k = next((t.i + 1 for t in doc[k:min(k + 8, right.i)] if t.text == ")"), k)
    while k < right.i and _is_dash(doc[k]):
        k += 1
    return doc[k] if k > left.i and right.i - k >= 2 else left


def _clause_end(left: Token, right: Token) -> Token:
    """``right``, or the word before a semicolon or dash that starts another statement, or before
    the comma of a trailing ``according to`` ("said he was happy, according to The New York Times":
    who vouches for the report is another attribution)."""
    doc = left.doc
    for tok in doc[left.i:right.i]:
        if tok.i <= left.i + 2:
            continue
        if tok.text in (";", "--", "—"):
            return doc[tok.i - 1]
        if tok.text == "," and tok.i + 2 <= right.i and doc[tok.i + 1].lower_ == "according" and (
                doc[tok.i + 2].lower_ == "to"):
            return doc[tok.i - 1]
    return right
