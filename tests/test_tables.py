from __future__ import annotations

from pathlib import Path

from pipeline import tables

DOCS = Path(__file__).resolve().parent.parent / "docs" / "tables.md"


def test_every_column_is_documented() -> None:
    missing = [(t, c) for t in tables.RECORDS for c in tables.columns(t) if not tables.describe(t, c)]
    assert missing == []


def test_data_dictionary_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8").strip() == tables.data_dictionary().strip(), \
        "docs/tables.md is stale: run `make schema`"


def test_writer_is_atomic(tmp_path: Path) -> None:
    w = tables.TableWriter(tmp_path)
    w.write("errors", [tables.records.ErrorRow("a.txt", None, "", "ingest", "InputError", "bad")])
    assert not (tmp_path / "errors.csv").exists()
    w.commit()
    assert (tmp_path / "errors.csv").read_text(encoding="utf-8").splitlines() == [
        "source,line,doc_id,stage,error,message,severity", "a.txt,,,ingest,InputError,bad,error"]
    assert not any(p.name.startswith(".tmp") for p in tmp_path.iterdir())
