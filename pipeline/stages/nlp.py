"""Build the spaCy ``Language``: the English model, entity rules from ``models/``, our components."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .. import rulebook
from ..config import VENDORED_MODELS, ModelNotFound, Settings, installed, model_name
from ..rulebook import RuleBook
from . import chinese, entities, language, longtext, orgs, quotes, zh_entities  # noqa: F401  (factories)

COMPONENTS_FILE = "components.toml"
PATTERNS_FILE = "en/patterns.jsonl"
_PLACES = ("before", "after", "first", "last")


class ComponentConfigError(ValueError):
    """``models/components.toml`` names a module, factory or position that does not exist."""


def check(settings: Settings) -> str:
    """The model's name, after making sure it is installed (workers load it themselves)."""
    name = model_name(settings)
    if not installed(name) and not Path(name).exists():
        vendored = VENDORED_MODELS.get(name, ())
        raise ModelNotFound(f"spaCy model {name!r} is not installed (nor a path"
                            + (f", nor {' or '.join(vendored)}" if vendored else "")
                            + "); run 'make install' or choose an installed pipeline with --model")
    # A malformed rules file fails here, with its message, not once per document: every table
    # parses, and the rules `document.prepare` reads (language, Chinese) load. The components'
    # own rules load where the pipeline is built; here only their positions and factories
    # (models/components.toml) are checked, on a blank pipeline.
    book = rulebook.for_settings(settings)
    book.validate()
    language.rules_of(book)
    chinese.number_units(book)
    zh_entities.load_rules(book)
    add_components(spacy.blank("en"), book, initialize=False)
    return name


def build(settings: Settings) -> Language:
    """The full English pipeline: model + entity ruler + news entities + quotes."""
    name = model_name(settings)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {exc}") from exc
    return add_components(nlp, rulebook.for_settings(settings))


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, list items and paragraphs never run together.

    The starts are set in one array write: ``Token.is_sent_start = True`` checks the whole
    document's annotation on every call, which made a text of many lines quadratic (4,000
    headline lines took 1.9 s; now 0.02 s).
    """
    starts = [tok.i for tok in doc[1:]
              if "\n" in (prev := doc[tok.i - 1]).text or (prev.is_space and "\n" in prev.text_with_ws)]
    if starts:
        # spaCy's own uint64 array (its stubs say otherwise): "not a start" (-1) survives the round trip
        values: Any = doc.to_array([SENT_START]).reshape(-1, 1)
        values[starts, 0] = 1
        doc.from_array([SENT_START], values)
    return doc


def add_components(nlp: Language, rules: RuleBook | Path | None = None, *, initialize: bool = True) -> Language:
    """Add our rule components to ``nlp`` (a trained model or ``spacy.blank('en')``).

    Every component takes its rules from one rule book (``rules``: a book, a folder, or None
    for the project's ``models/``), handed over through spaCy's ``initialize``: nothing reads
    the folder after this, so a worker needs only the book. ``initialize=False`` adds the
    components without their rules (the entity ruler without patterns): enough to check where
    ``models/components.toml`` puts its components, at a fraction of the cost.
    """
    book = rulebook.of(rules)
    longtext.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    ruler_opts: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="news_ruler", config={"overwrite_ents": True}, **ruler_opts)
    patterns = book.records(PATTERNS_FILE) if initialize else []
    if patterns:
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    if initialize:
        ruler.add_patterns(orgs.ruler_patterns(book))  # type: ignore[attr-defined]
    for factory in ("news_entities", "quote_extractor"):
        pipe = nlp.add_pipe(factory)
        if initialize:
            pipe.initialize(rules=book)  # type: ignore[attr-defined]
    add_configured_components(nlp, book)
    return nlp


def add_configured_components(nlp: Language, book: RuleBook) -> list[str]:
    """Add the extra components listed in the book's ``components.toml``, if it has one.

    The file lists code to import first (``import``: module names, or ``.py`` files relative to
    the file's folder), whose ``@Language.factory`` registers the components, then one
    ``[[component]]`` table per component: ``factory``, optional ``name``, ``config`` and one of
    ``before``/``after`` (a component name) or ``first``/``last`` (``true``). Factories that an
    installed package registers through spaCy's ``spacy_factories`` entry point need no import.

    Returns:
        The names of the components added, in order.
    """
    text = book.text(COMPONENTS_FILE)
    path = book.root / COMPONENTS_FILE
    if text is None:
        return []
    try:
        spec = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ComponentConfigError(f"{path}: not valid TOML: {exc}") from exc
    for entry in spec.get("import", []):
        _import(str(entry), path.parent)
    added = []
    for k, comp in enumerate(spec.get("component", [])):
        added.append(_add(nlp, comp, f"{path} [[component]] #{k + 1}"))
    return added


def _import(entry: str, base: Path) -> None:
    """Import a module by dotted name, or a ``.py`` file by path (relative to ``base``)."""
    if not entry.endswith(".py"):
        try:
            importlib.import_module(entry)
        except ImportError as exc:
            raise ComponentConfigError(f"cannot import module {entry!r} listed in {COMPONENTS_FILE}: {exc}") from exc
        return
    file = (base / entry).resolve()
    if not file.is_file():
        raise ComponentConfigError(f"{COMPONENTS_FILE} imports {entry!r}, but {file} is not a file")
    name = f"pipeline_extension_{file.stem}"
    if name in sys.modules:
        return
    module_spec = importlib.util.spec_from_file_location(name, file)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    module_spec.loader.exec_module(module)


def _add(nlp: Language, comp: dict[str, Any], where: str) -> str:
    factory = comp.get("factory")
    if not isinstance(factory, str):
        raise ComponentConfigError(f"{where}: `factory` (the registered factory name) is required")
    if not nlp.has_factory(factory):
        raise ComponentConfigError(f"{where}: no spaCy factory {factory!r} is registered; list the module that "
                                   "defines it under `import`")
    unknown = set(comp) - {"factory", "name", "config", *_PLACES}
    if unknown:
        raise ComponentConfigError(f"{where}: unknown keys {sorted(unknown)}; allowed: factory, name, config, "
                                   f"{', '.join(_PLACES)}")
    place = {k: comp[k] for k in _PLACES if k in comp}
    for k in ("before", "after"):
        if k in place and place[k] not in nlp.pipe_names:
            raise ComponentConfigError(f"{where}: {k} = {place[k]!r} is not in the pipeline {nlp.pipe_names}")
    name = str(comp.get("name", factory))
    nlp.add_pipe(factory, name=name, config=dict(comp.get("config", {})), **place)
    return name
