"""An article's structure, a pure function of its text: date lines, title, paragraphs,
reference list (``Outlet– “Title``), byline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dateutil import parser as dateparser

# ---------------------------------------------------------------- article structure

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
DATE_LINE = re.compile(
    rf"^\s*{_WEEKDAY}(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$",
    re.IGNORECASE,
)
REF_HEADER = re.compile(
    r"^(?:for (?:more|further|additional|chinese|english)\b[^\n]{0,150}|further reading|"
    r"related (?:articles|stories|reading)|sources?|references?|see also)\s*[:：]\s*$",
    re.IGNORECASE,
)
# Outlet– “Title   or   Outlet (中文名)– “中文标题
# Possessive \s*+ (never followed by whitespace): two adjacent \s* split a run of spaces every
# possible way, and 4,000 spaces in a reference line took 43 s.
REFERENCE = re.compile(
    r"(?P<outlet>[^\n–—“”\"()]{1,80}?)\s*+(?:\((?P<native>[^()\n]{1,40})\)\s*+)?[–—-]{1,2}\s*+[“\"](?P<title>[^\n]+)$"
)
BYLINE = re.compile(
    r"^(?:(?:(?:compiled|edited|written|reported|translated|prepared)"
    r"(?:\s+(?:and|&)\s+(?:compiled|edited|written|reported|translated))?\s+)?by)\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*\.?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ";", ",", ":", "”", '"')


@dataclass(frozen=True, slots=True)
class Part:
    """A span of the text with its role in the article."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RefSpan:
    part_index: int  # the reference's Part in ``Article.parts``
    outlet: str
    outlet_native: str
    title: str
    title_start: int
    title_end: int


@dataclass(slots=True)
class Article:
    parts: list[Part] = field(default_factory=list)
    references: list[RefSpan] = field(default_factory=list)
    title: str = ""
    published: str = ""
    page_date: str = ""
    byline: str = ""


def iso_date(value: str) -> str:
    """An ISO 8601 date (YYYY-MM-DD) for a written date, or empty when it does not parse."""
    if len(value) > 100:  # a date is short; dateutil's time grows with the text (JSONL 'published')
        return ""
    m = re.fullmatch(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*", value)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    try:
        return dateparser.parse(value, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return ""


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of runs of non-blank lines, outer whitespace excluded."""
    start = None
    pos = 0
    for line in text.split("\n") + [""]:
        end = pos + len(line)
        if line.strip():
            if start is None:
                start = pos + (len(line) - len(line.lstrip()))
            last_end = pos + len(line.rstrip())
        elif start is not None:
            yield start, last_end
            start = None
        pos = end + 1


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for line in text[start:end].split("\n"):
        s = pos + (len(line) - len(line.lstrip()))
        e = pos + len(line.rstrip())
        if e > s:
            yield s, e
        pos += len(line) + 1


def _looks_like_title(block: str, has_more: bool) -> bool:
    if not has_more or "\n" in block or len(block) > 200:
        return False
    words = block.split()
    if not 2 <= len(words) <= 30:
        return False
    capitalised = sum(w[:1].isupper() for w in words if w[:1].isalpha())
    alpha = sum(w[:1].isalpha() for w in words) or 1
    return not block.endswith(_SENTENCE_END) or capitalised / alpha >= 0.6


def _reference(text: str, start: int, end: int, part_index: int) -> RefSpan | None:
    m = REFERENCE.match(text, start, end)
    if not m:
        return None
    t_start, t_end = m.start("title"), m.end("title")
    title = text[t_start:t_end]
    # “Title” (website): a closing mark followed only by a remark ends the title.
    close = re.search(r"[”\"]\s*+(?:\([^()]*\)\s*+)?$", title)  # possessive, as in REFERENCE
    if close:
        t_end = t_start + close.start()
    while t_end > t_start and text[t_end - 1].isspace():
        t_end -= 1
    return RefSpan(part_index, m["outlet"].strip(), (m["native"] or "").strip(),
                   text[t_start:t_end], t_start, t_end)


def parse_article(text: str, meta: dict[str, str] | None = None) -> Article:
    """Find date lines, title, paragraphs, reference lists and byline in an article.

    Date lines before the first paragraph: with two, the first is the page date and
    the second the article's date; with one, it is the article's date. A reference
    list starts at a header line ("For more information ..., see ...:") and holds
    lines written ``Outlet– “Title`` or ``Outlet (中文名)– “中文标题``.
    """
    meta = meta or {}
    art = Article()
    blocks = list(_blocks(text))
    dates: list[int] = []
    in_refs = False
    seen_body = False
    for i, (s, e) in enumerate(blocks):
        block = text[s:e]
        if not seen_body and DATE_LINE.match(block):
            dates.append(len(art.parts))
            art.parts.append(Part("dateline", s, e))
            continue
        if BYLINE.match(block) and (i >= len(blocks) - 3 or not seen_body):
            art.byline = BYLINE.match(block)["name"]  # type: ignore[index]
            art.parts.append(Part("byline", s, e))
            continue
        if REF_HEADER.match(block):
            in_refs = True
            art.parts.append(Part("reference_header", s, e))
            continue
        if in_refs:
            refs = [(ls, le) for ls, le in _lines(text, s, e)]
            found = [_reference(text, ls, le, len(art.parts) + k) for k, (ls, le) in enumerate(refs)]
            if all(found):
                for (ls, le), ref in zip(refs, found, strict=True):
                    art.parts.append(Part("reference", ls, le))
                    art.references.append(ref)  # type: ignore[arg-type]
                continue
            in_refs = False
        if not seen_body and not art.title and _looks_like_title(block, i < len(blocks) - 1):
            art.title = block
            art.parts.append(Part("title", s, e))
            seen_body = True
            continue
        seen_body = True
        art.parts.append(Part("paragraph", s, e))
    if len(dates) >= 2:
        art.parts[dates[0]] = Part("page_date", art.parts[dates[0]].start, art.parts[dates[0]].end)
        art.page_date = iso_date(text[art.parts[dates[0]].start:art.parts[dates[0]].end])
    if dates:
        last = art.parts[dates[-1]]
        art.published = iso_date(text[last.start:last.end])
    if meta.get("published"):
        art.published = iso_date(meta["published"]) or art.published
    if meta.get("title") and not art.title:
        art.title = meta["title"]
    return art
