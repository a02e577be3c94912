"""Entities: spaCy components that make NER output consistent, canonical and coded.

``news_entities`` runs after the NER: it drops spans that cross a line break, learns
acronyms the article defines ("Full Name (ACR)"), gives every mention of a person's
surname the person's label and full name, and sets ``span._.canonical``, ``span._.kind``
and ``span._.country_code`` on every entity.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

for _name in ("canonical", "kind", "country_code"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default="")
if not Doc.has_extension("acronyms"):
    Doc.set_extension("acronyms", default=None)

LABEL_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "nationality", "GPE": "city or region",
               "LOC": "city or region", "FAC": "facility"}
AGENCY_WORDS = {"agency", "administration", "office", "ministry", "department", "commission", "council",
                "bureau", "authority", "nations", "parliament", "congress", "senate", "government"}
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s?)$")
# Full Name (ACR)  or  ACR (Full Name)
# Possessive word runs and a word-start lookbehind: a long run of capitals ("AAAA...") is
# scanned once, not once per start position and split every possible way (was quadratic and
# exponential: 8,000 capitals took 4 s).
ACRONYM_AFTER = re.compile(
    r"(?<![\w’'-])((?:[A-Z][\w’'-]*+\s+(?:(?:of|for|and|on|the|de|du)\s+)*){1,10})\(([A-Z][A-Z0-9&]{1,9})\)")
ACRONYM_BEFORE = re.compile(
    r"\b([A-Z][A-Z0-9&]{1,9})\s+\(((?:[A-Z][\w’'-]*+\s*(?:(?:of|for|and|on|the)\s+)*){2,10})\)")
FUNCTION_WORDS = {"of", "for", "and", "on", "the", "de", "du"}


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    label: str
    kind: str
    country_code: str


@lru_cache(maxsize=4)
def load_aliases(path: Path) -> dict[str, Alias]:
    """Variant -> canonical name table (models/en/aliases.csv)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["variant"]: Alias(r["canonical"], r["label"], r["kind"], r["country_code"]) for r in rows}


def clean_name(text: str) -> str:
    """A mention without a leading article, possessive or outer spaces."""
    return _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).strip()


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


@Language.factory(
    "news_entities",
    assigns=["doc.ents", "span._.canonical", "span._.kind", "span._.country_code"],
    requires=["doc.ents"],
    default_config={"models_dir": "models"},
)
def make_news_entities(nlp: Language, name: str, models_dir: str) -> NewsEntities:
    return NewsEntities(load_aliases(Path(models_dir) / "en" / "aliases.csv"))


class NewsEntities:
    """Consistent labels, canonical names, kinds and country codes within one document."""

    def __init__(self, aliases: dict[str, Alias]) -> None:
        self.aliases = aliases

    def __call__(self, doc: Doc) -> Doc:
        acronyms = learn_acronyms(doc.text)
        doc._.acronyms = acronyms
        ents = [e for e in doc.ents if "\n" not in e.text and e.text.strip()]
        full_labels = {clean_name(e.text): e.label_ for e in ents}
        ents = [self._relabel_acronym(e, acronyms, full_labels) for e in ents]
        ents = self._link_surnames(doc, ents)
        doc.ents = filter_spans(ents)
        people = surname_index(doc.ents)
        for ent in doc.ents:
            self._describe(ent, acronyms, people)
        return doc

    @staticmethod
    def _relabel_acronym(ent: Span, acronyms: dict[str, str], full_labels: dict[str, str]) -> Span:
        full = acronyms.get(ent.text)
        if full is None:
            return ent
        label = full_labels.get(full, "ORG")
        return ent if ent.label_ == label else Span(ent.doc, ent.start, ent.end, label=label)

    @staticmethod
    def _link_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
        """A lone surname of a person named in full takes the PERSON label, tagged or not."""
        surnames = set(surname_index(ents))
        out = [e if not (len(e) == 1 and e.text in surnames) else Span(doc, e.start, e.end, label="PERSON")
               for e in ents]
        covered = {i for e in out for i in range(e.start, e.end)}
        for tok in doc:
            if tok.text in surnames and tok.i not in covered and tok.pos_ == "PROPN":
                out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
        return out

    def _describe(self, ent: Span, acronyms: dict[str, str], people: dict[str, list[Span]]) -> None:
        name = clean_name(ent.text)
        alias = self.aliases.get(ent.text) or self.aliases.get(name)
        if ent.label_ == "PERSON":
            ent._.canonical = full_name(ent, people)
            ent._.kind = "person"
            return
        if alias is not None:
            ent._.canonical, ent._.kind, ent._.country_code = alias.canonical, alias.kind, alias.country_code
            return
        canonical = acronyms.get(name, name)
        ent._.canonical = canonical
        code = country_code(canonical) if ent.label_ == "GPE" else ""
        ent._.country_code = code
        if code:
            ent._.kind = "country"
        elif ent.label_ == "ORG" and AGENCY_WORDS & {w.lower() for w in canonical.split()}:
            ent._.kind = "agency"
        else:
            ent._.kind = LABEL_KINDS.get(ent.label_, ent.label_.lower())


def surname_index(ents: tuple[Span, ...] | list[Span]) -> dict[str, list[Span]]:
    """Family name -> the multi-token PERSON mentions carrying it, in text order.

    Both the last token (Michael Krepon) and the first (Wang Zhaoyao, family name
    first) are indexed; a lone name matching a last token is looked up first.
    """
    index: dict[str, list[Span]] = {}
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2:
            index.setdefault(e[-1].text, []).append(e)
    for e in ents:
        if e.label_ == "PERSON" and len(e) >= 2 and e[0].text not in index and e[0].is_title:
            index.setdefault(e[0].text, []).append(e)
    return index


def full_name(ent: Span, people: dict[str, list[Span]]) -> str:
    """The full name for a person mention: a lone surname takes the closest full mention
    before it (after it when none precedes); two people sharing a surname stay apart."""
    name = clean_name(ent.text)
    if len(ent) >= 2:
        return name
    fulls = people.get(ent[-1].text, [])
    before = [f for f in fulls if f.start < ent.start]
    pick = before[-1] if before else (fulls[0] if fulls else None)
    return clean_name(pick.text) if pick is not None else name


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    kind: str
    title: str
    org: str


class PeopleIndex:
    """Resolves a speaker mention to a full name, with the title and organisation.

    Lookups go through indexes built once (``doc.ents`` builds a new tuple on every
    access, and scanning it per mention was quadratic: hours for 1 MB of quotes by named
    speakers). Entities do not overlap, so at most one covers a token.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        ents = doc.ents
        self.persons = [e for e in ents if e.label_ == "PERSON"]
        self._person_starts = [e.start for e in self.persons]
        self._person_end_chars = [e.end_char for e in self.persons]
        self._ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        self._orgs = [e for e in ents if e.label_ == "ORG"]
        self._org_starts = [e.start for e in self._orgs]
        self.profiles: dict[str, tuple[str, str]] = {}
        for e in self.persons:
            title, org = self._mention_profile(e.doc[max(0, e.start - 6):e.end], e)
            if not (title or org):
                title, org = _appositive_profile(e, self._orgs, self._org_starts)
            name = e._.canonical or clean_name(e.text)
            if (title or org) and name not in self.profiles:
                self.profiles[name] = (title, org)

    def _org_at(self, i: int) -> Span | None:
        ent = self._ent_at.get(i)
        return ent if ent is not None and ent.label_ == "ORG" else None

    def _mention_profile(self, span: Span, person: Span) -> tuple[str, str]:
        """Title and organisation written before a name: "CMSA Director General Wang Zhaoyao"."""
        before = [t for t in span if t.i < person.start]
        # keep only the run of compound/title tokens attached right before the name
        run: list = []
        for t in reversed(before):
            if t.is_punct or t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                break
            run.insert(0, t)
        acronyms = span.doc._.acronyms or {}
        org_toks = [t for t in run if t.text in acronyms or self._org_at(t.i) is not None]
        org = ""
        if org_toks:
            ent = self._org_at(org_toks[-1].i)
            org = ent._.canonical if ent is not None and ent._.canonical else acronyms.get(org_toks[-1].text, org_toks[-1].text)
        title_toks = [t for t in run if t not in org_toks]
        return " ".join(t.text for t in title_toks), org

    def resolve(self, mention: Span) -> Who:
        # the first person starting inside the mention; a later one ends later still
        k = bisect.bisect_left(self._person_starts, mention.start)
        person = self.persons[k] if k < len(self.persons) and self.persons[k].end <= mention.end else None
        if person is not None:
            name = person._.canonical or clean_name(person.text)
            title, org = self._mention_profile(mention, person)
            ptitle, porg = self.profiles.get(name, ("", ""))
            return Who(name, "person", title or ptitle, org or porg)
        if len(mention) == 1 and mention[0].lower_ in ("he", "she"):
            k = bisect.bisect_right(self._person_end_chars, mention.start_char)
            if k:
                name = self.persons[k - 1]._.canonical or clean_name(self.persons[k - 1].text)
                ptitle, porg = self.profiles.get(name, ("", ""))
                return Who(name, "pronoun-resolved", ptitle, porg)
            return Who("", "pronoun", "", "")
        root = mention.root
        org = self._ent_at.get(root.i)
        if org is not None and org.label_ in ("ORG", "GPE", "NORP"):
            return Who(org._.canonical or clean_name(org.text), "organisation", "", "")
        return Who("", "description", root.lemma_ if root.pos_ == "NOUN" else "", "")


def _appositive_profile(person: Span, all_orgs: list[Span], org_starts: list[int]) -> tuple[str, str]:
    """Title and organisation from an appositive: "Yang Liwei, ... deputy director of CMSA,".

    ``all_orgs`` are the document's ORG entities in order, ``org_starts`` their starts.
    """
    for child in person.root.children:
        if child.dep_ != "appos":
            continue
        lo, hi = child.left_edge.i, child.right_edge.i + 1
        orgs = [e for e in all_orgs[bisect.bisect_left(org_starts, lo):bisect.bisect_left(org_starts, hi)]
                if e.end <= hi]
        org = orgs[-1]._.canonical if orgs else ""
        if orgs:
            of = orgs[-1].start - 1
            toks = []
            k = of - 1
            while k >= child.left_edge.i and person.doc[k].pos_ in ("NOUN", "ADJ", "PROPN") and person.doc[k].dep_ != "poss":
                toks.insert(0, person.doc[k].text)
                k -= 1
            return " ".join(toks), org
        return child.text, ""
    return "", ""
