"""Speakers named before a colon: a transcript's turn ("WALLACE: Let's start ..."), a name
alone before a quote ("- Jeffrey M. Jones: “...”") and a clause closed by a colon ("Obama is
rolling out a new message: “...”")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .cues import mention_span, subject_of
from .layouts import _names_someone
from .marks import DASHES, OPENERS, QUOTE_MARKS, STRAIGHT, inside
from .spans import _Attribution, _Context, _entity_around, _Found, _token_at


def _transcript_turns(doc: Doc, ctx: _Context) -> Iterator[_Found]:
    """WALLACE: Let's start ... — a paragraph opening with a speaker label and a colon,
    as transcripts and interviews are printed. The label must name a person of the
    article (a PERSON entity, or a word of one in capitals), so "UPDATE:" is no speaker; a turn
    without a word (a delegate count, a poll share) says nothing. A turn ends where a sentence
    of its paragraph opens with another such label (``Clinton: "..." Bush: "..."``), which starts
    the next turn."""
    people = {t.lower_ for e in ctx.ents if e.label_ == "PERSON" for t in e}
    for ps, pe in ctx.paras:
        first = _token_at(doc, ps)
        if first is None:
            continue
        turn = _turn_label(doc, first.i, pe, people)
        while turn is not None:
            label, colon = turn
            after = _next_label(doc, colon.i + 1, pe, people)
            end = after[0][0].idx if after is not None else pe
            # the turn's own words, with their final punctuation, without a quote mark at either end
            s, e = inside(ctx.text, colon.idx + 1, end, QUOTE_MARKS, QUOTE_MARKS)
            if e - s > 2 and any(ch.isalpha() for ch in ctx.text[s:e]):  # "Hillary Clinton: 1,769." is a count
                yield s, e, "direct", _Attribution(doc[colon.i:colon.i + 1], label)
            turn = after


def _turn_label(doc: Doc, k: int, end: int, people: set[str]) -> tuple[Span, Token] | None:
    """(the speaker label, its colon) of a turn opening at token ``k`` (after an opening quote mark),
    the colon before character ``end``: a name of at most four words, each in capitals or of a
    PERSON entity, one a word of the article's persons (``people``, lower case)."""
    if k < len(doc) and doc[k].is_punct and doc[k].text in OPENERS + STRAIGHT:
        k += 1
    colon = next((t for t in doc[k:k + 5] if t.text == ":"), None)
    if colon is None or colon.i == k or colon.idx >= end:
        return None
    label = doc[k:colon.i]
    words = [t for t in label if t.is_alpha]  # and the hyphens of a name ("Alex Seitz-Wald")
    joined = all(t.is_alpha or t.text == "-" and 0 < t.i - k < len(label) - 1 for t in label)
    if not words or not joined or not all(t.is_upper or t.ent_type_ == "PERSON" for t in words):
        return None
    return (label, colon) if any(t.lower_ in people for t in words) else None


def _next_label(doc: Doc, i: int, end: int, people: set[str]) -> tuple[Span, Token] | None:
    """The first turn label of a sentence opening at token ``i`` (after a colon: ``i`` >= 1) or after
    it, before character ``end``."""
    for tok in doc[i:]:
        if tok.idx >= end:
            return None
        if _opens_sentence(tok) and (turn := _turn_label(doc, tok.i, end, people)) is not None:
            return turn
    return None


def _opens_sentence(tok: Token) -> bool:
    """A capitalised word (or an opening quote mark) right after a sentence's final punctuation,
    or after a closing quote mark after one (the parser's sentences do not always end there; the
    period of "Mr." is no sentence's end)."""
    if not (tok.text[:1].isupper() or tok.text in OPENERS + STRAIGHT):
        return False
    doc = tok.doc
    before = doc[tok.i - 1]
    return _final(before) or before.text in QUOTE_MARKS and tok.i > 1 and _final(doc[tok.i - 2])


def _final(tok: Token) -> bool:
    return tok.is_punct and tok.text[-1:] in ".?!…"


def _named_turn(colon: Token, ctx: _Context) -> _Attribution | None:
    """- Jeffrey M. Jones: “Gallup's analysis ...” — a person's or organisation's name right before
    the colon, opening its sentence or after a dash or "from" ("More from Jones: “...”"), as
    newsletters and round-ups quote their sources; not a name inside a clause ("a message for
    Trump: “...”": the clause's subject, if any, speaks)."""
    doc = colon.doc
    prev = doc[colon.i - 1] if colon.i > 0 else None
    if prev is None or prev.ent_type_ not in ("PERSON", "ORG") or ctx.quoted[prev.i]:
        return None
    ent = _entity_around(prev)
    before = doc[ent.start - 1] if ent.start > 0 else None
    if ent.end != colon.i or not (before is None or ent[0].is_sent_start or before.is_space
                                  or before.text in DASHES or before.lower_ == "from"):
        return None
    return _Attribution(doc[colon.i:colon.i + 1], ent)


def _colon_agent(colon: Token, ctx: _Context) -> _Attribution | None:
    """Obama is rolling out a new message: “It's about me.” — a colon right before a quote,
    closing a clause whose subject is a named person or organisation (or he/she/they); or a
    name alone before the colon (``_named_turn``)."""
    named = _named_turn(colon, ctx)
    if named is not None:
        return named
    verb = colon.head
    if verb.pos_ not in ("VERB", "AUX") or ctx.quoted[verb.i]:
        return None
    subj = subject_of(verb, ctx.quoted)
    if subj is None or not _names_someone(subj):
        return None
    return _Attribution(colon.doc[colon.i:colon.i + 1], mention_span(subj))
