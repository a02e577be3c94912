"""Entities: spaCy components that make NER output consistent, canonical and coded.

``news_entities`` runs after the NER and the ``news_ruler`` gazetteer. Per document it:

1. re-tags ALL-CAPS headline lines from a title-cased copy (the small model reads
   capitals as acronyms);
2. repairs span edges: quote marks and brackets, a leading "the", a trailing possessive,
   titles swallowed into a person's name ("Director General Wang Zhaoyao");
3. splits spans at a spaced separator ("Tanith Belbin / Benjamin Agosto");
4. learns acronyms the article defines ("Full Name (ACR)", "ACR (Full Name)") and marks
   every written full name as one entity;
5. fixes labels: known places and head words ("... University", "... River") from
   ``models/``, a single label per name within the document, a person's surname is a
   person, words of a title-case line that the article writes in lower case elsewhere are
   not names ("Deterrence"); names the model did not tag as persons are persons
   (``name_chains``: "Rahm Emanuel");
6. sets ``span._.canonical``, ``span._.kind``, ``span._.country_code`` and, for compounds
   naming several countries ("Sino-American"), ``span._.countries``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...records import Alias
from ...rulebook import FromRuleBook, RuleBook
from .. import orgs
from .. import places as places_mod
from .acronyms import country_code, full_name_spans, head_defined, learn_acronyms
from .companies import appositive_spans, company_spans
from .headlines import (
    body_casing,
    common_word,
    dateline_places,
    entities_only,
    headline_lines,
    is_table_header,
    lower_stems,
    true_case,
)
from .linking import link_surnames, person_canonicals, place_surnames
from .merging import lone_orgs_again, merge_of_names, merge_qualified_places, orgs_written_again, replace_overlapping
from .name_chains import common_english, descriptor_first, given_name_first, name_chains
from .names import (
    clean_name,
    extend_name_suffix,
    head_of,
    head_word,
    in_title,
    is_lower_case_name,
    one_label_per_name,
    respan,
    split_name_lists,
    split_span,
    trim_span,
)
from .relatives import kin_persons
from .rules import (
    CODED_LABELS,
    LABEL_KINDS,
    NAME_LABELS,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    POSSESSIVES,
    TITLE_SMALL_WORDS,
    Head,
    Rules,
    _rules_of,
    country_canonical,
)
from .sports import sports_entities


@Language.factory(
    "news_entities",
    assigns=["doc.ents", "span._.canonical", "span._.kind", "span._.country_code", "span._.region",
             "span._.countries"],
    requires=["doc.ents"],
    default_config={"models_dir": ""},
)
def make_news_entities(nlp: Language, name: str, models_dir: str) -> NewsEntities:
    """``models_dir``: the rules folder, empty for the project's ``models/`` (``initialize(rules=book)``
    hands the component a rule book instead)."""
    return NewsEntities(None, nlp, source=models_dir)


class NewsEntities(FromRuleBook):
    """Consistent labels, canonical names, kinds and country codes within one document."""

    def __init__(self, rules: Rules | None = None, nlp: Language | None = None, *, source: str = "") -> None:
        self.nlp = nlp
        self._source = source
        self._rules = rules
        if rules is not None:
            self._derive(rules)

    def _load(self, book: RuleBook) -> None:
        self._rules = _rules_of(book)
        self._derive(self._rules)

    def _derive(self, rules: Rules) -> None:
        self.aliases = rules.aliases
        self.codes = {v: a.country_code for v, a in rules.aliases.items() if a.country_code and a.kind == "country"}
        self.lower_aliases = {v.lower(): a for v, a in rules.aliases.items()}
        self.place_heads = frozenset(h for h, x in rules.heads.items() if x.label in PLACE_LABELS)  # county, lake
        self.not_nicknames = rules.place_plurals | self.place_heads
        self.features = frozenset(h for h, x in rules.heads.items() if x.label == "LOC")  # lake, river, bay
        self.org_heads = frozenset(h for h, x in rules.heads.items() if x.label == "ORG")  # party, agency
        self.org_nouns = rules.org_nouns | self.org_heads  # "Teck, the mining company": an organisation
        # given names that start a name in a capitals line ("ANN COULTER"; not "BILL PASSES")
        self.rare_given = frozenset(rules.given_names) - common_english()
        # more given names that widen a lone family name after them ("said Paloma Wu", the model
        # tagging "Wu"): the wider gender table, less the most frequent English words ("April")
        self.first_names = frozenset(rules.genders) - common_english()
        self.events = frozenset(h for h, x in rules.heads.items() if x.label == "EVENT")  # cup, open: no team
        self.not_in_names = frozenset(rules.heads) | rules.legal_forms  # words no person's name holds

    @property
    def rules(self) -> Rules:
        rules: Rules = self._derived("_rules")
        return rules

    def __call__(self, doc: Doc) -> Doc:
        self.rules  # noqa: B018  (the rules are read on first use)
        text = doc.text  # spaCy builds it from the tokens on every access: read it once
        acronyms = learn_acronyms(text)
        acronyms.update(head_defined(text, self.org_heads, acronyms))
        doc._.acronyms = acronyms
        doc._.entity_rules = self.rules
        ents = [e for e in doc.ents if "\n" not in e.text and e.text.strip()]
        ents = self._retag_caps_lines(doc, text, ents, acronyms)
        ents = replace_overlapping(ents, dateline_places(doc, text, self.rules.sports, self._is_place))
        ents = replace_overlapping(ents, orgs.legal_form_spans(doc, self.rules.legal_forms, TITLE_SMALL_WORDS, text))
        ents = split_name_lists([p for e in ents for p in split_span(e)], self.rules.given_names)
        ents = [t for e in ents if (t := trim_span(e, self.rules.titles, self.rules.name_prefixes)) is not None]
        ents = [e for e in ents if not in_title(e, self.rules.titles, self.rules.portfolios)]
        ents = [extend_name_suffix(e, self.rules.name_suffixes) for e in ents]
        ents = [self._jurisdiction_of_title(e) for e in ents]
        ents = [e for e in ents if not is_lower_case_name(e) and clean_name(e.text).lower() not in self.rules.sports]
        ents = replace_overlapping(ents, full_name_spans(doc, text, acronyms))
        ents = [self._relabel(e) for e in ents]
        ents = merge_of_names(ents, self.rules)
        ents = merge_qualified_places(ents, self.rules)
        ents = sports_entities(doc, text, ents, self.rules, self.events)  # teams, players, scorers
        ents = self._split_headline_names(text, ents)
        ents = self._drop_common_words(doc, text, ents)
        ents = replace_overlapping(ents, orgs_written_again(doc, text, ents))
        companies = company_spans(doc, text, ents, self.rules.company_nouns, self._is_place)  # "Boots shares"
        companies += appositive_spans(doc, ents, self.org_nouns, self.rules.given_names, self._is_place,
                                      self.place_heads)  # "Teck, the Canadian mining company,"
        ents = replace_overlapping(ents, companies)
        ents = one_label_per_name(ents, self.rules.heads, text, {clean_name(c.text) for c in companies})
        ents = place_surnames(ents, self._unknown_place, self.rules.heads)
        full_labels = {clean_name(e.text): e.label_ for e in ents}
        ents = [self._relabel_acronym(e, acronyms, full_labels) for e in ents]
        ents = link_surnames(doc, ents, common_english(), text)
        ents = replace_overlapping(ents, kin_persons(doc, ents, self.rules.kin_nouns))
        chains = name_chains(doc, ents, self.rules.given_names, self.rules.titles, self.not_in_names,
                             self.rules.speech_verbs)
        if chains:  # persons the model did not tag as persons, and their lone surnames
            ents = link_surnames(doc, replace_overlapping(ents, chains), common_english(), text)
        ents = descriptor_first(text, given_name_first(ents, self.rules.given_names, self.first_names),
                                self.rules.given_names)
        ents += lone_orgs_again(doc, ents, common_english(), self.rules.given_names)
        doc.ents = filter_spans(ents)
        final = doc.ents  # spaCy builds this tuple from the tokens' tags on every access: once
        people = person_canonicals(final)
        context = places_mod.document_country(
            [self._alias_name(e) for e in final if e.label_ == "GPE"], self.rules.places)
        for ent, near in zip(final, self._listed_places(final), strict=True):
            self._describe(ent, acronyms, people,
                           places_mod.local_context(clean_name(ent.text), near, context, self.rules.places))
            if ent.label_ in CODED_LABELS:
                ent._.region = places_mod.region_of(ent._.canonical, ent._.country_code, self.rules.places) or (
                    "" if ent._.country_code or ent.label_ == "NORP"
                    else places_mod.feature_region(ent._.canonical, self.rules.places, self.features))
        return doc

    def _listed_places(self, ents: tuple[Span, ...] | list[Span]) -> list[list[str]]:
        """For each entity, the places listed right beside it ("Georgia and Ukraine", "A, B"):
        the GPE before and after it with at most two words between (a comma, "and")."""
        near: list[list[str]] = [[] for _ in ents]
        for k in range(len(ents) - 1):
            a, b = ents[k], ents[k + 1]
            if a.label_ == b.label_ == "GPE" and b.start - a.end <= 2:
                near[k].append(self._alias_name(b))
                near[k + 1].append(self._alias_name(a))
        return near

    def _alias(self, name: str) -> Alias | None:
        """The alias row of a name as written, or in capitals of one ("BOSNIA" heading a story)."""
        return self.aliases.get(name) or (self.lower_aliases.get(name.lower()) if name.isupper() else None)

    def _alias_name(self, ent: Span) -> str:
        """A place's name, the alias table's canonical one when it has one ("U.S." -> United States)."""
        name = clean_name(ent.text)
        alias = self.aliases.get(name)
        return alias.canonical if alias is not None else name

    def _is_place(self, name: str, cities: bool = True) -> bool:
        """A name the place gazetteers know, in any case ("MEXICO CITY", "Tallahassee"); a city's
        name only with ``cities``."""
        key = name.strip().lower()
        return ((cities and key in self.rules.places.cities) or bool(places_mod.lookup(key, self.rules.places)[1])
                or (key in self.lower_aliases and self.lower_aliases[key].label in PLACE_LABELS))

    def _unknown_place(self, name: str) -> bool:
        """A name no gazetteer knows as a place (no city, region, county, alias or world region)."""
        return not self._is_place(name) and not places_mod.place_code(name, self.rules.places)[1]

    def _retag_caps_lines(self, doc: Doc, text: str, ents: list[Span], acronyms: dict[str, str]) -> list[Span]:
        """Entities of ALL-CAPS lines found again in a copy of the line cased as the article's body
        writes its words (``true_case``)."""
        if self.nlp is None:
            return ents
        lines = list(headline_lines(text)[1])
        if not lines:
            return ents
        keep = set(acronyms) | {v for v in self.aliases if v.isupper()}
        # a sport's slug in lower case: "SOCCER - JAPAN GET LUCKY WIN" as "soccer - Japan get lucky win"
        # (in capitals or headline case the model reads the slug into the first name, or misses it)
        cased = {**body_casing(doc, lines), **{w: w for sport in self.rules.sports for w in sport.split()}}
        lowered = lower_stems(cased)

        def is_name(word: str) -> bool:  # no city named as a common word alone: "CHINA IN SURPRISE DEFEAT"
            return self._is_place(word, " " in word or not common_word(word)) or word.lower() in self.lower_aliases
        cased_lines = [true_case(text[s:e], keep, cased, is_name, lowered, self.rare_given) for s, e in lines]
        found = []
        for (s, e), line_doc in zip(lines, entities_only(self.nlp, cased_lines, before="news_entities"), strict=True):
            for le in () if is_table_header(text[s:e]) else line_doc.ents:  # "W L PCT GB": no "W L"
                span = doc.char_span(s + le.start_char, s + le.end_char, label=le.label_, span_id=le.id_)
                if span is not None:
                    found.append(span)
        starts = [s for s, _ in lines]

        def in_caps_line(x: Span) -> bool:
            k = bisect_right(starts, x.start_char) - 1
            return k >= 0 and x.end_char <= lines[k][1]
        return [x for x in ents if not in_caps_line(x)] + found

    def _jurisdiction_of_title(self, ent: Span) -> Span:
        """A "person" ending in a title after a known place ("Charlotte Mayor", "Texas Governor")
        is that place. Other names ending in a title word are left alone: King, Lord and Justice
        are surnames too ("Larry King", "Jim Justice")."""
        if ent.label_ != "PERSON" or len(ent) < 2 or ent[-1].lower_.rstrip(".") not in self.rules.titles:
            return ent
        end = ent.end - 1
        while end > ent.start and ent.doc[end - 1].lower_.rstrip(".") in self.rules.titles:
            end -= 1
        if end == ent.start:
            return ent
        code, _ = places_mod.lookup(ent.doc[ent.start:end].text, self.rules.places)
        return respan(ent, ent.start, end, "GPE") if code else ent

    def _relabel(self, ent: Span) -> Span:
        """Known places and head words give the label the small model missed."""
        if ent.label_ not in NAME_LABELS or ent.id_:
            return ent
        name = clean_name(ent.text)
        alias = self._alias(name)
        if alias is not None and alias.label != ent.label_:  # "BOSNIA - ..." heading a story: a place
            return respan(ent, ent.start, ent.end, alias.label)
        team = orgs.team_span(ent, self.rules.club_prefixes, self._is_place, self.not_nicknames)
        if team is not None:  # "Miami Dolphins", "FC Spartak Trnava"
            return team
        code, kind = places_mod.lookup(name, self.rules.places)
        if kind in ("country", "city or region") and ent.label_ in ("PERSON", "ORG", "NORP"):
            return respan(ent, ent.start, ent.end, "GPE")
        if kind == "nationality" and ent.label_ in ("PERSON", "ORG", "GPE"):
            return respan(ent, ent.start, ent.end, "NORP")
        head = self.rules.heads.get(head_word(ent))
        if head is not None and len(ent) >= 2 and head.label != ent.label_ and not self._named_like_head(ent):
            return respan(ent, ent.start, ent.end, head.label)
        if self._given_name_first(ent, head):
            return respan(ent, ent.start, ent.end, "PERSON")
        if ent.label_ == "PERSON" and self._after_place_word(ent):
            return respan(ent, ent.start, ent.end, "GPE")
        return ent

    def _named_like_head(self, ent: Span) -> bool:
        """A person of a given name and a family name that is a head word: "John Tower", not "Trump Tower"."""
        return ent.label_ == "PERSON" and len(ent) == 2 and ent[0].lower_ in self.rules.given_names

    def _given_name_first(self, ent: Span, head: Head | None) -> bool:
        """An "organisation" of two or three capitalised words starting with a given name and
        without a head word or legal form is a person ("Carly Fiorina", "Jeff Weaver"); so is a
        GPE or LOC of such words no gazetteer knows ("Beverly Perdue"). Not a facility ("Victoria
        Park", "Thomas Robinson Stadium") nor one word ("Brittany, France")."""
        if ent.label_ not in ("ORG", "GPE", "LOC") or not 2 <= len(ent) <= 3:
            return False
        return (head is None and ent[0].is_title and ent[0].lower_ in self.rules.given_names
                and all(t.is_title for t in ent) and ent[-1].lower_.replace(".", "") not in self.rules.legal_forms
                and (ent.label_ == "ORG" or self._unknown_place(clean_name(ent.text))))

    @staticmethod
    def _after_place_word(ent: Span) -> bool:
        """A person is not "in" or "near" somewhere: "moved to Moheda", "born in Larissa"."""
        if ent.start == 0:
            return False
        prev = ent.doc[ent.start - 1]
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        possessive = after is not None and after.text in POSSESSIVES
        return prev.lower_ in PLACE_PREPOSITIONS and prev.is_lower and not possessive

    def _split_headline_names(self, text: str, ents: list[Span]) -> list[Span]:
        """A headline's name span holding names the body tags is those names, with the body's labels.

        A headline-cased or ALL-CAPS line runs names and words together ("Hillary Clinton Slams
        Donald Trump", "Donald Trump Just Revealed"): when the body names "Hillary Clinton" and
        "Donald Trump", the span is cut into them and the words between go. A given name before a
        family name the body writes alone stays with it ("Hillary Clinton Goes After" is "Hillary
        Clinton" when the body says "Clinton"). A span the body tags as it is, a gazetteer name
        and a name holding a head word ("New York Times Poll") stay whole.
        """
        heads = sorted(set(headline_lines(text)[0]) | set(headline_lines(text)[1]))
        if not heads:
            return ents
        starts = [s for s, _ in heads]

        def in_head(x: Span) -> bool:
            k = bisect_right(starts, x.start_char) - 1
            return k >= 0 and x.end_char <= heads[k][1]
        votes: dict[str, Counter[str]] = {}
        for e in ents:
            if e.label_ in NAME_LABELS and not in_head(e):
                votes.setdefault(clean_name(e.text).lower(), Counter())[e.label_] += 1
        body = {name: c.most_common(1)[0][0] for name, c in votes.items()}
        if not body:
            return ents
        out: list[Span] = []
        for e in ents:
            if (e.label_ not in NAME_LABELS or len(e) < 2 or e.id_ or not in_head(e)
                    or clean_name(e.text).lower() in body or any(t.lower_ in self.rules.heads for t in e[1:])):
                out.append(e)
                continue
            parts: list[Span] = []
            k = e.start
            while k < e.end:
                for j in range(e.end, k, -1):
                    label = body.get(e.doc[k:j].text.lower())
                    if label is not None:
                        given = (label == "PERSON" and j - k == 1 and k > max(e.start, parts[-1].end if parts else 0)
                                 and e.doc[k - 1].lower_ in self.rules.given_names)
                        parts.append(respan(e, k - given, j, label))
                        k = j
                        break
                else:
                    k += 1
            out.extend(parts or [e])
        return out

    def _drop_common_words(self, doc: Doc, text: str, ents: list[Span]) -> list[Span]:
        """Names in headline-cased lines, without the words the article writes in lower case elsewhere.

        A one-word name goes ("Deterrence"); a longer one loses such words at its end, where
        a headline's verb follows its subject ("Obama Says" -> "Obama", "Hillary Asking
        Moderator" -> "Hillary"). A head word ends the trimming ("Black Caucus Foundation"
        stays), and a name the body tags too ("White House"), a place and a gazetteer name
        stay whole.
        """
        titled = list(headline_lines(text)[0])
        if not titled:
            return ents
        starts = [s for s, _ in titled]

        def in_title_line(char: int) -> bool:
            """Binary search: a document of many headline lines must not be scanned once per token."""
            k = bisect_right(starts, char) - 1
            return k >= 0 and char < titled[k][1]

        body_lower = [t for t in doc if t.is_lower and not in_title_line(t.idx)]
        lower_words = {t.text for t in body_lower}
        # verbs the body writes in another form: a headline's "Says" when the body has "said"
        lower_verbs = {t.lemma_ for t in body_lower if t.pos_ in ("VERB", "AUX")}
        # a name the body also tags is a name ("Trump" in a headline and in the text)
        named_in_body = {e.text for e in ents if not in_title_line(e.start_char)}

        def common(tok: Token) -> bool:
            """A whole word the body writes in lower case (a verb in any form: "Says" after
            "said"), and no head word of a name."""
            word = tok.lower_
            known = word in lower_words or (word.endswith("s") and word[:-1] in lower_verbs)
            return (known and word not in TITLE_SMALL_WORDS
                    and tok.lower_ not in self.rules.heads and (tok.i == 0 or bool(doc[tok.i - 1].whitespace_)))

        def trimmed(ent: Span) -> Span | None:
            if (ent.label_ not in NAME_LABELS or ent.id_ or not in_title_line(ent.start_char)
                    or ent.text in named_in_body or places_mod.lookup(ent.text, self.rules.places)[0]):
                return ent
            end = ent.end
            while end > ent.start and common(doc[end - 1]):
                end -= 1
            if end == ent.start:
                return None
            return ent if end == ent.end else respan(ent, ent.start, end)
        return [t for e in ents if (t := trimmed(e)) is not None]

    @staticmethod
    def _relabel_acronym(ent: Span, acronyms: dict[str, str], full_labels: dict[str, str]) -> Span:
        full = acronyms.get(ent.text)
        if full is None:
            return ent
        label = full_labels.get(full, "ORG")
        return ent if ent.label_ == label else respan(ent, ent.start, ent.end, label)

    def _describe(self, ent: Span, acronyms: dict[str, str], people: dict[int, str], context: str = "") -> None:
        name = clean_name(ent.text)
        if ent.label_ == "PERSON":
            ent._.canonical = people.get(ent.start, name)
            ent._.kind = "person"
            return
        canonical = ent.id_ or acronyms.get(name) or acronyms.get(ent.text) or name
        alias = self._alias(ent.text) or self._alias(name) or self.aliases.get(canonical)
        if alias is not None:
            ent._.canonical, ent._.kind, ent._.country_code = alias.canonical, alias.kind, alias.country_code
            return
        ent._.canonical = canonical
        if ent.label_ in CODED_LABELS:
            code, kind = "", ""
            if ent.label_ in ("GPE", "LOC"):  # cities too, and the article's country decides a shared name
                code, kind = places_mod.place_code(canonical, self.rules.places, context)
            if not kind:
                code, kind = places_mod.lookup(canonical, self.rules.places)
            if not code and ent.label_ == "GPE" and (iso := country_code(canonical)):
                code, kind = iso, "country"
            if code or kind == "world region":
                ent._.country_code, ent._.kind = code, kind
                return
            compound = places_mod.compound_codes(canonical, self.rules.places, self.codes)
            if compound:  # "Sino-American", "U.S.-China": one row per country downstream
                ent._.countries = [(self._country_name(c), c) for c in compound]
                ent._.country_code = compound[0]
                ent._.kind = "nationality" if ent.label_ == "NORP" else "country"
                return
        head = self.rules.heads.get(head_of(canonical))
        if ent.label_ == "ORG" and head is not None and head.label == "ORG":
            ent._.kind = head.kind
        elif ent.label_ == "ORG" and len(ent) > 1 and ent[-1].text.lower().replace(".", "") in self.rules.legal_forms:
            ent._.kind = "company"
        else:
            ent._.kind = LABEL_KINDS.get(ent.label_, ent.label_.lower())

    def _country_name(self, code: str) -> str:
        """The canonical name of a country: the alias table's, else countryinfo's common name."""
        return country_canonical(code, self.rules)
