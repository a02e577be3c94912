from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipeline.config import Settings
from pipeline.output import dictionary, frames, schema, tables
from pipeline.records import ErrorRow
from pipeline.run import runner

DOCS = Path(__file__).resolve().parents[2] / "docs" / "tables.md"


def test_every_column_is_documented() -> None:
    missing = [(t, c) for t in schema.RECORDS for c in schema.columns(t) if not schema.describe(t, c)]
    assert missing == []


def test_data_dictionary_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8").strip() == dictionary.data_dictionary().strip(), \
        "docs/tables.md is stale: run `make schema`"


def test_writer_is_atomic(tmp_path: Path) -> None:
    w = tables.TableWriter(tmp_path)
    w.write("errors", [ErrorRow("a.txt", None, "", "ingest", "InputError", "bad")])
    assert not (tmp_path / "errors.csv").exists()
    w.commit()
    assert (tmp_path / "errors.csv").read_text(encoding="utf-8").splitlines() == [
        "source,line,doc_id,stage,error,message,severity", "a.txt,,,ingest,InputError,bad,error"]
    assert not any(p.name.startswith(".tmp") for p in tmp_path.iterdir())


@pytest.mark.parametrize(("cell", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("China said", "China said"),  # ordinary text is unchanged
    ("a=b", "a=b"),  # only the first character matters
    ("", ""),
])
def test_spreadsheet_safe_neutralises_formula_cells(cell: str, expected: str) -> None:
    df = pd.DataFrame({"text": pd.Series([cell], dtype="string"), "n": [-5]})
    out = frames.spreadsheet_safe(df)
    assert out.text[0] == expected
    assert out.n[0] == -5  # numbers stay numbers, even negative ones


def _error(message: str) -> ErrorRow:
    return ErrorRow("a.txt", None, "", "ingest", "InputError", message)


def test_safe_csv_is_off_by_default_and_on_when_asked(tmp_path: Path) -> None:
    for safe, expected in ((False, "=1+1"), (True, "'=1+1")):
        w = tables.TableWriter(tmp_path, safe_csv=safe)
        w.write("errors", [_error("=1+1")])
        w.commit()
        assert frames.read_table(tmp_path, "errors").message[0] == expected


def test_formats_write_parquet_and_duckdb_with_the_same_rows(tmp_path: Path) -> None:
    w = tables.TableWriter(tmp_path, ("csv", "parquet", "duckdb"))
    w.write("errors", [_error("bad"), _error("worse")])
    w.commit()
    csv = pd.read_csv(tmp_path / "errors.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "errors.parquet")
    with duckdb.connect(str(tmp_path / schema.DATABASE), read_only=True) as con:
        db = con.execute("SELECT * FROM errors").df()
        assert con.execute('SELECT count(*) FROM "references"').fetchone() == (0,)  # empty tables exist too
    assert list(parquet.message) == list(db.message) == list(csv.message) == ["bad", "worse"]
    assert parquet.line.isna().all() and pq.read_schema(tmp_path / "errors.parquet").field("line").type == "int64"


def test_formats_not_chosen_are_removed_so_a_folder_holds_one_run(tmp_path: Path) -> None:
    w = tables.TableWriter(tmp_path, ("csv", "parquet", "duckdb"))
    w.commit()
    w = tables.TableWriter(tmp_path, ("parquet",))
    w.write("errors", [_error("new")])
    w.commit()
    assert not (tmp_path / "errors.csv").exists() and not (tmp_path / schema.DATABASE).exists()
    assert frames.read_table(tmp_path, "errors").message.tolist() == ["new"]


def test_unknown_format_says_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xlsx'; allowed: csv, parquet, duckdb"):
        schema.parse_formats("csv,xlsx")
    assert schema.parse_formats("duckdb, CSV") == ("csv", "duckdb")


def test_read_table_keeps_the_schema_types_from_csv(tmp_path: Path) -> None:
    w = tables.TableWriter(tmp_path)
    w.write("errors", [_error("x")])
    w.commit()
    assert frames.read_table(tmp_path, "errors").dtypes.astype(str).to_dict() == schema.dtypes("errors")


@pytest.mark.model
def test_run_settings_choose_formats_and_safe_csv(nlp: Language, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("=cmd|' /C calc'!A0\n\nSeptember 18, 2013\n\nChina said so.\n", encoding="utf-8")
    runner.run([corpus], tmp_path / "out", nlp, Settings().with_(quiet=True, safe_csv=True,
                                                                   formats=("csv", "parquet")))
    csv = pd.read_csv(tmp_path / "out" / "segments.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "out" / "segments.parquet")
    assert csv.text[0] == "'=cmd|' /C calc'!A0"  # neutralised for spreadsheets
    assert parquet.text[0] == "=cmd|' /C calc'!A0"  # exact in the machine format
    assert not (tmp_path / "out" / schema.DATABASE).exists()
