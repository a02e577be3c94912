"""Reported speech: the clause a cue verb reports (its complement, prepositional object or the
sentence around it) and ``according to``; where the clause begins and ends is ``clause_edges``."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from .clause_edges import _after_dateline, _before_adverbial, _clause_end, _is_dash
from .cues import (
    AGENT_LABELS,
    ASIDE_DEPS,
    CONTRACTED_HAS,
    FINITE_TAGS,
    SUBJECT_DEPS,
    SUBJECT_PRONOUNS,
    TIME_LABELS,
    Cues,
    mention_span,
)
from .layouts import _cue_speaker
from .marks import DASHES
from .spans import _Attribution, _Context

# prepositions of place, time and means: a clause under their phrase is no topic of the cue's
ADJUNCT_PREPOSITIONS = frozenset(
    ("in", "at", "during", "for", "following", "after", "before", "without", "with", "through", "via", "throughout"))
# the words that open a definite noun phrase: an object so opened may be what a speech cue reports
DEFINITE_WORDS = frozenset(("the", "this", "these", "his", "her", "their", "its", "our", "my", "your"))
# the phrases an "as" aside's cue may have: when and where it was said ("as she noted in March")
AS_ASIDE_PREPOSITIONS = frozenset(("in", "at", "on", "during", "before", "after", "by", "earlier"))


def _content_span(doc: Doc, left: Token, right: Token,
                  keep_short: Callable[[Span], bool] | None = None) -> tuple[int, int] | None:
    """Character span from ``left`` to ``right`` without a leading ``that`` or trailing
    punctuation; None when fewer than three words remain, unless ``keep_short`` keeps them."""
    while left.i < right.i and (left.dep_ == "mark" and left.lower_ in ("that", "whether", "if") or left.is_punct):
        left = doc[left.i + 1]
    while right.i > left.i and (right.is_punct or right.is_space):
        right = doc[right.i - 1]
    if right.i - left.i < 2 and (keep_short is None or not keep_short(doc[left.i:right.i + 1])):
        return None
    return left.idx, right.idx + len(right)


def _object_reported(words: Span, cues: Cues, cue: Span) -> bool:
    """Whether one or two words are what the ``cue`` reports: a noun phrase that is its object
    (``endorsed Cruz``, ``announced his resignation``, ``talked about trade``); not a pronoun
    (``said that``), a time (``promised Sunday``, ``pushed for months``) or the object of a cue
    that addresses, seeks or finds it (``reminded viewers``, ``found a job``: ``unreported_objects``)."""
    root = words.root
    if root.dep_ not in ("dobj", "pobj") or root.pos_ not in ("NOUN", "PROPN") or root.ent_type_ in TIME_LABELS:
        return False
    verb = root.head if root.dep_ == "dobj" else root.head.head
    if not cue.start <= verb.i < cue.end:
        return False  # the object of another word than the cue
    key = verb.lemma_.lower() if root.dep_ == "dobj" else f"{verb.lemma_.lower()} {root.head.lower_}"
    return key not in cues.unreported_objects


def _reported(tok: Token, deps: tuple[str, ...] = ("ccomp",),
              is_cue_verb: Callable[[Token], bool] | None = None, aside: bool = False) -> tuple[Token, Token] | None:
    """The clause a cue verb reports: its complement (``deps``) on either side
    (He said China would ... / China would ..., he said / She wants to ...), up to a
    conjunct that is a statement of its own (``_before_conjunct``); with ``aside`` (a speech
    cue that introduces no quote) also the clause its ``as`` aside vouches for (``_as_aside``)."""
    comps = [c for c in tok.children if c.dep_ in deps]
    comp = comps[0] if comps else None
    if (comp is not None and comp.i < tok.i < comps[-1].i and comps[-1].left_edge.i == tok.i + 1
            and _opens_report(comps[-1]) and any(
            t.text == "," or t.text in DASHES for t in tok.doc[comp.right_edge.i + 1:tok.i])):
        comp = comps[-1]  # "X, a rabbi helping ..., said he ...": the aside parsed as a clause is not what was said
    if comp is not None and comp.i < tok.i and any(t.text in (":", ";") for t in tok.doc[comp.right_edge.i + 1:tok.i]):
        # "... cites the crowds as an example: He says outlets undercount ...": a colon closes the writer's sentence
        comp = comps[-1] if comps[-1].i > tok.i else None
    elif comp is not None and comp.i < tok.i < comps[-1].i and any(
            _is_dash(t) for t in tok.doc[comp.right_edge.i + 1:tok.i]):
        comp = comps[-1]  # "Carson seems to see his problem -- he told the AP that his task is ...": so does a dash
    if not comps:
        comp = _clause_after_adjunct(tok)  # "said in a statement that ...": the parser hung it on the noun
    if comp is None and "dobj" not in deps and (obj := _object_clause(tok)) is not None:
        return obj.left_edge, obj.right_edge
    if comp is not None:
        left, right = comp.left_edge, comp.right_edge
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < comp.i), None)
        if obj is not None and comp.i > tok.i and (
                comp.dep_ == "xcomp" or not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in comp.children)):
            left = obj.left_edge  # urged Congress to act / warned the repairs would cost more
        if left.i <= tok.i <= right.i:
            return _around(tok, comp)  # The goal, he said, is ...: the cue inside its clause
        if is_cue_verb is not None:
            if comp.i < tok.i:
                left = _last_conjunct(comp, left, right)
            right = _before_conjunct(comp, left, right, is_cue_verb)
        if comp.dep_ == "xcomp" and comp.i > tok.i:
            right = _before_adverbial(comp, right)
        left = _after_dateline(left, right)
        return left, _clause_end(left, right)
    if tok.dep_ == "parataxis":
        return _around(tok, tok.head)
    comma = _closing_report(tok)
    if comma is not None:
        start = tok.sent.start if tok.doc.has_annotation("SENT_START") else 0
        return (tok.doc[start], tok.doc[comma - 1]) if comma - 1 > start else None
    vouched = _as_aside(tok) if aside else None
    return _around(tok, vouched) if vouched is not None else None


def _object_clause(tok: Token) -> Token | None:
    """The object of a speech cue that takes no object (``deps``) when it is a definite noun
    phrase holding a finite verb: what was said, in the parser's reading of a clause whose long
    subject it took for the object ("Stone says the increase in polarization that Bloomberg
    decries also makes ...", "said his focus groups and other research show that ...") or of a
    claim named and told ("repeating her campaign's line that ...", "told the story of a single
    mom who ..."). Not "said a lot of things that were ...", "said something that ...": an
    indefinite object is no report of what was said."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.left_edge.lower_ not in DEFINITE_WORDS:
        return None
    return obj if any(t.tag_ in FINITE_TAGS for t in obj.subtree if t.i > obj.i) else None


def _closing_report(tok: Token) -> int | None:
    """The comma before a cue verb that the parser hung on the clause before it as an adverbial
    clause or a conjunct, when the verb and a subject of its own close the sentence after that
    comma with no conjunction: "... organize into communities and reach others, she said." (not
    "..., when she said", "..., as she said", "..., and she told him"), "This includes a special
    force ..., Defense Secretary Ash Carter told a Senate panel Wednesday."; else None. The words
    before the comma are what was said, whatever else the parser hung on the verb."""
    if tok.dep_ not in ("advcl", "conj") or tok.head.i > tok.i or tok.tag_ not in FINITE_TAGS:
        return None
    if tok.dep_ == "conj" and (any(c.dep_ in ("cc", "conj") for c in tok.children) or _joined(tok)):
        return None  # "..., filming television shows and meeting ...": a series, not a cue
    subject = max((c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i), key=lambda c: c.i,
                  default=None)
    if subject is None:
        return None
    comma = subject.left_edge.i - 1
    if comma <= 0 or tok.doc[comma].text != "," or any(t.dep_ == "mark" for t in tok.doc[comma:tok.i]):
        return None
    end = tok.sent.end if tok.doc.has_annotation("SENT_START") else len(tok.doc)
    rest = tok.doc[tok.right_edge.i + 1:end]
    if _is_dash(tok.right_edge) or (len(rest) and _is_dash(rest[0])):
        return comma  # "..., the Budget Office reported on Tuesday -- a development that ..."
    return comma if all(t.is_punct for t in rest) else None


def _joined(conj: Token) -> bool:
    """Whether a conjunction joins the conjunct ``conj`` to its head: the head's last ``and``
    or ``but`` before it, with no other conjunct of the head between ("... for three months,
    and though they speak barely a word of English, their smiles said a lot"; not "Prices rose
    and wages fell, the mayor told reporters")."""
    head = conj.head
    cc = max((c.i for c in head.children if c.dep_ == "cc" and c.i < conj.i), default=None)
    return cc is not None and not any(c.dep_ == "conj" and cc < c.i < conj.i for c in head.children)


def _as_aside(tok: Token) -> Token | None:
    """The clause a cue in an ``as`` aside vouches for, else None: ``As Comey noted, people
    involved could still be sanctioned``, ``Jane Doe, as she said on Monday, will not run`` (and
    ``The mayor, as Jane Doe said, will not run``, where the parser hangs the aside on the
    subject). The cue's object is the clause, so it has none of its own beyond a time or place:
    ``as they answered questions``, ``as Freddy joked with his friend``, ``as voters responded to
    ...`` and ``as she was speaking`` tell when; ``as strong as he said`` compares."""
    if tok.dep_ != "advcl" or tok.tag_ == "VBG":
        return None
    clause = tok.head
    if clause.pos_ in ("NOUN", "PROPN") and clause.dep_ in SUBJECT_DEPS and clause.i < tok.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    if not any(c.dep_ in ("nsubj", "agent") for c in tok.children):
        return None  # "as reported", "as expected": the subject above is not the speaker; "as reported by X" is X's
    if any(c.dep_ in ("dobj", "dative", "attr", "acomp") or (c.dep_ == "aux" and c.lemma_ == "be")
           or (c.dep_ == "prep" and c.lower_ not in AS_ASIDE_PREPOSITIONS) for c in tok.children):
        return None
    return clause


def _clause_after_adjunct(tok: Token) -> Token | None:
    """A ``that`` clause the parser hung under a phrase of place, time or means after the cue
    (``said in a statement that ...``, ``told reporters during a visit on Friday that ...``,
    ``claimed without evidence that ...``): the clause opens with ``that`` as a conjunction and
    has its own subject, so it is no relative clause of the noun, and the phrase's preposition is
    none that names a topic (``responded to reports that ...``, ``asked about claims that ...``
    report what others said)."""
    for child in tok.children:
        if child.dep_ != "prep" or child.i < tok.i or child.lower_ not in ADJUNCT_PREPOSITIONS:
            continue
        for t in child.subtree:
            if (t.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
                    and any(c.dep_ in SUBJECT_DEPS for c in t.children) and _through_objects(t.head, child)):
                return t
    return None


def _through_objects(tok: Token, prep: Token) -> bool:
    """Whether ``tok`` hangs from ``prep`` by prepositional objects and prepositions only."""
    while tok != prep:
        if tok.dep_ not in ("pobj", "prep"):
            return False
        tok = tok.head
    return True


def _opens_report(comp: Token) -> bool:
    """A complement that reads as a report of its own: it has a subject or opens with "that"."""
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in comp.children)


def _before_conjunct(comp: Token, left: Token, right: Token, is_cue_verb: Callable[[Token], bool]) -> Token:
    """``right``, or the word before a verb conjoined to the reported clause ``comp`` that says
    something of its own: another cue (``He said X and said that Y``, ``says he respects Clinton
    and calls her ...``), after a comma a clause with its own subject (``Rubio said X is Y,
    and he railed against ...``), or a finite verb conjoined to an infinitive or gerund (``vowed to
    keep abortion legal and celebrated the ruling``). A series of reported clauses without a comma
    stays whole."""
    doc = comp.doc
    # a finite verb without a subject cannot be conjoined to an infinitive or a gerund: it is the
    # cue's own ("has proposed conducting surveillance on mosques and signaled support for ...")
    auxes = [c.lower_ for c in comp.children if c.dep_ in ("aux", "auxpass")]
    nonfinite = comp.tag_ == "VBG" and not auxes or comp.tag_ == "VB" and auxes == ["to"]
    for conj in comp.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or not left.i < conj.i <= right.i:
            continue
        k = conj.left_edge.i - 1
        while k > left.i and (doc[k].dep_ == "cc" or doc[k].is_punct):
            k -= 1
        comma = any(t.text == "," for t in doc[k + 1:conj.left_edge.i])
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in conj.children)
        finite_after_nonfinite = nonfinite and conj.tag_ in FINITE_TAGS and not own_subject
        if k - left.i >= 2 and (is_cue_verb(conj) or (comma and own_subject) or finite_after_nonfinite):
            return doc[k]
    return right


def _last_conjunct(comp: Token, left: Token, right: Token) -> Token:
    """``left``, or the first word of the last clause conjoined after a comma to a reported
    clause that comes before its cue: ``The pay is good, but it wasn't just the money that
    kept her there, Ms. Shanklin-Hawkins said`` reports the words next to the cue."""
    doc = comp.doc
    for conj in reversed([c for c in comp.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]):
        start = conj.left_edge.i
        if not left.i < start <= right.i or not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            continue
        before = doc[left.i:start]
        if len(before) >= 2 and before[-1].dep_ == "cc" and before[-2].text == ",":
            return doc[start]
    return left


def _noun_cue(tok: Token, cues: Cues, ctx: _Context) -> tuple[_Attribution, tuple[Token, Token]] | None:
    """A cue noun with a ``that`` clause and a named owner: ``Trump's claim that Mexico will pay``,
    ``his promise that taxes would fall``, ``the warning from the Fed that ...``. The owner is
    the noun's possessive, or the object of its ``by``/``from``, or the subject of a verb of
    ``cues.noun_verbs`` whose object the noun is (``Sanders expressed concern that ...``, ``made
    the argument that ...``); a noun nobody owns (``the claim that ...``, ``rejected the claim
    that ...``) or a relative clause (``the claim that he made``: ``that`` is no mark) gives nothing."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.nouns or ctx.quoted[tok.i]:
        return None
    clause = next((c for c in tok.rights if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX")), None)
    if clause is None or clause.left_edge.lower_ != "that" or clause.left_edge.dep_ != "mark":
        return None
    owner = next((c for c in tok.lefts if c.dep_ == "poss"), None)
    if owner is None:
        prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < clause.i), None)
        owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if owner is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in cues.noun_verbs:
        att = _cue_speaker(tok.head, ctx, False, False)  # Sanders expressed concern that ...
        owner = att.speaker.root if att is not None and att.speaker is not None else None
    if owner is None or ctx.quoted[owner.i]:
        return None
    mention = mention_span(owner)
    if not _is_agent(mention) and owner.lower_ not in POSSESSIVE_PRONOUNS:
        return None
    return _Attribution(tok.doc[tok.i:tok.i + 1], mention), (clause.left_edge, clause.right_edge)


def _prep_object(prep: Token) -> tuple[Token, Token] | None:
    """What a prepositional cue's preposition governs (its object, or for a particle the
    verb's object; for the mark of a clause the clause after it): "talked about the economy",
    "called for an end to the war", "called for Trump to drop out"."""
    if prep.dep_ == "mark":
        return prep.doc[prep.i + 1], prep.head.right_edge
    if prep.dep_ == "prt":
        obj = next((c for c in prep.head.children if c.dep_ == "dobj" and c.i > prep.i), None)
    else:
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return (obj.left_edge, obj.right_edge) if obj is not None else None


def _reporter(tok: Token, ctx: _Context, edges: tuple[Token, Token] | None,
              stance: bool) -> tuple[_Attribution, tuple[Token, Token]] | None:
    """The attribution of a reported clause ``edges`` to the cue verb ``tok``'s speaker. A
    passive cue leaves the speaker unnamed; a stance needs an agent that can hold a view."""
    if edges is None:
        return None
    att = _cue_speaker(tok, ctx, not stance, not stance)
    if att is None:
        return None
    if (att.speaker is not None and att.speaker.root.dep_ == "nsubjpass" and tok.dep_ != "pcomp"
            and not _has_said(tok, att.speaker)):
        # "voters are expected to ...": by whom is not said; but "Trump was criticized for saying ..." is his
        return _Attribution(att.cue, None), edges
    if stance and att.speaker is not None and not _is_agent(att.speaker):
        return None  # "the poll shows" yes, "few people understood" no
    return att, edges


def _has_said(tok: Token, speaker: Span) -> bool:
    """"He's said he will ...": the parser reads the contracted "has" as a passive "is"; a
    reported clause after it makes it the perfect ("it's said that ..." stays passive)."""
    return (speaker.root.lower_ != "it"
            and any(c.dep_ == "auxpass" and c.lower_ in CONTRACTED_HAS for c in tok.children)
            and any(c.dep_ == "ccomp" for c in tok.children))


def _around(tok: Token, clause: Token) -> tuple[Token, Token] | None:
    """``clause`` without the cue's own words: "China would ..., he said"; when the cue
    stands inside it, the side holding the clause's own verb ("The goal, he said, is to forge
    a cease-fire": the part after the cue) unless it has fewer than three words ("It was, he
    said, one of the bitterest failures"), else the longer side."""
    doc = tok.doc
    own_left = min([tok.i] + [c.left_edge.i for c in tok.children if c.i < tok.i and c.dep_ != "ccomp"])
    own_right = max([tok.i] + [c.right_edge.i for c in tok.children if c.i > tok.i and c.dep_ != "ccomp"])
    left, right = clause.left_edge, clause.right_edge
    if not left.i <= tok.i <= right.i:
        return left, right
    before = (left, doc[own_left - 1]) if own_left > left.i else None
    after = (doc[own_right + 1], right) if own_right < right.i else None
    sides = [side for side in (before, after) if side is not None]
    verb_side = next((side for side in sides if side[0].i <= clause.i <= side[1].i), None)
    if verb_side is not None and sum(not t.is_punct for t in doc[verb_side[0].i:verb_side[1].i + 1]) >= 3:
        return verb_side  # "Bound by ..., the two nations, Xi said, now have ...": not the fronted phrase
    return max(sides, key=lambda side: side[1].i - side[0].i) if sides else None


POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "my", "our"}


def _is_agent(mention: Span) -> bool:
    """Whether a mention can name someone who holds a view: a name or a noun ("the poll",
    "critics"), or a personal pronoun; not "that", "which" or "this"."""
    root = mention.root
    if root.ent_type_ in AGENT_LABELS or root.pos_ in ("NOUN", "PROPN"):
        return True
    return root.pos_ == "PRON" and root.lower_ in SUBJECT_PRONOUNS | {"who"}


def _aside_ends(left: Token, right: Token) -> Iterator[Token]:
    """The words before each comma that opens an aside closing the clause and hanging on a word
    before that comma, in order: a relative clause, an appositive, an adverbial clause or a
    summing-up noun phrase (``_summary_phrase``) ("... on her character, which he would have
    needed ...", "Comey, a Republican appointed ...", "... Trump, while emphasizing ..."). An
    aside followed by more of the clause ("the city council, a body of twelve, would close ...")
    is part of what was said. The caller keeps the first that leaves enough words."""
    doc = left.doc
    commas = [tok for tok in doc[left.i + 1:right.i] if tok.text == ","]
    if not commas:
        return
    # the last ", and" / ", or" of the clause: a comma before it opens an item of a series
    # ("training X, helping Y, and inviting Z"), not an aside
    series = max((t.i for t in doc[commas[0].i + 2:right.i] if t.dep_ == "cc" and doc[t.i - 1].text == ","),
                 default=-1)
    for tok in commas:
        if series >= tok.i + 2:
            return
        nxt = doc[tok.i + 1]
        for dep in (nxt, *nxt.ancestors):
            if dep.left_edge.i != nxt.i or dep.i > right.i:
                break
            if (dep.dep_ in ASIDE_DEPS or _summary_phrase(dep)) and dep.head.i < tok.i:
                if all(t.is_punct for t in doc[dep.right_edge.i + 1:right.i + 1]):
                    yield doc[tok.i - 1]
                break


def _summary_phrase(tok: Token) -> bool:
    """A noun phrase with an article that the parser hung on a verb as an adverbial noun: an
    aside summing up what came before when it ends the clause ("... slash 30,000 jobs, a mass
    layoff rivaling ...", "..., the first time it has ..."); not a figure or a name ("..., 52
    percent to 37 percent", "..., Joe"). One the clause goes on after is a subject the parser
    took for one ("..., a strong showing - particularly ... - could finally show ...")."""
    return tok.dep_ == "npadvmod" and tok.pos_ == "NOUN" and tok.left_edge.lower_ in ("a", "an", "the")


def _overlapping(spans: list[tuple[int, int]], longest: int, s: int, e: int) -> list[tuple[int, int]]:
    """The spans of the sorted list ``spans`` (none longer than ``longest``) that overlap
    ``[s, e)``, found by bisection rather than a scan of the whole list."""
    out = []
    for ts, te in spans[bisect_left(spans, (s - longest, -1)):]:
        if ts >= e:
            break
        if s < te:
            out.append((ts, te))
    return out
