"""pipeline.duckdb: the tables, their comments, the views, and the README's query."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipeline.config import PROJ_ROOT
from pipeline.output import database, frames, schema

README = PROJ_ROOT / "README.md"

# The README's answer on the demo corpus: (speaker, organisation, quotes about China, mentions of China).
CHINA_QUOTED = [
    ("Mazlan Othman", "United Nations Office for Outer Space Affairs", 2, 3),
    ("Michael Krepon", "", 2, 2),
    ("Yang Liwei", "China Manned Space Agency", 1, 2),
]


def readme_sql(heading: str) -> str:
    """The first ```sql block after ``heading`` in the README."""
    text = README.read_text(encoding="utf-8")
    start = text.index(heading)
    m = re.compile(r"```sql\n(.*?)```", re.S).search(text, start)
    assert m is not None, f"no sql block after {heading!r} in README.md"
    return m.group(1)


@pytest.fixture(scope="module")
def con(seed_run: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(seed_run / schema.DATABASE), read_only=True)


@pytest.mark.slow
def test_readme_query_who_is_quoted_most_about_china(con: duckdb.DuckDBPyConnection) -> None:
    sql = readme_sql("### Who is quoted most about China")
    assert con.execute(sql).fetchall() == CHINA_QUOTED


@pytest.mark.slow
def test_database_holds_every_table_with_its_rows_and_comments(con: duckdb.DuckDBPyConnection, seed_run: Path) -> None:
    for table in schema.RECORDS:
        assert con.execute(f"SELECT count(*) FROM {database.ident(table)}").fetchone() == \
            (len(frames.read_table(seed_run, table)),), table
        cols = con.execute("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()
        assert cols == [(c, schema.describe(table, c)) for c in schema.columns(table)]


@pytest.mark.slow
def test_quote_speakers_joins_each_quote_to_its_speakers_entity(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT speaker, speaker_label, speaker_entity_kind FROM quote_speakers "
                       "ORDER BY quote_id").fetchall()
    assert len(rows) == 8  # one row per quote: the join never duplicates or drops a quote
    assert ("Wang Zhaoyao", "PERSON", "person") in rows
    assert ("", None, None) in rows  # "A representative from Pakistan": unnamed, no entity


@pytest.mark.slow
def test_entity_comentions_pairs_entities_of_one_paragraph(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT entity_a, entity_b, segments FROM entity_comentions").fetchall()
    pairs = {(a, b): n for a, b, n in rows}
    assert pairs[("China", "United States")] >= 2
    assert all(a < b for a, b in pairs)
    dates = con.execute("SELECT count(*) FROM entity_comentions e JOIN entities x ON x.canonical = e.entity_a "
                        "WHERE x.label = 'DATE'").fetchone()
    assert dates == (0,)


def test_every_view_column_is_documented() -> None:
    missing = [(v, c) for v, cols in database.view_columns().items() for c, _ in cols
               if not database.describe_view(v, c)]
    assert missing == []


@pytest.mark.slow
def test_a_csv_only_run_is_queried_in_place_with_the_same_rows_and_types(small_corpus: Path, tmp_path: Path) -> None:
    """CSV tables are read by DuckDB where they lie (a large run's report holds none of them in
    memory), with the same rows and types as reading them with pandas: empty text is '', an
    empty number is NULL, quoted commas and Chinese text survive."""
    from pipeline import cli
    from pipeline.output import frames

    out = tmp_path / "out"
    assert cli.main(["run", str(small_corpus), "--out", str(out), "--quiet", "--no-report", "--workers", "1"]) == 0
    assert not list(out.glob("*.parquet")) and not (out / "pipeline.duckdb").exists()
    in_place, loaded = database.connect_output(out), database.in_memory(frames.read_tables(out))
    for name in [*schema.RECORDS, *database.VIEWS]:
        query = f"SELECT * FROM {database.ident(name)} ORDER BY ALL"
        assert in_place.execute(query).fetchall() == loaded.execute(query).fetchall(), name
        assert in_place.execute(f"DESCRIBE {database.ident(name)}").fetchall() == \
            loaded.execute(f"DESCRIBE {database.ident(name)}").fetchall(), name
    plan = in_place.execute("EXPLAIN SELECT count(*) FROM entities").fetchall()
    assert "READ_CSV" in str(plan).upper()


def test_an_output_folder_without_tables_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="documents.csv"):
        database.connect_output(tmp_path)
