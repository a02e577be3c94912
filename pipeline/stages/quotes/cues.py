"""Cue verbs (``models/en/quote_verbs*.txt``, ``stance_verbs.txt``, ``prep_cues.txt``) and the
subject and mention a cue verb attributes to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span, Token

from ...rulebook import RuleBook
from ..entities.rules import SUBJECT_DEPS
from .marks import DASHES

ASIDE_DEPS = ("relcl", "appos", "advcl", "acl")
FINITE_TAGS = ("VBD", "VBZ", "VBP")
# right children that are not part of a speaker mention as written
MENTION_STOP_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis", "npadvmod"}


SUBJECT_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}
TIME_LABELS = ("DATE", "TIME")
AGENT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# words after which a title-cased quote names a show, a series or a publication
TITLE_SLOT_WORDS = {"on", "in", "at", "the", "a", "an", "titled", "entitled", "'s", "’s"}
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
MODIFIER_DEPS = ("compound", "det", "amod", "nmod", "poss")
# how the parser labels a speaker written after its verb ("said Hugh O'Neill")
PREDICATIVE_DEPS = ("ccomp", "oprd", "acomp", "xcomp", "advmod")  # how "clear" hangs on "made"
NAME_MODIFIER_DEPS = ("advmod", "npadvmod")  # how the parser may hang a subject it took for an adverb
CONTRACTED_HAS = ("'s", "’s")  # "he's said": has, which the parser may read as a passive "is"
INVERTED_SUBJECT_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "compound", "nsubjpass", "pobj")


def parse_cues(text: str) -> dict[str, str]:
    """Cue verbs from a data file's text: lemma -> required particle ('' for none)."""
    cues: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            lemma, _, particle = line.partition(" ")
            cues[lemma] = particle.strip()
    return cues


def parse_prepositional(text: str) -> dict[str, frozenset[str]]:
    """``verb preposition`` lines (a verb may have several): lemma -> its prepositions."""
    preps: dict[str, set[str]] = {}
    for line in text.splitlines():
        words = line.split("#", 1)[0].strip().lower().split()
        if len(words) == 2:
            preps.setdefault(words[0], set()).add(words[1])
    return {lemma: frozenset(ps) for lemma, ps in preps.items()}


def parse_complement(text: str) -> dict[str, frozenset[tuple[str, str]]]:
    """``verb [preposition] [as]`` lines: lemma -> (the preposition before the object or '', the
    word before the complement or ''): ``call`` (called him divisive), ``see as`` (sees Cruz as a
    uniter), ``refer to as`` (refers to the islands as bases)."""
    frames: dict[str, set[tuple[str, str]]] = {}
    for line in text.splitlines():
        words = line.split("#", 1)[0].strip().lower().split()
        if not 1 <= len(words) <= 3:
            continue
        link = words[-1] if len(words) > 1 and words[-1] == "as" else ""
        prep = words[1] if len(words) == 3 or len(words) == 2 and not link else ""
        frames.setdefault(words[0], set()).add((prep, link))
    return {lemma: frozenset(fs) for lemma, fs in frames.items()}


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue verbs: ``speech`` introduce quotes and reported speech; ``quoted``
    attribute words only when those words stand in quote marks (X called Y “a fraud”);
    ``stance`` attribute a thought, finding, plan or stance (X believes ..., X wants to
    ..., the poll shows ...): their complement is reported, never a quote on its own."""

    speech: dict[str, str]
    quoted: dict[str, str]
    stance: dict[str, str] = field(default_factory=dict)
    # verb lemma -> the prepositions whose object is what the source speaks of, asks for or
    # stands for (X talked about ..., X called for ..., X pointed to ...)
    prepositional: dict[str, frozenset[str]] = field(default_factory=dict)
    # noun lemmas whose ``that`` clause is what their owner said or holds (X's claim that ...)
    nouns: frozenset[str] = frozenset()
    # cues ("lemma" or "lemma preposition") whose short object is the one addressed, sought or
    # found rather than what they report (reminded viewers, found a job, called on Congress)
    unreported_objects: frozenset[str] = frozenset()
    # stance lemmas whose subject must be someone who can hold the view (X hopes ...: not "the meeting")
    people_only: frozenset[str] = frozenset()
    # verb lemma -> the adjectives that make it a speech cue (X made it clear that ...)
    predicative: dict[str, frozenset[str]] = field(default_factory=dict)
    # verbs whose subject owns the cue noun they take as object (X expressed concern that ...)
    noun_verbs: frozenset[str] = frozenset()
    # verb lemma -> how its object and the complement that judges the object hang on it (X
    # called him divisive, X sees Cruz as a uniter): see ``complement_object``
    complement: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    # nouns of findings that report the sentence they open: "In a new CNN/ORC poll, 31% of ..."
    findings: frozenset[str] = frozenset()

    @classmethod
    def from_book(cls, book: RuleBook) -> Cues:
        """The eleven lists of ``models/en`` in a rule book (a missing list is empty)."""
        def read(name: str) -> dict[str, str]:
            return parse_cues(book.text(f"en/{name}") or "")

        return cls(read("quote_verbs.txt"), read("quote_verbs_quoted.txt"), read("stance_verbs.txt"),
                   parse_prepositional(book.text("en/prep_cues.txt") or ""),
                   frozenset(read("noun_cues.txt")),
                   frozenset(" ".join(line.lower().split()) for line in book.lines("en/unreported_objects.txt")),
                   frozenset(read("people_stance_verbs.txt")),
                   parse_prepositional(book.text("en/predicative_cues.txt") or ""),
                   frozenset(read("noun_cue_verbs.txt")),
                   parse_complement(book.text("en/complement_cues.txt") or ""),
                   frozenset(read("finding_nouns.txt")))

    @classmethod
    def from_dir(cls, models_dir: Path) -> Cues:
        return cls.from_book(RuleBook.read(models_dir))


def is_cue(tok: Token, cues: dict[str, str]) -> bool:
    """Whether ``tok`` is a verb whose lemma (and particle, when one is required) is a cue."""
    if tok.pos_ not in ("VERB", "AUX"):  # first: most tokens are no verb, and the lemma costs a look-up
        return False
    lemma = tok.lemma_.lower()
    if lemma not in cues:
        return False
    particle = cues[lemma]
    return not particle or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def prepositional_object(tok: Token, cues: dict[str, frozenset[str]]) -> Token | None:
    """The preposition of a prepositional cue ("talked about", "called for") when ``tok`` is
    one: a child of the verb (or its particle) whose word the list gives for its lemma, or
    that word opening a clause of the verb right after it ("called for Trump to drop out")."""
    if tok.pos_ != "VERB":
        return None
    preps = cues.get(tok.lemma_.lower())
    if not preps:
        return None
    prep = next((c for c in tok.rights if c.dep_ in ("prep", "prt") and c.lower_ in preps), None)
    if prep is None:  # "called for Trump to drop out": the parser hangs "for" on the clause as its mark
        prep = next((m for c in tok.rights if c.dep_ == "advcl" for m in c.children
                     if m.dep_ == "mark" and m.lower_ in preps and m.i == c.left_edge.i
                     and all(t.dep_ in ("advmod", "prt") for t in tok.doc[tok.i + 1:m.i])), None)
    return prep


def complement_object(tok: Token, cues: dict[str, frozenset[tuple[str, str]]]) -> tuple[Token, Token] | None:
    """(the object, the complement) when ``tok`` is a verb of ``cues`` whose object a complement
    judges: "called him divisive", "called Trump a fascist" (the complement bare: an object
    predicate, or a small clause whose subject is the object), "sees Cruz as a uniter" (``as``
    on the verb or on the object), "refers to those islands as Chinese bases" (the object after a
    preposition); the object may stand before the verb ("what he calls corruption"). None for the
    verb with an object alone ("called the meeting") or another frame ("called on Congress")."""
    if tok.pos_ != "VERB":
        return None
    frames = cues.get(tok.lemma_.lower())
    if not frames:
        return None
    for prep_word, link in sorted(frames):  # a set: in a fixed order, the same rows in every process
        if prep_word:
            prep = next((c for c in tok.rights if c.dep_ in ("prep", "prt") and c.lower_ == prep_word), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        else:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if link:  # "as" on the verb or on the object, after the object
            comp = None if obj is None else next((c for c in (*tok.rights, *obj.rights) if c.dep_ == "prep"
                                                  and c.lower_ == link and c.i > obj.i), None)
            if obj is not None and comp is not None and any(k.dep_ == "pobj" for k in comp.children):
                return obj, comp
        elif obj is not None:
            comp = next((c for c in tok.rights if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i
                         and c.pos_ in ("ADJ", "NOUN", "PROPN")), None)
            if comp is not None:
                return obj, comp
        else:  # "called him divisive" parsed as a small clause: "him" the subject of "divisive"
            comp = next((c for c in tok.rights if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN", "PROPN")
                         and any(k.dep_ == "nsubj" and k.i == tok.i + 1 for k in c.children)), None)
            if comp is not None:
                return next(k for k in comp.children if k.dep_ == "nsubj"), comp
    return None


def judgement(tok: Token, obj: Token, comp: Token) -> tuple[Token, Token]:
    """What a complement cue reports: its object and the complement ("Trump a fascist", "Cruz as
    a uniter"); the complement alone when the object stands before the verb ("what he calls
    corruption in politics", "Trump, whom he called a con artist")."""
    if obj.i > tok.i:
        return obj.left_edge, comp.right_edge
    if comp.dep_ == "prep":  # "what he describes as his second home": what follows "as"
        comp = next(c for c in comp.children if c.dep_ == "pobj")
    return comp.left_edge, comp.right_edge


def predicative_clause(tok: Token, cues: dict[str, frozenset[str]]) -> tuple[Token, Token] | None:
    """(the adjective, the clause's verb) when ``tok`` is a verb that a listed adjective makes a
    speech cue and a clause follows the adjective: "made it clear that he will veto the bill"
    (the clause hung on the adjective, or on the verb after it); None otherwise."""
    if tok.pos_ != "VERB":
        return None
    adjectives = cues.get(tok.lemma_.lower())
    if not adjectives:
        return None
    adj = next((c for c in tok.rights if c.lower_ in adjectives and c.dep_ in PREDICATIVE_DEPS), None)
    if adj is None:
        return None
    clause = next((c for c in (*adj.rights, *tok.rights) if c.i > adj.i and c.dep_ in ("ccomp", "advcl")
                   and c.pos_ in ("VERB", "AUX") and _reports(c)), None)
    return (adj, clause) if clause is not None else None


def _reports(clause: Token) -> bool:
    """A finite clause that can be what was said: opened by "that" or by its subject, not by another
    conjunction or adverb ("made clear, as they celebrated ...", "when he appointed ...")."""
    first = clause.left_edge
    if first.lower_ == "that":
        return first.dep_ == "mark"
    return any(c.dep_ in SUBJECT_DEPS and c.left_edge.i == first.i for c in clause.children)


def _participle_subjects(verb: Token, quoted: list[bool] | None) -> list[Token]:
    """The subject the parser gave a participle before a finite verb that has none, when the
    participle is a reduced relative clause of that subject: "Republican activists clamoring to
    block Trump say ..." (the participle hung on the verb), "Majorities of Democrats ... going to
    the polls Tuesday say ..." (the verb hung on the participle). Not a participle with an
    auxiliary or a conjunction of its own ("While voting, ..."), which is a clause."""
    participles = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    if verb.dep_ == "dep" and verb.head.i < verb.i:
        participles.append(verb.head)
    return [g for p in participles if p.tag_ in ("VBG", "VBN")
            and not any(c.dep_ in ("aux", "auxpass", "mark") for c in p.children)
            for g in p.children if g.dep_ in SUBJECT_DEPS and g.i < p.i and not (quoted and quoted[g.i])]


def subject_of(verb: Token, quoted: list[bool] | None = None) -> Token | None:
    """The verb's subject, looking through conjunctions and clauses it hangs from (He
    smiled and said ...; X defended the plan, saying ...; X won by saying ...). A participle hanging from a
    reported clause belongs to the reporter: "X said it could be messy, adding ..."."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        if tok is not verb and verb.tag_ == "VBG" and tok.dep_ == "ccomp" and tok.head.i != tok.i:
            tok = tok.head  # skip the subject of the reported clause itself
            continue
        # a subject inside the quote is the parser's mistake; of two subjects, the one nearest
        # before the verb is its own ("LONDON (Reuters) - Donald Trump said": the dateline is the other)
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and not (quoted and quoted[c.i])]
        if not subjects:  # "he’s said that ...": the parser hung the subject from the contracted "has"
            subjects = [g for c in tok.children if c.dep_ in ("aux", "auxpass") and c.lower_ in CONTRACTED_HAS
                        for g in c.children if g.dep_ in SUBJECT_DEPS and not (quoted and quoted[g.i])]
        if not subjects and tok is verb and verb.tag_ in FINITE_TAGS:
            subjects = _participle_subjects(verb, quoted)
        if not subjects:  # a person's name right beside it that the parser hung as a modifier: "said Skelly"
            subjects = [c for c in tok.children if c.dep_ in NAME_MODIFIER_DEPS and c.ent_type_ == "PERSON"
                        and (c.right_edge.i + 1 == tok.i or c.left_edge.i == tok.i + 1)
                        and not (quoted and quoted[c.i])]
        if subjects:
            before = [c for c in subjects if c.i < tok.i]
            return before[-1] if before else subjects[0]
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head.head  # "Bolton distanced himself ... by saying ...": the one who distanced
            continue
        tok = tok.head if tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and tok.head.i != tok.i else None
    return None


def subject_lost_to(noun: Token) -> Token | None:
    """The finite verb right after ``noun``'s phrase when that verb has no subject: the parser made the
    verb's subject an appositive of the name before it ("... hosts Joe Scarborough and Mika
    Brzezinski, the Democratic presidential candidate stated that ..."), so the phrase is no
    description of that name."""
    doc = noun.doc
    k = noun.right_edge.i + 1
    if k >= len(doc) or doc[k].tag_ not in FINITE_TAGS or doc[k].pos_ not in ("VERB", "AUX"):
        return None
    return doc[k] if subject_of(doc[k]) is None else None


def mention_span(head: Token) -> Span:
    """A speaker mention as written: the head and its modifiers, without appositives,
    relative clauses or trailing punctuation."""
    left = head
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc"):
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    for tok in head.doc[left.i:head.i]:  # a spaced dash ends a dateline before it: "S.C. - Sen. Ted Cruz"
        if tok.text in DASHES and tok.i and tok.doc[tok.i - 1].whitespace_:
            left = tok.doc[tok.i + 1]
    right = head
    for child in head.rights:
        if child.dep_ in MENTION_STOP_DEPS:
            break
        right = child.right_edge
    return _trim_span(head.doc[left.i:right.i + 1])


def _trim_span(span: Span) -> Span:
    """The span without leading or trailing punctuation and spaces."""
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return span
