"""Long and pathological text for spaCy: a tokenizer that stays linear, and chunked parsing.

spaCy's tokenizer peels prefixes and suffixes off a whitespace-free run one at a time,
each time searching the rest of the run: quadratic in the run's length (10,000 quote
marks in a row take half a minute). ``SafeTokenizer`` hands such runs to a linear regex
instead. The model's components see one chunk of at most ``chunk_chars`` characters at a
time, cut at a line break where possible (``paragraph_breaks`` makes every line break a
sentence start, so nothing is lost), else after a sentence end, else between tokens:
memory stays bounded and no sentence is longer than a chunk. The components that need
the whole document (entities, quotes) then run on the chunks merged back together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from ..batching import bounded_runs

# A whitespace-free run longer than this is not tokenized by spaCy's affix rules.
MAX_RUN = 200
# Components that read the whole document; every component before them runs per chunk.
DOC_LEVEL = ("news_entities", "quote_extractor")
_RUN = re.compile(r"\S+")
# Words or runs of other characters, at most MAX_RUN characters each: no backtracking, and
# 10,000 quote marks in a row are 50 tokens for the model, not 10,000.
_PIECE = re.compile(rf"\w{{1,{MAX_RUN}}}|[^\w\s]{{1,{MAX_RUN}}}")
_STOPS = frozenset(".!?;")
_MARKS = "\"“”«»"
GLUED_MARK_INFIXES = (rf"(?<=\S)[{_MARKS}](?=\S)", rf"(?<=\S)[,:;)\]](?=[,:;)\]]*[{_MARKS}]\S)")
# A clock time glued to the capitalised word after it, as scraped live blogs print their
# entries ("9:52PMBush Says ..."): split (zero width) between the time and the word.
GLUED_TIME_INFIX = r"(?<=[0-9][AaPp][Mm])(?=[A-Z][a-z])"
# A list's dash (one or two hyphens) glued to the capitalised word after it ("-Nate Cohn"): a prefix.
BULLET_PREFIX = r"--?(?=[A-Z][a-z])"
# Characters the model parses at once, of short documents or of a long one's chunks
# (``batching.bounded_runs``): its working memory grows with them. Parsing a batch's 100,000 at
# once took one worker to 840 MB at its peak on 200 PolNeAR articles; groups of 40,000 to 610
# MB, of 20,000 to 570 MB (of 10,000: no lower), in the same time.
PIPE_CHARS = 20_000


class SafeTokenizer:
    """spaCy's tokenizer, except that very long whitespace-free runs are split linearly.

    Text without such runs is tokenized exactly as before. The resulting ``Doc.text``
    always equals the input text.
    """

    def __init__(self, inner: Any, max_run: int = MAX_RUN) -> None:
        self.inner = inner
        self.vocab = inner.vocab
        self.max_run = max_run

    def __call__(self, text: str) -> Doc:
        longs = [m for m in _RUN.finditer(text) if m.end() - m.start() > self.max_run]
        if not longs:
            return self.inner(text)  # type: ignore[no-any-return]
        docs: list[Doc] = []
        pos = 0
        for m in longs:
            if m.start() > pos:
                docs.append(self.inner(text[pos:m.start()]))
            words = [p.group() for p in _PIECE.finditer(text, m.start(), m.end())]
            spaces = [False] * len(words)
            end = m.end()
            if end < len(text) and text[end] == " ":
                spaces[-1] = True
                end += 1
            docs.append(Doc(self.vocab, words=words, spaces=spaces))
            pos = end
        if pos < len(text):
            docs.append(self.inner(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # serialisation is the inner tokenizer's
    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.inner.to_bytes(**kwargs)  # type: ignore[no-any-return]

    def from_bytes(self, data: bytes, **kwargs: Any) -> SafeTokenizer:
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> SafeTokenizer:
        self.inner.from_disk(path, **kwargs)
        return self


def install(nlp: Language) -> Language:
    """Give ``nlp`` the safe tokenizer, which also splits quote marks glued to words; the length
    limit is ingest's (``max_doc_chars``)."""
    if not isinstance(nlp.tokenizer, SafeTokenizer):
        split_glued_marks(nlp)
        split_bullets(nlp)
        nlp.tokenizer = SafeTokenizer(nlp.tokenizer)
    nlp.max_length = 2**31 - 1  # chunking bounds the model's memory, not spaCy's limit
    return nlp


def split_glued_marks(nlp: Language) -> None:
    """A double quote mark typed against words on both sides (``audiences,"Katie Packer``,
    ``said,“Look``, ``(R-S.C.):"I have``) is a token of its own, and so is each comma, colon,
    semicolon or closing bracket right before it; a clock time glued to a capitalised word
    (``9:52PMBush``) is cut from it: spaCy's own rules keep such a run as one token, and the name
    or the cue in it is lost to the tagger and the parser. The tokenizer's own infix rules stay,
    these are added to them."""
    tokenizer: Any = nlp.tokenizer
    own = tokenizer.infix_finditer  # the pipeline's own infixes (a model may bring its own), kept
    infixes = [own.__self__.pattern] if own is not None else []
    tokenizer.infix_finditer = compile_infix_regex([*infixes, *GLUED_MARK_INFIXES, GLUED_TIME_INFIX]).finditer


def split_bullets(nlp: Language) -> None:
    """A hyphen-minus that starts a token before a capitalised word is a token of its own
    (``BULLET_PREFIX``), as spaCy's own prefixes make an en or em dash: a list item typed
    ``-Nate Cohn explains`` had the model read ``-Nate`` as a verb and tag ``Cohn`` alone. Not
    before a digit (``-5``) nor inside a word (``pro-Trump``). The tokenizer's own prefixes stay."""
    tokenizer: Any = nlp.tokenizer
    own = tokenizer.prefix_search
    prefixes = [own.__self__.pattern] if own is not None else []
    tokenizer.prefix_search = compile_prefix_regex([BULLET_PREFIX, *prefixes]).search


def chunks(doc: Doc, chunk_chars: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Token ranges of at most ``chunk_chars`` characters covering ``doc``, and the
    character offsets of cuts that fall inside a paragraph (not at a line break).

    A cut goes after the last line break in the chunk, else after the last sentence
    end, else before the token that overflows it. One pass over the tokens.
    """
    out: list[tuple[int, int]] = []
    inside: list[int] = []
    start = 0
    last_break = last_stop = 0
    for tok in doc:
        if tok.i > start and tok.idx + len(tok.text) - doc[start].idx > chunk_chars:
            cut = last_break if last_break > start else last_stop if last_stop > start else tok.i
            out.append((start, cut))
            if cut != last_break:
                inside.append(doc[cut].idx)
            start = cut
        if "\n" in tok.text_with_ws:
            last_break = tok.i + 1
        elif tok.text in _STOPS:
            last_stop = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out, inside


def _model_names(nlp: Language) -> list[str]:
    names = list(nlp.pipe_names)
    cut = next((k for k, n in enumerate(names) if n in DOC_LEVEL), len(names))
    return names[:cut]


def analyse_long(nlp: Language, doc: Doc, chunk_chars: int) -> tuple[Doc, str]:
    """Run ``nlp`` over a long tokenized ``doc`` chunk by chunk; returns the analysed doc
    and a warning (empty when every cut fell at a line break)."""
    ranges, inside = chunks(doc, chunk_chars)
    pieces = [doc[s:e].as_doc() for s, e in ranges]
    with nlp.select_pipes(enable=_model_names(nlp)):
        pieces = [out for group in bounded_runs(pieces, _chars, PIPE_CHARS) for out in nlp.pipe(group)]
    for piece in pieces:
        piece.tensor = numpy.zeros((len(piece), 0), dtype="float32")  # not needed downstream
    merged = Doc.from_docs(pieces, ensure_whitespace=False)
    for key, value in doc.user_data.items():  # extension values set by the runner (news_parts)
        merged.user_data[key] = value
    for name in nlp.pipe_names[len(_model_names(nlp)):]:
        merged = nlp.get_pipe(name)(merged)
    warning = ""
    if inside:
        shown = ", ".join(map(str, inside[:5])) + (f" (+{len(inside) - 5} more)" if len(inside) > 5 else "")
        warning = (f"{len(inside)} cut(s) inside paragraphs longer than {chunk_chars:,} characters (no line break "
                   f"in reach): the parser saw them in pieces, cut at offsets {shown}; no sentence spans a cut")
    return merged, warning


def pipe(nlp: Language, docs: list[Doc], chunk_chars: int) -> Iterator[tuple[Doc | None, BaseException | None, str]]:
    """(doc, error, warning) per input doc, in order: short docs through ``nlp.pipe`` together,
    in groups of at most ``PIPE_CHARS`` characters, long ones chunk by chunk. A failing group
    is retried one document at a time, so one bad document costs only itself."""
    short = [d for d in docs if _chars(d) <= chunk_chars]
    done: dict[int, Doc] = {}
    for group in bounded_runs(short, _chars, PIPE_CHARS):
        try:
            done.update({id(d): out for d, out in zip(group, nlp.pipe(group), strict=True)})
        except Exception:
            continue  # none of the group is done: each is retried alone below
    for d in docs:
        if id(d) in done:
            yield done[id(d)], None, ""
            continue
        if short and _chars(d) <= chunk_chars:  # its group failed part-way: start from fresh tokens
            fresh = nlp.make_doc(d.text)
            fresh.user_data.update(d.user_data)
            d = fresh
        try:
            if _chars(d) <= chunk_chars:
                yield nlp(d), None, ""
            else:
                merged, warning = analyse_long(nlp, d, chunk_chars)
                yield merged, None, warning
        except Exception as exc:
            yield None, exc, ""


def _chars(doc: Doc) -> int:
    """The length of ``doc``'s text from its last token (``len(doc.text)`` joins every token)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
