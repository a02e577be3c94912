"""Spans that are one name: a place and the region containing it, an organisation's head word and
the name after it, an organisation's name written again, and replacing overlapping spans."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span

from .. import places as places_mod
from .names import head_of, respan, tokens_written, written_at
from .rules import JOINING_PREPOSITIONS, NAME_LABELS, POSSESSIVES, Rules


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
    if a.text.isupper() and len(a.text) > 2 and not (b.text.isupper() and "." not in b.text):
        # a dateline's place and its country or state, two places: "AL-AIN , United Arab Emirates
        # 1996-12-06", "MANCHESTER, N.H. -" (not a capitals line's "HIGHLAND, MICHIGAN")
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
    if b.root.dep_ in ("compound", "nmod", "amod") and b.root.head.i >= b.end and doc[b.end].is_lower:
        return False  # the place modifies the noun after it: "Chris Covert, South Carolina director for ..."
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


def orgs_written_again(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
    """An organisation's name of two words or more written again where the model tagged only a
    part of it, or nothing, is that organisation: "Did the Clinton Foundation refuse", with
    "Clinton" a PERSON and "Foundation" untagged, after "the Clinton Foundation" an ORG. Only
    names of capitalised words, as written (word-bounded), only where no entity crosses the name's
    edges, and not where the model tagged the whole name otherwise ("Rep. Hakeem Jeffries" a
    PERSON, "Hakeem Jeffries" an ORG later: one label per name settles that); the ORG spans to
    put in (``replace_overlapping``). A one-word name: ``lone_orgs_again``."""
    names = {e.text for e in ents if e.label_ == "ORG" and len(e) >= 2 and all(t.text[:1].isupper() or not t.is_alpha
                                                                               for t in e)}
    if not names:
        return []
    tagged = {(e.start, e.end) for e in ents}  # a name tagged whole keeps its label ("Hakeem Jeffries")
    found: list[Span] = []
    for span in written_at(doc, text, names, "ORG"):  # the longest first
        if (span.start, span.end) in tagged or any(_overlaps(span, f) for f in found):
            continue
        if all(span.start <= e.start and e.end <= span.end for e in ents if _overlaps(e, span)):
            found.append(span)
    return found


def lone_orgs_again(doc: Doc, ents: list[Span], common: Collection[str], given: Collection[str] = ()) -> list[Span]:
    """A one-word organisation written again where the model tagged nothing: "Forbes, however,
    says ..." after "Forbes" an ORG; the ORG spans to add, once the document's persons and each
    name's one label are settled. The word must be capitalised and no common English word in
    lower case (``common``: "Apple", "Visa" decide nothing) nor written in lower case in the
    document ("Defense" beside "defense"), never tagged another way in it ("Benghazi" a place
    elsewhere), no word of a person's name there ("Steve Forbes"; nor a family name after one of the
    ``given`` names inside another entity: "National Review's Ian Tuttle"), and stand alone (no capitalised
    word beside it but a sentence's first: "Forbes Field" is another name) as a noun phrase of its
    own, not a modifier of the noun after it ("Latino voters": the model's ORG there is no name)."""
    persons = {t.text for e in ents if e.label_ == "PERSON" for t in e}
    persons |= {e[k].text for e in ents for k in range(1, len(e)) if e[k - 1].lower_ in given}
    other = {e.text for e in ents if e.label_ != "ORG"}
    names = {e.text for e in ents if e.label_ == "ORG" and len(e) == 1 and e[0].is_alpha and e[0].is_title
             and e.text.lower() not in common} - persons - other
    if names:
        lower = {doc[i].text for i in tokens_written(doc, {n.lower() for n in names}) if doc[i].is_lower}
        names = {n for n in names if n.lower() not in lower}
    if not names:
        return []
    covered = {i for e in ents for i in range(e.start, e.end)}

    def beside(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].is_title and not doc[k].is_sent_start
    return [Span(doc, t.i, t.i + 1, label="ORG") for t in (doc[i] for i in tokens_written(doc, names))
            if t.i not in covered and t.pos_ in ("PROPN", "NOUN", "")
            and t.dep_ not in ("compound", "amod")
            and not beside(t.i - 1) and not (t.i + 1 < len(doc) and doc[t.i + 1].is_title)]
