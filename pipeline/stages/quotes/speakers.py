"""Speakers: a speaker mention at an attribution, resolved to a full name with its title
and organisation.

``SpeakerResolver`` reads the entities ``news_entities`` left on the ``Doc`` (PERSON
spans with ``span._.canonical``, ``doc._.acronyms``). A named person keeps their name; a
pronoun takes the most recent compatible person before it; a title ("the mayor") takes
the person introduced earlier with that title; an organisation keeps its canonical name;
anything else is an unnamed description and stays empty rather than guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..entities import clean_name, family_name
from ..entities.linking import HONORIFICS
from .speaker_rules import ORG_LABELS, PERSON_PRONOUNS, SUBJECT_DEPS, TITLE_POS, SpeakerRules, Who, _Person


class SpeakerResolver:
    """Resolves speaker mentions of one document; build once per ``Doc``."""

    def __init__(self, doc: Doc, speaker_rules: SpeakerRules | None = None,
                 quoted: list[bool] | None = None, ents: Sequence[Span] | None = None) -> None:
        self.doc = doc
        self.groups = speaker_rules.groups if speaker_rules is not None else frozenset()
        self.given = speaker_rules.given if speaker_rules is not None else {}
        self.roles = speaker_rules.roles if speaker_rules is not None else {}
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
        written_full: Counter[str] = Counter()  # how often each name is written out in full
        for e in self.persons:
            name = _name(e)
            written_full[name] += sum(t.is_alpha for t in e) >= 2
            title, org = self.mention_profile(e, e.doc[max(0, e.start - 6):e.end])
            apposed_title, apposed_org = self.appositive_profile(e)
            if apposed_title:
                own_titles.setdefault(name, set()).add(apposed_title.lower())
            if not (title or org):
                title, org = apposed_title, apposed_org
            if (title or org) and name not in self.profiles:
                self.profiles[name] = (title, org)
            gender = HONORIFICS.get(e.doc[e.start - 1].lower_, "") if e.start > 0 else ""
            if gender:  # "Mr. Obama" tells the gender of the person meant, not of whoever owns "Obama"
                (genders if len(e) >= 2 else by_surname_only).setdefault(name, gender)
            sent = e.sent.start if has_sents else e.start
            subject = e.root.dep_ in SUBJECT_DEPS
            self.mentions.append(_Person(name, e.start_char, gender, title, org, sent, subject,
                                         bool(quoted and quoted[e.start])))
            if title:
                own_titles.setdefault(name, set()).add(title.lower())
        self._by_surname: dict[str, list[_Person]] = {}
        rules = doc._.entity_rules
        suffixes = rules.name_suffixes if rules is not None else frozenset()
        def gender_of(name: str) -> str:
            return (genders.get(name, "") or (self.given.get(name.split()[0].lower(), "") if " " in name else "")
                    or by_surname_only.get(name, ""))

        for m in self.mentions:
            m.gender = gender_of(m.name)
            m.title, m.org = self.profiles.get(m.name, (m.title, m.org))
            parts = m.name.split()
            if len(parts) >= 2:
                self._by_surname.setdefault(family_name(parts, suffixes).lower(), []).append(m)
        # A family name several people of the article share ("Bill Clinton", "Hillary Clinton"):
        # written alone it keeps naming whoever it named first; the first time, the one of them
        # named in its sentence or the one before, else the one the article writes out most
        # often, then first (AP style writes the others in full every time). A courtesy title
        # still picks by gender (``_by_honorific``).
        self._principal = {w: max(ms, key=lambda m: written_full[m.name]).name
                           for w, ms in self._by_surname.items() if len({m.name for m in ms}) > 1}
        self._bare: dict[int, str] = {}  # start char of a lone shared surname -> the person it names
        latest: dict[str, tuple[str, int]] = {}  # shared surname -> (name, sentence) of its latest full mention
        used: dict[str, str] = {}  # shared surname -> the person it named written alone
        for e, m in zip(self.persons, self.mentions, strict=True):
            words = [t for t in e if t.is_alpha or "-" in t.text or "'" in t.text]
            if not words or words[-1].lower_ not in self._principal:
                continue
            key = words[-1].lower_
            if len(words) >= 2:
                latest[key] = (m.name, m.sent)
                continue
            if e.start > 0 and e.doc[e.start - 1].lower_ in HONORIFICS:
                continue
            if key not in used:
                near = (m.sent, doc[m.sent - 1].sent.start if has_sents and m.sent > 0 else m.sent)
                name, sent = latest.get(key, ("", -1))
                used[key] = name if sent in near else self._principal[key]
            m.name = self._bare[e.start_char] = used[key]
            m.gender = gender_of(m.name)
        # every title a person was introduced with ("Senator Harry Reid, the minority leader,")
        self._titles: dict[str, set[str]] = own_titles
        for m in self.mentions:
            if m.title:
                self._titles.setdefault(m.name, set()).add(m.title.lower())
        self._mention_starts = [m.start_char for m in self.mentions]
        self._surname_starts = {w: [m.start_char for m in ms] for w, ms in self._by_surname.items()}
        # A family name written alone ("Richards", "Holtz-Eakin", "Le Pen") names its owner's full
        # name in every use, so a pronoun that finds this mention says the same: one string per person.
        tails: dict[str, set[str]] = {}
        for m in self.mentions:
            parts = m.name.split()
            for k in range(1, len(parts) - 1):
                tails.setdefault(" ".join(parts[k:]).lower(), set()).add(m.name)
        self._tails = {tail: next(iter(names)) for tail, names in tails.items() if len(names) == 1}
        for m in self.mentions:
            full = self._fuller(m.name, m.start_char)
            if full != m.name:
                m.name, m.gender = full, gender_of(full) or m.gender
        self._gender_of = {m.name: m.gender for m in self.mentions if m.gender}
        self._names = {m.name for m in self.mentions}
        self._heads = rules.heads if rules is not None else {}

    # ------------------------------------------------------------ profiles

    def _org_of(self, tok: Token) -> str:
        ent = self._ent_at.get(tok.i)
        if ent is not None and ent.label_ == "ORG" and ent._.canonical:
            return str(ent._.canonical)
        return self.acronyms.get(tok.text, tok.text)

    def mention_profile(self, person: Span, span: Span) -> tuple[str, str]:
        """Title and organisation written before a name: "CMSA Director General Wang Zhaoyao"."""
        run: list[Token] = []
        for t in reversed([t for t in span if t.i < person.start]):
            if t.is_punct or t.pos_ not in TITLE_POS or t.ent_type_ == "PERSON" or t.dep_ == "poss":
                break
            run.insert(0, t)
        org_toks = [t for t in run if t.text in self.acronyms or t.ent_type_ == "ORG"]
        org = self._org_of(org_toks[-1]) if org_toks else ""
        title = " ".join(t.text for t in run if t not in org_toks and t.lower_ not in HONORIFICS)
        return title, org

    def appositive_profile(self, person: Span) -> tuple[str, str]:
        """Title and organisation from an appositive: "Yang Liwei, ... deputy director of CMSA,"."""
        doc = person.doc
        for child in person.root.children:
            if child.dep_ != "appos":
                continue
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            first = bisect_left(self._org_starts, lo)
            orgs = [e for e in self._orgs[first:bisect_left(self._org_starts, hi)] if e.end <= hi]
            if not orgs:
                return (child.text if child.pos_ == "NOUN" else ""), ""
            org = str(orgs[-1]._.canonical or clean_name(orgs[-1].text))
            toks: list[str] = []
            k = orgs[-1].start - 2  # skip the "of" before the organisation
            while k >= child.left_edge.i and doc[k].pos_ in TITLE_POS and doc[k].dep_ != "poss":
                toks.insert(0, doc[k].text)
                k -= 1
            return " ".join(toks), org
        return "", ""

    # ------------------------------------------------------------ resolution

    def resolve(self, mention: Span) -> Who:
        """The full name, kind, title and organisation behind a speaker mention."""
        mention = self._antecedent(mention)
        # persons overlapping the mention: at most one starts before it (entities do not overlap)
        first = max(0, bisect_left(self._person_starts, mention.start) - 1)
        near = self.persons[first:bisect_left(self._person_starts, mention.end)]
        inside = [e for e in near if e.start < mention.end and mention.start < e.end
                  and (e.start >= mention.start or e.end > mention.root.i >= e.start)]
        # the person who heads the mention: "Stein spokeswoman Melezia Figueroa" is Figueroa
        person = next((e for e in inside if e.start <= mention.root.i < e.end), None)
        if person is None and inside:
            owner = self._owner(inside[0])
            if owner is not None:
                return self._owned(mention, inside[0], owner)
            if _in_modifier(inside[0], mention.root):
                # "a top adviser for President Obama", "a reporter for USA Today": the noun speaks
                apposed = self._apposed(mention)
                if apposed is None:
                    return Who("", "description", mention.root.lemma_, "")
                inside = [apposed]
            person = inside[0]
        if person is None:
            person = self._apposed(mention)
        if person is not None:
            name = self._by_honorific(person, self._full(person))
            title, org = self.mention_profile(person, mention)
            ptitle, porg = self.profiles.get(name, ("", ""))
            return Who(name, "person", title or ptitle, org or porg)
        if len(mention) == 1 and mention[0].lower_ in PERSON_PRONOUNS:
            return self._pronoun(mention)
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
            return Who(self._org_name(group), "organisation", "", "")
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
        if 2 <= len(mention) <= 4 and all(t.pos_ == "PROPN" and t.is_title for t in mention):
            return Who(mention.text, "person", "", "")  # a name the NER missed
        return Who("", "description", root.lemma_ if root.pos_ == "NOUN" else "", "")

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

    def _org_name(self, ent: Span) -> str:
        """An organisation's canonical name; a short form ("the Post", "the Times") takes the
        full name the article gave it before ("The Washington Post"), else after."""
        name = str(ent._.canonical or clean_name(ent.text))
        if self._org_names is None:
            self._org_names = [(e.start_char, str(e._.canonical or clean_name(e.text))) for e in self._orgs]
        tail = " " + name.lower()
        fits = [(start, full) for start, full in self._org_names if full.lower().endswith(tail)]
        if not fits:
            return name
        before = [full for start, full in fits if start < ent.start_char]
        return before[-1] if before else fits[0][1]

    def _owner(self, person: Span) -> Token | None:
        """The noun a person's name modifies, when the name is no speaker itself:
        "Clinton's campaign", "Trump aides", "a narrator in the Clinton ad"."""
        tok = person.root
        if tok.dep_ in ("poss", "compound") and tok.head.pos_ == "NOUN" and tok.head.i >= person.end:
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
            return Who(f"{self._full(person)} {noun.lemma_.lower()}", "organisation", "", "")
        return Who("", "description", noun.lemma_, "")

    def _latest_group(self, noun: Token, before: int) -> str:
        """"The campaign said": the latest group of that noun the article named after a person
        before it ("Clinton's campaign", "the Trump campaign"), else empty."""
        if self._groups is None:
            self._groups = []
            for e in self.persons:
                owner = self._owner(e)
                if owner is not None and owner.lemma_.lower() in self.groups:
                    self._groups.append((e.start_char, owner.lemma_.lower(), f"{self._full(e)} {owner.lemma_.lower()}"))
        word = noun.lemma_.lower()
        return next((name for start, lemma, name in reversed(self._groups) if start < before and lemma == word), "")

    def _apposed(self, mention: Span) -> Span | None:
        """A person named in apposition to the mention's head: "Trump's running mate, Indiana
        Gov. Mike Pence,"."""
        for child in mention.root.children:
            if child.dep_ == "appos":
                ent = self._ent_at.get(child.i)
                if ent is not None and ent.label_ == "PERSON":
                    return ent
        return None

    def _by_honorific(self, person: Span, name: str) -> str:
        """A lone surname after Mr./Mrs./Ms. names the person of that surname with that gender:
        "Mrs. Clinton" after "Bill Clinton ... Hillary Clinton" is Hillary Clinton, whoever
        owned the bare surname last; with no such person, the surname stays as written."""
        want = HONORIFICS.get(person.doc[person.start - 1].lower_, "") if person.start > 0 else ""
        if len(person) != 1 or not want or self._gender_of.get(name, want) == want:
            return name
        fits = [m for m in self._by_surname.get(person[0].lower_, []) if self._gender_of.get(m.name) == want]
        if not fits:
            return clean_name(person.text)  # "Mr. Obama" is no Michelle Obama: the surname as written
        before = [m for m in fits if m.start_char < person.start_char]
        return (before[-1] if before else fits[0]).name

    def _full(self, person: Span) -> str:
        if person.start_char in self._bare:
            return self._bare[person.start_char]
        return self._fuller(_name(person), person.start_char)

    def _fuller(self, name: str, start_char: int) -> str:
        """The full name a family name written alone at ``start_char`` stands for: one word
        ("Richards", "Holtz-Eakin") by ``_surname_of``, several ("Le Pen", "de Blasio") when one
        person of the article has a longer name ending in them; else the name as it is."""
        if " " not in name:
            found = self._surname_of(name.lower(), start_char) if name[:1].isupper() else None
            return found.name if found is not None else name
        if name.split()[0].lower() in self.given:
            return name  # a full name itself ("Donald Trump" is no part of "Certainly Donald Trump")
        return self._tails.get(name.lower(), name)

    @staticmethod
    def _antecedent(mention: Span) -> Span:
        """``who``/``that`` as a speaker stands for the noun its relative clause modifies."""
        root = mention.root
        if len(mention) == 1 and root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
            noun = root.head.head
            if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
                noun = noun.head  # "Marc Morial, the chief executive of ..., who said": the person
            return noun.doc[noun.left_edge.i if noun.left_edge.i >= noun.i - 6 else noun.i:noun.i + 1]
        return mention

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
        counts as a mention of that person, so the next "he" of a chain finds it."""
        group: list[_Person] = []
        for k in range(bisect_left(self._mention_starts, mention.start_char) - 1, -1, -1):
            m = self.mentions[k]
            if group and m.sent != group[0].sent:
                break
            if m.quoted or (want and m.gender and m.gender != want):
                continue
            group.append(m)
        if not group:
            return None
        if group[0].sent == (mention.sent.start if self._has_sents else mention.start):
            # its own sentence: the nearest subject ("Flynn said Trump was right when he said")
            best = next((m for m in group if m.subject), group[0])
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

    def _surname(self, mention: Span) -> _Person | None:
        """A lone family name in any case (Krepon, WALLACE): the latest person before the
        mention whose name ends with it, else the first one after it. Person mentions carry
        their resolved names (``entities.person_canonicals``), so the latest one is the
        person the bare surname currently names."""
        tok = mention[0]
        if len(mention) != 1 or not tok.is_alpha:
            return None
        if tok.pos_ not in ("PROPN", "NOUN", "X") and not (tok.is_title and tok.lower_ in self._by_surname):
            return None  # a capitalised family name of the article the tagger took for a verb: "Schilling said"
        return self._surname_of(mention[0].lower_, mention.start_char)

    def _surname_of(self, word: str, start_char: int) -> _Person | None:
        """The person a lone family name (lower case) at ``start_char`` names (``_surname``)."""
        fits = self._by_surname.get(word, [])
        if word in self._principal:
            return next(m for m in fits if m.name == self._principal[word])
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
                if title.split()[-1] in (word, noun.lower_) and names <= set(title.split()):
                    return m
        return None


def _in_modifier(person: Span, head: Token) -> bool:
    """Whether a name is the object of a preposition of the noun ``head`` ("adviser for
    President Obama", "advisers to Mr. Obama", "a reporter for USA Today"), so that the noun,
    not the name, is meant; "a study by X" is X's."""
    tok = person.root
    return (head.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.dep_ == "prep"
            and tok.head.head.i == head.i and tok.head.lower_ != "by")


def _name(person: Span) -> str:
    """A person's full name, without stray punctuation the NER took in ("― Julie Diaz")."""
    name = str(person._.canonical or clean_name(person.text))
    k = 0
    while k < len(name) and not name[k].isalnum():
        k += 1
    return name[k:].strip()
