"""Organisations as speakers: the organisation a description is by ("a count by The Associated
Press"), the one "the company" stands for, and the one a part of it ("The Washington Post's
editorial board") speaks for. A mixin of ``speakers.SpeakerResolver``, which builds the indexes
these read."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from ..entities import clean_name
from ..entities.rules import SUBJECT_DEPS
from .mentions import from_document

# the dependencies from a "by" up to the noun it describes: "results of the poll conducted by X"
AGENT_PATH = ("acl", "prep", "pobj", "amod")
# how far back "the company" looks for the organisation it stands for, in tokens between sentences
ORG_SENTENCE_TOKENS = 120


class OrgSpeakers:
    """Organisation look-ups over the indexes ``SpeakerResolver`` builds for one document."""

    doc: Doc
    _quoted: list[bool]
    _ent_at: dict[int, Span]
    _orgs: list[Span]
    _org_starts: list[int]
    _org_names: list[tuple[int, str]] | None
    _has_sents: bool
    org_roles: dict[str, tuple[str, ...]]
    units: frozenset[str]
    authoring: frozenset[str]
    documents: frozenset[str]

    def _agent(self, mention: Span) -> Span | None:
        """The organisation a description is by: the object of a "by" that hangs from the mention's
        head noun, directly or through an authoring participle and "of" ("a count by The Associated
        Press", "early results of the exit poll conducted by Edison Research"), or of a "from" on a
        noun of ``document_nouns.txt`` ("a press release from Judicial Watch"), the first such."""
        root = mention.root
        if root.pos_ != "NOUN":
            return None
        for tok in root.subtree:  # the mention as written may stop before a participle ("The poll conducted by")
            by = tok.lower_ == "by" and tok.dep_ in ("agent", "prep")
            if not by and not from_document(tok, root, self.documents):
                continue
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            ent = self._ent_at.get(obj.i) if obj is not None else None
            if ent is None or ent.label_ != "ORG":
                continue
            head = tok.head
            while head.i != root.i and head.dep_ in AGENT_PATH:
                if head.dep_ == "acl" and head.lemma_.lower() not in self.authoring:
                    break  # "a letter obtained by X": X holds the letter, did not write it
                head = head.head
            if head.i == root.i:
                return ent
        return None

    def _org_name(self, ent: Span) -> str:
        """An organisation's canonical name; a short form ("the Post", "the Times") takes the
        full name the article gave it before ("The Washington Post"), else after: a name that ends
        with it after a capitalised word, not after a preposition ("China" is not "Communist Party
        of China")."""
        name = str(ent._.canonical or clean_name(ent.text))
        if self._org_names is None:
            self._org_names = [(e.start_char, str(e._.canonical or clean_name(e.text))) for e in self._orgs]
        tail = " " + name.lower()
        fits = [(start, full) for start, full in self._org_names
                if full.lower().endswith(tail) and full[:-len(tail)].rsplit(" ", 1)[-1][:1].isupper()]
        if not fits:
            return name
        before = [full for start, full in fits if start < ent.start_char]
        return before[-1] if before else fits[0][1]

    def _latest_org(self, kinds: tuple[str, ...], mention: Span) -> Span | None:
        """The organisation of one of ``kinds`` that "the company" stands for, found as a pronoun
        finds its person (``_salient``): in its own sentence, the nearest subject before it, else
        the nearest named; in the nearest sentence before that names one (ending at most
        ``ORG_SENTENCE_TOKENS`` tokens before it), its first subject, else the first named.
        "Trump said of Apple, when the company balked" is Apple; "Alphabet, the parent company
        of Google, jumped. The company reported" is Alphabet."""
        if not self._has_sents:
            return None
        fits = [e for e in self._orgs[:bisect_left(self._org_starts, mention.start)] if e._.kind in kinds]
        if not fits:
            return None
        sent = mention.sent
        last = fits[-1]
        if sent.start - last.sent.end > ORG_SENTENCE_TOKENS:
            return None
        group = [e for e in fits if e.sent.start == last.sent.start]
        if last.sent.start == sent.start:
            return next((e for e in reversed(group) if e.root.dep_ in SUBJECT_DEPS), last)
        return next((e for e in group if e.root.dep_ in SUBJECT_DEPS), group[0])

    def _it_org(self, mention: Span) -> Span | None:
        """The organisation a subject "it" stands for: the nearest subject before it in its own
        sentence, or the first subject of the sentence right before, when that subject is an
        organisation's name ("The State Department says it does not plan to ...", "The Post reported
        ... It added, ..."), and, in the sentence before, the only organisation it names ("X has
        called for attacks, according to the SITE Intelligence Group. It said ..." names two: None);
        an "it" inside quote marks, or one after a thing or nothing ("It means ..."), None; subjects
        inside quote marks are passed over."""
        if not self._has_sents or mention.root.dep_ not in SUBJECT_DEPS or self._quoted[mention.start]:
            return None
        def subjects(span: Span) -> list[Token]:
            return [t for t in span if t.dep_ in SUBJECT_DEPS and not self._quoted[t.i]]

        sent = mention.sent
        own = subjects(self.doc[sent.start:mention.start])
        before = self.doc[sent.start - 1].sent if not own and sent.start > 0 else None
        candidates = own[-1:] if own else subjects(before)[:1] if before is not None else []
        if not candidates:
            return None
        subject = candidates[0]
        ent = self._ent_at.get(subject.i)
        if ent is None or ent.label_ != "ORG" or ent.root.i != subject.i:
            return None
        if before is not None and len({self._org_name(e) for e in self._orgs_in(before)}) > 1:
            return None
        return ent

    def _orgs_in(self, span: Span) -> list[Span]:
        """The ORG entities inside ``span``."""
        return self._orgs[bisect_left(self._org_starts, span.start):bisect_left(self._org_starts, span.end)]

    def _owning_org(self, mention: Span) -> Span | None:
        """The organisation a noun of ``org_units.txt`` or ``org_role_nouns.csv`` belongs to, named
        before it in the possessive or as a modifier: "The Washington Post's editorial board", "the
        bank's board" (the bank named before, as "the bank" alone would find it), "The Times
        newspaper"; None for any other noun or owner ("Gowdy's office", "the city's board")."""
        root = mention.root
        if root.lemma_.lower() not in self.units and root.lower_ not in self.org_roles:
            return None
        for child in root.children:
            if child.i > root.i or child.dep_ not in ("poss", "compound", "nmod"):
                continue
            ent = self._ent_at.get(child.i)
            if ent is not None:
                return ent if ent.label_ == "ORG" else None
            kinds = self.org_roles.get(child.lower_)
            if (child.dep_ == "poss" and kinds is not None
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in child.children)):
                return self._latest_org(kinds, mention)
        return None
