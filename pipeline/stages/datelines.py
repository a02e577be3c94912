"""Wire datelines: the place in capitals that opens a story's line before a date or a dash
("LONDON 1996-08-30", "WASHINGTON, June 10 (UPI) -", "MEXICO CITY - The ..."). Shared by the
entity stage (the place is a GPE, and no team of its name), the sports rules of ``orgs`` and the
quote stage (a dateline is no part of what was said)."""

from __future__ import annotations

import re

from spacy.tokens import Span

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'.-]*[A-Z.](?:[ -][A-Z][A-Z'.-]*[A-Z.])*)"  # the place, in capitals
    r"[ \t]*(?:,[^\n,]{1,40}?)?[ \t]*"  # ", United Arab Emirates"
    r"(?:(?P<date>\d{4}-\d\d-\d\d[ \t]*$"  # LONDON 1996-08-30
    rf"|,?[ \t]*{_MONTH}[ \t]+\d{{1,2}}\b)"  # WASHINGTON, June 10
    r"|(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*(?:[-–—―]+|:)[ \t]*(?=[^\n]*[a-z]))",  # MEXICO CITY - text; RUSSIA : text
    re.M)


def is_dateline(ent: Span, text: str) -> bool:
    """Whether ``ent`` is the place of a dated dateline ("NEW YORK 1996-12-06", "WASHINGTON, June
    10"): the city, whatever a story's team of that name ("NEW YORK 10 6 .625 3") is. ``text``: the
    document's (``Doc.text`` joins its tokens on every read)."""
    if ent.start_char and text[ent.start_char - 1] != "\n":
        return False
    m = DATELINE.match(text, ent.start_char)
    return m is not None and m["date"] is not None and m.end(1) == ent.end_char
