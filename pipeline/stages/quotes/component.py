"""Quotes: who said what. Quote-mark pairing, cue verbs, speakers and their resolution.

The component ``quote_extractor`` sets ``doc._.quotes`` to a list of ``QuoteSpan``.
Pairing quote marks is a plain function of the text (linear in its length, local to a
paragraph); attribution reads the dependency parse around each quote (a bounded window
of tokens), reported speech reads each cue verb's complement, and ``speakers`` resolves
the speaker mentions. Cue verbs come from three lists under ``models/en`` (see ``Cues``).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterator
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...rulebook import FromRuleBook, RuleBook
from .according import _according_to, _in_finding
from .cues import Cues, complement_object, is_cue, judgement, predicative_clause, prepositional_object
from .first_person import first_person_in_quotes
from .headlines import _headline_turn, _headline_verb
from .layouts import (
    _after,
    _before,
    _embedding_agent,
    _is_title,
    _names_someone,
    _quote_type,
    holds_views,
)
from .marks import CLOSERS, DASHES, OPENERS, STRAIGHT, paragraphs, quote_spans
from .reported import (
    _aside_ends,
    _content_span,
    _noun_cue,
    _object_reported,
    _overlapping,
    _prep_object,
    _reported,
    _reporter,
)
from .spans import SPEAKER_LABELS, QuoteSpan, _Attribution, _Context, _entity_around, _Found
from .speaker_rules import SpeakerRules, Who
from .speakers import SpeakerResolver
from .turns import _colon_agent, _transcript_turns

MAX_SIGNATURE = 16  # tokens of a paragraph that signs the quote above it: "- President Obama, tweeting ..."
# the parts of speech of a cue word (verbs, cue nouns) that the reported-speech step reads
CUE_POS = frozenset(("VERB", "AUX", "NOUN"))


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


class QuoteExtractor(FromRuleBook):
    """Direct, partial and indirect quotes with cue, speaker mention and resolved speaker."""

    def __init__(self, cues: Cues | None = None, speaker_rules: SpeakerRules | None = None, *,
                 source: str = "") -> None:
        self._source = source
        self._cues = cues
        self.speaker_rules = speaker_rules or SpeakerRules()

    def _load(self, book: RuleBook) -> None:
        self._cues = Cues.from_book(book)
        self.speaker_rules = SpeakerRules.from_book(book)

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
        ctx = _Context(doc, paras, spans, text)
        found: list[_Found] = [*_transcript_turns(doc, ctx), *_headline_turn(doc, ctx),
                               *_headline_verb(doc, ctx, self.cues)]
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
            if att is None:
                att = _signed_below(doc, ctx, qs, qe)
            if att is None and prev is not None:
                att = self._floating(text, ctx, prev, qs, ps)
            if att is None and _quote_type(text, qs, last_before) == "partial":
                att = _embedding_agent(doc, qs, qe, self.cues, ctx, self.speaker_rules.names_holder)
            if att is None and last_before is not None and last_before.text == ":":
                att = _colon_agent(last_before, ctx)
            if att is None or _is_title(text, qs, qe, last_before):
                continue  # scare quotes, titles: no speaker
            item = (qs, qe, _quote_type(text, qs, last_before), att)
            found.append(item)
            prev = item
        quote_cues = {(s, e): att.cue.start for s, e, _, att in found if att.cue is not None}
        found.extend(self._indirect(doc, ctx, [(s, e) for s, e, _, _ in found], quote_cues))
        resolver = SpeakerResolver(doc, self.speaker_rules, ctx.quoted, ctx.ents)
        rows = [self._row(qs, qe, qtype, att, resolver)
                for qs, qe, qtype, att in sorted(found, key=lambda x: (x[0], x[1]))]
        yield from first_person_in_quotes(rows)

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
        if ctx.para_index(qs) == ctx.para_index(pqe):
            return _same_speaker_later(text, ctx, patt, pqe, qs)
        if qs - ps > 2 or ctx.para_index(qs) - ctx.para_index(pqe) != 1:
            return None
        words = sum(ch.isspace() for ch in text[pqe:ps].strip())
        if words > 12:
            return None
        return _Attribution(None, patt.speaker)

    def _indirect(self, doc: Doc, ctx: _Context, taken: list[tuple[int, int]],
                  cue_of: dict[tuple[int, int], int]) -> Iterator[_Found]:
        """Reported speech: a cue verb with a clausal complement, a prepositional cue's object, a
        complement cue's object and complement, ``according to`` and a finding opening the sentence
        (``In a poll, ...``). A prepositional cue that introduces a quote (``cue_of``: the cue token
        of each quote found) names its topic: the quote is what was said."""
        quote_cues = set(cue_of.values())
        text = ctx.text
        body = ctx.paras
        taken = sorted(taken)
        longest = max((e - s for s, e in taken), default=0)
        cues = self.cues  # a property: read once, not once per token

        def said(verb: Token) -> bool:  # a verb that reports something of its own
            return (is_cue(verb, cues.speech) or is_cue(verb, cues.stance) or is_cue(verb, cues.quoted)
                    or prepositional_object(verb, cues.prepositional) is not None)

        def readings(tok: Token) -> Iterator[tuple[_Attribution, tuple[Token, Token]] | None]:
            """What ``tok`` may report, best first: a reading whose clause does not fit (it cuts
            through a quote, leaves its paragraph) gives way to the next."""
            acc = _according_to(tok, ctx)
            if acc is not None:
                yield _Attribution(doc[tok.i:tok.i + 2], acc[0]), acc[1]
                return
            if (finding := _in_finding(tok, ctx, cues.findings)) is not None:
                yield _Attribution(doc[tok.i:tok.i + 1], finding[0]), finding[1]  # In a new poll, ...
                return
            if (judged := complement_object(tok, cues.complement)) is not None and tok.i not in quote_cues:
                yield _reporter(tok, ctx, judgement(tok, *judged), stance=True)  # X sees Cruz as a uniter
            if (prep := prepositional_object(tok, cues.prepositional)) is not None:
                if tok.i not in quote_cues:  # X commented on China's role: “...”
                    yield _cue_as_written(_reporter(tok, ctx, _prep_object(prep), stance=True), tok, prep)
            elif tok.pos_ == "NOUN" and (noun := _noun_cue(tok, cues, ctx)) is not None:
                yield noun
            elif (pred := predicative_clause(tok, cues.predicative)) is not None:
                adj, clause = pred  # made it clear that ...: the clause after the adjective
                yield _cue_as_written(_reporter(tok, ctx, (clause.left_edge, clause.right_edge), stance=False),
                                      tok, adj)
            elif is_cue(tok, cues.speech) or is_cue(tok, cues.stance):
                takes_object = is_cue(tok, cues.stance)  # a verb may be on both lists
                speech = is_cue(tok, cues.speech)
                edges = _reported(tok, ("ccomp", "xcomp", "dobj") if takes_object else ("ccomp", "xcomp"), said,
                                  aside=speech and tok.i not in quote_cues)  # "as she said, “...”": the quote
                found = _reporter(tok, ctx, edges, stance=not speech)
                if found is None or speech or holds_views(tok, found[0].speaker, cues,
                                                          self.speaker_rules.names_holder):
                    yield found  # not "the meeting also hopes to foster ...": nobody's view

        def placed(att: _Attribution, left: Token, right: Token) -> tuple[int, int] | None:
            """The characters of a reported clause when it fits: in one paragraph, not around its
            speaker, not cutting through a quote, not mostly quoted words."""
            keep_short = _short_object(att, cues)
            span = _clause_span(left, right, keep_short)
            if span is None:
                return None
            near = _overlapping(taken, longest, *span)
            if (cut := _before_quote_cue(left, right, span[1], near, cue_of)) is not None:
                span = _clause_span(left, cut, keep_short)
                if span is None:
                    return None
                near = _overlapping(taken, longest, *span)
            s, e = span
            if att.speaker is not None and att.speaker.start_char < e and s < att.speaker.end_char:
                return None  # the speaker cannot sit inside what they said
            k = ctx.para_index(s)
            if k < 0 or not (body[k][0] <= s and e <= body[k][1]):
                return None
            e = max([e] + [_past_closing_mark(text, te) for ts, te in near
                           if s <= ts < e < te and _only_punctuation(text[e:te])])
            if any(not (s <= ts and te <= e or ts <= s and e <= te and (ts, te) not in cue_of) for ts, te in near):
                return None  # a reported clause may hold a quote or lie in another's, not cut through one
            if sum(min(te, e) - max(ts, s) for ts, te in near if (ts, te) in cue_of) > (e - s) / 2:
                return None  # mostly quoted words: the quote row says it already
            return s, e

        for tok in doc:
            if ctx.quoted[tok.i] or tok.pos_ not in CUE_POS and tok.lower_ not in ("according", "in"):
                continue  # a cue is a verb or a noun, "according to" or "in" a finding: no reading to try
            for found in readings(tok):
                if found is None or (span := placed(found[0], *found[1])) is None:
                    continue
                insort(taken, span)
                longest = max(longest, span[1] - span[0])
                yield span[0], span[1], "indirect", found[0]
                break

    @staticmethod
    def _row(qs: int, qe: int, qtype: str, att: _Attribution, resolver: SpeakerResolver) -> QuoteSpan:
        sp = att.speaker
        who = resolver.resolve(sp) if sp is not None else Who("", "description", "", "")
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


def _cue_as_written(found: tuple[_Attribution, tuple[Token, Token]] | None, verb: Token,
                    last: Token) -> tuple[_Attribution, tuple[Token, Token]] | None:
    """``found`` with its cue written from the verb to ``last``, the word that makes the verb a
    cue: "called for", "made it clear"."""
    if found is None:
        return None
    return _Attribution(verb.doc[verb.i:last.i + 1], found[0].speaker), found[1]


def _only_punctuation(text: str) -> bool:
    """Whether ``text`` holds no word: the closing punctuation of a quote that ends a reported
    clause ('he thinks she has done a "serviceable job."': the clause ends at "job", the quote
    after its period)."""
    return all(not ch.isalnum() for ch in text)


def _past_closing_mark(text: str, end: int) -> int:
    """``end``, the end of a quote's words, past the quote mark (or two apostrophes) closing it."""
    k = end
    while k < len(text) and k - end < 2 and text[k] in CLOSERS + STRAIGHT + "'":
        k += 1
    return k


def _clause_span(left: Token, right: Token, keep_short: Callable[[Span], bool] | None) -> tuple[int, int] | None:
    """The characters of a reported clause, up to the first aside that closes it (``_aside_ends``)
    and leaves enough words: three, or one or two that ``keep_short`` keeps."""
    return next((sp for end in (*_aside_ends(left, right), right)
                 if (sp := _content_span(left.doc, left, end, keep_short)) is not None), None)


def _before_quote_cue(left: Token, right: Token, end: int, near: list[tuple[int, int]],
                      cue_of: dict[tuple[int, int], int]) -> Token | None:
    """The word before the phrase of a quote's cue when the reported clause (to character
    ``end``) runs into that quote (one of the rows ``near`` it) after its cue: "Starr said
    Clinton's situation reminds him of ..., explaining, “because ...”" reports the situation, and
    the explaining is the quote's own row. None when the clause cuts through no quote so
    introduced, or its cue's phrase is not set off by a comma or a dash."""
    doc = left.doc
    for ts, te in near:
        cue = cue_of.get((ts, te))
        if not (ts < end < te and cue is not None and doc[cue].i <= right.i):
            continue
        first = doc[cue].left_edge.i
        before = first - 1
        while before > left.i and doc[before].is_quote:
            before -= 1  # '... titled “The Tragedy of Lyndon Johnson,” explaining'
        if left.i + 2 < before and (doc[before].text in (",", ";") or doc[before].text in DASHES):
            return doc[first - 1]  # set off by a comma or a dash: not "his hatred of"
    return None


def _short_object(att: _Attribution, cues: Cues) -> Callable[[Span], bool] | None:
    """What keeps a reported object of one or two words: ``_object_reported`` for the cue of an
    attribution that names someone; None (nothing) for the others."""
    if att.cue is None or att.speaker is None or not _names_someone(att.speaker.root):
        return None
    return partial(_object_reported, cues=cues, cue=att.cue)


def _signed_below(doc: Doc, ctx: _Context, qs: int, qe: int) -> _Attribution | None:
    """A quote that fills its paragraph, signed in the next one by a dash and a person's or
    organisation's name (and a few words more), as fact checks and collections of reactions print
    them: "“...”¶- Bernie Sanders." (the ``“...” – X`` layout across a paragraph break)."""
    k = ctx.para_index(qs)
    ps, pe = ctx.paras[k]
    if k + 1 >= len(ctx.paras) or qs - ps > 2 or pe - qe > 3:
        return None
    ns, ne = ctx.paras[k + 1]
    sign = doc.char_span(ns, ne, alignment_mode="contract")
    if sign is None or len(sign) < 2 or sign[0].text not in DASHES or len(sign) > MAX_SIGNATURE:
        return None
    first = next((t for t in sign[1:3] if not t.is_punct), None)
    if first is None or first.ent_type_ not in SPEAKER_LABELS:
        return None
    return _Attribution(sign[:1], _entity_around(first))


def _same_speaker_later(text: str, ctx: _Context, patt: _Attribution, pqe: int, qs: int) -> _Attribution | None:
    """A quote starting a sentence later in the paragraph of an attributed quote, with no cue of its
    own, is the same speaker's when nobody else is named between them: "''...,'' said Robin Maynard.
    He holds two degrees. ''But I like working with my hands.''"."""
    if patt.speaker is None:
        return None
    before = text[pqe:qs].rstrip(OPENERS + STRAIGHT + "'‘ \t")
    if not before.endswith((".", "!", "?")) or before.endswith(("...", "…")):
        return None  # the quote goes on the writer's sentence
    if any(pqe <= e.start_char < qs and e.label_ in ("PERSON", "ORG") and e.start_char >= patt.speaker.end_char
           for e in ctx.ents):
        return None
    return _Attribution(None, patt.speaker)
