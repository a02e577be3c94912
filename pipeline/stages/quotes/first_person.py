"""\"I\" reporting words inside a quote is that quote's speaker."""

from __future__ import annotations

from dataclasses import replace

from .spans import QuoteSpan

FIRST_PERSON = {"i", "me"}


def first_person_in_quotes(rows: list[QuoteSpan]) -> list[QuoteSpan]:
    """"I" as the speaker of words reported inside a quote ("“I told them I would win,” Quinn
    said") is the quote's own speaker: the row takes the enclosing quote's resolved speaker."""
    quoted = [r for r in rows if r.type != "indirect" and r.speaker]
    out = []
    for r in rows:
        if r.speaker_text.lower() in FIRST_PERSON and not r.speaker and r.speaker_start is not None:
            outer = next((q for q in quoted if q is not r and q.start <= r.speaker_start < q.end), None)
            if outer is not None:
                r = replace(r, speaker=outer.speaker, speaker_kind=outer.speaker_kind,
                            speaker_title=outer.speaker_title, speaker_org=outer.speaker_org)
        out.append(r)
    return out
