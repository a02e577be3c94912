"""Properties over arbitrary Unicode documents (hypothesis).

No exception escapes a stage; every span's stored text is the document text at its
offsets; quote spans never include their quote marks; doc_ids are unique. Kept fast: few
examples, and the pipeline's own rule components on a blank spaCy pipeline where no
model is needed (the model-backed property runs a handful of short texts).
"""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.config import MODELS_DIR, Settings
from pipeline.records import REJECTED, ErrorRow, RawInput
from pipeline.stages import document, ingest, quotes
from pipeline.stages.longtext import SafeTokenizer, chunks
from pipeline.stages.nlp import add_components

MARKS = "“”\"«»„"
# Text with the pieces that stress the stages: quote marks, cue verbs, names, CJK, dates, breaks.
PIECES = ["“", "”", '"', "«", "»", " ", " ", "\n", "\n\n", ".", ",", ":", "–", "said", "He", "she", "Wang",
          "Michael Krepon", "according to", "王亚平", "中国", "說", "Sept. 18, 2013", "For more information, see:",
          "Xinhua (新华网)– “标题", "By Ariane Rosen", "\r\n", "\t", "\u00a0", "A", "of the", "(UN)"]
texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    """Our components on a blank English pipeline: a sentencizer stands in for the parser."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_components(nlp, MODELS_DIR)


def _check_rows(text: str, rows: document.DocRows) -> None:
    for seg in rows.segments:
        assert text[seg.start_char:seg.end_char] == seg.text
    for ent in rows.entities:
        assert text[ent.start_char:ent.end_char] == ent.text
    for tok in rows.zh_tokens:
        assert text[tok.start_char:tok.end_char] == tok.token
    for ref in rows.references:
        assert text[ref.start_char:ref.end_char] == ref.title
    for q in rows.quotes:
        assert text[q.quote_start:q.quote_end] == q.quote_text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text  # type: ignore[misc]
        if q.quote_type != "indirect":
            assert q.quote_text and q.quote_text[0] not in MARKS and q.quote_text[-1] not in MARKS


def _run(texts_: list[str], nlp: Language, chunk_chars: int) -> list[document.DocRows]:
    batch = [RawInput("p.jsonl", f"id{k}", k + 1, t, "utf-8", k) for k, t in enumerate(texts_)]
    return document.process_batch(batch, nlp, Settings(quiet=True, parse_chunk_chars=chunk_chars))


@FAST
@given(st.lists(texts, min_size=1, max_size=3))
def test_stages_never_raise_and_spans_slice_the_text(blank_nlp: Language, docs: list[str]) -> None:
    out = _run(docs, blank_nlp, chunk_chars=64)  # small chunks: the chunked path is exercised too
    ids = [d.doc_id for rows in out for d in rows.documents]
    assert len(ids) == len(set(ids))
    for text, rows in zip(docs, out, strict=True):
        assert [e for e in rows.errors if e.severity not in (REJECTED, "warning")] == []
        if rows.documents:
            _check_rows(text, rows)
        else:  # no document: the input was rejected, and says so
            assert [e.severity for e in rows.errors] == [REJECTED]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
@example("qaid“0“㐀J00040o")  # a speaker span holding a CJK character the model saw masked (found by CI)
@example("AMHJ:A0“")  # a transcript turn ending with a dangling opening mark
def test_full_model_spans_slice_the_text(nlp: Language, text: str) -> None:
    [rows] = _run([text], nlp, chunk_chars=10_000)
    assert [e for e in rows.errors if e.severity not in (REJECTED, "warning")] == []
    if rows.documents:
        _check_rows(text, rows)


@FAST
@given(texts)
def test_quote_spans_exclude_the_marks(text: str) -> None:
    paras = [(0, len(text))]
    for s, e in quotes.quote_spans(text, paras):
        assert 0 <= s < e <= len(text)
        assert text[s] not in MARKS and text[e - 1] not in MARKS


@FAST
@given(st.text(max_size=400))
def test_safe_tokenizer_keeps_the_text(blank_nlp: Language, text: str) -> None:
    tok = SafeTokenizer(blank_nlp.tokenizer.inner, max_run=8)  # type: ignore[attr-defined]
    doc = tok(text)
    assert doc.text == text
    ranges, _ = chunks(doc, 16)
    assert "".join(doc[s:e].text_with_ws for s, e in ranges) == text


@FAST
@given(st.binary(max_size=300))
def test_decode_raises_nothing_but_input_error(data: bytes) -> None:
    try:
        decoded = ingest.decode_bytes(data)
    except ingest.InputError:
        return
    assert isinstance(decoded.text, str)


@FAST
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_utf8_round_trips(text: str) -> None:
    assert ingest.decode(text.encode("utf-8"))[0] == text


@FAST
@given(st.lists(st.one_of(st.text(max_size=40), st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
                min_size=1, max_size=6))
def test_every_jsonl_line_is_a_document_or_a_row(tmp_path_factory: pytest.TempPathFactory,
                                                  values: list[object]) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps({"id": "same", "text": v}) for v in values]
    (folder / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(ingest.iter_inputs([folder]))
    docs = {i.line for i in items if isinstance(i, RawInput)}
    rejected = {i.line for i in items if isinstance(i, ErrorRow) and i.severity == REJECTED}
    assert docs | rejected == set(range(1, len(values) + 1)) and not docs & rejected
    assert all(isinstance(i.text, str) and i.text.strip() for i in items if isinstance(i, RawInput))


@FAST
@given(text=st.text(alphabet="ab_ .-é1’\nAſ", max_size=40), name=st.text(alphabet="ab_ .-é1’A", min_size=1, max_size=4))
def test_whole_words_finds_what_the_word_boundary_regex_finds(text: str, name: str) -> None:
    """``names.written_at`` looks for names with ``str.find`` instead of a regex per name."""
    import re

    from pipeline.stages.entities.names import _whole_words

    expected = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    assert list(_whole_words(text, name)) == expected
