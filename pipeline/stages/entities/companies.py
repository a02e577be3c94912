"""Companies named by the words around them, as business and wire copy writes them: "Boots
shares fell 3p", "a Dixons spokesman said", "shares in Boots" (``models/en/company_nouns.txt``),
and organisations by an appositive: "Teck, the Canadian mining company," (the nouns of
``models/en/org_role_nouns.csv`` and the organisations' head words of ``heads.csv``).

The small model reads a company it does not know, written alone, as a person ("Boots") or
leaves it untagged; the noun beside it says what it is. A place (a market: "Tokyo shares",
"shares in London") or a nationality ("European shares") is left alone; the family name of a
person the article names in full ("a Clinton spokesman" after "Hillary Clinton") stays the
person's (``linking.link_surnames``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

import numpy
from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from .headlines import common_word
from .name_chains import DETERMINERS
from .names import head_of
from .rules import Phrase

MAX_NAME_WORDS = 4  # an untagged name before or after the noun: "Marks and Spencer" is tagged or missed
# what the noun may correct (a person's or a place's reading, or none) or confirm (an organisation's)
RELABELLED = ("PERSON", "GPE", "ORG", "")
NAME_JOINERS = ("of", "for", "on", "and", "&")  # "Club for Growth": a name goes on after one
APPOSED = (*RELABELLED, "FAC", "PRODUCT")  # what such a noun may correct: "the advocacy group Progress Iowa" FAC


def company_spans(doc: Doc, text: str, ents: list[Span], phrases: tuple[Phrase, ...],
                  is_place: Callable[[str], bool]) -> list[Span]:
    """ORG spans for the names a company phrase stands beside (``replace_overlapping`` puts them in),
    also those the model tagged ORG already: their names are an organisation's evidence in the vote
    of one label per name. The phrases are found in the text, not by a walk over every token; the
    phrase is in lower case, or opens a sentence ("Shares in Boots fell")."""
    by_start = {e.start: e for e in ents}
    by_end = {e.end: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    found: list[Span] = []
    # a phrase whose first word the text never writes, in any case, is not looked for: exact for
    # ASCII words where the text has none of the four letters that fold onto ASCII ones under re.I
    lowered = None if any(ch in text for ch in _FOLDING) else text.lower()
    for pattern, name_after, first in _patterns(phrases):
        if lowered is not None and first.isascii() and first.lower() not in lowered:
            continue
        for m in pattern.finditer(text):
            words = doc.char_span(m.start(), m.end())
            if words is None or not (words[0].is_lower or words[0].is_sent_start and words[0].is_title):
                continue
            if name_after:
                name = by_start.get(words.end) or _untagged_run(doc, words.end, 1, covered)
            else:
                name = by_end.get(words.start) or _untagged_run(doc, words.start, -1, covered)
            if name is not None and _company(name, is_place):
                found.append(Span(doc, name.start, name.end, label="ORG"))
    return found


def appositive_spans(doc: Doc, ents: list[Span], nouns: Collection[str], given_names: Collection[str],
                     is_place: Callable[[str], bool], place_heads: Collection[str]) -> list[Span]:
    """ORG spans for the names that a singular noun of ``nouns`` (lower case) after an article or
    a possessive calls an organisation, the parser making one the other's apposition: the noun after the name
    and a comma ("Teck, the Canadian mining company, says", "Robey Warshaw, a firm", "Our
    Principles PAC, a group") or the name right after the noun ("the law firm Mayer Brown", "the
    Iraqi activist group Mosul Eye"). The name is an entity of a kind the noun may correct
    (``APPOSED``) or capitalised words the model left untagged, written whole (no capitalised
    word before a run ending at the comma: "Our" of "Our Principles PAC" is a pronoun to the
    tagger). Left alone: a known place (``is_place``: "Louisiana, a Baton Rouge newspaper" is the
    parser's slip) or a name ending in a place's head word (``place_heads``: "Tigray Province, the
    center of ..."), a name starting with a given name of ``given_names`` (a person by trade:
    "Richard Uihlein, an Illinois shipping-supplies manufacturer"; "the centrist organization Bill
    Clinton helped found"), and a noun owning the next one ("Doral, the candidate's resort")."""
    by_start = {e.start: e for e in ents}
    by_end = {e.end: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    found: list[Span] = []
    for i in numpy.flatnonzero(doc.to_array(DEP) == doc.vocab.strings["appos"]).tolist():
        tok = doc[i]  # the apposition: the noun ("Teck, the company") or the name's last word
        noun, named = (tok, tok.head) if _org_noun(tok, nouns) else (tok.head, tok)
        if not _org_noun(noun, nouns) or not _introduced(noun):
            continue
        if named.i > noun.i:  # "the law firm Mayer Brown"; not a part of "the group Club for Growth"
            name = by_start.get(noun.i + 1) or _untagged_run(doc, noun.i + 1, 1, covered)
            if name is not None and name.end + 1 < len(doc) and doc[name.end].lower_ in NAME_JOINERS \
                    and doc[name.end + 1].text[:1].isupper():
                continue
        else:  # "Teck, the company"
            comma = noun.left_edge.i - 1
            if comma < 1 or doc[comma].text != "," or noun.i + 1 < len(doc) and doc[noun.i + 1].tag_ == "POS":
                continue
            name = by_end.get(comma)
            if name is None:
                name = _untagged_run(doc, comma, -1, covered)
                if name is None or name.start > 0 and doc[name.start - 1].text[:1].isupper():
                    continue
        if (name is not None and name.start <= named.i < name.end and name.label_ in APPOSED
                and name[0].lower_ not in given_names and not is_place(name.text)
                and head_of(name.text) not in place_heads):
            found.append(Span(doc, name.start, name.end, label="ORG"))
    return found


def _org_noun(tok: Token, nouns: Collection[str]) -> bool:
    return tok.tag_ == "NN" and tok.lower_ in nouns


def _introduced(noun: Token) -> bool:
    """Whether the noun's phrase opens with an article or a possessive ("Vodafone, Britain's biggest
    mobile phone company,")."""
    first = noun.left_edge
    return first.lower_ in DETERMINERS or any(c.dep_ == "poss" and c.left_edge == first for c in noun.lefts)


# the non-ASCII letters a case-insensitive pattern matches to ASCII ones (Python's ``re`` docs)
_FOLDING = "\u0130\u0131\u017f\u212a"


@lru_cache(maxsize=8)
def _patterns(phrases: tuple[Phrase, ...]) -> list[tuple[re.Pattern[str], bool, str]]:
    """Each phrase as a regex of whole words, any case, any spaces between them, and its first word."""
    return [(re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])", re.I), after, words[0])
            for words, after in phrases]


def _untagged_run(doc: Doc, i: int, step: int, covered: Collection[int]) -> Span | None:
    """The capitalised proper nouns no entity holds (``covered``: the tokens of the entities) that
    end before token ``i`` (step -1) or start at it (step 1), at most ``MAX_NAME_WORDS``."""
    k = i + (step if step < 0 else 0)
    run: list[Token] = []
    while 0 <= k < len(doc) and len(run) < MAX_NAME_WORDS and k not in covered and _name_word(doc[k]):
        run.append(doc[k])
        k += step
    if not run:
        return None
    start, end = min(t.i for t in run), max(t.i for t in run) + 1
    return doc[start:end]


def _name_word(tok: Token) -> bool:
    """A word of a name the model did not tag: a capitalised proper noun of two letters or more
    ("Dixons"; not the "A" of "Class A shares"), or a capitalised word opening a sentence that is
    no common English word ("Dixons shares rose", the model's noun; not "Company shares")."""
    if not tok.text[:1].isupper() or len(tok.text) < 2:
        return False
    return tok.pos_ == "PROPN" or bool(tok.is_sent_start) and tok.is_alpha and not common_word(tok.text)


def _company(name: Span, is_place: Callable[[str], bool]) -> bool:
    """A name the noun may make a company: untagged, or one word the model read as an
    organisation, a person or a place, that is no known place. (The family name of a person named
    in full, "a Clinton spokesman" after "Hillary Clinton", goes back to the person with the
    article's other lone surnames: ``linking.link_surnames``.)"""
    label = name.label_
    if label not in RELABELLED or label and len(name) > 1:
        return False
    text = name.text
    return not is_place(text) and all(t.text[:1].isupper() for t in name)
