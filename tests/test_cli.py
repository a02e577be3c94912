"""End to end: the CLI on the seed article, the tables it writes, and their invariants."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.config import CORPUS_DIR
from pipeline.output import schema

# The seed's quotes as (speaker_text, speaker, quote_type): a golden table.
SEED_QUOTES = [
    ("He", "Yang Liwei", "indirect"),
    ("CMSA Director General Wang Zhaoyao", "Wang Zhaoyao", "direct"),
    ("A representative from Pakistan", "", "direct"),
    ("UNOOSA Director Mazlan Othman", "Mazlan Othman", "direct"),
    ("He", "Mazlan Othman", "direct"),
    ("Wang", "Wang Zhaoyao", "partial"),
    ("Michael Krepon", "Michael Krepon", "direct"),
    ("Krepon", "Michael Krepon", "direct"),
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(CORPUS_DIR), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "documents=1 " in proc.stderr and "errors=0" in proc.stderr
    return out


def _read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)


@pytest.mark.slow
def test_tables_have_the_schema_columns(out: Path) -> None:
    for table in schema.RECORDS:
        assert list(_read(out, table).columns) == schema.columns(table), table


@pytest.mark.slow
def test_spans_slice_the_text(out: Path, seed_text: str) -> None:
    for table, s, e, col in [("segments", "start_char", "end_char", "text"), ("entities", "start_char", "end_char", "text"),
                             ("quotes", "quote_start", "quote_end", "quote_text"), ("zh_tokens", "start_char", "end_char", "token"),
                             ("references", "start_char", "end_char", "title"),
                             ("quotes", "speaker_start", "speaker_end", "speaker_text")]:
        df = _read(out, table)
        for row in df.itertuples():
            assert seed_text[int(getattr(row, s)):int(getattr(row, e))] == getattr(row, col), (table, row)


@pytest.mark.slow
def test_seed_quotes(out: Path, seed_text: str) -> None:
    q = _read(out, "quotes")
    assert list(zip(q.speaker_text, q.speaker, q.quote_type, strict=False)) == SEED_QUOTES
    marks = "“”\"«»"
    assert not any(seed_text[int(s)] in marks or seed_text[int(e) - 1] in marks
                   for s, e in zip(q.quote_start, q.quote_end, strict=False))
    assert not any("space-faring and emerging" in t for t in q.quote_text)  # scare quotes


@pytest.mark.slow
def test_seed_document_and_people(out: Path) -> None:
    d = _read(out, "documents").iloc[0]
    assert (d.published, d.byline, d.lang, d.n_paragraphs) == ("2013-09-18", "Ariane Rosen", "en", "12")
    ents = _read(out, "entities")
    people = set(ents[ents.label == "PERSON"].canonical)
    assert {"Yang Liwei", "Wang Zhaoyao", "Mazlan Othman", "Michael Krepon", "Wang Yaping"} <= people
    refs = _read(out, "references")
    assert len(refs) == 15 and (refs.title_lang == "zh").sum() == 6
    zh_titles = refs[refs.title_lang == "zh"]
    tokens = _read(out, "zh_tokens")
    assert set(zh_titles.segment_id) <= set(tokens.segment_id)
    assert ("王亚平", "nr") in set(zip(tokens.token, tokens.pos, strict=False))


@pytest.mark.slow
def test_seed_against_shared_gold(out: Path, shared: Path) -> None:
    gold_q = [json.loads(line) for line in (shared / "gold" / "seed_quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    q = _read(out, "quotes")
    spans = [(int(s), int(e), int(ss), int(se), sp) for s, e, ss, se, sp in
             zip(q.quote_start, q.quote_end, q.speaker_start, q.speaker_end, q.speaker, strict=False)]
    hits = 0
    for g in gold_q:
        gs = set(range(g["quote_start"], g["quote_end"]))
        for s, e, ss, se, sp in spans:
            if len(gs & set(range(s, e))) >= 0.5 * len(gs) and (ss, se) == (g["speaker_start"], g["speaker_end"]):
                hits += (sp or None) == g["speaker"]
                break
    assert hits == 8
    doc = json.loads((shared / "gold" / "seed_document.json").read_text(encoding="utf-8"))
    refs = _read(out, "references")
    for r, g in zip(refs.itertuples(), doc["references"], strict=False):
        assert (r.outlet, r.outlet_native or None, r.title_lang) == (g["outlet"], g["outlet_native"], g["title_lang"])
        assert " ".join(r.title.split()).startswith(" ".join(g["title"].split()))  # the text has NBSPs


def test_missing_corpus_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "corpus path not found" in capsys.readouterr().err


def test_unwritable_output_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["run", str(CORPUS_DIR), "--out", str(blocker / "sub")]) == 2
    assert "cannot write to output folder" in capsys.readouterr().err


def test_help_documents_every_command() -> None:
    text = cli.parser().format_help()
    for command in ("run", "schema"):
        assert command in text


def test_run_help_documents_the_scale_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parser().parse_args(["run", "--help"])
    text = capsys.readouterr().out
    for flag in ("--workers", "--engine", "--scheduler", "--force", "--cache-dir", "--quiet"):
        assert flag in text


@pytest.mark.parametrize(("args", "message"), [(["--workers", "0"], "--workers must be at least 1"),
                                               (["--scheduler", "tcp://h:8786"], "--scheduler needs --engine dask")])
def test_bad_scale_flags_are_clear_errors(args: list[str], message: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", str(CORPUS_DIR), "--out", str(tmp_path), *args]) == 2
    assert message in capsys.readouterr().err


def test_missing_rules_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", str(CORPUS_DIR), "--out", str(tmp_path / "o"), "--rules", str(tmp_path / "none")]) == 2
    assert "rules folder" in capsys.readouterr().err and not (tmp_path / "o" / "documents.csv").exists()


@pytest.mark.slow
def test_rules_folder_of_the_command_line_reaches_every_stage(tmp_path: Path) -> None:
    import shutil

    from pipeline.config import MODELS_DIR

    rules = tmp_path / "rules"
    shutil.copytree(MODELS_DIR, rules)
    (rules / "lang" / "scripts.tsv").write_text("LATIN\tfr\n", encoding="utf-8")  # every Latin text is French
    with (rules / "en" / "aliases.csv").open("a", encoding="utf-8") as f:
        f.write("Stimson Center,Henry L. Stimson Center,ORG,think tank,US\n")
    out = tmp_path / "out"
    args = ["run", str(CORPUS_DIR), "--out", str(out), "--rules", str(rules), "--quiet", "--no-report", "--workers", "1"]
    assert cli.main(args) == 0
    assert set(_read(out, "segments").lang) <= {"fr", "zh", "und"}
    assert "Henry L. Stimson Center" in set(_read(out, "entities").canonical)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["rules"]["lang/scripts.tsv"] and "README.md" not in manifest["rules"]


@pytest.mark.parametrize(("name", "line", "message"), [
    ("en/patterns.jsonl", '{"label": "ORG", "pattern": ', "not JSON"),
    ("en/patterns.jsonl", '["ORG", "Acme"]', "a JSON list, where one JSON object per line is expected"),
    # a CSV row short of fields used to become None values and fail later, far from the file
    ("en/organisations.csv", "Acme Corp,Acme", "2 fields where the header (name,canonical,kind,country_code) has 4"),
    # Chinese rules load on the first Chinese text: checked at start-up all the same, not one rejection per document
    ("zh/aliases.csv", "新华社,Xinhua,ORG,news agency,CN,extra", "6 fields where the header"),
    ("lang/prior.tsv", "en 1.0", "1 fields where 2 are expected"),  # spaces, not a tab
    ("zh/number_units.txt", "年", "1 fields where 2 are expected"),
])
def test_a_malformed_rule_file_is_a_clear_error(name: str, line: str, message: str, tmp_path: Path,
                                                models_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(models_dir, rules)
    path = rules / name
    n = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    code = cli.main(["run", str(CORPUS_DIR), "--out", str(tmp_path / "out"), "--rules", str(rules), "--quiet",
                     "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and f"{Path(name).name}, line {n}: " in err and message in err


def test_a_rules_table_without_a_column_its_stage_reads_stops_the_run(tmp_path: Path, models_dir: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(models_dir, rules)
    table = rules / "zh" / "abbreviations.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(n for n, line in enumerate(lines) if not line.startswith("#"))
    lines[header] = lines[header].replace("char,", "character,")
    table.write_text("".join(lines), encoding="utf-8")
    code = cli.main(["run", str(CORPUS_DIR), "--out", str(tmp_path / "out"), "--rules", str(rules), "--quiet",
                     "--workers", "1"])
    assert code == 2 and "abbreviations.csv: the header (character," in capsys.readouterr().err
    assert not (tmp_path / "out" / "documents.csv").exists()
    assert not (tmp_path / "out" / "documents.csv").exists()  # no tables from a run that could not start
