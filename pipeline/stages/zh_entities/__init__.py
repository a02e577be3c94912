"""Chinese mentions from jieba's tokens, repaired with the rules of ``models/zh``.

``mentions`` finds them (single words, dotted foreign names, split names), ``names`` reads
persons, ``placenames`` abbreviations, places inside words and facilities, ``organisations``
joins place + words + head word into one name; ``rules`` parses ``models/zh`` once per rule
book. ``token_mentions``, ``mentions``, ``describe`` and ``load_rules`` are the public API.
"""

from .mentions import describe, mentions, token_mentions
from .rules import Mention, ZhRules, load_rules

__all__ = ["Mention", "ZhRules", "describe", "load_rules", "mentions", "token_mentions"]
