"""Quote marks: pairing them in a paragraph (curly, straight, guillemets, ``''``), the body's
paragraphs and the quoted spans of a document. Plain functions of the text, linear in its length."""

from __future__ import annotations

from spacy.tokens import Doc

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
DASHES = "–—―-"
QUOTE_MARKS = OPENERS + CLOSERS + STRAIGHT


def inside(text: str, s: int, e: int, lead: str, trail: str) -> tuple[int, int]:
    """``s:e`` without the white space and the characters of ``lead`` at its start and of
    ``trail`` at its end: words without the marks around them."""
    while s < e and (text[s].isspace() or text[s] in lead):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in trail):
        e -= 1
    return s, e


BODY_KINDS = ("paragraph",)


def _is_opening_straight(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _mark_at(text: str, i: int, end: int) -> tuple[str, int]:
    """The quote mark starting at ``i`` as (kind, width): kind is 'open', 'close',
    'straight' or '' for none. Two apostrophes (``''``) are a straight double mark,
    as some newsrooms type it; a lone apostrophe never is."""
    ch = text[i]
    if ch in OPENERS:
        return "open", 1
    if ch in CLOSERS:
        return "close", 1
    if ch == STRAIGHT:
        return "straight", 1
    if ch == "'" and i + 1 < end and text[i + 1] == "'":
        return "straight", 2
    return "", 0


def pair_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Content spans between paired quote marks in ``text[start:end]`` (one paragraph).

    Curly, guillemet and straight marks (``"`` and ``''``) pair with each other as
    newsrooms type them: an opener typed where a closer belongs closes, and a closer
    typed after a space with nothing open opens. Returns the closed spans and, when a
    mark stays open at the end, the offset just after it (None otherwise). One pass,
    linear in the length.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    i = start
    while i < end:
        kind, width = _mark_at(text, i, end)
        if not kind:
            i += 1
            continue
        after = i + width
        before_space = i == start or text[i - 1].isspace()
        if kind == "straight":
            kind = "open" if open_at is None and _is_opening_straight(text, i, width) else "close"
        if kind == "close" and open_at is None and before_space and after < end and not text[after].isspace():
            kind = "open"  # ”Mr. Trump ...: a closer typed at the start of a quote
        if kind == "open":
            if open_at is None:
                open_at = after
            elif (i > open_at and not before_space and text[i - 1] not in OPENERS
                  and (after >= end or not text[after].isalnum())):
                spans.append((open_at, i))  # an opener typed where a closer belongs
                open_at = None
            else:
                open_at = after  # the earlier opener was stray
        elif open_at is not None:
            spans.append((open_at, i))
            open_at = None
        i = after
    return spans, open_at


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Body paragraphs: from ``doc._.news_parts`` when set, else every non-blank line."""
    parts = doc._.news_parts
    if parts is not None:
        return [(s, e) for kind, s, e in parts if kind in BODY_KINDS]
    out, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def quote_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted content spans of the body; a quote left open at the end of a paragraph
    continues when the next paragraph opens with a quote mark, else it is dropped."""
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(paras):
        spans, open_at = pair_marks(text, s, e)
        out.extend(spans)
        if open_at is not None and k + 1 < len(paras):
            ns = paras[k + 1][0]
            if _mark_at(text, ns, paras[k + 1][1])[0]:
                out.append((open_at, e))
    return sorted(_trim(text, s, e) for s, e in out if text[s:e].strip())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
