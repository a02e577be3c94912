"""Speakers' profiles: the title and organisation written before a person's name ("CMSA Director
General Wang Zhaoyao", "Republican front-runner Donald Trump") or in an appositive ("Yang Liwei,
... deputy director of China Manned Space Agency,"). A mixin of ``speakers.SpeakerResolver``, which
builds the indexes these read."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from ..entities import clean_name
from ..entities.linking import HONORIFICS
from ..entities.name_chains import HYPHENS
from .cues import subject_lost_to
from .speaker_rules import TITLE_POS


class Profiles:
    """Title and organisation look-ups over the indexes ``SpeakerResolver`` builds for one document."""

    doc: Doc
    acronyms: dict[str, str]
    _ent_at: dict[int, Span]
    _orgs: list[Span]
    _org_starts: list[int]

    def _org_of(self, tok: Token) -> str:
        ent = self._ent_at.get(tok.i)
        if ent is not None and ent.label_ == "ORG" and ent._.canonical:
            return str(ent._.canonical)
        return self.acronyms.get(tok.text, tok.text)

    def mention_profile(self, person: Span, span: Span) -> tuple[str, str]:
        """Title and organisation written before a name: "CMSA Director General Wang Zhaoyao",
        "front-runner Donald Trump", "Secretary of State Madeleine Albright"."""
        doc = person.doc
        run: list[Token] = []
        k = min(person.start, span.end) - 1
        while k >= span.start:
            t = doc[k]
            if run and k > span.start and _joins(t, doc[k - 1], run[0]):
                run[:0] = [doc[k - 1], t]  # "front-runner", "Secretary of State"
                k -= 2
                continue
            if t.is_punct or t.pos_ not in TITLE_POS or t.ent_type_ == "PERSON" or t.dep_ == "poss":
                break
            run.insert(0, t)
            k -= 1
        org_toks = [t for t in run if t.text in self.acronyms or t.ent_type_ == "ORG"]
        org = self._org_of(org_toks[-1]) if org_toks else ""
        kept = [t for t in run if t not in org_toks and t.lower_ not in HONORIFICS]
        return "".join(t.text_with_ws for t in kept).strip(" -–"), org

    def appositive_profile(self, person: Span) -> tuple[str, str]:
        """Title and organisation from an appositive: "Yang Liwei, ... deputy director of CMSA,"."""
        doc = person.doc
        for child in person.root.children:
            if child.dep_ != "appos" or subject_lost_to(child) is not None:
                continue
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            first = bisect_left(self._org_starts, lo)
            orgs = [e for e in self._orgs[first:bisect_left(self._org_starts, hi)] if e.end <= hi]
            if not orgs:
                return (child.text if child.pos_ == "NOUN" else ""), ""
            org = str(orgs[-1]._.canonical or clean_name(orgs[-1].text))
            # the appositive's noun, or its conjunct nearest before the organisation ("China's first
            # astronaut and deputy director of CMSA"), with the words before it ("a securities analyst
            # for the investment company Janney Montgomery Scott": not the words before the organisation)
            last = orgs[-1]
            noun = max((c for c in (child, *child.conjuncts) if c.i < last.start), key=lambda c: c.i, default=child)
            rules = doc._.entity_rules
            if any(e.start <= noun.i < e.end for e in orgs) or not _title_noun(noun, rules.titles if rules else ()):
                return "", org
            k = noun.i
            while k - 1 >= lo:
                t = doc[k - 1]
                if k - 2 >= lo and _joins(t, doc[k - 2], doc[k]):
                    k -= 2  # "globe-trotting secretary general", "former Secretary of State"
                elif t.pos_ in TITLE_POS and t.dep_ != "poss" and not any(e.start <= t.i < e.end for e in orgs):
                    k -= 1
                else:
                    break
            return doc[k:noun.i + 1].text, org
        return "", ""


def _joins(t: Token, before: Token, after: Token) -> bool:
    """Whether ``t`` joins the word ``before`` it to the title word ``after`` it: a hyphen inside a
    word ("front-runner"), or "of" between capitalised words ("Secretary of State")."""
    if t.text in HYPHENS:
        return not t.whitespace_ and not before.whitespace_ and before.is_alpha
    return t.lower_ == "of" and before.is_title and after.is_title and before.pos_ in TITLE_POS


def _title_noun(tok: Token, titles: Collection[str]) -> bool:
    """A noun that can be one person's title: singular, common ("analyst"), an acronym ("CEO") or
    a title of ``titles`` ("President"); not another capitalised word the parser took for an
    apposition ("Decision")."""
    return tok.tag_ in ("NN", "NNP") and (tok.pos_ == "NOUN" or tok.text.isupper() or tok.lower_ in titles)
