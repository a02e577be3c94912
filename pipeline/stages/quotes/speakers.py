"""Speakers: a speaker mention at an attribution, resolved to a full name with its title
and organisation.

``SpeakerResolver`` reads the entities ``news_entities`` left on the ``Doc`` (PERSON
spans with ``span._.canonical``, ``doc._.acronyms``). A named person is the canonical name
the entities gave that mention: who a lone or shared family name, "Mrs. Clinton" or "Le Pen"
is, the entity stage decides (``entities.person_canonicals``), so a speaker is written as the
entities table writes that person. A pronoun takes the most recent compatible person before
it; a title ("the mayor") takes the person introduced earlier with that title; an
organisation keeps its canonical name; anything else is an unnamed description and stays
empty rather than guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..entities import clean_name, family_name
from ..entities.linking import HONORIFICS, person_name
from ..entities.rules import SUBJECT_DEPS, gender_of
from .mentions import antecedent, hyphen_prefixed, in_modifier, named_by, state_country
from .org_speakers import OrgSpeakers
from .profiles import Profiles
from .speaker_rules import ORG_LABELS, PERSON_PRONOUNS, SpeakerRules, Who, _Person


class SpeakerResolver(OrgSpeakers, Profiles):
    """Resolves speaker mentions of one document; build once per ``Doc``."""

    def __init__(self, doc: Doc, speaker_rules: SpeakerRules | None = None,
                 quoted: list[bool] | None = None, ents: Sequence[Span] | None = None) -> None:
        self.doc = doc
        self._quoted = quoted if quoted is not None else [False] * len(doc)
        rules = speaker_rules if speaker_rules is not None else SpeakerRules()  # empty lists by default
        self.groups, self.given, self.roles = rules.groups, rules.given, rules.roles
        self.org_roles, self.authoring, self.documents = rules.org_roles, rules.authoring, rules.documents
        self.states, self.local, self.units = rules.states, rules.local, rules.units
        self.genders = rules.genders
        self._groups: list[tuple[int, str, str]] | None = None  # (start, noun, name), built when asked
        self._org_names: list[tuple[int, str]] | None = None  # (start, canonical) of ORG entities, when asked
        self.acronyms: dict[str, str] = doc._.acronyms or {}
        # Indexes built once: ``doc.ents`` makes a new tuple on every access, and a scan of
        # it per mention is quadratic in the number of entities.
        spans: Sequence[Span] = doc.ents if ents is None else ents  # the caller's, when it has them already
        self._ent_at = {i: e for e in spans for i in range(e.start, e.end)}
        self._orgs = [e for e in spans if e.label_ == "ORG" and self._ent_at[e.start] is e]
        self._org_starts = [e.start for e in self._orgs]
        self.persons = [e for e in spans if e.label_ == "PERSON"]  # in text order, as the entities are
        self._person_starts = [e.start for e in self.persons]
        self.profiles: dict[str, tuple[str, str]] = {}
        self.mentions: list[_Person] = []
        genders: dict[str, str] = {}
        by_surname_only: dict[str, str] = {}
        has_sents = self._has_sents = doc.has_annotation("SENT_START")
        own_titles: dict[str, set[str]] = {}
        # family name -> whom it names written alone, as the entities say (``person_canonicals``
        # settles a surname two people share): read by ``_surname_of`` for mentions no entity covers
        self._lone: dict[str, str] = {}
        for e in self.persons:
            name = _name(e)
            if len(e) == 1 and " " in name and not (e.start and doc[e.start - 1].lower_ in HONORIFICS):
                self._lone.setdefault(e[0].lower_, name)
            title, org = self.mention_profile(e, e.doc[max(0, e.start - 6):e.end])
            apposed_title, apposed_org = self.appositive_profile(e)
            if apposed_title:
                own_titles.setdefault(name, set()).add(apposed_title.lower())
            if not (title or org):
                title, org = apposed_title, apposed_org
            if (title or org) and name not in self.profiles:
                self.profiles[name] = (title, org)
            gender = HONORIFICS.get(e.doc[e.start - 1].lower_, "") if e.start > 0 else ""
            if gender:  # "Mr. Obama" tells the gender of the person the entities say he is
                (genders if len(e) >= 2 else by_surname_only).setdefault(name, gender)
            sent = e.sent.start if has_sents else e.start
            subject = e.root.dep_ in SUBJECT_DEPS
            self.mentions.append(_Person(name, e.start_char, gender, title, org, sent, subject,
                                         bool(quoted and quoted[e.start])))
            if title:
                own_titles.setdefault(name, set()).add(title.lower())
        self._by_surname: dict[str, list[_Person]] = {}
        rules = self._entity_rules = doc._.entity_rules
        suffixes = rules.name_suffixes if rules is not None else frozenset()
        for m in self.mentions:
            m.gender = (genders.get(m.name, "") or (gender_of(m.name, self.genders) if " " in m.name else "")
                        or by_surname_only.get(m.name, ""))
            m.title, m.org = self.profiles.get(m.name, (m.title, m.org))
            parts = m.name.split()
            if len(parts) >= 2:
                self._by_surname.setdefault(family_name(parts, suffixes).lower(), []).append(m)
        # every title a person was introduced with ("Senator Harry Reid, the minority leader,")
        self._titles: dict[str, set[str]] = own_titles
        for m in self.mentions:
            if m.title:
                self._titles.setdefault(m.name, set()).add(m.title.lower())
        self._mention_starts = [m.start_char for m in self.mentions]
        self._surname_starts = {w: [m.start_char for m in ms] for w, ms in self._by_surname.items()}
        self._names = {m.name for m in self.mentions}
        self._heads = rules.heads if rules is not None else {}

    # ------------------------------------------------------------ resolution

    def resolve(self, mention: Span) -> Who:
        """The full name, kind, title and organisation behind a speaker mention."""
        mention = antecedent(mention)
        # persons overlapping the mention: at most one starts before it (entities do not overlap)
        first = max(0, bisect_left(self._person_starts, mention.start) - 1)
        near = self.persons[first:bisect_left(self._person_starts, mention.end)]
        inside = [e for e in near if e.start < mention.end and mention.start < e.end
                  and (e.start >= mention.start or e.end > mention.root.i >= e.start) and not hyphen_prefixed(e)]
        # the person who heads the mention: "Stein spokeswoman Melezia Figueroa" is Figueroa
        person = next((e for e in inside if e.start <= mention.root.i < e.end), None)
        if person is None and inside:
            owner = self._owner(inside[0])
            if owner is not None:
                return self._owned(mention, inside[0], owner)
            if in_modifier(inside[0], mention.root, self.documents):
                # "a top adviser for President Obama", "a reporter for USA Today": the noun speaks
                apposed = self._apposed(mention)
                if apposed is None:
                    return Who("", "description", mention.root.lemma_, "")
                inside = [apposed]
            person = inside[0]
        if person is None:
            person = self._apposed(mention)
        if person is not None:
            name = _name(person)
            title, org = self.mention_profile(person, mention)
            ptitle, porg = self.profiles.get(name, ("", ""))
            return Who(name, "person", title or ptitle, org or porg)
        if len(mention) == 1 and mention[0].lower_ in PERSON_PRONOUNS:
            return self._pronoun(mention)
        it_org = self._it_org(mention) if len(mention) == 1 and mention[0].lower_ == "it" else None
        if it_org is not None:
            return Who(self._org_name(it_org), "organisation", "", "")
        apposed_org = self._apposed(mention, ("ORG",)) if mention.root.pos_ == "NOUN" else None
        if apposed_org is not None:  # "the Israeli newspaper Haaretz reported", "one group, MoveOn, said"
            person_name = self._person_named(apposed_org)
            if person_name is not None:
                return Who(person_name, "person", *self.profiles.get(person_name, ("", "")))
            return Who(self._org_name(apposed_org), "organisation", "", "")
        owning = self._owning_org(mention) if mention.root.pos_ == "NOUN" else None
        if owning is not None:  # "The Washington Post's editorial board", "The Times newspaper"
            return Who(self._org_name(owning), "organisation", "", "")
        named = self._surname(mention)
        if named is not None:
            return Who(named.name, "person", named.title, named.org)
        root = mention.root
        if (mention[0].lower_ == "the" and root.pos_ == "PROPN" and root.tag_ == "NNP"
                and root.lower_ in self.roles):
            # "the Utah Republican", "the Nevada Democrat": a party member by role, not the party
            salient = self._salient(mention, self.roles[root.lower_])
            if salient is not None:
                return Who(salient.name, "person", salient.title, salient.org)
        group = self._ent_at.get(root.i)
        if group is not None and group.label_ in ORG_LABELS:
            person_name = self._person_named(group)
            if person_name is not None:
                return Who(person_name, "person", *self.profiles.get(person_name, ("", "")))
            if group.label_ == "NORP" and self._people(root):
                return Who("", "group", "", "")
            return Who(self._org_name(group), "organisation", "", "")
        state = state_country(root, self._ent_at, self.states, self.local, self._entity_rules)
        if state:  # "the Turkish government said", "Chinese authorities said": the country
            return Who(state, "organisation", "", "")
        owner = mention[0] if mention[0].dep_ == "poss" and mention[0].head.i == root.i else None
        if (owner is not None and owner.lower_ in PERSON_PRONOUNS and root.tag_ == "NN"
                and root.lemma_.lower() in self.groups):
            # "his campaign said": the campaign of the person "his" stands for, as "Clinton's campaign" is
            salient = self._salient(self.doc[owner.i:owner.i + 1], PERSON_PRONOUNS[owner.lower_])
            if salient is not None:
                return Who(f"{salient.name} {root.lemma_.lower()}", "organisation", "", "")
        if root.pos_ == "NOUN" and mention[0].lower_ == "the":
            titled = self._titled(root, mention.start_char)
            if titled is not None:
                return Who(titled.name, "person", titled.title, titled.org)
            group_name = self._latest_group(root, mention.start_char) if root.tag_ == "NN" else ""
            if group_name:
                return Who(group_name, "organisation", "", "")
            role = self.roles.get(root.lemma_.lower())
            if role is not None and root.tag_ == "NN":  # "the Vermont senator", not "the senators"
                salient = self._salient(mention, role)
                if salient is not None:
                    return Who(salient.name, "person", salient.title, salient.org)
            kinds = self.org_roles.get(root.lower_)
            named_org = self._latest_org(kinds, mention) if kinds is not None else None
            if named_org is not None:  # "the company said": the company named before it
                return Who(self._org_name(named_org), "organisation", "", "")
        agent = self._agent(mention)
        if agent is not None:  # "a count by The Associated Press", "the poll conducted by Gallup"
            return Who(self._org_name(agent), "organisation", "", "")
        if 2 <= len(mention) <= 4 and all(t.pos_ == "PROPN" and t.is_title for t in mention):
            return Who(mention.text, "person", "", "")  # a name the NER missed
        return Who("", "description", root.lemma_ if root.pos_ == "NOUN" else "", "")

    def _people(self, root: Token) -> bool:
        """Whether a nationality or party word names people, not an organisation: plural
        ("Republicans", "Some Democrats", "the Chinese"), counted or determined ("one Republican
        involved"), or a party member of ``role_nouns.csv`` ("Republican seeks new inquiry").
        Their party is "the Republican Party", an ORG; a company the model took for a
        nationality ("according to Statista") stays an organisation."""
        return (root.tag_ in ("NNPS", "NNS") or root.lower_ in self.roles
                or any(c.dep_ in ("det", "nummod") for c in root.children))

    def _person_named(self, ent: Span) -> str | None:
        """A name the model labelled an organisation that names a person of the article:
        their full name, their family name ("Fiorina said"), or a given name of
        ``given_names.csv`` before one or two capitalised words that are no organisation head
        ("Ilya Shapiro")."""
        text = clean_name(ent.text)
        if text in self._names:
            return text
        words = text.split()
        if len(words) == 1 and words[0].lower() in self._by_surname:
            found = self._surname_of(words[0].lower(), ent.start_char)
            return found.name if found is not None else None
        if (2 <= len(words) <= 3 and words[0].lower() in self.given and all(w[:1].isupper() for w in words)
                and not any(w.lower() in self._heads for w in words)):
            return text
        return None

    def _owner(self, person: Span) -> Token | None:
        """The noun a person's name modifies, when the name is no speaker itself:
        "Clinton's campaign", "Trump aides", "a narrator in the Clinton ad"."""
        tok = person.root
        if tok.dep_ in ("poss", "compound", "nmod") and tok.head.pos_ == "NOUN" and tok.head.i >= person.end:
            return tok.head
        return None

    def _owned(self, mention: Span, person: Span, noun: Token) -> Who:
        """A mention headed by a noun a person's name modifies: the group the person leads
        ("the Clinton campaign" -> organisation "Hillary Clinton campaign", the group words of
        ``models/en/speaker_groups.txt``), a person in apposition ("Trump's running mate,
        Mike Pence"), else a description that stays unnamed."""
        apposed = self._apposed(mention)
        if apposed is not None:
            name = _name(apposed)
            title, org = self.profiles.get(name, ("", ""))
            return Who(name, "person", title, org)
        if noun.lemma_.lower() in self.groups:
            return Who(f"{_name(person)} {noun.lemma_.lower()}", "organisation", "", "")
        return Who("", "description", noun.lemma_, "")

    def _latest_group(self, noun: Token, before: int) -> str:
        """"The campaign said": the latest group of that noun the article named after a person
        before it ("Clinton's campaign", "the Trump campaign"), else empty."""
        if self._groups is None:
            self._groups = []
            for e in self.persons:
                owner = self._owner(e)
                if owner is not None and owner.lemma_.lower() in self.groups:
                    self._groups.append((e.start_char, owner.lemma_.lower(), f"{_name(e)} {owner.lemma_.lower()}"))
        word = noun.lemma_.lower()
        return next((name for start, lemma, name in reversed(self._groups) if start < before and lemma == word), "")

    def _apposed(self, mention: Span, labels: tuple[str, ...] = ("PERSON",)) -> Span | None:
        """A person (or an entity of ``labels``) named in apposition to the mention's head
        ("Trump's running mate, Indiana Gov. Mike Pence,", "the Israeli newspaper Haaretz") or by
        a naming participle ("a 70-year-old academic named Eric Kingson")."""
        for child in mention.root.children:
            named = named_by(child)
            ent = self._ent_at.get(named.i) if named is not None else None
            if ent is not None and ent.label_ in labels:
                return ent
        return None

    def _pronoun(self, mention: Span) -> Who:
        """He/she: the salient person of that gender before it (``_salient``)."""
        best = self._salient(mention, PERSON_PRONOUNS[mention[0].lower_])
        return Who(best.name, "pronoun-resolved", best.title, best.org) if best else Who("", "pronoun", "", "")

    def _salient(self, mention: Span, want: str) -> _Person | None:
        """The person a pronoun or a role ("the Vermont senator") stands for: of the nearest
        sentence before it (or of its own sentence, before it) that names one whose gender
        does not clash with ``want``; in a sentence before, its first subject, else the first
        one named; in its own sentence, the nearest subject. Persons named inside quote marks
        are skipped: "“Trump lies,” she said. She added ..." is not Trump. The mention then
        counts as a mention of that person, so the next "he" of a chain finds it. A person its
        own verb takes as object is someone else: "he told Hannity" is not Hannity."""
        group: list[_Person] = []
        others = self._objects_of_verb(mention)
        for k in range(bisect_left(self._mention_starts, mention.start_char) - 1, -1, -1):
            m = self.mentions[k]
            if group and m.sent != group[0].sent:
                break
            if m.quoted or (want and m.gender and m.gender != want) or m.name in others:
                continue
            group.append(m)
        if not group:
            return None
        if group[0].sent == (mention.sent.start if self._has_sents else mention.start):
            # its own sentence: the nearest subject ("Flynn said Trump was right when he said")
            best = next((m for m in group if m.subject), None)
            if best is None and (earlier := self._subject_pronoun_before(mention, group[-1].start_char)) is not None:
                best = self._salient(earlier, want)  # "He avoided criticizing Trump until he said ...": the first he
            best = best or group[0]
        else:
            # a sentence before: its first subject, else the first person it names
            best = next((m for m in reversed(group) if m.subject), group[-1])
        k = bisect_left(self._mention_starts, mention.start_char)
        if k >= len(self.mentions) or self.mentions[k].start_char != mention.start_char:
            sent = mention.sent.start if self._has_sents else mention.start
            self.mentions.insert(k, _Person(best.name, mention.start_char, best.gender or want, best.title,
                                            best.org, sent, mention.root.dep_ in SUBJECT_DEPS, False))
            self._mention_starts.insert(k, mention.start_char)
        return best

    def _objects_of_verb(self, mention: Span) -> set[str]:
        """The persons a subject's verb takes as its object, indirect object or object of "to"
        ("he told Hannity", "she said to Trump"): by the binding of pronouns, never the subject."""
        root = mention.root
        if root.dep_ not in SUBJECT_DEPS or root.head.i == root.i:
            return set()
        objects = [c for c in root.head.children if c.dep_ in ("dobj", "dative")]
        objects += [g for c in root.head.children if c.dep_ == "prep" and c.lower_ == "to"
                    for g in c.children if g.dep_ == "pobj"]
        ents = (self._ent_at.get(t.i) for t in objects)
        return {_name(e) for e in ents if e is not None and e.label_ == "PERSON"}

    def _subject_pronoun_before(self, mention: Span, before: int) -> Span | None:
        """A subject pronoun of the mention's own gender earlier in its sentence, before the first
        person named there (``before``): "He avoided criticizing Trump until he ..." gives the first
        "He", whom the second one continues."""
        word = mention[0].lower_
        sent_start = mention.sent.start if self._has_sents else 0
        for tok in self.doc[sent_start:mention.start]:
            if tok.idx >= before:
                return None
            if tok.lower_ == word and tok.dep_ in SUBJECT_DEPS:
                return self.doc[tok.i:tok.i + 1]
        return None

    def _surname(self, mention: Span) -> _Person | None:
        """A lone family name in any case (Krepon, WALLACE) that is no PERSON entity: the person
        the entities say it names written alone (``_surname_of``); also with a prepositional
        phrase after it ("Trump at the time said", "Trump" tagged a common noun). A person the
        article names by that one word only ("Maddow", tagged a person elsewhere) is that person."""
        tok = mention[0]
        if not tok.is_alpha or len(mention) > 1 and (mention.root.i != tok.i or any(
                c.dep_ != "prep" for c in tok.children if c.i < mention.end)):
            return None
        if tok.pos_ not in ("PROPN", "NOUN", "X") and not (tok.is_title and tok.lower_ in self._by_surname):
            return None  # a capitalised family name of the article the tagger took for a verb: "Schilling said"
        return self._surname_of(tok.lower_, mention.start_char) or self._one_word_person(tok.text)

    def _one_word_person(self, word: str) -> _Person | None:
        """The person whose full name, as the entities write it, is ``word`` alone: the article
        never writes more of it ("Maddow said", where another "Maddow" is a PERSON entity)."""
        if word not in self._names:
            return None
        return next(m for m in self.mentions if m.name == word)

    def _surname_of(self, word: str, start_char: int) -> _Person | None:
        """The person a lone family name (lower case) at ``start_char`` names: whom the PERSON
        entities of that family name written alone name (``entities.person_canonicals``), else
        the latest person before it whose name ends with it, else the first one after it."""
        fits = self._by_surname.get(word, [])
        owner = next((m for m in fits if m.name == self._lone.get(word)), None)
        if owner is not None:
            return owner
        k = bisect_left(self._surname_starts.get(word, []), start_char)
        return fits[k - 1] if k else (fits[0] if fits else None)

    def _titled(self, noun: Token, before: int) -> _Person | None:
        """"The mayor": the latest person introduced earlier with a title ending in that noun.
        Capitalised words before the noun must be in that title too: "the Republican nominee"
        is not "Democratic vice presidential nominee Tim Kaine"."""
        word = noun.lemma_.lower()
        names = {t.lower_ for t in noun.lefts if t.is_title and t.dep_ in ("amod", "compound", "nmod")}
        for m in reversed(self.mentions):
            if m.start_char >= before:
                continue
            for title in self._titles.get(m.name, ()) or ((m.title.lower(),) if m.title else ()):
                if title.split()[-1].rsplit("-", 1)[-1] in (word, noun.lower_) and names <= set(title.split()):
                    return m
        return None


def _name(person: Span) -> str:
    """A person's full name: the entities' canonical name (``entities.person_canonicals``)."""
    return str(person._.canonical or person_name(person))
