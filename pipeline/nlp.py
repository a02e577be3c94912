"""Build the spaCy ``Language``: the English model, entity rules from ``models/``, our components."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import entities, quotes  # noqa: F401  (registers the component factories)
from .config import DEFAULT_MODELS, Settings


class ModelNotFound(RuntimeError):
    pass


def model_name(settings: Settings) -> str:
    """The model to load: the configured one, else the first default that is installed."""
    if settings.model:
        return settings.model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"none of the English models {list(DEFAULT_MODELS)} is installed; "
                        "run 'make install' or set PIPELINE_MODEL to an installed spaCy pipeline")


def check(settings: Settings) -> str:
    """The model's name, after making sure it is installed (workers load it themselves)."""
    name = model_name(settings)
    if importlib.util.find_spec(name) is None and not Path(name).exists():
        raise ModelNotFound(f"spaCy model {name!r} is not installed (nor a path); run 'make install' "
                            "or choose an installed pipeline with --model")
    return name


def build(settings: Settings) -> Language:
    """The full English pipeline: model + entity ruler + news entities + quotes."""
    name = model_name(settings)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {exc}") from exc
    return add_components(nlp, settings.models_dir)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, list items and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or (prev.is_space and "\n" in prev.text_with_ws):
            tok.is_sent_start = True
    return doc


def add_components(nlp: Language, models_dir: Path) -> Language:
    """Add our rule components to ``nlp`` (a trained model or ``spacy.blank('en')``)."""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    patterns = models_dir / "en" / "patterns.jsonl"
    ruler_opts = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="news_ruler", config={"overwrite_ents": True}, **ruler_opts)
    if patterns.exists():
        ruler.from_disk(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("news_entities", config={"models_dir": str(models_dir)})
    nlp.add_pipe("quote_extractor", config={"models_dir": str(models_dir)})
    return nlp
