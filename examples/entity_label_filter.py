"""An example of a custom spaCy component added through ``models/components.toml``.

It lives outside ``pipeline/`` on purpose: the pipeline imports this file because the
configuration lists it, registers the factory, and adds the component where the
configuration says. See README, "Extending the rules".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "entity_label_filter",
    assigns=["doc.ents"],
    default_config={"drop": ["CARDINAL", "ORDINAL", "QUANTITY"]},
)
def make_entity_label_filter(nlp: Language, name: str, drop: list[str]) -> EntityLabelFilter:
    return EntityLabelFilter(drop)


class EntityLabelFilter:
    """Removes entities whose label is in ``drop`` (e.g. numbers, for a names-only study)."""

    def __init__(self, drop: list[str]) -> None:
        self.drop = frozenset(drop)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [e for e in doc.ents if e.label_ not in self.drop]
        return doc
