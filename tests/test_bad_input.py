"""Bad input: every file and JSONL line ends up in documents.csv or errors.csv, with a reason.

The corpus of bad inputs is built here, by the tests; ``EXPECTED`` is the golden table of
what each input must become.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from pipeline.config import Settings
from pipeline.records import REJECTED, WARNING, ErrorRow, RawInput
from pipeline.run import runner
from pipeline.stages import document, ingest

GB = "联合国与中国首次共办载人航天技术国际研讨会。王亚平说：“我们会成功。”"
BIG5 = "這是一個測試。美國總統說，「我們將繼續支持台灣」。"
CP1252 = "The minister said: “We will not negotiate,” and left – it’s over."
LATIN1 = "Le ministre a déclaré à Genève: «Nous ne négocierons pas», dit-il."
MAX_CHARS = 2_000  # the size limit used for this corpus


def _jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n\n").encode("utf-8")  # trailing blank lines are not records


def build_corpus(root: Path) -> None:
    """Every kind of bad (and good but awkward) input named in issue 8."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "utf8.txt").write_text("Plain “curly” UTF-8, the minister said.", encoding="utf-8")
    (root / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbfWith a BOM, he said.")
    (root / "utf16.txt").write_bytes("带 BOM 的 UTF-16 text.".encode("utf-16"))
    (root / "gb18030.txt").write_bytes(GB.encode("gb18030"))
    (root / "big5.txt").write_bytes(BIG5.encode("big5"))
    (root / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (root / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (root / "truncated.txt").write_bytes("He said “yes” in 北京".encode()[:-1])  # cut inside a character
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (root / "noise.txt").write_bytes(bytes(range(1, 32)) * 8 + b"\x81\x8d\x8f\x90\x9d" * 4)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\t\r\n ", encoding="utf-8")
    (root / "huge.txt").write_text("word " * MAX_CHARS, encoding="utf-8")
    (root / "longline.txt").write_text("x" * (MAX_CHARS - 10), encoding="utf-8")  # one long line, allowed
    (root / "records.jsonl").write_bytes(_jsonl(
        json.dumps({"id": "r1", "text": "First record. She said hello."}),
        "this is not json",
        json.dumps({"id": "r3", "title": "no text"}),
        json.dumps({"id": "r4", "text": 42}),
        json.dumps([1, 2, 3]),
        "",
        json.dumps({"id": "r1", "text": "Same id as line 1, kept."}),
        json.dumps({"id": "r8", "text": ""}),
        '{"id": "r9", "text": "lone \\ud800 surrogate"}',
        json.dumps({"id": "r10", "text": "y" * (5 * MAX_CHARS)}),
        json.dumps({"id": "r11", "text": "z" * (MAX_CHARS + 1)}),
        json.dumps({"text": "No id at all."}),
    ))
    (root / "empty.jsonl").write_bytes(b"\n\n")
    sub = root / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_text("A nested article.", encoding="utf-8")
    os.symlink("..", sub / "loop")  # a symlink loop in the corpus tree
    os.symlink("missing.txt", root / "dangling.txt")
    os.symlink("selfloop.txt", root / "selfloop.txt")
    os.mkfifo(root / "pipe.txt")  # reading it would block forever


# (source, line, error, severity) for every row an input must produce in errors.csv
EXPECTED_ERRORS = [
    ("big5.txt", None, None, None),
    ("blank.txt", None, "EmptyDocument", REJECTED),
    ("cp1252.txt", None, None, None),
    ("dangling.txt", None, "FileNotFoundError", REJECTED),
    ("empty.jsonl", None, "EmptyFile", REJECTED),
    ("empty.txt", None, "EmptyDocument", REJECTED),
    ("gb18030.txt", None, None, None),
    ("huge.txt", None, "TooLarge", REJECTED),
    ("image.txt", None, "InputError", REJECTED),
    ("latin1.txt", None, None, None),
    ("longline.txt", None, None, None),
    ("noise.txt", None, "InputError", REJECTED),
    ("photo.jpg", None, "UnsupportedFile", REJECTED),
    ("pipe.txt", None, "NotARegularFile", REJECTED),
    ("records.jsonl", 1, None, None),
    ("records.jsonl", 2, "JSONDecodeError", REJECTED),
    ("records.jsonl", 3, "MissingText", REJECTED),
    ("records.jsonl", 4, "InputError", REJECTED),
    ("records.jsonl", 5, "InputError", REJECTED),
    ("records.jsonl", 6, "EmptyLine", WARNING),
    ("records.jsonl", 7, "DuplicateId", WARNING),
    ("records.jsonl", 8, "EmptyDocument", REJECTED),
    ("records.jsonl", 9, "ReplacedCharacters", WARNING),
    ("records.jsonl", 10, "TooLarge", REJECTED),
    ("records.jsonl", 11, "TooLarge", REJECTED),
    ("records.jsonl", 12, None, None),
    ("selfloop.txt", None, "OSError", REJECTED),
    ("sub/loop", None, "SymlinkLoop", REJECTED),
    ("sub/nested.txt", None, None, None),
    ("truncated.txt", None, "ReplacedBytes", WARNING),
    ("utf16.txt", None, None, None),
    ("utf8.txt", None, None, None),
    ("utf8_bom.txt", None, None, None),
]
# the inputs that must be documents (everything not rejected)
EXPECTED_DOCUMENTS = sorted({(s, line) for s, line, _, sev in EXPECTED_ERRORS if sev != REJECTED} - {
    ("records.jsonl", 6)})  # a blank line is accounted for by its warning, it is no document


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    build_corpus(tmp_path / "corpus")
    return tmp_path / "corpus"


def _inputs(corpus: Path) -> tuple[list[RawInput], list[ErrorRow]]:
    items = list(ingest.iter_inputs([corpus], max_chars=MAX_CHARS))
    return [i for i in items if isinstance(i, RawInput)], [i for i in items if isinstance(i, ErrorRow)]


def test_every_bad_input_gets_its_expected_row(corpus: Path) -> None:
    docs, errors = _inputs(corpus)
    got = sorted((e.source, e.line, e.error, e.severity) for e in errors)
    want = sorted(((s, line, err, sev) for s, line, err, sev in EXPECTED_ERRORS if err),
                  key=lambda r: (r[0], r[1] or 0))
    assert got == want
    assert sorted((d.source, d.line) for d in docs) == sorted(EXPECTED_DOCUMENTS, key=lambda r: (r[0], r[1] or 0))


def test_every_error_message_says_what_was_found(corpus: Path) -> None:
    _, errors = _inputs(corpus)
    by_key = {(e.source, e.line, e.error): e.message for e in errors}
    assert "NUL" in by_key[("image.txt", None, "InputError")]
    assert "binary" in by_key[("noise.txt", None, "InputError")]
    assert "suffix '.jpg' is not one of" in by_key[("photo.jpg", None, "UnsupportedFile")]
    assert "--max-chars" in by_key[("huge.txt", None, "TooLarge")]
    assert "fields: id, title" in by_key[("records.jsonl", 3, "MissingText")]
    assert "'text' is a number; a string is required" in by_key[("records.jsonl", 4, "InputError")]
    assert "found a list" in by_key[("records.jsonl", 5, "InputError")]
    assert "already used by records.jsonl line 1" in by_key[("records.jsonl", 7, "DuplicateId")]
    assert "one of its own parents" in by_key[("sub/loop", None, "SymlinkLoop")]


@pytest.mark.parametrize(("name", "text", "encodings"), [
    ("utf8.txt", "Plain “curly” UTF-8, the minister said.", {"utf-8"}),
    ("utf8_bom.txt", "With a BOM, he said.", {"utf-8-sig"}),
    ("utf16.txt", "带 BOM 的 UTF-16 text.", {"utf-16"}),
    ("gb18030.txt", GB, {"gb18030"}),
    ("big5.txt", BIG5, {"big5"}),
    ("cp1252.txt", CP1252, {"cp1252"}),
    ("latin1.txt", LATIN1, {"cp1252", "latin-1"}),  # identical text: cp1252 extends Latin-1's printable range
])
def test_encodings_decode_to_the_right_text(corpus: Path, name: str, text: str, encodings: set[str]) -> None:
    docs, _ = _inputs(corpus)
    doc = next(d for d in docs if d.source == name)
    assert (doc.text, doc.encoding in encodings) == (text, True)


def test_truncated_utf8_keeps_the_text_and_marks_the_cut(corpus: Path) -> None:
    docs, _ = _inputs(corpus)
    doc = next(d for d in docs if d.source == "truncated.txt")
    assert doc.text == "He said “yes” in 北\ufffd" and doc.encoding == "utf-8"


def test_duplicate_ids_are_kept_with_their_own_doc_ids(corpus: Path) -> None:
    docs, errors = _inputs(corpus)
    dups = [d for d in docs if d.source_id == "r1"]
    assert [d.line for d in dups] == [1, 7]
    ids = {document.doc_id_for(d.source, d.line) for d in dups}
    warning = next(e for e in errors if e.error == "DuplicateId")
    assert len(ids) == 2 and warning.doc_id == document.doc_id_for("records.jsonl", 7)


def test_surrogates_become_replacement_characters(corpus: Path) -> None:
    docs, _ = _inputs(corpus)
    assert next(d for d in docs if d.source_id == "r9").text == "lone \ufffd surrogate"


def test_record_without_id_gets_file_and_line(corpus: Path) -> None:
    docs, _ = _inputs(corpus)
    assert next(d for d in docs if d.line == 12).source_id == "records:12"


def test_oversized_file_is_rejected_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # a 20 MB article, sparse: nothing is written but its size
        f.truncate(20_000_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("an oversized file was read"))
    [row] = list(ingest.iter_inputs([tmp_path], max_chars=4_000_000))  # at most 4 bytes a character
    assert isinstance(row, ErrorRow) and (row.error, row.severity) == ("TooLarge", REJECTED)
    assert "20,000,000 bytes cannot hold at most 4,000,000 characters" in row.message


def test_a_20mb_article_over_the_default_limit_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("All work and no play. " * 1_000_000, encoding="utf-8")  # 22 MB
    [row] = list(ingest.iter_inputs([tmp_path], max_chars=Settings().max_doc_chars))
    assert isinstance(row, ErrorRow) and (row.error, row.severity) == ("TooLarge", REJECTED)
    assert "22,000,000" in row.message and "5,000,000" in row.message


def test_a_20mb_article_within_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("All work and no play. " * 1_000_000, encoding="utf-8")  # 22 MB
    [doc] = list(ingest.iter_inputs([tmp_path], max_chars=25_000_000))
    assert isinstance(doc, RawInput) and len(doc.text) == 22_000_000


def test_oversized_jsonl_line_is_skipped_not_held(tmp_path: Path) -> None:
    line = json.dumps({"id": "big", "text": "w" * 100_000})
    (tmp_path / "big.jsonl").write_text(line + "\n" + json.dumps({"id": "ok", "text": "fine"}) + "\n")
    rows = list(ingest.iter_inputs([tmp_path], max_chars=1_000))
    assert [(type(r).__name__, r.line) for r in rows] == [("ErrorRow", 1), ("RawInput", 2)]


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked.txt").write_text("secret", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    [row] = list(ingest.iter_inputs([tmp_path]))
    assert isinstance(row, ErrorRow) and (row.error, row.severity) == ("PermissionError", REJECTED)
    assert "Permission denied" in row.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    [row] = list(ingest.iter_inputs([tmp_path]))
    assert isinstance(row, ErrorRow) and row.error == "PermissionError"


def test_symlinked_folder_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("Article.", encoding="utf-8")
    os.symlink("real", tmp_path / "alias")
    rows = list(ingest.iter_inputs([tmp_path]))
    assert [(type(r).__name__, r.source) for r in rows] == [("ErrorRow", "alias"), ("RawInput", "real/a.txt")] or \
        [(type(r).__name__, r.source) for r in rows] == [("RawInput", "alias/a.txt"), ("ErrorRow", "real")]
    assert any(isinstance(r, ErrorRow) and r.error == "DuplicateFolder" for r in rows)


@pytest.mark.parametrize("data", [
    b"", b"\x00", b"\xff\xfe", b"\xfe\xff\x00", b"\xef\xbb\xbf", b"\x81" * 7, bytes(range(256)),
    "中".encode("gb18030")[:1], b"\xe4\xb8",
])
def test_decode_raises_only_input_error(data: bytes) -> None:
    try:
        decoded = ingest.decode_bytes(data)
    except ingest.InputError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str)


def test_runner_accounts_for_every_input(corpus: Path, tmp_path: Path, nlp: Language) -> None:
    """Through the whole pipeline: documents and rejected rows partition the inputs."""
    out = tmp_path / "out"
    summary = runner.run([corpus], out, nlp, Settings(quiet=True, max_doc_chars=MAX_CHARS))
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    errors = pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)
    got_docs = sorted((s, int(n) if n else None) for s, n in zip(docs.source, docs.line, strict=True))
    assert got_docs == sorted(EXPECTED_DOCUMENTS, key=lambda r: (r[0], r[1] or 0))
    rejected = errors[errors.severity == REJECTED]
    assert not set(zip(rejected.source, rejected.line, strict=True)) & set(zip(docs.source, docs.line, strict=True))
    assert set(errors.severity) <= {REJECTED, WARNING}  # no stage failed on these documents
    assert docs.doc_id.is_unique
    assert (summary.documents, summary.rejected) == (len(docs), len(rejected))
    assert summary.warnings == (errors.severity == WARNING).sum()
    gb = docs[docs.source == "gb18030.txt"].iloc[0]
    assert (gb.encoding, gb.lang) == ("gb18030", "zh")


def test_cli_strict_exits_non_zero_and_summarises(corpus: Path, tmp_path: Path, nlp: Language,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline import cli
    from pipeline.stages import nlp as nlp_mod

    monkeypatch.setattr(nlp_mod, "build", lambda settings: nlp)  # the session's model, not a second load
    code = cli.main(["run", str(corpus), "--out", str(tmp_path / "out"), "--max-chars", str(MAX_CHARS),
                     "--quiet", "--strict"])
    err = capsys.readouterr().err
    rejected = sum(1 for *_, sev in EXPECTED_ERRORS if sev == REJECTED)
    assert code == 1, err
    assert f"documents={len(EXPECTED_DOCUMENTS)} rejected={rejected} warnings=4 " in err
    assert "--strict" in err
    assert (tmp_path / "out" / "documents.csv").exists()  # the tables are written all the same


def test_cli_strict_passes_on_a_clean_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             nlp: Language) -> None:
    from pipeline import cli
    from pipeline.stages import nlp as nlp_mod

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("A clean article, she said.", encoding="utf-8")
    monkeypatch.setattr(nlp_mod, "build", lambda settings: nlp)
    assert cli.main(["run", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--strict", "--quiet"]) == 0
    (tmp_path / "c" / "b.txt").write_bytes(b"")
    assert cli.main(["run", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--strict", "--quiet"]) == 1


def test_run_help_documents_strict_and_size_limit() -> None:
    from pipeline import cli

    run_help = next(a for a in cli.parser()._subparsers._group_actions[0].choices.values()  # type: ignore[union-attr]
                    if a.prog.endswith(" run")).format_help()
    assert "--strict" in run_help and "--max-chars" in run_help and "run.json" in run_help
