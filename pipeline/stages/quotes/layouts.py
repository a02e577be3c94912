"""Attribution layouts of quoted words: ``X said, “...”``, ``“...,” said X``, ``“...” – X``,
``According to X, “...”``, a colon, a quoted fragment in the writer's sentence, transcript
turns; titles and scare quotes are left out."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .cues import (
    FINITE_TAGS,
    INVERTED_SUBJECT_DEPS,
    MODIFIER_DEPS,
    SUBJECT_PRONOUNS,
    TIME_LABELS,
    TITLE_SLOT_WORDS,
    TITLE_SMALL_WORDS,
    Cues,
    _trim_span,
    is_cue,
    mention_span,
    subject_of,
)
from .marks import DASHES
from .spans import SPEAKER_LABELS, _Attribution, _Context, _entity_around, _token_at

NAME_CLOSERS = (",", ".", ";", "(")  # what ends such a name: "said Robin Maynard, half joking"
MAX_SUBJECT_ASIDE = 30  # tokens from a name to its verb across an aside: "X, a rabbi helping ..., said"
SCARE_QUOTE_TOKENS = 6  # a few quoted words and their marks in an aside: "wearing “Ted Cruz” pins"
VIEW_PRONOUNS = frozenset(("i", "we", "you", "who"))  # besides he/she/they: who may hope
MAX_DESCRIPTORS = 5  # words describing a name written after its cue: "said retired neurosurgeon Ben Carson"


def _cue_speaker(verb: Token, ctx: _Context, inverted: bool = True, participle: bool = True) -> _Attribution | None:
    """The cue verb's speaker: the agent of a passive cue (reported by X), else its subject; with
    ``participle``, the noun a participle modifies (a statement saying ...); with ``inverted``, a
    name right after the verb (said O'Neill)."""
    doc = verb.doc
    cue = doc[verb.i:verb.i + 1]
    agent = next((c for c in verb.children if c.dep_ == "agent"), None) if verb.tag_ == "VBN" else None
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if by is not None and not ctx.quoted[by.i]:
        return _Attribution(cue, mention_span(by))  # "as first reported by The Washington Post"
    subj = subject_of(verb, ctx.quoted)
    if subj is not None and subj.pos_ != "PUNCT":  # "85% of Democrats said": "%" is a noun here
        return _Attribution(cue, mention_span(subj))
    before = _name_before(verb, ctx)
    if before is None:
        before = _noun_before(verb, ctx)
    if before is not None:
        return _Attribution(cue, before)
    if participle and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and not ctx.quoted[verb.head.i]:
        noun = verb.head
        if noun.dep_ in ("dobj", "dative", "pobj"):
            # "The council issued a statement saying ...", "Trump thanked supporters, saying ...":
            # the one who issued or thanked speaks
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            owner = subject_of(gov, ctx.quoted) if gov.pos_ in ("VERB", "AUX") else None
            if owner is not None:
                return _Attribution(cue, mention_span(owner))
        return _Attribution(cue, mention_span(noun))
    if not inverted:
        return None
    k = verb.i + 1
    while k < len(doc) and (doc[k].dep_ == "prt" or doc[k].is_space) and k - verb.i < 3:
        k += 1
    nxt = doc[k] if k < len(doc) else None
    if nxt is None or ctx.quoted[nxt.i] or nxt.ent_type_ in TIME_LABELS:
        return None
    if nxt.pos_ == "PRON" and nxt.lower_ not in SUBJECT_PRONOUNS:
        return None
    if nxt.pos_ in ("PROPN", "PRON", "DET") or nxt.ent_type_:
        head = nxt
        while head.head.i > head.i and head.head.i - nxt.i < 6 and head.dep_ in MODIFIER_DEPS:
            head = head.head
        if (head.pos_ in ("PROPN", "NOUN", "PRON") and head.dep_ in INVERTED_SUBJECT_DEPS
                and head.head.i == verb.i and head.ent_type_ not in TIME_LABELS):
            return _Attribution(cue, mention_span(head))
    return _name_after(verb, nxt)


def _name_before(verb: Token, ctx: _Context) -> Span | None:
    """The name in a finite cue verb's subject place, when the parser attached it elsewhere:
    "Marcel Lehel Lazar, 44, said that ..." (the name an appositive of the clause before),
    "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said ..." (the
    description parsed as a clause). A person's or organisation's name in the verb's sentence,
    followed by an aside set off by commas up to the verb, or by the verb itself; of several,
    the first that no preposition governs ("Jane Roe, a professor at Boeing, said": not Boeing)."""
    if verb.tag_ not in FINITE_TAGS:
        return None
    doc = verb.doc
    start = max(verb.sent.start if ctx.has_sents else 0, verb.i - MAX_SUBJECT_ASIDE)
    if verb.i - 1 <= start or (doc[verb.i - 1].text != "," and doc[verb.i - 1].ent_type_ not in SPEAKER_LABELS):
        return None
    for k in range(verb.i - 1, start - 1, -1):
        if ctx.quoted[k] or doc[k].text == ";":
            start = k + 1  # another quote or another clause: look no further back
            break
    for tok in doc[start:verb.i]:
        if tok.ent_type_ not in SPEAKER_LABELS or tok.ent_iob_ != "B":
            continue
        name = _entity_around(tok)
        k = tok.i - 1
        while k >= start and doc[k].pos_ == "DET":
            k -= 1
        if name.root.dep_ == "pobj" or (k >= 0 and doc[k].pos_ == "ADP"):
            continue  # "In a statement to the Observer, her adviser, Jake Sullivan, said"
        if name.end == verb.i or doc[name.end].text == ",":
            return name
    return None


def _noun_before(verb: Token, ctx: _Context) -> Span | None:
    """The noun phrase that ends right before a finite cue verb and starts a clause, when the parser
    hung it elsewhere: "Although ... Sanders's team, a White House official who spoke anonymously
    said ..." (the official an appositive of "team"), "“...,” a source close to Hillary Clinton said" (the
    source hung on the quote's verb). The phrase is the nearest noun above the word before the verb
    whose words run up to the verb and which opens the sentence or follows a comma or a quote."""
    if verb.tag_ not in FINITE_TAGS or verb.i == 0:
        return None
    doc = verb.doc
    first = verb.sent.start if ctx.has_sents else max(0, verb.i - MAX_SUBJECT_ASIDE)
    tok = doc[verb.i - 1]
    while tok.i >= first and not ctx.quoted[tok.i] and not tok.is_punct:
        if (tok.pos_ in ("NOUN", "PROPN") and tok.right_edge.i == verb.i - 1
                and (tok.left_edge.i == first or doc[tok.left_edge.i - 1].text == ","
                     or ctx.quoted[tok.left_edge.i - 1])):
            return mention_span(tok)
        if tok.head.i == tok.i or tok.head.i >= verb.i:
            break
        tok = tok.head
    return None


def _name_after(verb: Token, nxt: Token) -> _Attribution | None:
    """A person's or organisation's name right after a subjectless cue verb and closed by a comma, a
    period or a parenthesis is its speaker, however the parser attached it ("said Robin Maynard, half
    joking": the parser made the name the subject of "joking"). Up to ``MAX_DESCRIPTORS`` words that
    describe the name may come first ("said retired neurosurgeon Ben Carson, asked about ..."); the
    mention then starts with them."""
    doc = verb.doc
    first = nxt
    nxt = _past_descriptors(first)
    if nxt.ent_type_ not in SPEAKER_LABELS or nxt.ent_iob_ != "B":
        return None
    name = _entity_around(nxt)
    if name.end < len(doc) and doc[name.end].text not in NAME_CLOSERS:
        return None
    return _Attribution(doc[verb.i:verb.i + 1], doc[first.i:name.end])


def _past_descriptors(first: Token) -> Token:
    """The word after up to ``MAX_DESCRIPTORS`` words from ``first`` that describe a name
    (``_describes``), stopping at a person's or organisation's name: where a described name starts."""
    tok = first
    while tok.ent_type_ not in SPEAKER_LABELS and _describes(tok, tok is first) and tok.i - first.i < MAX_DESCRIPTORS:
        tok = tok.doc[tok.i + 1]
    return tok


def _describes(tok: Token, first: bool) -> bool:
    """A word of a description written before a name ("retired neurosurgeon", "Oversight ranking
    Democrat", "the former senator"): a noun, adjective or participle, or an article as the first
    word; never the last word of the document."""
    if tok.i + 1 >= len(tok.doc) or not tok.is_alpha or tok.ent_type_ in TIME_LABELS:
        return False
    if tok.pos_ == "DET":
        return first and tok.lower_ in ("the", "a", "an")
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") or tok.tag_ in ("VBN", "VBG")


def _clause_tokens(doc: Doc, start_i: int, stop: int, para_end: int, ctx: _Context) -> list[Token]:
    """Tokens from ``start_i`` to the end of their sentence (at most ``stop`` tokens),
    staying in the paragraph and outside quotes; a few quoted words in an aside after a
    name (``Bill Eastland, wearing “Ted Cruz” pins, said``) are passed over, not an end."""
    toks: list[Token] = []
    end = min(len(doc), start_i + stop)
    i = start_i
    while i < end:
        tok = doc[i]
        if tok.idx >= para_end or "\n" in tok.text:
            break
        if ctx.quoted[tok.i]:
            run = i
            while run < end and ctx.quoted[run]:
                run += 1
            if run - i > SCARE_QUOTE_TOKENS or not _in_aside(toks):
                break
            i = run
            continue
        toks.append(tok)
        i += 1
        if tok.text in ".!?" or (tok.is_sent_end and tok.is_punct and len(toks) > 1):
            break
    return toks


def _in_aside(toks: list[Token]) -> bool:
    """Whether ``toks`` end inside an aside: a name, then a comma, then words."""
    comma = next((j for j, t in enumerate(toks) if t.text == ","), None)
    return (comma is not None and comma < len(toks) - 1
            and any(t.ent_type_ in SPEAKER_LABELS for t in toks[:comma]))


def _after(doc: Doc, end: int, para_end: int, cues: Cues, ctx: _Context) -> _Attribution | None:
    """“...,” X said. / “...,” said X. / “...” – X: attribution after the closing mark."""
    first = _token_at(doc, _past_space(ctx.text, end, 1))  # “... brain,' ” said: a space before the mark
    if first is None:
        return None
    k = first.i
    while k < len(doc) and (doc[k].idx < end or ctx.quoted[k] and doc[k].idx < end + 3 and doc[k].is_punct):
        k += 1
    toks = _clause_tokens(doc, k, 40, para_end, ctx)
    if toks and toks[0].text in DASHES:
        for t in toks[1:6]:
            if t.is_alpha and (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"):
                ent = _entity_around(t) if t.ent_type_ else None
                head = t
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                span = _trim_span(doc[max(ent.start, t.i):ent.end]) if ent is not None else mention_span(head)
                return _Attribution(doc[toks[0].i:toks[0].i + 1], span)
    for tok in toks:
        if is_cue(tok, cues.speech) or is_cue(tok, cues.quoted):
            att = _cue_speaker(tok, ctx, inverted=is_cue(tok, cues.speech))
            return att if att is not None else _name_first(toks, tok)
        if tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "ccomp") and tok.i - k > 2:
            return None  # the sentence goes on with a verb of its own
    return None


def _name_first(toks: list[Token], cue: Token) -> _Attribution | None:
    """“...,” Trump, the 2016 GOP frontrunner ..., said: a cue the parser left without a subject (it
    hung the name on the quote) is said by the name that opens the words after the quote, when a
    comma closes that name (an appositive follows); a few describing words may come before the
    name (``Texas delegate Bill Eastland, wearing ..., said``)."""
    if not toks:
        return None
    first = _past_descriptors(toks[0])  # not "he told Jane Doe": "he" describes nothing
    if first.ent_type_ not in SPEAKER_LABELS or first.ent_iob_ != "B" or first.i >= cue.i:
        return None
    name = _entity_around(first)
    if name.end >= cue.i or first.doc[name.end].text != ",":
        return None
    return _Attribution(cue.doc[cue.i:cue.i + 1], name)


def _before(doc: Doc, start: int, para_start: int, cues: Cues,
            ctx: _Context) -> tuple[_Attribution | None, Token | None]:
    """X said, “...” / X said of Y: “...” / According to X, “...” / From X: “...” /
    X assures Y “...” / X called Y “...”."""
    open_tok = _token_at(doc, _past_space(ctx.text, start - 1, -1))  # “ Watch: a space after the mark
    if open_tok is None:
        return None, None
    k = open_tok.i
    while k > 0 and doc[k].idx >= start - 2 and k > open_tok.i - 2:
        k -= 1
    # a colon or comma before the mark may sit at a sentence boundary the parser drew
    last = doc[k] if doc[k].idx < start - 1 and doc[k].idx >= para_start else None
    if last is None:
        return None, None
    sent_start = last.i - 60
    if ctx.has_sents:
        sent_start = last.sent.start
        if sent_start == last.i and last.i > 0:
            sent_start = doc[last.i - 1].sent.start
    window: list[Token] = []
    for tok in reversed(doc[max(0, sent_start, last.i - 60):last.i + 1]):
        if tok.idx < para_start or ctx.quoted[tok.i] or "\n" in tok.text:
            break  # another quote or another line intervenes
        window.append(tok)
    window.reverse()
    first_q = _token_at(doc, start)
    above = {a.i for a in first_q.ancestors} if first_q is not None else set()  # over the quote's first word
    for tok in reversed(window):
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _Attribution(doc[tok.i:tok.i + 2], mention_span(pobj)), last
        if is_cue(tok, cues.speech) or is_cue(tok, cues.quoted):
            if last.text not in ":," and first_q is not None and not _governs(tok, first_q, last):
                continue  # the quote sits in another clause
            if last.text not in ":," and _relative_below(tok, above) and any(
                    t.i in above and (is_cue(t, cues.speech) or is_cue(t, cues.quoted)) for t in window):
                # "X said the way they treated women who complained about it ''would be
                # disqualifying''": a relative clause ends before the quote; the cue above it speaks
                continue
            att = _cue_speaker(tok, ctx, inverted=is_cue(tok, cues.speech))
            if att is not None:
                return att, last
    if window and window[0].lower_ == "from" and last.text == ":":
        pobj = next((c for c in window[0].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _Attribution(doc[window[0].i:window[0].i + 1], mention_span(pobj)), last
    return None, last


def _past_space(text: str, char: int, step: int) -> int:
    """The first offset from ``char`` on, in the direction of ``step``, that is no space."""
    while 0 <= char < len(text) and text[char].isspace():
        char += step
    return char


def _governs(verb: Token, quoted: Token, last: Token) -> bool:
    """Whether the quote hangs in the verb's clause (the verb is an ancestor of the quote's
    first word, or of the word right before the quote)."""
    for tok in (quoted, last):
        if tok.i == verb.i or verb in tok.ancestors:
            return True
    return False


def _relative_below(verb: Token, above: set[int]) -> bool:
    """Whether the verb is in a relative clause hanging below the quote's clause (``above``: the
    token indices over the quote's first word): "women who complained about it"."""
    for tok in (verb, *verb.ancestors):
        if tok.i in above:
            return False
        if tok.dep_ == "relcl":
            return True
    return False


def _embedding_agent(doc: Doc, start: int, end: int, cues: Cues, ctx: _Context,
                     holders: Callable[[str], bool] | None = None) -> _Attribution | None:
    """A quoted fragment inside the writer's sentence: a cue verb above it gives the speaker
    ("Trump knew aides were “disingenuous”"), else the nearest verb above it with a named
    person or organisation (or he/she/they) as subject ("Trump implied the judge was
    “hostile”"). Scare quotes in a sentence about things ("the meeting hopes to foster
    “...”") stay out, and so does a title-cased name under a verb that is no cue ("Linkins
    edits “Eat The Press”", "Wilmore hosts “The Nightly Show”": a title, not words said)."""
    first = _token_at(doc, start)
    if first is None:
        return None
    for verb in first.ancestors:
        if not ctx.quoted[verb.i] and any(is_cue(verb, c) for c in (cues.speech, cues.quoted, cues.stance)):
            att = _cue_speaker(verb, ctx, inverted=False, participle=False)
            if att is not None and holds_views(verb, att.speaker, cues, holders):
                return att
    if _title_cased(ctx.text, start, end):
        return None
    for verb in first.ancestors:
        if verb.pos_ not in ("VERB", "AUX") or ctx.quoted[verb.i]:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if _names_someone(subj):
            return _Attribution(doc[verb.i:verb.i + 1], mention_span(subj))
        return None  # the nearest clause with a subject decides
    return None


def _names_someone(tok: Token) -> bool:
    """A named person, organisation or group, or he/she/they."""
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lower_ in ("he", "she", "they")


def holds_views(verb: Token, subject: Span | None, cues: Cues, holders: Callable[[str], bool] | None = None) -> bool:
    """Whether ``subject`` may hold the view of a stance verb that needs someone to hold it
    (``cues.people_only``: "Clinton hopes ..."): a named person, organisation or group, a
    personal pronoun or "who", people in the plural ("strategists hope"), or a noun ``holders``
    accepts (the speaker rules' role, group and organisation nouns: "the senator", "the
    campaign"); not a thing or an event ("the meeting also hopes to foster ...": the writer's
    figure of speech). Any subject may hold the view of the other stance verbs."""
    if verb.lemma_.lower() not in cues.people_only:
        return True
    if subject is None:
        return False
    root = subject.root
    return (_names_someone(root) or root.lower_ in VIEW_PRONOUNS or root.tag_ == "NNS"
            or holders is not None and root.pos_ == "NOUN" and holders(root.lemma_.lower()))


def _is_title(text: str, start: int, end: int, last_before: Token | None) -> bool:
    """A short title-cased name in quote marks after a preposition, an article or a
    possessive (on “Fox News Sunday,”, told “Morning Joe”, ABC's “This Week”): a show or
    title, not speech."""
    if not _title_cased(text, start, end, min_words=1):
        return False
    return last_before is not None and (last_before.lower_ in TITLE_SLOT_WORDS or last_before.lemma_ == "tell")


def _title_cased(text: str, start: int, end: int, min_words: int = 2) -> bool:
    """Whether the words ``text[start:end]`` read as a name or title: ``min_words`` to six words,
    each capitalised but the small ones (``Eat The Press``, ``Guardians of the Galaxy``), and no
    question or exclamation."""
    words = text[start:end].rstrip(",.;: ").split()
    if not min_words <= len(words) <= 6 or text[start:end].rstrip()[-1:] in "?!":
        return False
    return all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS or not w[0].isalpha() for w in words)


def _quote_type(text: str, start: int, last_before: Token | None) -> str:
    first = text[start] if start < len(text) else ""
    embedded = (last_before is not None and last_before.is_alpha and last_before.idx + len(last_before) >= start - 3
                and "\n" not in text[last_before.idx:start])
    return "partial" if embedded or first.islower() else "direct"
