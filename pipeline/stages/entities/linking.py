"""Persons linked across a document: a lone surname to the full name that owns it, middle initials,
surnames the model took for places."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import IS_LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from .names import APOSTROPHE_NAME, clean_name, head_of, respan, tokens_written, written_at
from .relatives import kin_owner, partner_of
from .rules import SUBJECT_DEPS, gender_of, unaccented

if TYPE_CHECKING:
    from .rules import Rules


def surname_index(ents: tuple[Span, ...] | list[Span]) -> dict[str, list[Span]]:
    """Family name -> the multi-token PERSON mentions carrying it, in text order.

    Both the last token (Michael Krepon) and the first (Wang Zhaoyao, family name
    first) are indexed; a lone name matching a last token is looked up first. Then the
    paternal surname of a Spanish name of three words or more, the word before the last when it
    is no given name or initial and ends no other name ("Ms. Acosta" of "Melba Acosta Febo",
    "Mr. Peña" of "Enrique Peña Nieto").
    """
    index: dict[str, list[Span]] = {}
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2:
            index.setdefault(family_token(e), []).append(e)
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2 and e[0].text not in index and e[0].is_title:
            index.setdefault(e[0].text, []).append(e)
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 3 and (second := _paternal(e)) and second not in index:
            index[second] = [e]
    return index


def _paternal(ent: Span) -> str:
    """The word before a three-word name's family name when it may be a paternal surname: a
    capitalised word, no initial and no given name ("Acosta" of "Melba Acosta Febo"; not "J." of
    "Donald J. Trump" nor "Paul" of "John Paul Stevens"); empty otherwise."""
    words = [t.text for t in ent]
    rules = ent.doc._.entity_rules
    suffixes = rules.name_suffixes if rules is not None else frozenset()
    family = family_name(words, suffixes)
    k = max(i for i, w in enumerate(words) if w.rstrip(",") == family)
    word = words[k - 1] if k >= 2 else ""
    given = rules.given_names if rules is not None else {}
    return word if word[:1].isupper() and len(word.rstrip(".")) > 1 and word.lower() not in given else ""


def link_surnames(doc: Doc, ents: list[Span], common: Collection[str] = (), text: str | None = None) -> list[Span]:
    """A lone surname of a person named in full takes the PERSON label, tagged or not; also in
    capitals, as a headline writes it ("KLINSMANN SCORES" after "Juergen Klinsmann"), unless it
    is one of the ``common`` English words in lower case ("MAY" is no Theresa May); a span tagged
    a place must be the last word of a person's name ("MANDELA" of "Nelson Mandela", though
    Mandela is a town of Ghana; not "ORLANDO" beside an "Orlando Sentinel" the model took for a
    person). ``text``: ``doc.text``, when the caller has it."""
    surnames = set(surname_index(ents))
    families = {family_token(e) for e in ents if e.label_ == "PERSON" and len(e) >= 2}
    # "MCCAIN" -> "McCain"; a "surname" in capitals is an acronym the model put in a name ("Junge SVP")
    upper = {name.upper(): name for name in surnames if not name.isupper()}

    def capitals(text: str) -> bool:
        return len(text) > 1 and text.isupper() and text.isalpha()

    def surname(text: str, label: str = "") -> bool:
        if capitals(text):
            name = upper.get(text)
            return (name is not None and (label not in PLACE_LABELS or name in families)
                    and text.lower() not in common)
        return text in surnames
    out = [e if not (len(e) == 1 and surname(e.text, e.label_)) else respan(e, e.start, e.end, "PERSON")
           for e in ents]
    covered = {i for e in out for i in range(e.start, e.end)}
    out.extend(_untagged_full_names(doc, ents, covered, doc.text if text is None else text))
    written = surnames | set(upper)  # the forms a lone surname may take
    for i in tokens_written(doc, written):
        tok = doc[i]
        if (i not in covered and (tok.pos_ == "PROPN" or capitals(tok.text) or _mistagged(tok, common))
                and surname(tok.text)):
            out.append(Span(doc, i, i + 1, label="PERSON"))
    return out


def _mistagged(tok: Token, common: Collection[str]) -> bool:
    """A capitalised word the tagger took for another part of speech that may still be a surname:
    no common English word in lower case, and not the first of a run of capitalised words that
    opens a sentence (a headline's). "said Skelly" (tagged an adverb, for its "-ly"), "Ebeling
    reminisced" (a verb): the surname of "Bill Skelly" or "Betsy Ebeling" named before; "Early
    voting" keeps its adjective."""
    if not (tok.pos_ and tok.is_title and (tok.is_alpha or APOSTROPHE_NAME.match(tok.text))) or tok.lower_ in common:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not (tok.is_sent_start and nxt is not None and nxt.is_title)


PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_NAME_TOKENS = 4  # the longest full name looked for again as written


def _untagged_full_names(doc: Doc, ents: list[Span], covered: set[int], text: str) -> list[Span]:
    """A person's full name written again where the model tagged nothing is one PERSON span, as
    written or in capitals ("How Donald Trump Could Become President" after "Donald Trump"),
    not its given name and its family name each alone; only names of capitalised words (not a
    "pro-Rubio" the model took for a person); ``covered`` gains its tokens. The names are looked
    for in the text (``names.written_at``), not by a walk over every token (spaCy makes a Token
    object per step)."""
    names = {e.text for e in ents
             if e.label_ == "PERSON" and 2 <= len(e) <= MAX_NAME_TOKENS and all(t.text[:1].isupper() for t in e)}
    names |= {name.upper() for name in names}
    found = []
    for span in written_at(doc, text, names, "PERSON"):  # the longest first: "Donald J. Trump", not "Donald J"
        if not covered.intersection(range(span.start, span.end)):
            found.append(span)
            covered.update(range(span.start, span.end))
    return sorted(found, key=lambda e: e.start)


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

    A surname only one person of the article has names that person, also before the full
    name (a headline looks ahead). A surname several people share ("Bill Clinton", "Hillary
    Clinton") names, the first time it is written alone, the one of them named in full in its
    sentence or the one before ("Jeh Johnson warned ... Johnson said"), else the one the
    article writes out most often, then the first: AP style writes the others in full every
    time ("Ivanka Trump", "Heidi Cruz"). Written alone again it names the same person, so a
    later full name does not take it over. Without sentence boundaries (a blank pipeline) the
    latest full name counts as near. Two people sharing a surname stay apart. A surname in
    capitals ("CLINTON") is looked up as written in title case, a full name in capitals ("DONALD
    TRUMP") is the full name as the body writes it, and a family name of several
    words ("Le Pen", "de Blasio", "Lopez-Cantera") names the one person of the article whose
    longer name ends in it (``_tail_forms``). The speakers of ``stages/quotes`` read these
    names, so the two tables agree.
    """
    people = surname_index(ents)
    persons = sorted((e for e in ents if e.label_ == "PERSON"), key=lambda e: e.start)
    rules = persons[0].doc._.entity_rules if persons else None
    same = _shorter_forms(people)
    same.update(_tail_forms({person_name(e) for e in persons if len(e) >= 2},
                            rules.given_names if rules is not None else {}, same))
    keys: dict[int, list[str]] = {}
    for key, fulls in people.items():
        for f in fulls:
            keys.setdefault(f.start, []).append(key)
    written = Counter(same.get(n, n) for e in persons if len(e) >= 2 for n in [person_name(e)])
    named = {key: list(dict.fromkeys(same.get(n, n) for f in fulls for n in [person_name(f)]))
             for key, fulls in people.items()}
    upper = {key.upper(): key for key in named}  # "CLINTON" -> "Clinton"
    # "DONALD TRUMP" of a headline in capitals -> "Donald Trump" as the body writes it
    upper_full = {n.upper(): n for e in persons if len(e) >= 2 for n in [person_name(e)] if not n.isupper()}
    # written out most often, the first on a tie (max keeps the first)
    principal = {key: max(names, key=lambda n: written[n]) for key, names in named.items() if len(names) > 1}
    sentences = bool(persons) and persons[0].doc.has_annotation("SENT_START")
    latest: dict[str, tuple[str, int]] = {}  # surname -> (name, sentence start) of its latest full mention
    subjects: set[str] = set()  # surnames whose latest full mention is the subject of its clause
    used: dict[str, str] = {}  # shared surname -> the person it named written alone
    kin: dict[str, str] = {}  # given name of a relative -> the full name it was given ("Ivanka Trump")
    person_at = {i: e for e in persons for i in range(e.start, e.end)}
    firsts = {name.split()[0] for e in persons if len(e) >= 2 for name in [person_name(e)]}  # "Hillary"
    out: dict[int, str] = {}
    for e in persons:
        sent = e.sent.start if sentences else -1
        if len(e) >= 2:
            name = person_name(e)
            name = upper_full.get(name, name) if name.isupper() else name
            out[e.start] = same.get(name, name)
            subject = sentences and e.root.dep_ in SUBJECT_DEPS
            for key in keys.get(e.start, []):
                # in one sentence a subject stays before a later name that is none: "Dorothy Woods,
                # whose husband, Navy SEAL Ty Woods, was ...", "for his wife Hillary Clinton, Bill
                # Clinton said": the sentence is about its subject
                held = key in subjects and latest[key][1] == sent
                if subject or not held:
                    latest[key] = (out[e.start], sent)
                    (subjects.add if subject else subjects.discard)(key)
            continue
        key = e[-1].text
        key = upper.get(key, key) if key.isupper() else key
        if key not in named:
            out[e.start] = kin.get(key) or _relative(e, person_at, out, rules, firsts) or person_name(e)
            if out[e.start] != person_name(e):
                kin.setdefault(key, out[e.start])  # "Ivanka" again is Ivanka Trump
        elif e.start > 0 and e.doc[e.start - 1].lower_ in HONORIFICS:
            owner = used.get(key, principal.get(key, named[key][0]))
            out[e.start] = _by_honorific(e, owner, named[key], latest)
        elif key not in principal:
            out[e.start] = named[key][0]
        else:
            if key not in used:
                name, at = latest.get(key, ("", -2))
                before = e.doc[sent - 1].sent.start if sent > 0 else sent  # the sentence before, or its own
                near = bool(name) and (not sentences or at >= before)
                used[key] = name if near else principal[key]
            out[e.start] = used[key]
    return out


def _relative(ent: Span, person_at: dict[int, Span], out: dict[int, str], rules: Rules | None,
              firsts: Collection[str] = ()) -> str:
    """A relative named by the given name alone ("Trump's daughter Ivanka"): that name and the
    family name of the owner's full name ("Ivanka Trump"), or of the partner named in full after
    it ("Bill and Hillary Clinton": Bill Clinton) when it is a given name of ``given_names.csv``
    ("Obama and Hillary Clinton" share nothing) that starts the name of nobody else named in full
    (``firsts``); else empty (``relatives``)."""
    if rules is None:
        return ""
    owner = kin_owner(ent[0], rules.kin_nouns, person_at) if rules.kin_nouns else None
    full = out.get(owner.start, "") if owner is not None else ""
    if owner is None and ent[0].lower_ in rules.given_names and person_name(ent) not in firsts:
        partner = partner_of(ent, person_at)
        full = person_name(partner) if partner is not None else ""
    if len(full.split()) < 2:
        return ""
    return f"{person_name(ent)} {family_name(full.split(), rules.name_suffixes)}"


# courtesy titles and the gender they tell (the speakers of ``stages/quotes`` read them too)
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m"}


def _by_honorific(ent: Span, owner: str, names: list[str], latest: dict[str, tuple[str, int]]) -> str:
    """A shared surname after Mr./Mrs./Ms. ("Mrs. Clinton" after "Bill Clinton ... Hillary
    Clinton") names the one of ``names`` of that gender (by the given name, ``rules.load_genders``),
    the one named in full last before it first, whoever owns the bare surname; it settles no
    owner. The owner stays when its gender is unknown or fits, and so does the surname as
    written when nobody fits ("Mr. Obama" is no Michelle Obama)."""
    rules = ent.doc._.entity_rules
    genders: dict[str, str] = rules.genders if rules is not None else {}
    want = HONORIFICS[ent.doc[ent.start - 1].lower_]
    if gender_of(owner, genders) in ("", want):
        return owner
    fits = [n for n in names if gender_of(n, genders) == want]
    if not fits:
        return person_name(ent)
    last = latest.get(ent[-1].text, ("", -1))[0]
    return last if last in fits else fits[0]


def person_name(ent: Span) -> str:
    """A person's name as written, without stray punctuation the NER took in ("― Julie Diaz")."""
    name = clean_name(ent.text)
    k = 0
    while k < len(name) and not name[k].isalnum():
        k += 1
    return name[k:].strip()


def _tail_forms(names: Collection[str], given: Collection[str], same: dict[str, str]) -> dict[str, str]:
    """Family names of several words or hyphenated, written alone -> the one name of ``names``
    that ends in them ("Le Pen" -> "Marine Le Pen", "De Blasio" -> "Bill de Blasio",
    "Lopez-Cantera" -> "Carlos Lopez-Cantera"; any case). A tail two people share ("Van Buren")
    stays as written, and so does a name starting with a given name ("Donald Trump" is no
    family name of "Certainly Donald Trump", a headline's adverb taken into a name)."""
    owners: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        for k in range(1, len(words)):
            owners.setdefault(" ".join(words[k:]).lower(), set()).add(same.get(name, name))
    out = {}
    for name in names:
        found = owners.get(name.lower(), set()) - {same.get(name, name)}
        if len(found) == 1 and name.split()[0].lower() not in given:
            out[name] = found.pop()
    return out


_INITIAL = re.compile(r"^[A-Z]\.?$")


def _shorter_forms(people: dict[str, list[Span]]) -> dict[str, str]:
    """Full names written with and without a middle initial, or with and without accents, -> the
    form the article writes first:
    "Donald J. Trump" introduced, "a Donald Trump presidency" later, are both "Donald J. Trump"
    (the name as the article introduces it). Words before a name are left alone: "Aung San Suu
    Kyi" is not "Suu Kyi"'s noise but her full name, and "Donald Trump Jr." is not "Donald Trump".
    """
    out: dict[str, str] = {}
    for fulls in people.values():
        first: dict[str, int] = {}
        for f in fulls:
            first.setdefault(person_name(f), f.start)
        for long in first:
            words = long.split()
            plain = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and _INITIAL.match(w))]
            fits = [short for short in first if len(short.split()) < len(words) and short.split() == plain]
            if fits:
                intro = min([long, *fits], key=lambda n: first[n])
                out.update({n: intro for n in [long, *fits] if n != intro})
        spelt: dict[str, str] = {}  # "Francois Hollande" in the title, "François Hollande" below: one person
        for name in sorted(first, key=lambda n: first[n]):
            intro = spelt.setdefault(unaccented(name), name)
            if intro != name and name not in out:
                out[name] = out.get(intro, intro)
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
