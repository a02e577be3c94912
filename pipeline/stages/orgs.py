"""Organisations: the gazetteer of ``models/en/organisations.csv`` and the span rules of sports results.

The gazetteer lists organisations that news writes without defining them (agencies, parties,
news agencies, clubs and teams, companies). Each row is an EntityRuler phrase (case-sensitive,
label ORG, the canonical name as id) and an alias giving the canonical name, kind and country.

Sports results write teams beside their scores ("Leeds 2 Arsenal 1", "Bayern Munich 2-1"):
the small model reads such a line as one organisation, score included, a team named after
its town as a place, or misses it. ``results_teams`` reads whole result and standings lines
("Chelsea 0 Southampton 0", "Newcastle 3 3 0 0 9 3 9"): their names are teams (ORG);
``split_scores`` cuts a name span at its score numbers and ``in_results`` makes a place
written between scores in a sentence a team. A country's name stays a place (GPE) in all
three: a national team is written as its country ("Norway 1 Brazil 2"), and CoNLL-2003, like
most NER guidelines, tags it as a location, a club named after its town as an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..records import Alias
from ..rulebook import RuleBook
from .datelines import is_dateline
from .place_tables import Places
from .places import countries_of

# "2", "2-1", "0-0": a score; a year ("1996") or a longer number is no score
_SCORE = re.compile(r"^\d{1,3}(?:[-–]\d{1,3})?$")
SCORE_LABELS = ("ORG", "GPE", "LOC", "FAC", "PERSON", "NORP")
# a team's name: capitalised words, with "and", "de", "of" inside ("Brighton and Hove Albion")
_TEAM = r"[A-Z][\w.'&-]*(?: (?:(?:and|de|of) )?[A-Z][\w.'&-]*)*"
# a line of results ("Aston Villa 2 Leicester 1", "(halftime 1-0)" may follow) or of a standings
# table (a name and four columns or more, percentages and games behind included); spaces are
# single (one regex pass per line, no backtracking across lines)
RESULT_LINE = re.compile(rf"^({_TEAM}) \d{{1,3}} ({_TEAM}) \d{{1,3}}(?: \([^()\n]*\))? ?$", re.M)
# a standings column: a count, a percentage (".561", "1.000"), games behind ("1/2", "5-1/2") or "-"
_COLUMN = r"(?:\d{1,3}|\d?\.\d{3}|\d{1,2}(?:-\d)?/\d|-)"
STANDINGS_LINE = re.compile(rf"^({_TEAM})(?: \d{{1,3}}){{2,}}(?: {_COLUMN}){{2,}} ?$", re.M)

# a wire story's sport slug starting a line: "CRICKET - ...", "RUGBY UNION - ..."
_SPORT_SLUG = re.compile(r"^([A-Z][A-Z ]{2,30}?) - ", re.M)
_DASHED_SCORE = re.compile(r"(?<![\d.-])\d{1,3}-\d{1,3}(?![\d.-])")
PLACE_TEAM_LABELS = ("GPE", "LOC", "FAC")
MAX_CAPS_WORD = 4  # the longest word in capitals a team's name beside a result verb may hold ("PSV", "CSKA")
_TEAM_SIDE_LABELS = {"", "GPE", "LOC", "FAC", "ORG", "NORP"}  # "": words the model did not tag
# words between a result verb and the team it names ("lost to", "drew with", "win over")
_RESULT_PREPOSITIONS = {"to", "with", "over", "against", "by"}  # not "at": a venue ("won 2-0 at Coventry")


GAZETTEER = "en/organisations.csv"
LEGAL_FORMS = "en/legal_forms.txt"
CLUB_PREFIXES = "en/club_prefixes.txt"
PLACE_PLURALS = "en/place_plurals.txt"
RESULT_VERBS = "en/result_verbs.txt"
# words a company's name may hold between capitalised words ("Cable and Wireless Plc")
_NAME_JOINERS = {"and", "&", "of", "de", "du", "der", "di", "la", "le"}
_MAX_NAME_WORDS = 6


def word_set(book: RuleBook, name: str) -> frozenset[str]:
    """A word list of ``models/`` in lower case without periods (legal forms: "ag", "spa"; club
    prefixes, place plurals, result verbs)."""
    return frozenset(line.lower().replace(".", "") for line in book.lines(name))


def legal_forms(book: RuleBook) -> frozenset[str]:
    """The legal forms of ``models/en/legal_forms.txt``, lower case without periods ("ag", "spa")."""
    return word_set(book, LEGAL_FORMS)


def is_legal_form(tok: Token, forms: frozenset[str]) -> bool:
    """A capitalised legal form ("AG", "S.p.A.", "Ltd.")."""
    return tok.text[:1].isupper() and tok.text.lower().replace(".", "") in forms


def legal_form_spans(doc: Doc, forms: frozenset[str], small_words: Collection[str] = (),
                     text: str | None = None) -> list[Span]:
    """Companies written with their legal form, as ORG: the capitalised words before a legal form
    and the form ("Siemens AG", "Broken Hill Proprietary Co Ltd", "Cable and Wireless Plc",
    "Rhone-Poulenc SA").

    The name runs back over at most six capitalised words (with "and", "&", "de" or a hyphen
    between two of them) to a lower-case word or punctuation; a first word among
    ``small_words`` ("The", "In") is left out, and so is a common plural noun and its "of" ("Shares of
    General Motors Corp"; the tagger tells it). Another legal form ends the name before it
    ("Philips NV and Akzo Nobel NV" are two), and so do a name tagged before "and" ("James Madison
    University and John Lewis Plc") and words of entities other than names (a date: "Monday
    Volvo AB"). ``text``: ``doc.text``, when the caller has it (spaCy joins the tokens on every read).
    """
    found: list[Span] = []
    # candidates from the text, not a walk over every token (spaCy makes a Token object per step)
    text = doc.text if text is None else text
    hits = sorted({t.i for m in _CAPITALISED.finditer(text) if m[0].lower().replace(".", "") in forms
                   and (t := _token_at(doc, m.start())) is not None})
    if not hits:
        return found
    ents = doc.ents  # a scan of the tokens on every access: once
    not_name = {i for e in ents if e.label_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT")
                for i in range(e.start, e.end)}
    name_ends = {e.end for e in ents}  # "James Madison University and John Lewis Plc": two names

    def word(i: int) -> bool:
        return i >= 0 and _capitalised(doc[i]) and i not in not_name and not is_legal_form(doc[i], forms)

    for k in hits:
        if k == 0 or not is_legal_form(doc[k], forms) or not word(k - 1) or (found and k < found[-1].end):
            continue
        end = k + 1
        while end < len(doc) and is_legal_form(doc[end], forms):  # "Co Ltd"
            end += 1
        start = k
        while start > 0 and k - start < _MAX_NAME_WORDS:
            prev = doc[start - 1]
            if word(start - 1) and prev.lower_ not in _NAME_JOINERS:
                start -= 1
            elif word(start - 2) and start - 1 not in name_ends and (prev.lower_ in _NAME_JOINERS or (
                    prev.text == "-" and not prev.whitespace_ and not doc[start - 2].whitespace_)):
                start -= 1
            else:
                break
        while start < k and (doc[start].lower_ in _NAME_JOINERS or doc[start].lower_ in small_words):
            start += 1  # a joiner or a small word starting the sentence ("The", "In")
        if start + 2 < k and doc[start].tag_ == "NNS" and doc[start + 1].lower_ == "of":
            start += 2  # a common plural before "of" starts no name: "Shares of General Motors Corp"
        if start < k:
            found.append(Span(doc, start, end, label="ORG"))
    return found


_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][\w.]*")


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token holding the character at ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(ch.isalpha() for ch in tok.text)


def load(book: RuleBook) -> list[dict[str, str]]:
    """The rows of the organisation gazetteer (name, canonical, kind, country_code)."""
    return book.rows(GAZETTEER, ("name", "canonical", "kind", "country_code"))


def ruler_patterns(book: RuleBook) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns: every name as written, label ORG, the canonical name as id."""
    return [{"label": "ORG", "pattern": r["name"], "id": r["canonical"]} for r in load(book)]


def aliases(book: RuleBook) -> dict[str, Alias]:
    """Name -> what it stands for, in the form of ``models/en/aliases.csv``."""
    return {r["name"]: Alias(r["canonical"], "ORG", r["kind"], r["country_code"]) for r in load(book)}


IsCountry = Callable[[str], bool]


def _never(name: str) -> bool:
    return False


def team_label(name: str, is_country: IsCountry = _never) -> str:
    """A team's label: GPE for a national team written as its country, else ORG."""
    return "GPE" if is_country(name) else "ORG"


def results_teams(doc: Doc, text: str, is_country: IsCountry = _never, ents: list[Span] | None = None,
                  sports: Collection[str] = ()) -> list[Span]:
    """The teams of the result and standings lines of ``doc`` (``text`` is ``doc.text``): ORG, or
    GPE for a country (``is_country``). In sports copy (a story headed by a sport's slug of
    ``sports``, or a text with a dashed score), the teams' other mentions among ``ents`` are
    the teams too ("two points behind leaders Liverpool" above "Liverpool 16 10 3 3 29 14 33")."""
    found = []
    for pattern in (RESULT_LINE, STANDINGS_LINE):
        for m in pattern.finditer(text):
            for g in range(1, (pattern.groups or 0) + 1):
                span = doc.char_span(m.start(g), m.end(g), label=team_label(m[g], is_country))
                if span is not None:
                    found.append(span)
    if not found or not ents or not sports_copy(text, sports):
        return found
    return found + other_mentions(found, ents, text)


def other_mentions(teams: list[Span], ents: list[Span], text: str) -> list[Span]:
    """The mentions among ``ents`` tagged as places that are written as one of the ORG ``teams``
    and lie outside them: the team again ("bowling Somerset out for 83"); not a dateline's city
    ("NEW YORK 1996-12-06" above "NEW YORK 10 6 .625 3"). ``text``: the document's."""
    names = {t.text.lower() for t in teams if t.label_ == "ORG"}
    if not names:
        return []
    taken = {i for t in teams for i in range(t.start, t.end)}
    return [Span(e.doc, e.start, e.end, label="ORG") for e in ents if e.text.lower() in names
            and e.label_ in PLACE_TEAM_LABELS and not taken.intersection(range(e.start, e.end))
            and not is_dateline(e, text)]


def is_score(text: str) -> bool:
    """A score as written in results: one to three digits, or two such joined by a dash."""
    return bool(_SCORE.match(text))


def split_scores(ent: Span, is_country: IsCountry = _never) -> list[Span]:
    """A name span cut at the scores inside or after it, each part a team (ORG, or GPE for a country).

    "Leeds 2 Arsenal 1" (one ORG) -> "Leeds", "Arsenal"; "Bayern Munich 2-1" -> "Bayern
    Munich". Only a number between two names or a dashed score at the end cuts: "Channel 4",
    "Route 66" and "7 Eleven" stay whole. A "product" is cut only at a dashed score at its end
    ("Leeds 2-0", which the small model reads as a product; not "Boeing 747 Jumbo").
    """
    product = ent.label_ == "PRODUCT"
    if (ent.label_ not in SCORE_LABELS and not product) or len(ent) < 2 or is_score(ent[0].text):
        return [ent]
    doc = ent.doc
    end = ent.end
    while end - ent.start >= 4 and is_score(f"{doc[end - 3].text}-{doc[end - 1].text}") and doc[end - 2].text in "-–":
        end -= 3  # "2-1" tokenised as three tokens; a tennis result's sets, "6-4 6-3"
    cuts = [t.i for t in doc[ent.start + 1:end] if is_score(t.text)
            and ((t.i + 1 < end and doc[t.i + 1].is_title and not product) or (t.i == ent.end - 1 and "-" in t.text))]
    if not cuts and end == ent.end:
        return [ent]
    parts, start = [], ent.start
    for cut in [*cuts, end]:
        stop = cut
        while stop > start and is_score(doc[stop - 1].text):  # "Arsenal 1": the final score goes too
            stop -= 1
        if stop > start:
            parts.append(Span(doc, start, stop, label=team_label(doc[start:stop].text, is_country), span_id=ent.id_))
        start = cut + 1
    return parts or [ent]


def sports_copy(text: str, sports: Collection[str]) -> bool:
    """Whether ``text`` is sports copy: a story headed by a sport's slug of ``sports``, or a text
    with a dashed score."""
    return bool(story_sports(text, sports) or _DASHED_SCORE.search(text))


def story_sports(text: str, sports: Collection[str]) -> set[str]:
    """The sports of ``sports`` whose slug heads a story of ``text`` ("CRICKET - ..."; after a
    league's name, "NBA BASKETBALL - ...", "NHL ICE HOCKEY - ..."), lower case; empty when the
    text is no sports story."""
    found = set()
    for m in _SPORT_SLUG.finditer(text):
        words = m[1].lower().split()
        found.update(next(([" ".join(words[k:])] for k in range(len(words)) if " ".join(words[k:]) in sports), []))
    return found


def result_sentence_teams(doc: Doc, text: str, ents: list[Span], verbs: Collection[str],
                          is_country: IsCountry = _never, given_names: Collection[str] = (),
                          sports: Collection[str] = (), events: Collection[str] = (),
                          individual: Collection[str] = ()) -> list[Span]:
    """The teams beside a result verb (``verbs``) on a line with a dashed score: "Leeds beat
    Arsenal 2-1", "Arsenal lost 2-1 to Leeds", "a 3-0 win over Leeds": ORG, GPE for a country
    (national teams stay places: "Brazil beat Norway 2-1"). In a story headed by a sport's slug
    ("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP"; sports in ``sports``) every line counts:
    "Leicestershire beat Somerset by an innings".

    A team is the run of up to four capitalised words right before the verb or right after it (a
    score and a preposition may stand between). The model often tags none of them, or a club
    named after its town as a place. Left alone: a run tagged as a person or anything but a
    place or organisation, a run starting with a given name ("Pete Sampras beat Jim Courier
    6-3 6-4"), a competition (a run ending in a word of ``events``: "won the Japanese Grand
    Prix"), the verb in a line without a score ("Ohio beat the deadline"), and every run of a
    story whose slugs all name sports of ``individual`` ("TENNIS - ...": "Pete Sampras beat Goran
    Ivanisevic", "MOTOR RACING - ...": "Damon Hill won"), whose competitors are people.
    """
    found: list[Span] = []
    slugs = story_sports(text, sports)
    if not verbs or not (slugs or _DASHED_SCORE.search(text)) or (slugs and slugs <= set(individual)):
        return found
    sports_story = bool(slugs)
    label_at = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    lines = ({0} | {m.end() for m in re.finditer(r"\n", text)} if sports_story
             else {text.rfind("\n", 0, m.start()) + 1 for m in _DASHED_SCORE.finditer(text)})
    for line_start in sorted(lines):
        line_end = text.find("\n", line_start)
        line = doc.char_span(line_start, len(text) if line_end < 0 else line_end, alignment_mode="contract")
        if line is None:
            continue
        for tok in line:
            if not (tok.is_lower and tok.lower_ in verbs):
                continue
            k = tok.i + 1
            while k < line.end and (is_score(doc[k].text) or doc[k].text in "-–"):
                k += 1
            if k < line.end and doc[k].lower_ in _RESULT_PREPOSITIONS:
                k += 1
            if k < line.end and doc[k].text == "the":  # "beat the Red Sox"
                k += 1
            for start, end in (run_before(doc, tok.i, line.start), _run_after(doc, k, line.end)):
                while start < end and doc[start].is_stop:  # "The Yankees beat ..."
                    start += 1
                labels = {label_at.get(i, "") for i in range(start, end)}
                if (start < end and labels <= _TEAM_SIDE_LABELS and doc[start].lower_ not in given_names
                        and doc[end - 1].lower_ not in events):
                    found.append(Span(doc, start, end, label=team_label(doc[start:end].text, is_country)))
    return found + other_mentions(found, ents, text)  # "bowling Somerset out for 83"


def club_cities(doc: Doc, text: str, ents: list[Span], names: dict[str, Alias], places: Places,
                sports: Collection[str] = ()) -> list[Span]:
    """A club of the gazetteer (an ORG of kind organisation with a country: not an agency, outlet
    or company) followed by a city of its own country is one team, as wire copy writes Dutch,
    Greek or Romanian clubs: "Ajax Amsterdam", "Feyenoord Rotterdam" (ORG). Only in
    a story headed by a sport's slug or on a line with a dashed score ("Ajax Amsterdam and
    Feyenoord drew 1-1"), so a news agency's city ("Reuters London") stays a place. ``names``:
    the gazetteers' names and their country codes (``Alias``)."""
    found: list[Span] = []
    sports_story = bool(story_sports(text, sports))
    if not (sports_story or _DASHED_SCORE.search(text)):
        return found
    for e in ents:
        alias = names.get(e.text) if e.label_ == "ORG" else None
        code = alias.country_code if alias is not None and alias.kind == "organisation" else ""
        if not code or e.end >= len(doc):
            continue
        end = _run_after(doc, e.end, len(doc))[1]
        if end == e.end or end - e.end > 2:
            continue
        line_start = text.rfind("\n", 0, e.start_char) + 1
        line_end = text.find("\n", e.end_char)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        if not (sports_story or _DASHED_SCORE.search(line)):
            continue
        if code in countries_of(doc[e.end:end].text, places):
            found.append(Span(doc, e.start, end, label="ORG", kb_id=e.kb_id, span_id=e.id_))
    return found


def _capitalised_word(tok: Token) -> bool:
    """A word of a team's name: capitalised, or a short one in capitals ("PSV Eindhoven", "AZ")."""
    return tok.is_alpha and (tok.is_title or (tok.is_upper and len(tok) <= MAX_CAPS_WORD))


def run_before(doc: Doc, end: int, low: int) -> tuple[int, int]:
    """The run of up to four capitalised words ending at ``end`` (not before ``low``)."""
    start = end
    while start > low and end - start < 4 and _capitalised_word(doc[start - 1]):
        start -= 1
    return start, end


def _run_after(doc: Doc, start: int, high: int) -> tuple[int, int]:
    end = start
    while end < high and end - start < 4 and _capitalised_word(doc[end]):
        end += 1
    return start, end


def _name_end(doc: Doc, k: int) -> int:
    """The end of the run of title-case words starting at token ``k``."""
    while k < len(doc) and doc[k].is_title:
        k += 1
    return k


def in_results(ent: Span, is_country: IsCountry = _never) -> Span:
    """A place, person or nationality written as a team in a result is an organisation: it is
    followed by a score, and either another name and its score follow ("Chelsea 3 Tottenham 2")
    or a name and its score come before ("... 3 Tottenham 2"). A number after a place alone
    ("Texas 21") is not enough; a country stays a place ("Norway 1 Brazil 2")."""
    doc = ent.doc
    if (ent.label_ not in ("GPE", "LOC", "PERSON", "NORP") or ent.end >= len(doc) or not is_score(doc[ent.end].text)
            or is_country(ent.text)):
        return ent
    nxt = ent.end + 2 if ent.end + 1 < len(doc) and doc[ent.end + 1].text == "," else ent.end + 1
    after = _name_end(doc, nxt)
    # "Texas 21, Oklahoma": a comma may stand after the score
    k = ent.start - 2 if ent.start >= 2 and doc[ent.start - 1].text == "," else ent.start - 1
    before = k >= 1 and is_score(doc[k].text) and doc[k - 1].is_title
    if (after > nxt and after < len(doc) and is_score(doc[after].text)) or before:
        return Span(doc, ent.start, ent.end, label="ORG", span_id=ent.id_)
    return ent
# labels a team's name may carry wrongly: a place or a person ("Miami Dolphins" GPE, "Real Kakamora" PERSON)
_TEAM_RELABELLED = ("GPE", "LOC", "PERSON", "FAC")


def _club_prefix(tok: Token, prefixes: Collection[str]) -> bool:
    """A word starting a club's name; a short form only in capitals ("AS Monaco", not "As")."""
    word = tok.text.replace(".", "")
    return word.lower() in prefixes and (word.isupper() or (len(word) > 3 and word.istitle()))


def team_span(ent: Span, prefixes: Collection[str], is_place: Callable[[str], bool],
              not_nicknames: Collection[str] = ()) -> Span | None:
    """The team or club a name the model read as a place or a person stands for, as ORG, else None.

    Either the name starts with a club's prefix ("Real Kakamora", "Maccabi Tel Aviv"; the
    prefixes written before the span join it: "FC" + "Spartak Trnava") and a capitalised word
    follows, or it is a known place and one or two capitalised words ending in a plural, the
    team's nickname ("Miami Dolphins", "San Jose Sharks", "Toronto Maple Leafs"). Not: a name
    that is a known place itself ("Sioux Falls"), a nickname among ``not_nicknames``, the plurals
    ending place names ("Germantown Hills", "Queensland Parks"), a "person" (given names are
    cities too, surnames end in s: "Paul Bowles", "Leigh Sales"), a nationality or party after a
    place ("Texas Republicans" is NORP, never relabelled).
    """
    if ent.label_ not in _TEAM_RELABELLED or len(ent) < 2 or not all(t.text[:1].isupper() for t in (ent[0], ent[-1])):
        return None
    doc, start = ent.doc, ent.start
    while start > 0 and _club_prefix(doc[start - 1], prefixes):
        start -= 1
    if start < ent.start or (_club_prefix(ent[0], prefixes) and ent[1].text[:1].isupper()):
        return Span(doc, start, ent.end, label="ORG", span_id=ent.id_)
    last = ent[-1]
    if (not (last.is_alpha and last.is_title and last.lower_.endswith("s") and not last.lower_.endswith("ss"))
            or last.lower_ in not_nicknames or is_place(ent.text)
            or ent.label_ == "PERSON"):
        return None
    if any(is_place(doc[ent.start:end].text) and all(t.is_title for t in doc[end:ent.end])
           for end in (ent.end - 1, ent.end - 2) if end > ent.start):
        return Span(doc, ent.start, ent.end, label="ORG", span_id=ent.id_)
    return None
