"""Attributions in an article's title: "Kasich: ‘We Are Going All The Way’" (a name and a colon)
and "Trump Says He Never Pledged To Kill Family Members" (a name and a headline-cased verb)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ..entities.rules import TITLE_SMALL_WORDS
from .cues import Cues
from .marks import CLOSERS, DASHES, OPENERS, STRAIGHT, inside
from .spans import SPEAKER_LABELS, _Attribution, _Context, _entity_around, _Found

MAX_NAME = 6  # words of a speaker's name in a title
MIN_WORDS = 3  # words of what the title says they said
MAX_DESCRIPTORS = 3  # capitalised words before a person's name in a title ("McCain Challenger Kelli Ward")
DESCRIPTOR_POS = ("PROPN", "NOUN", "ADJ")
TOPIC_WORDS = frozenset(("to", "on", "about"))  # "Clinton to Planned Parenthood: ...": who is spoken to or of


def _titles(doc: Doc) -> Iterator[tuple[int, int]]:
    for kind, ps, pe in doc._.news_parts or []:
        if kind == "title":
            yield ps, pe


def _said(text: str, s: int, e: int) -> tuple[int, int] | None:
    """What a title says was said, from ``s`` to ``e`` without quote marks around it; None for a
    question or fewer than ``MIN_WORDS`` words."""
    pe = e
    s, e = inside(text, s, e, OPENERS + STRAIGHT + "‘'", CLOSERS + STRAIGHT + "’'.,")
    if text[s:pe].rstrip().endswith("?") or len(text[s:e].split()) < MIN_WORDS:
        return None
    return s, e


def _headline_turn(doc: Doc, ctx: _Context) -> Iterator[_Found]:
    """Kasich: ‘We Are Going All The Way’ — a title that is a name, a colon and what the named
    person or organisation said. The name must be the whole of the words before the colon
    (a PERSON or ORG entity, at most six words, or the family name of a person the body names);
    the rest must be three words or more, and no
    question ("Ted Cruz: Constitutional conservative or career politician?" asks about him).
    Quote marks around the words are left out."""
    for ps, pe in _titles(doc):
        colon = ctx.text.find(":", ps, pe)
        if colon < 0:
            continue
        label = doc.char_span(ps, colon, alignment_mode="contract")
        ent = _speaker_label(label, ctx) if label is not None else None
        said = _said(ctx.text, colon + 1, pe)
        cue = doc.char_span(colon, colon + 1)
        if ent is not None and said is not None and cue is not None:
            yield *said, "indirect", _Attribution(cue, ent)


def _speaker_label(label: Span, ctx: _Context) -> Span | None:
    """The name a title's words before its colon give: the whole of them (``_named``, or a
    surname of the body's), or after a wire's kicker in capitals and a dash ("EXCLUSIVE – Roger
    Stone"), or before the one spoken to or of ("Clinton to Planned Parenthood", "CNN President On
    Trump": ``TOPIC_WORDS``; not where, "Mayor Roe At The Council")."""
    if len(label) > 2 and label[1].text in DASHES and label[0].is_upper and label[0].is_alpha:
        label = label[2:]  # "EXCLUSIVE – Roger Stone: ..."
    whole = _named(label) or _body_surname(label, ctx)
    if whole is not None:
        return whole
    topic = next((t for t in label[1:] if t.lower_ in TOPIC_WORDS), None)
    if topic is None:
        return None
    head = label.doc[label.start:topic.i]
    return _named(head) or _body_surname(head, ctx)


def _body_surname(label: Span, ctx: _Context) -> Span | None:
    """A title's name the model left untagged ("Trump: ‘We Are Going To Win So Much’"): one or two
    title-case words that end the name of a person the body tags ("Donald Trump")."""
    if not 0 < len(label) <= 2 or not all(t.is_alpha and t.is_title and not t.ent_type_ for t in label):
        return None
    last = label[-1].text
    return label if any(e.label_ == "PERSON" and e.start >= label.end and len(e) > 1 and e[-1].text == last
                        for e in ctx.ents) else None


def _headline_verb(doc: Doc, ctx: _Context, cues: Cues) -> Iterator[_Found]:
    """Trump Says He Never Pledged To Kill Family Members — a headline-cased title that opens with
    a name and a speech or stance verb in the present tense ("Says", "Tells", "Denies"); the
    words after the verb are what the named person or organisation said. The name must be the
    whole of the words before the verb (as for a colon); the rest three words or more, no question."""
    verbs = {**cues.speech, **cues.stance}
    for ps, pe in _titles(doc):
        title = doc.char_span(ps, pe, alignment_mode="contract")
        if title is None:
            continue
        verb = next((t for t in title[1:MAX_NAME + 1] if t.is_title and _present_lemma(t.lower_, verbs)), None)
        if verb is None:
            continue
        ent = _named(doc[title.start:verb.i])
        said = _said(ctx.text, verb.idx + len(verb), pe)
        if ent is not None and said is not None:
            yield *said, "indirect", _Attribution(doc[verb.i:verb.i + 1], ent)


def _present_lemma(word: str, verbs: dict[str, str]) -> str:
    """The lemma of a verb in the third person present ("says", "denies", "pushes"), when it is one
    of ``verbs`` and needs no particle; else ""."""
    if not word.endswith("s"):
        return ""
    stems = [word[:-3] + "y"] if word.endswith("ies") else [word[:-1], word[:-2]]
    return next((w for w in stems if w in verbs and not verbs[w]), "")


def _named(label: Span) -> Span | None:
    """The PERSON or ORG entity that is the whole of ``label`` (at most ``MAX_NAME`` words), or a
    person's name after at most ``MAX_DESCRIPTORS`` capitalised words that describe them ("Dr.
    Ben Carson", "McCain Challenger Kelli Ward", "OK Gov Fallin": nouns and adjectives); not
    after a small word, capitalised or not, a comma or a question word ("Clinton vs. Trump",
    "CNN President On Trump", "Big Win For Bernie", "How Paul Ryan Thinks About ...")."""
    if not 0 < len(label) <= MAX_NAME or label[-1].ent_type_ not in SPEAKER_LABELS:
        return None
    ent = _entity_around(label[-1])
    if ent.end != label.end:
        return None
    if ent.start <= label.start:
        return ent
    before = label.doc[label.start:ent.start]
    described = (label[-1].ent_type_ == "PERSON" and len(before) <= MAX_DESCRIPTORS
                 and all(t.text[:1].isupper() and t.text.rstrip(".").isalpha() and t.pos_ in DESCRIPTOR_POS
                         and t.lower_ not in TITLE_SMALL_WORDS for t in before))
    return ent if described else None
