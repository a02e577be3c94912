"""Quotes: who said what. The ``quote_extractor`` spaCy component and the rules it applies.

``marks`` pairs quote marks; ``cues`` reads the cue verbs and finds what a cue attributes to;
``layouts`` finds the attribution of quoted words (``turns`` those of a name and a colon);
``reported`` finds reported speech and ``according`` the attributions without a verb
(``according to X``, ``In a poll, ...``);
``speakers`` (with ``speaker_rules``, and ``mentions`` for a mention's syntax) resolves a
speaker mention to a full name, title and organisation, and ``first_person`` gives "I" inside
a quote the quote's speaker; ``spans`` holds the rows and context they share; ``component``
is the component, whose ``extract`` runs them in order. The names below are the public API
(importing the package registers the factory).
"""

from .component import QuoteExtractor, make_quote_extractor
from .cues import Cues, is_cue, parse_complement, parse_cues, parse_prepositional
from .first_person import first_person_in_quotes
from .marks import pair_marks, paragraphs, quote_spans
from .spans import QuoteSpan, rows
from .speaker_rules import SpeakerRules, Who
from .speakers import SpeakerResolver

__all__ = ["Cues", "QuoteExtractor", "QuoteSpan", "SpeakerResolver", "SpeakerRules", "Who", "first_person_in_quotes",
           "is_cue", "make_quote_extractor", "pair_marks", "paragraphs", "parse_complement", "parse_cues",
           "parse_prepositional", "quote_spans", "rows"]
