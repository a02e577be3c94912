"""Relatives named by their given name alone: "Trump's daughter Ivanka", "Khizr Khan's wife,
Ghazala,", "Donald Trump praised his son Eric".

A *kin name* is a capitalised one-word proper noun in apposition to a noun of kinship
(``models/en/kin_nouns.txt``) that has an *owner*: a person's name before it (possessive or
compound: "Trump's daughter", "Trump daughter"), or his/her/their when the clause's subject
is a person named in full ("Donald Trump praised his son Eric"). ``kin_persons`` makes it a
PERSON however the model tagged it ("Melania" GPE, "Grant" ORG); ``kin_owner`` gives the owner
to ``person_canonicals``, which names the relative with the given name and the owner's family
name ("Ivanka Trump") when the article writes no full name starting with it (then that name is
meant: "Chelsea" after "Chelsea Clinton"). News writes a relative's full name where it differs
("Kaine's wife, Anne Holton"), so the family name is only borrowed for a given name alone.

A couple or siblings share one family name written once: "Bill and Hillary Clinton", "Ethan and
Joel Coen", "David and Charles Koch". ``partner_of`` gives the person named in full after a
one-word name and "and", whose family name the one-word name takes (``person_canonicals``: only a
given name of ``given_names.csv``, "Obama and Hillary Clinton" share nothing; and not when it is
the given name or family name of another person named in full:
"Hillary and Tim Kaine" after "Hillary Clinton", "Paul and Carly Fiorina" after "Rand Paul").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy
from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from .rules import SUBJECT_DEPS

OWNER_PRONOUNS = ("his", "her", "their")


def _kin_noun(tok: Token, kin: Collection[str]) -> Token | None:
    """The kin noun ``tok`` is a one-word name in apposition to, if any."""
    head = tok.head
    if (tok.dep_ != "appos" or head.i > tok.i or head.lemma_.lower() not in kin or tok.pos_ != "PROPN"
            or not tok.is_title or not tok.is_alpha):
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title:
        return None  # a name of several words ("Anne Holton") is written in full
    return head


def kin_owner(tok: Token, kin: Collection[str], person_at: dict[int, Span]) -> Span | None:
    """The person whose relative the one-word name ``tok`` is (see the module), or None."""
    noun = _kin_noun(tok, kin)
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            if child.lower_ in OWNER_PRONOUNS:
                return _subject_person(noun, person_at)
            return person_at.get(child.i)
    return None


def partner_of(ent: Span, person_at: dict[int, Span]) -> Span | None:
    """The person named in full right after the one-word name ``ent`` and "and" ("Bill and Hillary
    Clinton": Hillary Clinton), or None."""
    doc = ent.doc
    if len(ent) != 1 or not (ent[0].is_title and ent[0].is_alpha) or ent.end + 1 >= len(doc):
        return None
    if doc[ent.end].lower_ not in ("and", "&"):
        return None
    partner = person_at.get(ent.end + 1)
    if partner is None or partner.start != ent.end + 1 or len(partner) < 2:
        return None
    return partner if all(t.is_title for t in partner) else None


def _subject_person(noun: Token, person_at: dict[int, Span]) -> Span | None:
    """The person named in full who is the subject of the clause ``noun`` is in."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    owner = person_at.get(subject.i) if subject is not None else None
    return owner if owner is not None and owner.label_ == "PERSON" and len(owner) >= 2 else None


def kin_persons(doc: Doc, ents: Sequence[Span], kin: Collection[str]) -> list[Span]:
    """PERSON spans for the kin names of ``doc`` that ``ents`` do not already tag as persons."""
    if not kin:
        return []
    appos = numpy.flatnonzero(doc.to_array([DEP]) == doc.vocab.strings["appos"]).tolist()
    if not appos:
        return []
    # an owner's name may still carry the model's wrong label here ("Trump" ORG): any name counts
    named_at = {i: e for e in ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP") for i in range(e.start, e.end)}
    persons = {i for i, e in named_at.items() if e.label_ == "PERSON"}
    out = []
    for i in appos:
        tok = doc[i]
        if tok.i in persons:
            continue
        ent = named_at.get(tok.i)
        if ent is not None and len(ent) > 1:
            continue  # part of a longer name
        if kin_owner(tok, kin, named_at) is not None:
            out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return out
