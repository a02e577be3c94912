"""Headlines and datelines: ALL-CAPS and headline-cased lines, their casing from the body, wire datelines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_UPPER, LENGTH, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..datelines import DATELINE
from .rules import TITLE_SMALL_WORDS


def line_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=4)
def headline_lines(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """``(start, end)`` of the headline-cased lines and of the ALL-CAPS lines of ``text`` (found
    once per document: three steps of the component read them)."""
    bounds = line_bounds(text)
    return (tuple((s, e) for s, e in bounds if is_title_line(text[s:e])),
            tuple((s, e) for s, e in bounds if is_caps_line(text[s:e])))


def is_caps_line(line: str) -> bool:
    """An ALL-CAPS line: at least two words of letters and no lower-case letter."""
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 1]
    return len(words) >= 2 and not any(ch.islower() for ch in line)


def is_table_header(line: str) -> bool:
    """A table's header in capitals: four words or more, none longer than three letters ("W L PCT
    GB", "W D L F A PTS"), no names to find."""
    words = re.findall(r"[^\W\d_]+", line)
    return len(words) >= 4 and all(len(w) <= 3 for w in words)


def is_title_line(line: str) -> bool:
    """A headline-cased line: three words or more, every content word capitalised."""
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return len(words) >= 3 and bool(content) and all(w[0].isupper() for w in content)


def title_case(line: str, keep: set[str]) -> str:
    """An ALL-CAPS line in headline case, same length; words in ``keep`` (acronyms) stay."""
    def fix(m: re.Match[str]) -> str:
        w = m[0]
        if w in keep:
            return w
        if w.lower() in TITLE_SMALL_WORDS and m.start() > 0:
            return w.lower()
        return w[0] + w[1:].lower()
    return re.sub(r"[^\W\d_]+", fix, line)


# inflections a headline's verb or noun may have that the body writes in another form:
# (ending, what replaces it) - "WARNS" after "warned", "DENIES" after "deny", "RAISED" after "raise"
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                ("ing", "e"))


def stems(word: str) -> set[str]:
    """A lower-case word and the stems its English inflections leave ("warns" -> warn, "denies"
    -> deny, "raised" -> rais, raise)."""
    word = word.lower()
    out = {word}
    for end, repl in _INFLECTIONS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            out.add(word[:-len(end)] + repl)
    return out


def lower_stems(cased: dict[str, str]) -> frozenset[str]:
    """The stems of the words an article writes in lower case (``cased``: ``body_casing``)."""
    return frozenset(st for word, form in cased.items() if form.islower() for st in stems(word))


def true_case(line: str, keep: set[str], cased: dict[str, str], is_name: Callable[[str], bool],
              lowered: frozenset[str] = frozenset(), given: Collection[str] = frozenset()) -> str:
    """An ALL-CAPS line in the casing the article gives its words elsewhere, same length.

    ``cased`` maps a lower-case word to the form the article writes it in mid-sentence
    ("beat", "Norway", "NATO"); a word in ``keep`` (acronyms, sports slugs) stays as written.
    Another word is in headline case when ``is_name`` says it names something (a place, a
    gazetteer name) or it is rare in English, and in lower case when it is a common English
    word (wordfreq's Zipf frequency of ``COMMON_ZIPF`` or more). "GERMAN BANKS REPORT HIGHER
    PROFITS" reads "German banks report higher profits": the model no longer takes every word
    of a headline for a name. Two or three words in a row that ``is_name`` knows together are in
    headline case, common words or not ("SOUTH AFRICA", "NEW ZEALAND", "UNITED STATES"). A word
    the body writes in lower case in another inflection (``lowered``: ``lower_stems``) is in
    lower case too ("UNITED STATES WARNS ..." after "warned": "Warns" made the model miss the
    country). A word after a given name of ``given`` is in headline case too, unless the body
    writes it otherwise (in lower case, in capitals: "HILLARY PAC") or it is a small word ("ANN
    COULTER: ..." over a column whose body never names its author: "Coulter" is a common enough
    word to be written "coulter"); that word starts no name ("PAUL RYAN THINKS": "Ryan" is a given
    name too).
    """
    words = list(re.finditer(r"[^\W\d_]+", line))
    named: set[int] = set()  # start offsets of the words of a known name of several words
    family: set[int] = set()  # ... and of a word after a given name ("RYAN" of "PAUL RYAN THINKS")
    for k in range(len(words)):
        for n in (3, 2):
            run = words[k:k + n]
            if len(run) == n and all(line[a.end():b.start()] == " " for a, b in zip(run, run[1:], strict=False)) \
                    and is_name(" ".join(r[0] for r in run)):
                named.update(r.start() for r in run)
                break
        if (k + 1 < len(words) and words[k][0].lower() in given and words[k].start() not in family
                and line[words[k].end():words[k + 1].start()] == " "):
            after = words[k + 1][0].lower()
            form = cased.get(after)  # how the body writes it, if it does
            if after not in TITLE_SMALL_WORDS and (form is None or form.istitle()):
                named.update((words[k].start(), words[k + 1].start()))
                family.add(words[k + 1].start())

    def fix(m: re.Match[str]) -> str:
        w = m[0]
        if m.start() in named:
            return w[0] + w[1:].lower()
        if w in keep:
            return w
        form = cased.get(w.lower())
        if form is not None and len(form) == len(w):
            return form
        if w.lower() in TITLE_SMALL_WORDS or (not is_name(w) and (common_word(w) or bool(stems(w) & lowered))):
            return w.lower()
        return w[0] + w[1:].lower()
    return re.sub(r"[^\W\d_]+", fix, line)


COMMON_ZIPF = 3.0  # about once in 1,000,000 words of English text


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """Whether ``word`` is a common English word (wordfreq's small list)."""
    import wordfreq

    return bool(wordfreq.zipf_frequency(word.lower(), "en", wordlist="small") >= COMMON_ZIPF)


def body_casing(doc: Doc, skip: list[tuple[int, int]]) -> dict[str, str]:
    """Lower-case word -> the form the document writes it in most often, not starting a sentence
    and outside the character ranges ``skip`` (its ALL-CAPS lines)."""
    if not len(doc):
        return {}
    # the tokens' attributes as arrays, so no Token object is made per word (as the loop it replaces)
    arr = doc.to_array([IS_ALPHA, SENT_START, IS_UPPER, LENGTH, IDX]).astype(numpy.int64)  # SENT_START: -1 no
    alpha, start, upper, length, idx = (arr[:, k] for k in range(5))
    orth, lower = doc.to_array(ORTH), doc.to_array(LOWER)  # unsigned hashes, read as they are
    keep = (alpha == 1) & (start != 1) & ~((upper == 1) & (length == 1))
    keep[0] &= not doc[0].is_sent_start
    if skip:
        starts = numpy.array([s for s, _ in skip])
        k = numpy.searchsorted(starts, idx, side="right") - 1
        ends = numpy.array([e for _, e in skip])
        keep &= ~((k >= 0) & (idx < ends[numpy.maximum(k, 0)]))
    strings = doc.vocab.strings
    breaks = numpy.isin(orth, [h for h in numpy.unique(orth).tolist() if "\n" in strings[h]])
    keep[1:] &= ~breaks[:-1]  # a line's first word is a sentence start
    forms: dict[int, Counter[int]] = {}
    for low, text in zip(lower[keep].tolist(), orth[keep].tolist(), strict=True):
        forms.setdefault(low, Counter())[text] += 1
    return {strings[w]: strings[c.most_common(1)[0][0]] for w, c in forms.items()}




def dateline_places(doc: Doc, text: str, sports: frozenset[str],
                    is_place: Callable[..., bool] = lambda name, cities=True: True) -> list[Span]:
    """The places of wire datelines as GPE: the capitals starting a line before a date ("LONDON
    1996-08-30", "WASHINGTON, June 10 (UPI) -"), or before a dash and running text when
    ``is_place`` knows the name ("MEXICO CITY - The ..."; "NATO - the alliance" is no dateline),
    or before a colon when it knows it as a country, region or capital, not a city only (a wire
    topic's "RUSSIA : Yeltsin to return ..."; not a transcript's "CLINTON: Honestly, ...").
    A headline's sport slug ("SOCCER - LEEDS WIN") is none: a capitals line goes on in
    capitals, and the sports of ``models/en/sports.txt`` are left out."""
    found = []
    for m in DATELINE.finditer(text):
        colon = not m["date"] and ":" in text[m.end(1):m.end()]
        if m[1].lower() in sports or not (m["date"] or is_place(m[1], cities=not colon)):
            continue
        span = doc.char_span(m.start(1), m.end(1), label="GPE", alignment_mode="contract")
        if span is not None and len(span):
            found.append(span)
    return found


def entities_only(nlp: Language, texts: list[str], before: str) -> list[Doc]:
    """Short texts through the pipes of ``nlp`` before the component ``before`` that make
    entities (the NER, the ruler and the ``tok2vec`` they listen to), in one batch: the cased
    copies of capitals lines, without recursion into the component that asks. The tagger, parser
    and lemmatizer are skipped: they set nothing the entities need."""
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name == before:
            break
        if not {"doc.ents", "doc.tensor"} & set(nlp.get_pipe_meta(name).assigns):
            continue
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return docs
