"""A name as written: cleaned, trimmed of titles and punctuation, split at separators, its head word."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from ..datelines import is_dateline
from .rules import (
    _LEADING,
    _POSSESSIVE,
    _SPACED_COMMA,
    EDGE_PUNCT,
    FUNCTION_WORDS,
    HEAD_BREAKS,
    NAME_LABELS,
    POSSESSIVES,
    SEPARATORS,
    TITLED_LABELS,
)

# labels a list of names may wear: no place ("Tallahassee, Florida"), no person ("Donald Trump, Jr.")
LISTED_LABELS = ("ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT")
APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]?['’][A-Z][a-z]+$")  # a family name: O'Malley, D’Souza, O’Reilly


def clean_name(text: str) -> str:
    """A mention without a leading article, possessive, outer spaces or a space before a comma."""
    return _SPACED_COMMA.sub(",", _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).strip())


def written_at(doc: Doc, text: str, names: Collection[str], label: str) -> Iterator[Span]:
    """Every place ``text`` (``doc.text``) writes one of ``names`` as whole words, as a span of
    ``label``, the longest names first (then in text order); places the tokens do not align with
    are skipped. A caller that marks what it takes as it goes lets a longer name win."""
    for name in sorted(names, key=lambda n: (-len(n), n)):
        for start in _whole_words(text, name):
            span = doc.char_span(start, start + len(name), label=label)
            if span is not None:
                yield span


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches in a str pattern


def _whole_words(text: str, name: str) -> Iterator[int]:
    r"""The starts of ``name`` in ``text`` with no word character on either side, left to right and
    not overlapping: what ``re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)`` finds, without
    compiling a pattern per name (the regex cache does not hold a long article's names)."""
    if not name:
        return
    n, pos = len(name), text.find(name)
    while pos >= 0:
        end = pos + n
        if (pos == 0 or not _word_char(text[pos - 1])) and (end == len(text) or not _word_char(text[end])):
            yield pos
            pos = text.find(name, end)
        else:
            pos = text.find(name, pos + 1)


def tokens_written(doc: Doc, words: Collection[str]) -> list[int]:
    """The indices of the tokens whose text is one of ``words``, in order: compared as the
    vocabulary's hashes in one array, so no Token object is made for the others."""
    if not words:
        return []
    strings = doc.vocab.strings
    wanted = numpy.array([strings[w] for w in words], dtype=numpy.uint64)
    return numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), wanted)).tolist()  # type: ignore[no-any-return]


def respan(ent: Span, start: int, end: int, label: str | None = None) -> Span:
    """The same entity over tokens ``start:end`` (and a new label), keeping the ruler's id."""
    return Span(ent.doc, start, end, label=label or ent.label_, span_id=ent.id_)


def trim_span(ent: Span, titles: frozenset[str] = frozenset(), prefixes: frozenset[str] = frozenset()) -> Span | None:
    """The span without edge punctuation, a leading article ("the", a lower-case "a"), a trailing
    possessive, a person's title or a prefix of ``prefixes`` joined to the name by a hyphen
    ("pro-Clinton" -> "Clinton", "un-American" -> "American").

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
        if first.is_space or first.text in EDGE_PUNCT or first.lower_ == "the" or first.text in ("a", "an"):
            start, changed = start + 1, True
        elif (last.is_space or last.text in EDGE_PUNCT or last.text in POSSESSIVES
              or (last.lower_ in FUNCTION_WORDS and end - start > 1)
              or (ent.label_ == "PERSON" and end - start > 1 and not any(ch.isalpha() for ch in last.text))):
            end, changed = end - 1, True
        elif (end - start >= 3 and first.lower_ in prefixes and doc[start + 1].text in ("-", "–")
              and not first.whitespace_ and not doc[start + 1].whitespace_):
            start, changed = start + 2, True
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


def split_name_lists(ents: list[Span], given_names: Collection[str]) -> list[Span]:
    """``ents`` with each organisation or title that is a list of names, parts separated by commas,
    cut into its parts, a part naming a person as a PERSON: "Carson, Huckabee" (an ORG of the
    model), "Lehigh, Bruce Turry" (the university and the person), "Trump, Trump" (a WORK_OF_ART).
    A part names a person when the model tags it a PERSON elsewhere, written alone or as the last
    word of a longer name, or when it is two or three capitalised words starting with a given name
    of ``given_names``; a span with no such part stays whole ("University of California, Berkeley",
    "Hail, Caesar"), and so does a firm's name ending with "&" ("Ruane, Cunniff & Goldfarb"). A
    part without a capital letter is no name ("Obama, party"); a leading "the" is trimmed later."""
    lists = [e for e in ents if e.label_ in LISTED_LABELS and any(t.text == "," for t in e[1:-1])
             and not any(t.text == "&" for t in e)]
    if not lists:
        return ents
    persons = {e.text for e in ents if e.label_ == "PERSON"} | {
        e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    out = [e for e in ents if e not in lists]
    for e in lists:
        bounds = [e.start, *[c for t in e[1:-1] if t.text == "," for c in (t.i, t.i + 1)], e.end]
        parts = [e.doc[s:t] for s, t in zip(bounds[::2], bounds[1::2], strict=True) if t > s]
        people = [p for p in parts if p.text in persons or 2 <= len(p) <= 3 and p[0].lower_ in given_names
                  and all(t.is_title for t in p)]
        if not people:
            out.append(e)
            continue
        out += [respan(e, p.start, p.end, "PERSON" if p in people else None) for p in parts
                if any(t.text[:1].isupper() for t in p)]
    return sorted(out, key=lambda x: x.start)


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


def one_label_per_name(ents: list[Span], heads: Collection[str] = (), text: str | None = None,
                       companies: Collection[str] = ()) -> list[Span]:
    """Every mention of a name takes the name's most frequent label (the first on a tie).

    One exception: a one-word name the model reads as a person in one mention and as an
    organisation in another is a person ("Trump's victory" ORG, "Trump welcomed" PERSON).
    The small model falls back on ORG for a lone capitalised word it does not know; a PERSON
    reading is the evidence. Not for a gazetteer name (it has an id), nor for an acronym
    ("CNN"), a head word ("Congress"), a word of a longer organisation ("Ford Motor Co") or a
    team beside its score ("Barnsley 2"; sports pages name clubs and players side by side). A
    wire dateline's place ("NEW YORK 1996-12-06") neither votes nor changes: the story's team of
    that name ("NEW YORK 10 6 .625 3") is another thing. ``companies``: names written beside a
    company noun ("Boots shares"; ``companies.company_spans``), an organisation's evidence that also
    wins a tie ("Valeant shares" ORG, "Valeant said" GPE).
    """
    votes: dict[str, Counter[str]] = {}
    org_evidence: set[str] = set(companies)
    if text is None:  # the document's: ``Doc.text`` joins its tokens on every read
        text = ents[0].doc.text if ents else ""
    datelines = {(e.start, e.end) for e in ents if is_dateline(e, text)}
    for e in (e for e in ents if (e.start, e.end) not in datelines):
        if e.label_ in NAME_LABELS:
            name = clean_name(e.text)
            votes.setdefault(name, Counter())[e.label_] += 1
            if e.id_ or len(e) > 1 or name.isupper() or name.lower() in heads:
                org_evidence.add(name)
            if e.label_ == "ORG" and len(e) > 1:  # "Trump Organization", "Ford Motor Co"
                org_evidence.update(t.text for t in e)
            if e.label_ == "ORG" and beside_number(e):  # a team beside its score: "Barnsley 2 Wolves 1"
                org_evidence.add(name)
    best = {name: "ORG" if name in companies and c["ORG"] >= max(c.values())  # a tie goes to the company
            else "PERSON" if c["PERSON"] and c["ORG"] and name not in org_evidence
            else c.most_common(1)[0][0] for name, c in votes.items()}
    return [respan(e, e.start, e.end, best[clean_name(e.text)])
            if e.label_ in NAME_LABELS and best.get(clean_name(e.text), e.label_) != e.label_
            and (e.start, e.end) not in datelines
            else e for e in ents]


def in_title(ent: Span, titles: Collection[str], portfolios: Collection[str]) -> bool:
    """A name that is part of a title, no entity: a portfolio written after a title and "of"
    ("Secretary of State", "Minister of Foreign Affairs"; ``models/en/portfolios.txt``; "Chairman
    of Microsoft" keeps its name) or an abbreviated title before a person ("Pres. Obama")."""
    doc = ent.doc
    if ent.label_ in NAME_LABELS and len(ent) == 1 and ent.text.lower().rstrip(".") in titles:
        return abbreviated_title(ent)
    return (ent.label_ in NAME_LABELS and ent.start >= 2 and doc[ent.start - 1].lower_ == "of"
            and doc[ent.start - 2].lower_.rstrip(".") in titles and ent.text.lower() in portfolios)


def abbreviated_title(ent: Span) -> bool:
    """A title word with its period before a person the model tagged ("Pres. Obama", tagged GPE
    "Pres"); not after "of" or "the" ("Department of Justice. Obama said")."""
    doc, k = ent.doc, ent.end
    if ent.start > 0 and doc[ent.start - 1].lower_ in ("of", "the"):
        return False
    if not ent.text.endswith("."):
        if k >= len(doc) or doc[k].text != "." or ent[-1].whitespace_:
            return False
        k += 1
    return k < len(doc) and doc[k].ent_type_ == "PERSON"


def beside_number(ent: Span) -> bool:
    """A number right before or after the span ("Barnsley 2", "Essex 532-8")."""
    doc = ent.doc
    return ((ent.start > 0 and doc[ent.start - 1].like_num)
            or (ent.end < len(doc) and (doc[ent.end].like_num or doc[ent.end].text[:1].isdigit())))
