"""Speakers named before a colon: a transcript's turn ("WALLACE: Let's start ..."), a name
alone before a quote ("- Jeffrey M. Jones: “...”") and a clause closed by a colon ("Obama is
rolling out a new message: “...”")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .cues import mention_span, subject_of
from .layouts import _names_someone
from .marks import DASHES, OPENERS, QUOTE_MARKS, STRAIGHT, inside
from .spans import _Attribution, _Context, _entity_around, _Found, _token_at


def _transcript_turns(doc: Doc, ctx: _Context) -> Iterator[_Found]:
    """WALLACE: Let's start ... — a paragraph opening with a speaker label and a colon,
    as transcripts and interviews are printed. The label must name a person of the
    article (a PERSON entity, or a word of one in capitals), so "UPDATE:" is no speaker; a turn
    without a word (a delegate count, a poll share) says nothing."""
    people = {t.lower_ for e in ctx.ents if e.label_ == "PERSON" for t in e}
    for ps, pe in ctx.paras:
        first = _token_at(doc, ps)
        if first is None:
            continue
        k = first.i + (1 if first.is_punct and first.text in OPENERS + STRAIGHT else 0)
        colon = next((t for t in doc[k:k + 5] if t.text == ":"), None)
        if colon is None or colon.i == k or colon.idx >= pe:
            continue
        label = doc[k:colon.i]
        words = [t for t in label if t.is_alpha]  # and the hyphens of a name ("Alex Seitz-Wald")
        joined = all(t.is_alpha or t.text == "-" and 0 < t.i - k < len(label) - 1 for t in label)
        if not words or not joined or not all(t.is_upper or t.ent_type_ == "PERSON" for t in words):
            continue
        if not any(t.lower_ in people for t in words):
            continue
        # the turn's own words, with their final punctuation, without a quote mark at either end
        s, e = inside(ctx.text, doc[colon.i].idx + 1, pe, QUOTE_MARKS, QUOTE_MARKS)
        if e - s > 2 and any(ch.isalpha() for ch in ctx.text[s:e]):  # "Hillary Clinton: 1,769." is a count
            yield s, e, "direct", _Attribution(doc[colon.i:colon.i + 1], label)


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
