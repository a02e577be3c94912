"""Quotes: who said what. Quote-mark pairing, cue verbs, speakers and their resolution.

The component ``quote_extractor`` sets ``doc._.quotes`` to a list of ``QuoteSpan``.
Pairing quote marks is a plain function of the text (linear in its length, local to a
paragraph); attribution reads the dependency parse around each quote (a bounded window
of tokens), reported speech reads each cue verb's complement, and ``speakers`` resolves
the speaker mentions. Cue verbs come from three lists under ``models/en`` (see ``Cues``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..rulebook import FromRuleBook, RuleBook
from . import speakers

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
DASHES = "–—―-"
# dependents that, after a comma, are an aside of the writer's rather than reported words
ASIDE_DEPS = ("relcl", "appos", "advcl", "acl")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# right children that are not part of a speaker mention as written
MENTION_STOP_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis", "npadvmod"}
BODY_KINDS = ("paragraph",)
SUBJECT_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}
TIME_LABELS = ("DATE", "TIME")
AGENT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# words after which a title-cased quote names a show, a series or a publication
TITLE_SLOT_WORDS = {"on", "in", "at", "the", "a", "an", "titled", "entitled", "'s", "’s"}
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
MODIFIER_DEPS = ("compound", "det", "amod", "nmod", "poss")
# how the parser labels a speaker written after its verb ("said Hugh O'Neill")
INVERTED_SUBJECT_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "compound", "nsubjpass", "pobj")

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("news_parts"):
    # (kind, start_char, end_char) of the article's parts, set by the runner
    Doc.set_extension("news_parts", default=None)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # content, quote marks excluded
    end: int
    type: str  # direct, partial, indirect
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    speaker: str
    speaker_kind: str  # person, organisation, pronoun-resolved, description
    speaker_title: str
    speaker_org: str


# ---------------------------------------------------------------- quote marks


def _is_opening_straight(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _mark_at(text: str, i: int, end: int) -> tuple[str, int]:
    """The quote mark starting at ``i`` as (kind, width): kind is 'open', 'close',
    'straight' or '' for none. Two apostrophes (``''``) are a straight double mark,
    as some newsrooms type it; a lone apostrophe never is."""
    ch = text[i]
    if ch in OPENERS:
        return "open", 1
    if ch in CLOSERS:
        return "close", 1
    if ch == STRAIGHT:
        return "straight", 1
    if ch == "'" and i + 1 < end and text[i + 1] == "'":
        return "straight", 2
    return "", 0


def pair_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Content spans between paired quote marks in ``text[start:end]`` (one paragraph).

    Curly, guillemet and straight marks (``"`` and ``''``) pair with each other as
    newsrooms type them: an opener typed where a closer belongs closes, and a closer
    typed after a space with nothing open opens. Returns the closed spans and, when a
    mark stays open at the end, the offset just after it (None otherwise). One pass,
    linear in the length.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    i = start
    while i < end:
        kind, width = _mark_at(text, i, end)
        if not kind:
            i += 1
            continue
        after = i + width
        before_space = i == start or text[i - 1].isspace()
        if kind == "straight":
            kind = "open" if open_at is None and _is_opening_straight(text, i, width) else "close"
        if kind == "close" and open_at is None and before_space and after < end and not text[after].isspace():
            kind = "open"  # ”Mr. Trump ...: a closer typed at the start of a quote
        if kind == "open":
            if open_at is None:
                open_at = after
            elif (i > open_at and not before_space and text[i - 1] not in OPENERS
                  and (after >= end or not text[after].isalnum())):
                spans.append((open_at, i))  # an opener typed where a closer belongs
                open_at = None
            else:
                open_at = after  # the earlier opener was stray
        elif open_at is not None:
            spans.append((open_at, i))
            open_at = None
        i = after
    return spans, open_at


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Body paragraphs: from ``doc._.news_parts`` when set, else every non-blank line."""
    parts = doc._.news_parts
    if parts is not None:
        return [(s, e) for kind, s, e in parts if kind in BODY_KINDS]
    out, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def quote_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted content spans of the body; a quote left open at the end of a paragraph
    continues when the next paragraph opens with a quote mark, else it is dropped."""
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(paras):
        spans, open_at = pair_marks(text, s, e)
        out.extend(spans)
        if open_at is not None and k + 1 < len(paras):
            ns = paras[k + 1][0]
            if _mark_at(text, ns, paras[k + 1][1])[0]:
                out.append((open_at, e))
    return sorted(_trim(text, s, e) for s, e in out if text[s:e].strip())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# ---------------------------------------------------------------- cue verbs


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

    @classmethod
    def from_book(cls, book: RuleBook) -> Cues:
        """The four lists of ``models/en`` in a rule book (a missing list is empty)."""
        def read(name: str) -> dict[str, str]:
            return parse_cues(book.text(f"en/{name}") or "")

        return cls(read("quote_verbs.txt"), read("quote_verbs_quoted.txt"), read("stance_verbs.txt"),
                   parse_prepositional(book.text("en/prep_cues.txt") or ""))

    @classmethod
    def from_dir(cls, models_dir: Path) -> Cues:
        return cls.from_book(RuleBook.read(models_dir))


def is_cue(tok: Token, cues: dict[str, str]) -> bool:
    """Whether ``tok`` is a verb whose lemma (and particle, when one is required) is a cue."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in cues:
        return False
    particle = cues[lemma]
    return not particle or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def prepositional_object(tok: Token, cues: dict[str, frozenset[str]]) -> Token | None:
    """The preposition of a prepositional cue ("talked about", "called for") when ``tok`` is
    one: a child of the verb (or its particle) whose word the list gives for its lemma."""
    if tok.pos_ != "VERB":
        return None
    preps = cues.get(tok.lemma_.lower())
    if not preps:
        return None
    return next((c for c in tok.rights if c.dep_ in ("prep", "prt") and c.lower_ in preps), None)


def subject_of(verb: Token, quoted: list[bool] | None = None) -> Token | None:
    """The verb's subject, looking through conjunctions and clauses it hangs from (He
    smiled and said ...; X defended the plan, saying ...). A participle hanging from a
    reported clause belongs to the reporter: "X said it could be messy, adding ..."."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        if tok is not verb and verb.tag_ == "VBG" and tok.dep_ == "ccomp" and tok.head.i != tok.i:
            tok = tok.head  # skip the subject of the reported clause itself
            continue
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and not (quoted and quoted[child.i]):
                return child  # a subject inside the quote is the parser's mistake
        tok = tok.head if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i else None
    return None


def mention_span(head: Token) -> Span:
    """A speaker mention as written: the head and its modifiers, without appositives,
    relative clauses or trailing punctuation."""
    left = head
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc"):
            left = child.left_edge if child.left_edge.i < left.i else left
            break
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


# ---------------------------------------------------------------- attribution


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: Span | None
    speaker: Span | None  # None: the source is left unnamed ("is expected to", "was told")


class _Context:
    """What attribution needs to know about one document: paragraphs and quoted tokens."""

    def __init__(self, doc: Doc, paras: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.has_sents = doc.has_annotation("SENT_START")  # a scan of the doc: ask once
        self.quoted = [False] * len(doc)
        k = 0
        marks = sorted((max(0, s - 2), e + 2) for s, e in quoted)  # the marks belong to the quote
        for tok in doc:
            while k < len(marks) and marks[k][1] <= tok.idx:
                k += 1
            self.quoted[tok.i] = k < len(marks) and marks[k][0] <= tok.idx

    def para_of(self, char: int) -> tuple[int, int]:
        k = bisect_right(self.para_starts, char) - 1
        if k >= 0 and char <= self.paras[k][1]:
            return self.paras[k]
        return 0, len(self.text)

    def para_index(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1


def _entity_around(tok: Token) -> Span:
    """The entity covering ``tok``, from the IOB tags (scanning ``doc.ents`` per quote was
    quadratic); the token alone when it is in none."""
    doc = tok.doc
    if not tok.ent_type_:
        return doc[tok.i:tok.i + 1]
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _cue_speaker(verb: Token, ctx: _Context, inverted: bool = True, participle: bool = True) -> _Attribution | None:
    """The cue verb's speaker: its subject; with ``participle``, the noun a participle
    modifies (a statement saying ...); with ``inverted``, a name right after the verb
    (said O'Neill)."""
    doc = verb.doc
    cue = doc[verb.i:verb.i + 1]
    subj = subject_of(verb, ctx.quoted)
    if subj is not None and not subj.is_punct:
        return _Attribution(cue, mention_span(subj))
    if participle and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and not ctx.quoted[verb.head.i]:
        noun = verb.head
        if noun.dep_ in ("dobj", "dative", "pobj"):
            # "The council issued a statement saying ...", "Trump thanked supporters, saying ...":
            # the one who issued or thanked speaks
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            owner = subject_of(gov, ctx.quoted) if gov.pos_ in ("VERB", "AUX") else None
            if owner is not None:
                return _Attribution(cue, mention_span(owner))
        return _Attribution(cue, mention_span(noun))
    if not inverted:
        return None
    k = verb.i + 1
    while k < len(doc) and (doc[k].dep_ == "prt" or doc[k].is_space) and k - verb.i < 3:
        k += 1
    nxt = doc[k] if k < len(doc) else None
    if nxt is None or ctx.quoted[nxt.i] or nxt.ent_type_ in TIME_LABELS:
        return None
    if nxt.pos_ == "PRON" and nxt.lower_ not in SUBJECT_PRONOUNS:
        return None
    if nxt.pos_ in ("PROPN", "PRON", "DET") or nxt.ent_type_:
        head = nxt
        while head.head.i > head.i and head.head.i - nxt.i < 6 and head.dep_ in MODIFIER_DEPS:
            head = head.head
        if (head.pos_ in ("PROPN", "NOUN", "PRON") and head.dep_ in INVERTED_SUBJECT_DEPS
                and head.head.i == verb.i and head.ent_type_ not in TIME_LABELS):
            return _Attribution(cue, mention_span(head))
    return None


def _clause_tokens(doc: Doc, start_i: int, stop: int, para_end: int, ctx: _Context) -> list[Token]:
    """Tokens from ``start_i`` to the end of their sentence (at most ``stop`` tokens),
    staying in the paragraph and outside quotes."""
    toks: list[Token] = []
    for tok in doc[start_i:min(len(doc), start_i + stop)]:
        if tok.idx >= para_end or ctx.quoted[tok.i] or "\n" in tok.text:
            break
        toks.append(tok)
        if tok.text in ".!?" or (tok.is_sent_end and tok.is_punct and len(toks) > 1):
            break
    return toks


def _after(doc: Doc, end: int, para_end: int, cues: Cues, ctx: _Context) -> _Attribution | None:
    """“...,” X said. / “...,” said X. / “...” – X: attribution after the closing mark."""
    first = _token_at(doc, end)
    if first is None:
        return None
    k = first.i
    while k < len(doc) and (doc[k].idx < end or ctx.quoted[k] and doc[k].idx < end + 3 and doc[k].is_punct):
        k += 1
    toks = _clause_tokens(doc, k, 40, para_end, ctx)
    if toks and toks[0].text in DASHES:
        for t in toks[1:6]:
            if t.is_alpha and (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"):
                ent = _entity_around(t) if t.ent_type_ else None
                head = t
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                span = _trim_span(doc[max(ent.start, t.i):ent.end]) if ent is not None else mention_span(head)
                return _Attribution(doc[toks[0].i:toks[0].i + 1], span)
    for tok in toks:
        if is_cue(tok, cues.speech) or is_cue(tok, cues.quoted):
            return _cue_speaker(tok, ctx, inverted=is_cue(tok, cues.speech))
        if tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "ccomp") and tok.i - k > 2:
            return None  # the sentence goes on with a verb of its own
    return None


def _before(doc: Doc, start: int, para_start: int, cues: Cues,
            ctx: _Context) -> tuple[_Attribution | None, Token | None]:
    """X said, “...” / X said of Y: “...” / According to X, “...” / From X: “...” /
    X assures Y “...” / X called Y “...”."""
    open_tok = _token_at(doc, start - 1)
    if open_tok is None:
        return None, None
    k = open_tok.i
    while k > 0 and doc[k].idx >= start - 2 and k > open_tok.i - 2:
        k -= 1
    # a colon or comma before the mark may sit at a sentence boundary the parser drew
    last = doc[k] if doc[k].idx < start - 1 and doc[k].idx >= para_start else None
    if last is None:
        return None, None
    sent_start = last.i - 60
    if ctx.has_sents:
        sent_start = last.sent.start
        if sent_start == last.i and last.i > 0:
            sent_start = doc[last.i - 1].sent.start
    window: list[Token] = []
    for tok in reversed(doc[max(0, sent_start, last.i - 60):last.i + 1]):
        if tok.idx < para_start or ctx.quoted[tok.i] or "\n" in tok.text:
            break  # another quote or another line intervenes
        window.append(tok)
    window.reverse()
    first_q = _token_at(doc, start)
    for tok in reversed(window):
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _Attribution(doc[tok.i:tok.i + 2], mention_span(pobj)), last
        if is_cue(tok, cues.speech) or is_cue(tok, cues.quoted):
            if last.text not in ":," and first_q is not None and not _governs(tok, first_q, last):
                continue  # the quote sits in another clause
            att = _cue_speaker(tok, ctx, inverted=is_cue(tok, cues.speech))
            if att is not None:
                return att, last
    if window and window[0].lower_ == "from" and last.text == ":":
        pobj = next((c for c in window[0].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _Attribution(doc[window[0].i:window[0].i + 1], mention_span(pobj)), last
    return None, last


def _governs(verb: Token, quoted: Token, last: Token) -> bool:
    """Whether the quote hangs in the verb's clause (the verb is an ancestor of the quote's
    first word, or of the word right before the quote)."""
    for tok in (quoted, last):
        if tok.i == verb.i or verb in tok.ancestors:
            return True
    return False


def _embedding_agent(doc: Doc, start: int, cues: Cues, ctx: _Context) -> _Attribution | None:
    """A quoted fragment inside the writer's sentence: a cue verb above it gives the speaker
    ("Trump knew aides were “disingenuous”"), else the nearest verb above it with a named
    person or organisation (or he/she/they) as subject ("Trump implied the judge was
    “hostile”"). Scare quotes in a sentence about things ("the meeting hopes to foster
    “...”") stay out."""
    first = _token_at(doc, start)
    if first is None:
        return None
    for verb in first.ancestors:
        if not ctx.quoted[verb.i] and any(is_cue(verb, c) for c in (cues.speech, cues.quoted, cues.stance)):
            att = _cue_speaker(verb, ctx, inverted=False, participle=False)
            if att is not None:
                return att
    for verb in first.ancestors:
        if verb.pos_ not in ("VERB", "AUX") or ctx.quoted[verb.i]:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if _names_someone(subj):
            return _Attribution(doc[verb.i:verb.i + 1], mention_span(subj))
        return None  # the nearest clause with a subject decides
    return None


def _colon_agent(colon: Token, ctx: _Context) -> _Attribution | None:
    """Obama is rolling out a new message: “It's about me.” — a colon right before a quote,
    closing a clause whose subject is a named person or organisation (or he/she/they)."""
    verb = colon.head
    if verb.pos_ not in ("VERB", "AUX") or ctx.quoted[verb.i]:
        return None
    subj = subject_of(verb, ctx.quoted)
    if subj is None or not _names_someone(subj):
        return None
    return _Attribution(colon.doc[colon.i:colon.i + 1], mention_span(subj))


def _names_someone(tok: Token) -> bool:
    """A named person, organisation or group, or he/she/they."""
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lower_ in ("he", "she", "they")


def _is_title(text: str, start: int, end: int, last_before: Token | None) -> bool:
    """A short title-cased name in quote marks after a preposition, an article or a
    possessive (on “Fox News Sunday,”, told “Morning Joe”, ABC's “This Week”): a show or
    title, not speech."""
    words = text[start:end].rstrip(",.;: ").split()
    if not words or len(words) > 6 or text[start:end].rstrip()[-1:] in "?!":
        return False
    if not all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS or not w[0].isalpha() for w in words):
        return False
    return last_before is not None and (last_before.lower_ in TITLE_SLOT_WORDS or last_before.lemma_ == "tell")


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _quote_type(text: str, start: int, last_before: Token | None) -> str:
    first = text[start] if start < len(text) else ""
    embedded = (last_before is not None and last_before.is_alpha and last_before.idx + len(last_before) >= start - 3
                and "\n" not in text[last_before.idx:start])
    return "partial" if embedded or first.islower() else "direct"


# ---------------------------------------------------------------- reported speech


def _content_span(doc: Doc, left: Token, right: Token) -> tuple[int, int] | None:
    """Character span from ``left`` to ``right`` without a leading ``that`` or trailing
    punctuation; None when fewer than three words remain."""
    while left.i < right.i and (left.dep_ == "mark" and left.lower_ in ("that", "whether", "if") or left.is_punct):
        left = doc[left.i + 1]
    while right.i > left.i and (right.is_punct or right.is_space):
        right = doc[right.i - 1]
    if right.i - left.i < 2:
        return None
    return left.idx, right.idx + len(right)


def _reported(tok: Token, deps: tuple[str, ...] = ("ccomp",)) -> tuple[Token, Token] | None:
    """The clause a cue verb reports: its complement (``deps``) on either side
    (He said China would ... / China would ..., he said / She wants to ...)."""
    comp = next((c for c in tok.children if c.dep_ in deps), None)
    if comp is not None:
        left, right = comp.left_edge, comp.right_edge
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < comp.i), None)
        if obj is not None and comp.i > tok.i and (
                comp.dep_ == "xcomp" or not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in comp.children)):
            left = obj.left_edge  # urged Congress to act / warned the repairs would cost more
        if left.i <= tok.i <= right.i:
            return _around(tok, comp)  # The goal, he said, is ...: the cue inside its clause
        return left, _clause_end(left, right)
    if tok.dep_ == "parataxis":
        return _around(tok, tok.head)
    return None


def _prep_object(prep: Token) -> tuple[Token, Token] | None:
    """What a prepositional cue's preposition governs (its object, or for a particle the
    verb's object): "talked about the economy", "called for an end to the war"."""
    if prep.dep_ == "prt":
        obj = next((c for c in prep.head.children if c.dep_ == "dobj" and c.i > prep.i), None)
    else:
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return (obj.left_edge, obj.right_edge) if obj is not None else None


def _reporter(tok: Token, ctx: _Context, edges: tuple[Token, Token] | None,
              stance: bool) -> tuple[_Attribution, tuple[Token, Token]] | None:
    """The attribution of a reported clause ``edges`` to the cue verb ``tok``'s speaker. A
    passive cue leaves the speaker unnamed; a stance needs an agent that can hold a view."""
    if edges is None:
        return None
    att = _cue_speaker(tok, ctx, not stance, not stance)
    if att is None:
        return None
    if att.speaker is not None and att.speaker.root.dep_ == "nsubjpass":
        return _Attribution(att.cue, None), edges  # "voters are expected to ...": by whom is not said
    if stance and att.speaker is not None and not _is_agent(att.speaker):
        return None  # "the poll shows" yes, "few people understood" no
    return att, edges


def _around(tok: Token, clause: Token) -> tuple[Token, Token] | None:
    """The longer side of ``clause`` around the cue's own words: "China would ..., he
    said" or "The goal, he said, is to forge a cease-fire" (the part after the cue)."""
    doc = tok.doc
    own_left = min([tok.i] + [c.left_edge.i for c in tok.children if c.i < tok.i and c.dep_ != "ccomp"])
    own_right = max([tok.i] + [c.right_edge.i for c in tok.children if c.i > tok.i and c.dep_ != "ccomp"])
    left, right = clause.left_edge, clause.right_edge
    if not left.i <= tok.i <= right.i:
        return left, right
    before = (left, doc[own_left - 1]) if own_left > left.i else None
    after = (doc[own_right + 1], right) if own_right < right.i else None
    sides = [side for side in (before, after) if side is not None]
    return max(sides, key=lambda side: side[1].i - side[0].i) if sides else None


def _is_agent(mention: Span) -> bool:
    """Whether a mention can name someone who holds a view: a name or a noun ("the poll",
    "critics"), or a personal pronoun; not "that", "which" or "this"."""
    root = mention.root
    if root.ent_type_ in AGENT_LABELS or root.pos_ in ("NOUN", "PROPN"):
        return True
    return root.pos_ == "PRON" and root.lower_ in SUBJECT_PRONOUNS | {"who"}


def _before_aside(left: Token, right: Token) -> Token:
    """``right``, or the word before a comma that opens an aside hanging on a word before
    it: a relative clause, an appositive or an adverbial clause ("... on her character,
    which he would have needed ...", "Comey, a Republican appointed ...", "... Trump, while
    emphasizing ...")."""
    doc = left.doc
    commas = [tok for tok in doc[left.i + 3:right.i] if tok.text == ","]
    if not commas:
        return right
    # the last ", and" / ", or" of the clause: a comma before it opens an item of a series
    # ("training X, helping Y, and inviting Z"), not an aside
    series = max((t.i for t in doc[commas[0].i + 2:right.i] if t.dep_ == "cc" and doc[t.i - 1].text == ","),
                 default=-1)
    for tok in commas:
        if series >= tok.i + 2:
            return right
        nxt = doc[tok.i + 1]
        for dep in (nxt, *nxt.ancestors):
            if dep.left_edge.i != nxt.i or dep.i > right.i:
                break
            if dep.dep_ in ASIDE_DEPS and dep.head.i < tok.i:
                return doc[tok.i - 1]
    return right


def _clause_end(left: Token, right: Token) -> Token:
    """``right``, or the word before a semicolon or dash that starts another statement."""
    doc = left.doc
    for tok in doc[left.i:right.i]:
        if tok.i <= left.i + 2:
            continue
        if tok.text in (";", "--", "—"):
            return doc[tok.i - 1]
    return right


def _according_to(tok: Token, ctx: _Context) -> tuple[Span, tuple[Token, Token]] | None:
    """According to X, content. / Content, according to X."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    if not ctx.has_sents:
        return None
    pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase_end = max(tok.right_edge.i, doc[tok.i + 1].right_edge.i)
    if tok.i == sent.start or (tok.i - sent.start <= 2 and doc[sent.start].is_punct):
        if phrase_end + 2 >= sent.end:
            return None
        return mention_span(pobj), (doc[phrase_end + 1], doc[sent.end - 1])
    if tok.i - 1 <= sent.start:
        return None
    return mention_span(pobj), (doc[sent.start], doc[tok.i - 1])


def _overlapping(spans: list[tuple[int, int]], longest: int, s: int, e: int) -> list[tuple[int, int]]:
    """The spans of the sorted list ``spans`` (none longer than ``longest``) that overlap
    ``[s, e)``, found by bisection rather than a scan of the whole list."""
    out = []
    for ts, te in spans[bisect_left(spans, (s - longest, -1)):]:
        if ts >= e:
            break
        if s < te:
            out.append((ts, te))
    return out


def _transcript_turns(doc: Doc, ctx: _Context) -> Iterator[_Found]:
    """WALLACE: Let's start ... — a paragraph opening with a speaker label and a colon,
    as transcripts and interviews are printed. The label must name a person of the
    article (a PERSON entity, or a word of one in capitals), so "UPDATE:" is no speaker."""
    people = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e}
    for ps, pe in ctx.paras:
        first = _token_at(doc, ps)
        if first is None:
            continue
        k = first.i + (1 if first.is_punct and first.text in OPENERS + STRAIGHT else 0)
        colon = next((t for t in doc[k:k + 5] if t.text == ":"), None)
        if colon is None or colon.i == k or colon.idx >= pe:
            continue
        label = doc[k:colon.i]
        words = [t for t in label if t.is_alpha]
        if not words or len(words) != len(label) or not all(t.is_upper or t.ent_type_ == "PERSON" for t in words):
            continue
        if not any(t.lower_ in people for t in words):
            continue
        s, e = doc[colon.i].idx + 1, pe
        while s < e and ctx.text[s].isspace():
            s += 1
        while e > s and (ctx.text[e - 1].isspace() or ctx.text[e - 1] in STRAIGHT + CLOSERS):
            e -= 1  # the turn's own words, with their final punctuation
        if e - s > 2:
            yield s, e, "direct", _Attribution(doc[colon.i:colon.i + 1], label)


# ---------------------------------------------------------------- the component


@Language.factory(
    "quote_extractor",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma", "doc.ents"],
    default_config={"models_dir": ""},
)
def make_quote_extractor(nlp: Language, name: str, models_dir: str) -> QuoteExtractor:
    """``models_dir``: the rules folder, empty for the project's ``models/`` (``initialize(rules=book)``
    hands the component a rule book instead)."""
    return QuoteExtractor(None, source=models_dir)


_Found = tuple[int, int, str, _Attribution]


class QuoteExtractor(FromRuleBook):
    """Direct, partial and indirect quotes with cue, speaker mention and resolved speaker."""

    def __init__(self, cues: Cues | None = None, speaker_rules: speakers.SpeakerRules | None = None, *,
                 source: str = "") -> None:
        self._source = source
        self._cues = cues
        self.speaker_rules = speaker_rules or speakers.SpeakerRules()

    def _load(self, book: RuleBook) -> None:
        self._cues = Cues.from_book(book)
        self.speaker_rules = speakers.SpeakerRules.from_book(book)

    @property
    def cues(self) -> Cues:
        cues: Cues = self._derived("_cues")
        return cues

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = list(self.extract(doc))
        return doc

    def extract(self, doc: Doc) -> Iterator[QuoteSpan]:
        """Every attributed quote in the body paragraphs of ``doc``, in text order."""
        text = doc.text
        paras = paragraphs(doc)
        spans = quote_spans(text, paras)
        ctx = _Context(doc, paras, spans)
        found: list[_Found] = list(_transcript_turns(doc, ctx))
        turns = [(s, e) for s, e, _, _ in found]
        prev: _Found | None = None
        for qs, qe in spans:
            if any(ts - 30 < qs and qs < te for ts, te in turns):
                continue  # the transcript turn already holds these words
            ps, pe = ctx.para_of(qs)
            att, last_before = _before(doc, qs, ps, self.cues, ctx)
            if att is None and qs - ps <= 2:
                att = self._colon_intro(doc, ctx, ps)
            after = _after(doc, qe, pe, self.cues, ctx)
            if after is not None and (att is None or text[qe - 1:qe] in ",?!"):
                att = after
            if att is None and prev is not None:
                att = self._floating(text, ctx, prev, qs, ps)
            if att is None and _quote_type(text, qs, last_before) == "partial":
                att = _embedding_agent(doc, qs, self.cues, ctx)
            if att is None and last_before is not None and last_before.text == ":":
                att = _colon_agent(last_before, ctx)
            if att is None or _is_title(text, qs, qe, last_before):
                continue  # scare quotes, titles: no speaker
            item = (qs, qe, _quote_type(text, qs, last_before), att)
            found.append(item)
            prev = item
        quote_cues = {att.cue.start for _, _, _, att in found if att.cue is not None}
        found.extend(self._indirect(doc, ctx, [(s, e) for s, e, _, _ in found], quote_cues))
        resolver = speakers.SpeakerResolver(doc, self.speaker_rules, ctx.quoted)
        rows = [self._row(qs, qe, qtype, att, resolver)
                for qs, qe, qtype, att in sorted(found, key=lambda x: (x[0], x[1]))]
        yield from speakers.first_person_in_quotes(rows)

    def _colon_intro(self, doc: Doc, ctx: _Context, ps: int) -> _Attribution | None:
        """Krepon continued:¶“...”: a cue ending the previous paragraph with a colon."""
        k = ctx.para_index(ps)
        if k <= 0:
            return None
        pps, ppe = ctx.paras[k - 1]
        if not ctx.text[pps:ppe].rstrip().endswith(":"):
            return None
        att, _ = _before(doc, ppe + 1, pps, self.cues, ctx)
        return att

    @staticmethod
    def _floating(text: str, ctx: _Context, prev: _Found, qs: int, ps: int) -> _Attribution | None:
        """A quote opening a paragraph with no cue of its own belongs to the previous
        quote's speaker when that quote is in the paragraph before and nothing but its
        attribution (a few words) stands between them."""
        _, pqe, _, patt = prev
        if qs - ps > 2 or ctx.para_index(qs) - ctx.para_index(pqe) != 1:
            return None
        words = sum(ch.isspace() for ch in text[pqe:ps].strip())
        if words > 12:
            return None
        return _Attribution(None, patt.speaker)

    def _indirect(self, doc: Doc, ctx: _Context, taken: list[tuple[int, int]],
                  quote_cues: set[int]) -> Iterator[_Found]:
        """Reported speech: a cue verb with a clausal complement, a prepositional cue's object,
        and ``according to``. A prepositional cue that introduces a quote (``quote_cues``: the
        cue tokens of the quotes found) names its topic: the quote is what was said."""
        body = ctx.paras
        taken = sorted(taken)
        longest = max((e - s for s, e in taken), default=0)
        for tok in doc:
            if ctx.quoted[tok.i]:
                continue
            found: tuple[_Attribution, tuple[Token, Token]] | None = None
            acc = _according_to(tok, ctx)
            if acc is not None:
                found = _Attribution(doc[tok.i:tok.i + 2], acc[0]), acc[1]
            elif (prep := prepositional_object(tok, self.cues.prepositional)) is not None:
                if tok.i in quote_cues:
                    continue  # X commented on China's role: “...”
                found = _reporter(tok, ctx, _prep_object(prep), stance=True)
                if found is not None:  # the cue as written: "called for", "talked about"
                    found = _Attribution(doc[tok.i:prep.i + 1], found[0].speaker), found[1]
            elif is_cue(tok, self.cues.speech) or is_cue(tok, self.cues.stance):
                takes_object = is_cue(tok, self.cues.stance)  # a verb may be on both lists
                edges = _reported(tok, ("ccomp", "xcomp", "dobj") if takes_object else ("ccomp", "xcomp"))
                found = _reporter(tok, ctx, edges, stance=not is_cue(tok, self.cues.speech))
            if found is None:
                continue
            att, (left, right) = found
            span = _content_span(doc, left, _before_aside(left, right))
            if span is None:
                continue
            s, e = span
            if att.speaker is not None and att.speaker.start_char < e and s < att.speaker.end_char:
                continue  # the speaker cannot sit inside what they said
            k = ctx.para_index(s)
            if k < 0 or not (body[k][0] <= s and e <= body[k][1]):
                continue
            near = _overlapping(taken, longest, s, e)
            if any(not (s <= ts and te <= e) for ts, te in near):
                continue  # a reported clause may hold a quote, not cut through one
            if sum(te - ts for ts, te in near) > (e - s) / 2:
                continue  # mostly quoted words: the quote row says it already
            insort(taken, (s, e))
            longest = max(longest, e - s)
            yield s, e, "indirect", att

    @staticmethod
    def _row(qs: int, qe: int, qtype: str, att: _Attribution, resolver: speakers.SpeakerResolver) -> QuoteSpan:
        sp = att.speaker
        who = resolver.resolve(sp) if sp is not None else speakers.Who("", "description", "", "")
        return QuoteSpan(
            qs, qe, qtype,
            att.cue.text if att.cue is not None else "",
            att.cue.start_char if att.cue is not None else None,
            att.cue.end_char if att.cue is not None else None,
            sp.text if sp is not None else "",
            sp.start_char if sp is not None else None,
            sp.end_char if sp is not None else None,
            who.name, who.kind, who.title, who.org,
        )


def rows(doc: Doc) -> Iterable[QuoteSpan]:
    return doc._.quotes or []
