from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.records import ErrorRow, RawInput
from pipeline.stages import ingest


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("plain “curly” text".encode(), "plain “curly” text", "utf-8"),
        (b"\xef\xbb\xbfwith BOM", "with BOM", "utf-8-sig"),
        ("带 BOM 的 UTF-16".encode("utf-16"), "带 BOM 的 UTF-16", "utf-16"),
    ],
)
def test_decode_unicode(data: bytes, text: str, encoding: str) -> None:
    assert ingest.decode(data) == (text, encoding)


def test_decode_detects_gb18030() -> None:
    raw = "联合国与中国首次共办载人航天技术国际研讨会，来自二十个国家的代表参加了会议。".encode("gb18030")
    text, encoding = ingest.decode(raw)
    assert text.startswith("联合国与中国")
    assert encoding.lower().replace("_", "") in {"gb18030", "gbk", "gb2312"}


def test_decode_detects_cp1252_curly_quotes() -> None:
    raw = "The minister said: “We will not negotiate,” and left the room early.".encode("cp1252")
    text, _ = ingest.decode(raw)
    assert "“We will not negotiate,”" in text


def test_decode_rejects_binary() -> None:
    with pytest.raises(ingest.InputError, match="NUL"):
        ingest.decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_newlines_normalised_and_nothing_else() -> None:
    assert ingest.normalise_newlines("a\r\nb\rc\n\td ") == "a\nb\nc\n\td "


def test_parse_seed_structure(seed_text: str) -> None:
    art = ingest.parse_article(seed_text)
    assert (art.published, art.page_date, art.byline) == ("2013-09-18", "2020-04-03", "Ariane Rosen")
    assert len(art.references) == 15
    kinds = [p.kind for p in art.parts]
    assert kinds[:2] == ["page_date", "dateline"] and kinds[-1] == "byline"
    assert kinds.count("reference_header") == 2
    for ref in art.references:
        assert seed_text[ref.title_start:ref.title_end] == ref.title


SEED_REFERENCES = [  # (outlet, outlet_native, title) as literal golden rows
    ("China Manned Space Engineering", "", "United Nations/China Workshop on Human Space Technology"),
    ("Xinhua", "新华网", "学习和梦想–“太空教师”王亚平致全国中小学生的一封信"),
    ("Defense One", "", "Can the U.S. and China Get Along in Outer Space?"),
]


@pytest.mark.parametrize(("outlet", "native", "title"), SEED_REFERENCES)
def test_parse_seed_references(seed_text: str, outlet: str, native: str, title: str) -> None:
    refs = {(r.outlet, r.outlet_native, r.title) for r in ingest.parse_article(seed_text).references}
    assert (outlet, native, title) in refs


def test_title_found_when_first_line_is_a_headline() -> None:
    text = "Mayor Opens New Bridge Over River\n\nThe mayor opened the bridge on Monday. It cost $3m."
    art = ingest.parse_article(text)
    assert art.title == "Mayor Opens New Bridge Over River"
    assert [p.kind for p in art.parts] == ["title", "paragraph"]


def test_no_title_when_article_starts_with_a_paragraph() -> None:
    art = ingest.parse_article("The mayor opened the bridge on Monday, officials said.\n\nIt cost $3m.")
    assert art.title == ""


def test_iter_inputs_txt_jsonl_and_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello world.\r\n", encoding="utf-8")
    lines = [json.dumps({"id": "r1", "text": "One.", "published": "March 2, 2020"}), "not json",
             json.dumps({"id": "r3"}), json.dumps({"id": 4, "text": 5})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    items = list(ingest.iter_inputs([tmp_path]))
    docs = [i for i in items if isinstance(i, RawInput)]
    errors = [i for i in items if isinstance(i, ErrorRow)]
    assert [(d.source, d.source_id, d.line, d.text) for d in docs] == [
        ("a.txt", "a", None, "Hello world.\n"), ("b.jsonl", "r1", 1, "One.")]
    assert docs[1].meta == {"published": "March 2, 2020"}
    assert [(e.source, e.line, e.error) for e in errors] == [
        ("b.jsonl", 2, "JSONDecodeError"), ("b.jsonl", 3, "MissingText"), ("b.jsonl", 4, "InputError"),
        ("c.pdf", None, "UnsupportedFile")]


def test_iso_date_formats() -> None:
    assert ingest.iso_date("Friday April 3, 2020") == "2020-04-03"
    assert ingest.iso_date("2013年9月18日") == "2013-09-18"
    assert ingest.iso_date("not a date") == ""
