"""DuckDB: the tables in one database file, plus documented views that join them.

The views are defined once here and used twice: in ``outputs/pipeline.duckdb`` (built from
the run's Parquet files) and, in memory over DataFrames, by the HTML report. Their columns
and descriptions go into the data dictionary (``docs/tables.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from . import frames, schema

# Entity labels that are not things one can co-mention in a network: numbers, dates, amounts.
NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")


@dataclass(frozen=True, slots=True)
class View:
    """A view: what one row is, its SQL, and descriptions of the columns it adds to its tables'."""

    doc: str
    sql: str
    columns: dict[str, str]


VIEWS: dict[str, View] = {
    "quote_speakers": View(
        "One row per quote (every column of `quotes`), joined to the speaker's row of `entity_summary` "
        "in the same document (the entity whose canonical name is the resolved speaker).",
        """
        SELECT q.*, s.label AS speaker_label, s.kind AS speaker_entity_kind,
               s.country_code AS speaker_country_code, s.mentions AS speaker_mentions,
               s.first_start AS speaker_first_start
        FROM quotes q
        LEFT JOIN (
            SELECT * FROM entity_summary
            QUALIFY row_number() OVER (PARTITION BY doc_id, canonical
                                       ORDER BY (label = 'PERSON') DESC, mentions DESC, first_start) = 1
        ) s ON s.doc_id = q.doc_id AND s.canonical = q.speaker AND q.speaker <> ''
        """,
        {
            "speaker_label": "spaCy label of the speaker's entity (PERSON, ORG, ...); empty when the speaker "
                             "is unnamed or never tagged as an entity.",
            "speaker_entity_kind": "`kind` of the speaker's entity (person, agency, ...).",
            "speaker_country_code": "`country_code` of the speaker's entity.",
            "speaker_mentions": "How often the speaker is mentioned in the document (`entity_summary.mentions`).",
            "speaker_first_start": "Start offset of the speaker's first mention in the document.",
        },
    ),
    "quote_entities": View(
        "One row per entity mentioned inside a quote: what each speaker talks about.",
        """
        SELECT q.doc_id, q.quote_id, q.quote_type, q.speaker, q.speaker_kind, q.speaker_title, q.speaker_org,
               e.entity_id, e.text AS entity_text, e.label, e.kind, e.canonical, e.country_code
        FROM quotes q
        JOIN entities e ON e.doc_id = q.doc_id AND e.start_char >= q.quote_start AND e.end_char <= q.quote_end
        """,
        {
            "entity_text": "The entity mention as written inside the quote (`entities.text`).",
            "label": "spaCy label of the mentioned entity.",
            "kind": "`kind` of the mentioned entity.",
            "canonical": "Canonical name of the mentioned entity.",
            "country_code": "`country_code` of the mentioned entity.",
        },
    ),
    "entity_comentions": View(
        "One row per pair of named entities mentioned in the same segment (paragraph, title, reference "
        "line) of at least one document; numbers and dates are left out. `entity_a` sorts before `entity_b`.",
        f"""
        WITH m AS (
            SELECT e.doc_id, s.segment_id, e.canonical, min(e.kind) AS kind
            FROM entities e
            JOIN segments s ON s.doc_id = e.doc_id AND e.start_char >= s.start_char AND e.end_char <= s.end_char
            WHERE e.label NOT IN ({", ".join(f"'{label}'" for label in NOT_NAMES)})
            GROUP BY ALL
        )
        SELECT a.canonical AS entity_a, min(a.kind) AS kind_a, b.canonical AS entity_b, min(b.kind) AS kind_b,
               count(*) AS segments, count(DISTINCT a.doc_id) AS documents
        FROM m a JOIN m b ON a.doc_id = b.doc_id AND a.segment_id = b.segment_id AND a.canonical < b.canonical
        GROUP BY a.canonical, b.canonical
        ORDER BY segments DESC, entity_a, entity_b
        """,
        {
            "entity_a": "Canonical name of one entity.",
            "kind_a": "Its `kind` (the alphabetically first when its mentions differ, e.g. country and nationality).",
            "entity_b": "Canonical name of the other entity.",
            "kind_b": "Its `kind` (likewise).",
            "segments": "Number of segments that mention both.",
            "documents": "Number of documents with such a segment.",
        },
    ),
}


def add_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create every view of ``VIEWS`` on a connection that holds the tables."""
    for name, view in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {view.sql}")
        con.execute(f"COMMENT ON VIEW {name} IS {_sql_str(view.doc)}")


def build(path: Path, parquet: dict[str, Path]) -> None:
    """Write the database at ``path``: one table per Parquet file, comments from the data dictionary, views."""
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        for table, file in parquet.items():
            con.execute(f"CREATE TABLE {ident(table)} AS SELECT * FROM read_parquet({_sql_str(str(file))})")
            con.execute(f"COMMENT ON TABLE {ident(table)} IS {_sql_str(schema.TABLE_DOCS[table])}")
            for col in schema.columns(table):
                con.execute(f"COMMENT ON COLUMN {ident(table)}.{ident(col)} IS {_sql_str(schema.describe(table, col))}")
        add_views(con)


def in_memory(frames: dict[str, pd.DataFrame]) -> duckdb.DuckDBPyConnection:
    """A connection over DataFrames (one per table) with the views: how the report queries a run."""
    con = duckdb.connect()
    for table, df in frames.items():
        con.register(f"_{table}_frame", df)
        con.execute(f"CREATE TABLE {ident(table)} AS SELECT * FROM _{table}_frame")
        con.unregister(f"_{table}_frame")
    add_views(con)
    return con


def connect_output(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """A connection to the tables and views of a run's output folder, without loading them into memory.

    Parquet files are queried in place; else ``pipeline.duckdb`` is opened read-only; else the
    CSV files are queried in place with the schema's types (``csv_reader``): the report of a
    large run reads its tables without holding them in memory.
    """
    parquet = {t: out_dir / f"{t}.parquet" for t in schema.RECORDS}
    if all(p.exists() for p in parquet.values()):
        con = duckdb.connect()
        for table, file in parquet.items():
            con.execute(f"CREATE VIEW {ident(table)} AS SELECT * FROM read_parquet({_sql_str(str(file))})")
        add_views(con)
        return con
    db = out_dir / schema.DATABASE
    if db.exists():
        return duckdb.connect(str(db), read_only=True)
    missing = [f"{t}.csv" for t in schema.RECORDS if not (out_dir / f"{t}.csv").exists()]
    if missing:
        raise FileNotFoundError(f"no {', '.join(missing)} (nor Parquet files or {schema.DATABASE}) in {out_dir}: "
                                "run the pipeline first")
    con = duckdb.connect()
    for table in schema.RECORDS:
        con.execute(f"CREATE VIEW {ident(table)} AS {csv_select(out_dir / f'{table}.csv', table)}")
    add_views(con)
    return con


_SQL_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "Int64": "BIGINT", "float64": "DOUBLE"}


def csv_select(path: Path, table: str) -> str:
    """A query of one table's CSV with the schema's columns and types, read in place by DuckDB
    (nothing is loaded into memory, as with Parquet). An empty text cell is an empty string, an
    empty number cell a missing number, as ``frames.read_table`` reads them (``coalesce``, not
    read_csv's ``force_not_null``, which a join's projection pushdown ignores in DuckDB 2.0)."""
    types = schema.dtypes(table)
    columns = ", ".join(f"{_sql_str(c)}: {_sql_str(_SQL_TYPES[t])}" for c, t in types.items())
    text = ", ".join(f"coalesce({ident(c)}, '') AS {ident(c)}" for c, t in types.items() if t == "string")
    reader = (f"read_csv({_sql_str(str(path))}, header = true, auto_detect = false, delim = ',', quote = '\"', "
              f"escape = '\"', columns = {{{columns}}})")
    return f"SELECT * REPLACE ({text}) FROM {reader}" if text else f"SELECT * FROM {reader}"


def describe_view(view: str, column: str) -> str:
    """A view column's description: the view's own, else the one of the table column it passes through."""
    own = VIEWS[view].columns.get(column)
    if own:
        return own
    for table in ("quotes", "entities", "entity_summary"):
        if column in schema.columns(table):
            return schema.describe(table, column)
    return ""


def view_columns() -> dict[str, list[tuple[str, str]]]:
    """Every view's columns and DuckDB types, found by creating the views over empty tables."""
    con = in_memory({t: frames.frame(t, []) for t in schema.RECORDS})
    try:
        return {name: [(r[0], r[1]) for r in con.execute(f"DESCRIBE {name}").fetchall()] for name in VIEWS}
    finally:
        con.close()


def dictionary() -> list[str]:
    """The views' part of the data dictionary (Markdown lines)."""
    out = [f"## Views in {schema.DATABASE}", "",
           "With `--formats duckdb` the run also writes `pipeline.duckdb`: every table above, with these",
           "descriptions as comments (`SELECT * FROM duckdb_columns()`), and the views below (defined in",
           "`pipeline/database.py`). `references` is an SQL keyword: quote it, `SELECT * FROM \"references\"`.", ""]
    for name, cols in view_columns().items():
        out += [f"### {name}", "", VIEWS[name].doc, "", "| column | type | description |", "|---|---|---|"]
        out += [f"| {c} | {t} | {describe_view(name, c)} |" for c, t in cols]
        out.append("")
    return out


def ident(name: str) -> str:
    """A quoted SQL identifier: ``references`` is a reserved word, so write ``"references"`` in queries."""
    return '"' + name.replace('"', '""') + '"'


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
