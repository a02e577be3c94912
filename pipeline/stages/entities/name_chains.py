"""Persons the model did not tag as persons: "Rahm Emanuel" untagged, "Sylke Tempel" an ORG,
"Adel Nefzi" untagged while "Nefzi" is a GPE. ``news_entities`` makes them PERSON entities, so
the entities table lists them, a lone surname links to their full name (``person_canonicals``)
and the speakers of ``stages/quotes`` read them as they read any person.

A *name chain* is two or three capitalised singular proper nouns in a row ("Asa Khalif",
"Eswar Prasad"): after the first, no organisation or place head word (``heads.csv``: "Ford
Motors", "Oakland County") and no company's legal form (``legal_forms.txt``: "Ford Motor Co";
a first word may be one, "Asa" is a Norwegian form); overlapping no PERSON entity; inside no
longer entity (leading stop words aside: "But Asa" tagged ORG) nor a longer capitalised run
("Boca West Country Club"); not the family name of a longer PERSON ("Le Pen" of "Marine Le
Pen"); tagged nothing or ORG (not a place: "Virginia Beach", "Boca West"; not a title: "The
Pete Santilli Show"). It names a person when

- its last word stands elsewhere in the article alone as a PERSON (not after "the", not a
  given name: "the Klan", "Hillary"), or after Mr./Ms. ("Ms. Tempel said"), however the
  model tagged the chain; or
- the model tagged it nothing, and its first word is a given name of ``given_names.csv``
  ("Scott Conroy") or it is by itself the subject of a speech verb of ``quote_verbs.txt``
  ("Adel Nefzi said", "said Adel Nefzi"; not "the Islamic State said"), or the model tagged its
  last word alone an ORG and it is such a subject ("Ilya Shapiro argues", "Shapiro" ORG). A
  given name alone does not make a person of an ORG ("Al Jazeera").

Titles and capitalised common nouns before it ("Actress", "Year": words the article also
writes in lower case, unless given names) are no part of the name, nor is a sentence's first
word that is one of the thousand most frequent English words ("Outside Carrier's plant").

A one-word person right after a capitalised given name the model left out of it is one person
with that name (``given_name_first``): "Ivanka Trump strode", with "Ivanka" untagged or a PRODUCT
and "Trump" a PERSON, is Ivanka Trump, not a lone "Trump" that names her father.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

import numpy
from spacy.attrs import LOWER, ORTH, TAG
from spacy.tokens import Doc, Span, Token

from ... import provenance, resource_cache
from .headlines import common_word
from .linking import HONORIFICS
from .names import APOSTROPHE_NAME, respan
from .rules import CODED_LABELS, SUBJECT_DEPS

MAX_WORDS = 3
COMMON_WORDS = 1000  # the most frequent English words a sentence's first word of a chain may be
DETERMINERS = ("the", "a", "an")
HYPHENS = ("-", "–")


def _word(tok: Token) -> bool:
    """A capitalised singular proper noun, no stop word and not all capitals, that can be part of
    a name ("O'Malley", "Holtz-Eakin"; not "Founding Fathers"); the caller has checked the tag."""
    text = tok.text
    return (text[:1].isupper() and not text.isupper() and not tok.is_stop
            and text.replace("-", "").replace("'", "").replace("’", "").isalpha())


@lru_cache(maxsize=1)
def common_english() -> frozenset[str]:
    """The ``COMMON_WORDS`` most frequent English words (wordfreq), which a sentence capitalises
    before a name without making them part of it ("Outside Carrier's plant"); built once per
    machine (``resource_cache``)."""
    def build() -> frozenset[str]:
        import wordfreq

        return frozenset(w for w in wordfreq.top_n_list("en", COMMON_WORDS) if w.isalpha())

    return resource_cache.load_or_build("common_english", [str(COMMON_WORDS), provenance.version("wordfreq")], build)


def _bare(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def name_chains(doc: Doc, ents: Sequence[Span], given: dict[str, str] | frozenset[str], titles: frozenset[str],
                stop: frozenset[str], speech: frozenset[str] = frozenset()) -> list[Span]:
    """The name chains of ``doc`` that name persons (see the module), as PERSON spans in text
    order. ``titles``: words written before a name ("Mayor Greg Stanton": the chain starts after
    them); ``stop``: lower-case words no person's name contains or is followed by (head words,
    legal forms); ``speech``: the lemmas of the speech verbs whose subject is someone speaking."""
    n = len(doc)
    if n < 2:
        return []
    strings = doc.vocab.strings
    arr = doc.to_array([TAG, ORTH, LOWER])  # token attributes: no lexeme look-ups
    # the persons of ``ents``, not the tokens' entity tags: the caller has not set ``doc.ents`` yet
    person = numpy.zeros(n, dtype=bool)
    for e in ents:
        if e.label_ == "PERSON":
            person[e.start:e.end] = True
    # an apostrophe name ("O’Reilly", "D’Souza") is a name word, whatever its tag (the small model
    # often reads one written with a curly apostrophe as a common noun)
    orths = numpy.unique(arr[:, 1]).tolist()  # each distinct word once, not each token
    apos = numpy.isin(arr[:, 1], [h for h in orths if APOSTROPHE_NAME.match(strings[h])])
    widened = _apostrophe_name_after(doc, ents, apos)
    # candidates, in numpy: singular proper nouns, no PERSON, next to another (a chain)
    cand = (arr[:, 0] == strings["NNP"]) | apos
    free = cand & ~person
    pair = numpy.zeros(n, dtype=bool)
    pair[1:] |= free[:-1]
    pair[:-1] |= free[1:]
    word = {i for i in numpy.flatnonzero(free & pair).tolist() if _word(doc[i])}
    runs = []
    for i in sorted(word):
        if i - 1 in word:
            continue  # inside a run already read
        j = i
        while j in word:
            j += 1
        if j - i >= 2:
            runs.append((i, j))
    if not runs:
        return widened
    common = set(arr[arr[:, 1] == arr[:, 2], 2].tolist())  # words the article also writes in lower case
    chains = []
    for i, j in runs:
        k = i  # leading titles and common nouns ("Actress", "Year") are no part of the name
        while k < j and (_bare(doc[k]) in titles or doc[k].lower_ not in given and (
                doc[k].lower in common or k == i and doc[k].is_sent_start and doc[k].lower_ in common_english())):
            k += 1
        # "Dodd-Frank Act": a hyphen between words; a list's dash before the name is no cut ("-Nate Cohn")
        cut = (k >= 2 and doc[k - 1].text in HYPHENS and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_
               and doc[k - 2].text[-1:].isalnum())
        if 2 <= j - k <= MAX_WORDS and not cut and not (j < n and (_bare(doc[j]) in stop or doc[j].is_title)):
            chains.append(doc[k:j])
    if not chains:
        return widened
    ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    # family names written alone: a one-word PERSON (not "the Klan", not a given name), or after Mr./Ms.
    lone = {e[0].lower_ for e in ents if e.label_ == "PERSON" and len(e) == 1
            and not (e.start and doc[e.start - 1].lower_ in DETERMINERS)} - set(given)
    after = numpy.zeros(n, dtype=bool)
    after[1:] = numpy.isin(arr[:-1, 2], [strings[h] for h in HONORIFICS])
    lone |= {doc[i].lower_ for i in numpy.flatnonzero(cand & after).tolist() if _word(doc[i])}
    lone |= {doc[i].lower_ for i in numpy.flatnonzero(apos & ~pair).tolist()}  # "D’Souza replied"
    # the last words of a person's name are that person's family name ("Le Pen" of "Marine Le Pen")
    tails = {e[k:].text for e in ents if e.label_ == "PERSON" for k in range(1, len(e) - 1)}
    found = [Span(doc, c.start, c.end, label="PERSON") for c in chains
             if c.text not in tails and _is_person(c, ent_at, lone, given, stop, speech)]
    taken = {i for w in widened for i in range(w.start, w.end)}
    return widened + [c for c in found if not any(i in taken for i in range(c.start, c.end))]


def _apostrophe_name_after(doc: Doc, ents: Sequence[Span], apos: numpy.ndarray) -> list[Span]:
    """A PERSON the model ended before the apostrophe name that is its family name, widened over
    it: "Bill O’Reilly" tagged "Bill" alone. The name must follow with a space and be tagged
    nothing or alone."""
    tagged = {i: e for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        k = e.end
        if (e.label_ == "PERSON" and k < len(doc) and apos[k] and doc[k - 1].whitespace_
                and (k not in tagged or len(tagged[k]) == 1)):
            out.append(respan(e, e.start, k + 1))
    return out


def _speaks(chain: Span, speech: frozenset[str]) -> bool:
    """Whether the chain is by itself the subject of a speech verb: "Adel Nefzi said", "said Adel
    Nefzi"; not "the Islamic State said" (a name with an article is rarely a person's)."""
    root = chain.root
    return root.dep_ in SUBJECT_DEPS and root.left_edge.i >= chain.start and root.head.lemma_.lower() in speech


def _is_person(chain: Span, ent_at: dict[int, Span], lone: set[str], given: dict[str, str] | frozenset[str],
               stop: frozenset[str], speech: frozenset[str]) -> bool:
    if any(_bare(t) in stop for t in chain[1:]):
        return False  # heads and legal forms end names of organisations; a first word may be one ("Asa")
    tagged = {ent_at[t.i] for t in chain if t.i in ent_at}
    doc = chain.doc
    if any(e.end > chain.end or e.start < chain.start and not all(t.is_stop for t in doc[e.start:chain.start])
           for e in tagged):
        return False  # part of a longer name ("John Hopkins University"; "But Asa", an ORG, is no name)
    # the token before: a name chain does not continue a capitalised run it is cut from
    before = ent_at.get(chain.start - 1)
    if before is not None and before.label_ == "PERSON":
        return False
    labels = {e.label_ for e in tagged}
    if labels - {"ORG"}:
        return False  # a place ("Virginia Beach", "Boca West"), a title ("The Pete Santilli Show")
    if chain[-1].lower_ in lone:
        return True
    if not labels:
        return chain[0].lower_ in given or _speaks(chain, speech)
    # the model's ORG is the family name alone, the given name untagged ("Ilya Shapiro argues")
    return len(tagged) == 1 and len(next(iter(tagged))) == 1 and chain[-1].i in ent_at and _speaks(chain, speech)


def given_name_first(ents: list[Span], given: Collection[str], first: Collection[str] = ()) -> list[Span]:
    """``ents`` with each one-word PERSON that follows a capitalised given name of
    ``given_names.csv`` ("Ivanka Trump", "the Bill Clinton years") or of ``first``, a wider list
    ("said Paloma Wu", the model tagging "Wu"), widened over it; a PERSON that is itself a given
    name of ``given_names.csv`` is not (the wider list has Clinton and Graham). The given name
    is tagged nothing or alone with a label that is no place or nationality ("Ivanka" PRODUCT, a
    lone PERSON), is separated from the family name by a space only, and does not start its
    sentence as one of the most frequent English words ("Mark Clinton's words"); "Christian"
    NORP and "Virginia" GPE stay as they are."""
    if not given:
        return ents
    by_end = {e.end: e for e in ents}
    widened: dict[int, Span] = {}
    for e in ents:
        if e.label_ != "PERSON" or len(e) != 1 or e.start == 0 or e[0].lower_ in given:
            continue
        before = e.doc[e.start - 1]
        if (before.lower_ not in given and before.lower_ not in first or not before.text[:1].isupper()
                or before.whitespace_ != " " or before.is_sent_start and before.lower_ in common_english()):
            continue
        tagged = by_end.get(e.start)
        if tagged is not None and (len(tagged) > 1 or tagged.label_ in CODED_LABELS):
            continue
        widened[e.start] = respan(e, e.start - 1, e.end)
    if not widened:
        return ents
    gone = {w.start for w in widened.values()}
    return [widened.get(e.start, e) for e in ents if not (len(e) == 1 and e.start in gone)]


def descriptor_first(text: str, ents: list[Span], given: Collection[str]) -> list[Span]:
    """``ents`` with a PERSON of three words or more that starts its sentence with a common
    English word before a capitalised given name cut after that word, when the article writes
    the rest of the name without it too: the sentence's capital made the model take a descriptor
    for part of the name ("Billionaire Donald Trump praised ...", which had become the article's
    full name for Trump). Not a given name first ("Will Smith"), a word inside a sentence, where
    its capital is the name's own, nor a name never written shorter in ``text``, the document's
    ("Giovanni Maria Vian")."""
    if not given:
        return ents
    out = []
    for e in ents:
        if (e.label_ == "PERSON" and len(e) >= 3 and e[0].is_sent_start and e[0].is_title
                and e[0].lower_ not in given and e[1].is_title and e[1].lower_ in given and common_word(e[0].text)):
            if text.count(e[1:].text) > text.count(e.text):
                e = respan(e, e.start + 1, e.end)
        out.append(e)
    return out
