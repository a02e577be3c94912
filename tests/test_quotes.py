from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline import quotes


@pytest.mark.parametrize(
    ("text", "spans", "open_at"),
    [
        ("He said, “Yes.”", [(10, 14)], None),
        ('He said, "Yes," and left.', [(10, 14)], None),
        ("“One,” she said, “two.”", [(1, 5), (18, 22)], None),
        ("the “new space-faring” countries", [(5, 21)], None),
        ("“Unclosed quote runs on", [], 1),
        ("“Typed wrong“ here", [(1, 12)], None),  # an opener typed where a closer belongs
        ("« Bonjour », dit-il", [(1, 10)], None),
    ],
)
def test_pair_marks(text: str, spans: list[tuple[int, int]], open_at: int | None) -> None:
    assert quotes.pair_marks(text, 0, len(text)) == (spans, open_at)


def test_unbalanced_mark_costs_only_its_paragraph() -> None:
    text = "“Never closed.\nShe said, “Fine.”"
    paras = [(0, 14), (15, len(text))]
    assert quotes.quote_spans(text, paras) == [(26, 31)]


def test_open_quote_continues_into_next_quoted_paragraph() -> None:
    text = "He said, “First part.\n“Second part.”"
    paras = [(0, 21), (22, len(text))]
    assert quotes.quote_spans(text, paras) == [(10, 21), (23, 35)]


def test_pairing_is_linear_on_pathological_input() -> None:
    text = "“" * 200_000
    spans, _ = quotes.pair_marks(text, 0, len(text))
    assert spans == []


def test_load_cues_reads_particles(tmp_path) -> None:
    f = tmp_path / "verbs.txt"
    f.write_text("# comment\nsay\npoint out\n", encoding="utf-8")
    assert quotes.load_cues(f) == {"say": "", "point": "out"}


def _quotes(nlp: Language, text: str) -> list[quotes.QuoteSpan]:
    return list(nlp(text)._.quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "speaker", "qtype"),
    [
        ("Mayor John Smith opened the bridge. “It is a great day,” Smith said.",
         "It is a great day,", "Smith", "John Smith", "direct"),
        ("Police chief Ann Lee spoke on Monday. She said, “We have made two arrests.”",
         "We have made two arrests.", "She", "Ann Lee", "direct"),
        ("“We will win,” said Hugh O'Neill, the party leader.", "We will win,", "Hugh O'Neill", "Hugh O'Neill", "direct"),
        ("According to Maria Garcia, “the budget is balanced.”", "the budget is balanced.", "Maria Garcia",
         "Maria Garcia", "partial"),
        ("Tom Baker told reporters that the plant would close next year.",
         "the plant would close next year", "Tom Baker", "Tom Baker", "indirect"),
    ],
)
def test_attribution(nlp: Language, text: str, content: str, speaker_text: str, speaker: str, qtype: str) -> None:
    found = _quotes(nlp, text)
    assert len(found) == 1
    q = found[0]
    assert (text[q.start:q.end], q.speaker_text, q.speaker, q.type) == (content, speaker_text, speaker, qtype)
    assert text[q.speaker_start:q.speaker_end] == q.speaker_text


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The meeting hopes to foster the participation of “new space-faring and emerging countries” in space.",
        "“Mayor Opens New Bridge”\nThe bridge opened on Monday.",
    ],
)
def test_no_quote_without_a_speaker(nlp: Language, text: str) -> None:
    assert [q for q in _quotes(nlp, text) if q.type != "indirect"] == []


@pytest.mark.model
def test_unnamed_speaker_stays_empty(nlp: Language) -> None:
    text = "A representative from Pakistan said, “We would like to be the first candidate.”"
    (q,) = _quotes(nlp, text)
    assert (q.speaker_text, q.speaker, q.speaker_kind) == ("A representative from Pakistan", "", "description")
