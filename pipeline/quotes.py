"""Quotes: who said what. Quote-mark pairing, cue verbs, speakers and their resolution.

The component ``quote_extractor`` sets ``doc._.quotes`` to a list of ``QuoteSpan``.
Pairing quote marks is a plain function of the text (linear in its length, local to a
paragraph); attribution reads the dependency parse.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import entities

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
DASHES = "–—-"
PRONOUNS = {"he", "she", "they", "i", "we"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# right children that are not part of a speaker mention as written
MENTION_STOP_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis"}
BODY_KINDS = ("paragraph",)

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("news_parts"):
    # (kind, start_char, end_char) of the article's parts, set by the runner
    Doc.set_extension("news_parts", default=None)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # content, quote marks excluded
    end: int
    type: str  # direct, partial, indirect
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    speaker: str
    speaker_kind: str  # person, organisation, pronoun-resolved, description
    speaker_title: str
    speaker_org: str


# ---------------------------------------------------------------- quote marks


def _is_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def pair_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Content spans between paired quote marks in ``text[start:end]`` (one paragraph).

    Curly, guillemet and straight marks pair with each other as newsrooms type them.
    Returns the closed spans and, when a mark stays open at the end, the offset just
    after it (None otherwise). One pass, linear in the length.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch in OPENERS or (ch == STRAIGHT and open_at is None and _is_opening_straight(text, i)):
            if open_at is None:
                open_at = i + 1
            elif (i > open_at and not text[i - 1].isspace() and text[i - 1] not in OPENERS
                  and (i + 1 >= end or not text[i + 1].isalnum())):
                spans.append((open_at, i))  # an opener typed where a closer belongs
                open_at = None
            else:
                open_at = i + 1  # the earlier opener was stray
        elif ch in CLOSERS or ch == STRAIGHT:
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
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


def _para_at(paras: list[tuple[int, int]], pos: int) -> int | None:
    """Index of the paragraph with ``start <= pos <= end`` (paragraphs sorted, disjoint);
    a bisection, so that many quotes in many paragraphs stay linear."""
    k = bisect.bisect_right(paras, (pos, 1 << 62)) - 1
    return k if k >= 0 and pos <= paras[k][1] else None


def quote_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted content spans of the body; a quote left open at the end of a paragraph
    continues when the next paragraph opens with a quote mark, else it is dropped."""
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(paras):
        spans, open_at = pair_marks(text, s, e)
        out.extend(spans)
        if open_at is not None and k + 1 < len(paras):
            nxt = text[paras[k + 1][0]] if paras[k + 1][0] < len(text) else ""
            if nxt in OPENERS or nxt == STRAIGHT:
                out.append((open_at, e))
    return sorted(_trim(text, s, e) for s, e in out if text[s:e].strip())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# ---------------------------------------------------------------- cue verbs


def load_cues(path: Path) -> dict[str, str]:
    """Cue verbs from a data file: lemma -> required particle ('' for none)."""
    cues: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            lemma, _, particle = line.partition(" ")
            cues[lemma] = particle.strip()
    return cues


def is_cue(tok: Token, cues: dict[str, str]) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in cues:
        return False
    particle = cues[tok.lemma_.lower()]
    return not particle or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, looking through conjunctions (He smiled and said ...)."""
    for tok in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def mention_span(head: Token) -> Span:
    """A speaker mention as written: the head and its modifiers, without appositives,
    relative clauses or trailing punctuation."""
    left = head
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc"):
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    right = head
    for child in head.rights:
        if child.dep_ in MENTION_STOP_DEPS:
            break
        right = child.right_edge
    span = head.doc[left.i:right.i + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


# ---------------------------------------------------------------- attribution


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: Span | None
    speaker: Span


def _cue_speaker(verb: Token) -> _Attribution | None:
    subj = subject_of(verb)
    if subj is None:
        # said O'Neill: a proper noun right after the verb
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and nxt.pos_ == "PROPN":
            return _Attribution(verb.doc[verb.i:verb.i + 1], mention_span(nxt.head if nxt.head.pos_ == "PROPN" and nxt.head.i > nxt.i else nxt))
        return None
    return _Attribution(verb.doc[verb.i:verb.i + 1], mention_span(subj))


def _after(doc: Doc, end: int, limit: int, para_end: int, cues: dict[str, str]) -> _Attribution | None:
    """“...,” X said. / “...,” said X. / “...” – X: attribution right after the closing mark."""
    start_tok = _token_at(doc, end)
    if start_tok is None:
        return None
    toks = []
    for tok in doc[start_tok.i:]:
        if tok.idx >= para_end or tok.text in OPENERS or "\n" in tok.text:
            break
        if tok.idx > end:
            toks.append(tok)
        if len(toks) >= limit or (tok.idx > end and tok.is_sent_end and tok.is_punct):
            break
    if toks and toks[0].text in DASHES:
        names = [t for t in toks[1:] if t.ent_type_ in ("PERSON", "ORG")]
        if names:
            return _Attribution(doc[toks[0].i:toks[0].i + 1], _entity_around(names[0]))
    for tok in toks:
        if tok.text in ".!?":
            break
        if is_cue(tok, cues):
            return _cue_speaker(tok)
    return None


def _before(doc: Doc, start: int, para_start: int, cues: dict[str, str]) -> tuple[_Attribution | None, Token | None]:
    """X said, “...” / X said of Y: “...” / According to X, “...” / From X: “...” / X assures Y “...”."""
    open_tok = _token_at(doc, start - 1)
    if open_tok is None:
        return None, None
    sent_start = open_tok.sent.start
    # a colon or comma before the mark may sit at a sentence boundary the parser drew
    window = [t for t in doc[max(0, open_tok.i - 60):open_tok.i] if t.idx >= para_start]
    floor = min(sent_start, window[-1].sent.start) if window else sent_start  # once: .sent walks the sentence
    window = [t for t in window if t.i >= floor]
    last = window[-1] if window else None
    for tok in reversed(window):
        if tok.text in OPENERS or tok.text in CLOSERS or tok.text == STRAIGHT:
            break  # another quote intervenes
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _Attribution(doc[tok.i:tok.i + 2], mention_span(pobj)), last
        if is_cue(tok, cues):
            att = _cue_speaker(tok)
            if att is not None:
                return att, last
    if window and window[0].lower_ == "from" and last is not None and last.text == ":":
        pobj = next((c for c in window[0].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _Attribution(doc[window[0].i:window[0].i + 1], mention_span(pobj)), last
    return None, last


def _entity_around(tok: Token) -> Span:
    """The entity covering ``tok``, from the IOB tags (scanning ``doc.ents`` per quote was
    quadratic); the token alone when it is in none."""
    doc = tok.doc
    if not tok.ent_type_:
        return doc[tok.i:tok.i + 1]
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _quote_type(text: str, start: int, last_before: Token | None) -> str:
    first = text[start] if start < len(text) else ""
    embedded = last_before is not None and last_before.is_alpha and last_before.idx + len(last_before) >= start - 2
    return "partial" if embedded or first.islower() else "direct"


# ---------------------------------------------------------------- the component


@Language.factory(
    "quote_extractor",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma", "doc.ents"],
    default_config={"models_dir": "models"},
)
def make_quote_extractor(nlp: Language, name: str, models_dir: str) -> QuoteExtractor:
    return QuoteExtractor(Path(models_dir) / "en" / "quote_verbs.txt")


class QuoteExtractor:
    """Direct, partial and indirect quotes with cue, speaker mention and resolved speaker."""

    def __init__(self, cue_file: Path) -> None:
        self.cues = load_cues(cue_file)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = list(self.extract(doc))
        return doc

    def extract(self, doc: Doc) -> Iterator[QuoteSpan]:
        text = doc.text
        paras = paragraphs(doc)
        found: list[tuple[int, int, str, _Attribution]] = []
        prev: tuple[int, int, str, _Attribution] | None = None
        for qs, qe in quote_spans(text, paras):
            k = _para_at(paras, qs)
            ps, pe = paras[k] if k is not None and qs < paras[k][1] else (0, len(text))
            att, last_before = _before(doc, qs, ps, self.cues)
            after = _after(doc, qe, 8, pe, self.cues)
            if after is not None and (att is None or text[qe - 1:qe] in ",?!"):
                att = after
            if att is None and prev is not None:
                att = self._floating(text, paras, prev, qs, ps)
            if att is None:
                continue  # scare quotes, titles: no speaker
            item = (qs, qe, _quote_type(text, qs, last_before), att)
            found.append(item)
            prev = item
        found.extend(self._indirect(doc, [(s, e) for s, e, _, _ in found]))
        resolver = entities.PeopleIndex(doc)
        for qs, qe, qtype, att in sorted(found, key=lambda x: (x[0], x[1])):
            yield self._row(doc, qs, qe, qtype, att, resolver)

    @staticmethod
    def _floating(text: str, paras: list[tuple[int, int]], prev: tuple[int, int, str, _Attribution],
                  qs: int, ps: int) -> _Attribution | None:
        """A quoted paragraph with no cue belongs to the previous quote's speaker when
        that quote ended its paragraph and this one opens with the quote."""
        _, pqe, _, patt = prev
        k = _para_at(paras, pqe)
        if k is None or qs - ps > 1:
            return None
        prev_para = paras[k]
        if k + 1 >= len(paras) or paras[k + 1][0] != ps:
            return None
        tail = text[pqe:prev_para[1]]
        if any(ch.isalpha() for ch in tail.split("”")[-1] if tail):
            return None
        return _Attribution(None, patt.speaker)

    def _indirect(self, doc: Doc, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str, _Attribution]]:
        """Reported speech: a cue verb with a subject and a clausal complement."""
        body = paragraphs(doc)
        taken = sorted(taken)
        taken_starts = [s for s, _ in taken]
        reach = list(itertools.accumulate((e for _, e in taken), max))  # furthest end among the first k
        for tok in doc:
            if not is_cue(tok, self.cues):
                continue
            comp = next((c for c in tok.rights if c.dep_ == "ccomp"), None)
            att = _cue_speaker(tok)
            if comp is None or att is None:
                continue
            left = comp.left_edge
            if left.dep_ == "mark" and left.i + 1 <= comp.right_edge.i:
                left = doc[left.i + 1]
            right = comp.right_edge
            while right.i > left.i and (right.is_punct or right.is_space):
                right = doc[right.i - 1]
            if right.i - left.i < 2:
                continue
            s, e = left.idx, right.idx + len(right)
            k = _para_at(body, s)
            if k is None or e > body[k][1]:
                continue
            before_end = bisect.bisect_left(taken_starts, e)  # the taken spans starting before e
            if before_end and reach[before_end - 1] > s:
                continue
            yield s, e, "indirect", att

    @staticmethod
    def _row(doc: Doc, qs: int, qe: int, qtype: str, att: _Attribution, people: entities.PeopleIndex) -> QuoteSpan:
        sp = att.speaker
        who = people.resolve(sp)
        return QuoteSpan(
            qs, qe, qtype,
            att.cue.text if att.cue is not None else "",
            att.cue.start_char if att.cue is not None else None,
            att.cue.end_char if att.cue is not None else None,
            sp.text, sp.start_char, sp.end_char,
            who.name, who.kind, who.title, who.org,
        )


def rows(doc: Doc) -> Iterable[QuoteSpan]:
    return doc._.quotes or []
