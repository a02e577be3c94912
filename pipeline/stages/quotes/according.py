"""Attributions without a verb: "According to X, ..." (or "..., according to X") and a finding's
phrase that opens a sentence ("In the latest CNN/ORC poll, 31% of Republicans ...")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import mention_span
from .spans import _Context


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


def _in_finding(tok: Token, ctx: _Context, nouns: frozenset[str]) -> tuple[Span, tuple[Token, Token]] | None:
    """In a new CNN/ORC poll, 31% of Republicans said ...: a finding's noun (``nouns``) in the
    phrase that opens the sentence, a comma, and what the finding reports, the rest of the
    sentence ("In an interview, ..." or "In 2015, ..." open no report)."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or not ctx.has_sents or not tok.is_sent_start:
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in nouns:
        return None
    doc, sent = tok.doc, tok.sent
    comma = pobj.right_edge.i + 1
    if comma + 3 >= sent.end or doc[comma].text != ",":
        return None
    return mention_span(pobj), (doc[comma + 1], doc[sent.end - 1])
