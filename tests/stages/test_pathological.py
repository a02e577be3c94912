"""Pathological text: each input below took minutes to days before its fix (quadratic or
exponential); now each runs in a blink. No timing is asserted: a regression hangs the test.
Timings of 1 MB inputs through the whole pipeline are in the README."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import MODELS_DIR, Settings
from pipeline.records import WARNING, RawInput
from pipeline.stages import document, entities, ingest, longtext, orgs, quotes
from pipeline.stages.longtext import MAX_RUN, SafeTokenizer, chunks
from pipeline.stages.nlp import add_components
from pipeline.stages.quotes import spans, speakers


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_components(nlp, MODELS_DIR)


def test_acronym_patterns_do_not_backtrack() -> None:
    assert entities.learn_acronyms("A" * 200_000) == {}  # was quadratic: about 40 minutes
    assert entities.learn_acronyms("A-" * 100_000) == {}
    assert entities.learn_acronyms("AB (" + "A" * 60) == {}  # was exponential
    assert entities.learn_acronyms("the China Manned Space Agency (CMSA) said") == {"CMSA": "China Manned Space Agency"}


def test_reference_pattern_does_not_backtrack() -> None:
    assert ingest.REFERENCE.match("X" + " " * 50_000 + "Y") is None  # was cubic: hours
    m = ingest.REFERENCE.match("Xinhua (新华网)– “学习和梦想")
    assert m is not None and (m["outlet"], m["native"], m["title"]) == ("Xinhua", "新华网", "学习和梦想")


def test_results_lines_do_not_backtrack() -> None:
    for text in ("Aa " * 100_000, "A" * 200_000, "Aa of " * 30_000 + "1", ("Aa " * 50 + "1 ") * 2_000):
        assert orgs.RESULT_LINE.search(text) is None and orgs.STANDINGS_LINE.search(text) is None
    assert orgs.RESULT_LINE.search("x\nAston Villa 2 Leicester 1\n") is not None


def test_iso_date_ignores_long_text() -> None:
    assert ingest.iso_date("March 2, 2020 " * 1_000) == ""
    assert ingest.iso_date("March 2, 2020") == "2020-03-02"


def test_safe_tokenizer_splits_long_runs_linearly(blank_nlp: Language) -> None:
    text = "He said " + "“”" * 50_000 + " and left."  # spaCy's own tokenizer: minutes
    doc = blank_nlp.make_doc(text)
    assert doc.text == text
    assert len(doc) < 1_000 and max(len(t) for t in doc) <= MAX_RUN
    assert [t.text for t in doc[:2]] == ["He", "said"]


def test_safe_tokenizer_leaves_ordinary_text_alone() -> None:
    inner = spacy.blank("en").tokenizer
    text = "“We’re done,” she said (on Monday) at 5:30 p.m. in the U.S."
    assert [t.text for t in SafeTokenizer(inner)(text)] == [t.text for t in inner(text)]


def test_chunks_cut_at_line_breaks_then_sentence_ends() -> None:
    nlp = spacy.blank("en")
    para = "word " * 300 + "end. " + "word " * 300
    doc = nlp.make_doc("Short one.\n" + para + "\nTail.")
    ranges, inside = chunks(doc, 2_000)
    assert "".join(doc[s:e].text_with_ws for s, e in ranges) == doc.text
    assert all(len(doc[s:e].text) <= 2_000 for s, e in ranges)
    pieces = [doc[s:e].text_with_ws for s, e in ranges]
    assert pieces[0] == "Short one.\n"  # at the line break
    assert pieces[1].endswith("word end. ")  # inside the long paragraph: after its sentence end
    assert inside == [doc[ranges[2][0]].idx]


def test_long_document_is_parsed_in_chunks_with_a_warning(blank_nlp: Language) -> None:
    text = "Intro paragraph, she said.\n\n" + "more words without a stop " * 1_000 + "\n\n“Done,” he said."
    [rows] = document.process_batch([RawInput("long.txt", "long", None, text, "utf-8", 0)], blank_nlp,
                                  Settings(quiet=True, parse_chunk_chars=2_000))
    assert [(e.error, e.severity) for e in rows.errors] == [("LongParagraph", WARNING)]
    assert rows.documents and rows.documents[0].n_chars == len(text)
    for seg in rows.segments:
        assert text[seg.start_char:seg.end_char] == seg.text


def test_unbalanced_marks_pair_in_one_pass() -> None:
    text = "“a " * 100_000 + "”"
    spans = quotes.quote_spans(text, [(0, len(text))])
    assert spans == [(len(text) - 3, len(text) - 2)]


@pytest.mark.parametrize("pos", [0, 4, 5, 9, 10, 11, 20, 25, 26, 99])
def test_para_of_matches_a_linear_scan(pos: int) -> None:
    doc = spacy.blank("en")("a " * 60)
    paras = [(0, 5), (10, 20), (21, 25), (30, 40)]
    ctx = spans._Context(doc, paras, [])  # one bisection per lookup, not a scan of the paragraphs
    want = next(((s, e) for s, e in paras if s <= pos <= e), (0, len(doc.text)))
    assert ctx.para_of(pos) == want


def test_many_quoted_paragraphs(blank_nlp: Language) -> None:
    text = "“Yes,” he said.\n" * 20_000  # one bisection per quote, not a scan of every paragraph
    doc = blank_nlp(text)
    assert doc._.quotes is not None


def test_one_failing_document_costs_only_itself(blank_nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    @Language.component("boom")
    def boom(doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise RuntimeError("component failed on purpose")
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("boom")
    add_components(nlp, MODELS_DIR)
    texts = ["First article, she said.", "BOOM goes the second.", "Third article here."]
    batch = [RawInput("b.jsonl", f"r{k}", k + 1, t, "utf-8", k) for k, t in enumerate(texts)]
    out = document.process_batch(batch, nlp, Settings(quiet=True))
    assert [[s.text for s in rows.segments] for rows in out] == [[t] for t in texts]
    assert [[(e.stage, e.error, e.severity) for e in rows.errors] for rows in out] == [
        [], [("nlp", "RuntimeError", "error")], []]

    def broken_finish(*args: object) -> None:
        raise ValueError("finish failed on purpose")

    monkeypatch.setattr(document, "finish", broken_finish)
    [rows] = document.process_batch(batch[:1], nlp, Settings(quiet=True))
    assert len(rows.documents) == 1 and [(e.stage, e.error) for e in rows.errors] == [("finish", "ValueError")]


PARSED: list[str] = []  # the first word of every text the component below saw


@Language.component("count_parses")
def count_parses(doc: Doc) -> Doc:
    PARSED.append(doc.text.split()[0])
    if "BOOM" in doc.text:
        raise RuntimeError("component failed on purpose")
    return doc


def _counting_nlp() -> Language:
    PARSED.clear()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("count_parses")
    return add_components(nlp, MODELS_DIR)


def _record_pipe_sizes(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The characters of every group ``nlp.pipe`` is given from now on, in order."""
    sizes: list[int] = []
    real_pipe = nlp.pipe

    def recording_pipe(docs: list[Doc], **kwargs: object) -> object:
        docs = list(docs)
        sizes.append(sum(len(d.text) for d in docs))
        return real_pipe(docs, **kwargs)

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    return sizes


def test_a_batch_reaches_the_model_in_groups_of_bounded_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's working memory grows with the tokens it parses at once: a batch's short
    documents go to ``nlp.pipe`` in groups of at most ``PIPE_CHARS`` characters."""
    nlp = _counting_nlp()
    sizes = _record_pipe_sizes(nlp, monkeypatch)
    monkeypatch.setattr(longtext, "PIPE_CHARS", 250)
    texts = [f"a{k} " + "words of an article " * 5 for k in range(6)]  # 103 or so characters each
    out = list(longtext.pipe(nlp, [nlp.make_doc(t) for t in texts], 10_000))
    assert [d.text for d, _, _ in out] == texts
    assert len(sizes) == 3 and max(sizes) <= 250


def test_a_long_documents_chunks_reach_the_model_in_groups_of_bounded_size(blank_nlp: Language,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = _record_pipe_sizes(blank_nlp, monkeypatch)
    monkeypatch.setattr(longtext, "PIPE_CHARS", 4_500)
    text = "\n".join("line of words " * 150 for _ in range(5))  # five lines of 1,950 characters
    merged, _ = longtext.analyse_long(blank_nlp, blank_nlp.make_doc(text), 2_000)
    assert merged.text == text
    assert len(sizes) == 3 and max(sizes) <= 4_500


def test_a_failing_document_costs_its_group_a_retry_not_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = _counting_nlp()
    monkeypatch.setattr(longtext, "PIPE_CHARS", 60)
    texts = ["one short article.", "two short article.", "three BOOM article.", "four short article."]
    out = list(longtext.pipe(nlp, [nlp.make_doc(t) for t in texts], 10_000))
    assert [(d is None, type(e).__name__) for d, e, _ in out] == [
        (False, "NoneType"), (False, "NoneType"), (True, "RuntimeError"), (False, "NoneType")]
    # groups [one, two, three] and [four]: only the failed group's documents are parsed again
    assert PARSED.count("one") == 2 and PARSED.count("four") == 1


def test_speaker_resolution_uses_indexes_not_scans() -> None:
    from spacy.tokens import Span

    doc = spacy.blank("en")("Anna Berg said yes , he said . " * 20_000)  # 20,000 named speakers
    doc.ents = [Span(doc, 8 * k, 8 * k + 2, label="PERSON") for k in range(20_000)]
    people = speakers.SpeakerResolver(doc)
    for k in range(0, 20_000, 7):  # was a scan of every person per mention: minutes
        assert people.resolve(doc[8 * k:8 * k + 2]).name == "Anna Berg"
        assert people.resolve(doc[8 * k + 5:8 * k + 6]) == speakers.Who("Anna Berg", "pronoun-resolved", "", "")
    assert people.resolve(doc[2:3]).kind == "description"


def test_entity_around_a_token_matches_doc_ents() -> None:
    from spacy.tokens import Span

    doc = spacy.blank("en")("“Yes.” – Anna Maria Berg of the United Nations said")
    doc.ents = [Span(doc, 4, 7, label="PERSON"), Span(doc, 9, 11, label="ORG")]
    for tok in doc:
        want = next(((e.start, e.end) for e in doc.ents if e.start <= tok.i < e.end), (tok.i, tok.i + 1))
        got = spans._entity_around(tok)
        assert (got.start, got.end) == want
