"""Blank-pipeline documents with hand-given entities, run through ``news_entities`` (shared by
the entity tests; no model)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import MODELS_DIR
from pipeline.stages import entities

RULES = entities.load_rules(MODELS_DIR)


def run_entities(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """``text`` with the given (mention, label) entities, in text order, through ``news_entities``."""
    doc = nlp(text)
    spans, pos = [], 0
    for mention, label in ents:
        start = text.index(mention, pos)
        pos = start + len(mention)
        spans.append(doc.char_span(start, pos, label=label))
    doc.ents = spans
    return entities.NewsEntities(RULES)(doc)
