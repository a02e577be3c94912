"""The incremental-run cache: keys follow content and rules; rows round-trip exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import provenance, rulebook
from pipeline.config import Settings
from pipeline.records import Document, ErrorRow, Quote, RawInput
from pipeline.rulebook import RuleBook
from pipeline.run import cache
from pipeline.stages.document import DocRows


def raw(text: str, source: str = "a.txt", meta: dict[str, str] | None = None) -> RawInput:
    return RawInput(source, "a", None, text, "utf-8", 0, meta or {})


def test_content_key_follows_content_source_and_metadata() -> None:
    key = cache.content_key(raw("Hello."), "fp")
    assert cache.content_key(raw("Hello."), "fp") == key
    assert cache.content_key(raw("Hello!"), "fp") != key
    assert cache.content_key(raw("Hello.", source="b.txt"), "fp") != key
    assert cache.content_key(raw("Hello.", meta={"title": "T"}), "fp") != key
    assert cache.content_key(raw("Hello."), "other fingerprint") != key


def _fp(settings: Settings, model: str = "en_core_web_sm", book: RuleBook | None = None,
        lookup=None) -> str:
    return cache.fingerprint(provenance.table_inputs(settings, model, book or rulebook.for_settings(settings), lookup))


def test_fingerprint_follows_rules_model_and_settings(tmp_path: Path, models_dir: Path) -> None:
    rules = tmp_path / "models"
    shutil.copytree(models_dir, rules)
    settings = Settings(models_dir=rules, max_doc_chars=100)
    fp = _fp(settings)
    assert _fp(settings) == fp
    assert _fp(settings, "en_core_web_md") != fp
    assert _fp(settings.with_(max_doc_chars=200)) != fp
    assert _fp(settings.with_(parse_chunk_chars=5_000)) != fp  # long texts are parsed in other chunks
    assert _fp(settings.with_(workers=7, batch_size=3, formats=("parquet",))) == fp  # how a run goes, not its rows
    (rules / "README.md").write_text("notes only\n", encoding="utf-8")
    assert _fp(settings) == fp  # notes are not rules
    (rules / "en" / "patterns.jsonl").write_text('{"label": "ORG", "pattern": "Acme"}\n', encoding="utf-8")
    assert _fp(settings) != fp


@pytest.mark.parametrize("package", provenance.PACKAGES)
def test_upgrading_a_listed_library_changes_the_fingerprint(package: str) -> None:
    settings = Settings()
    before = _fp(settings)

    def upgraded(name: str) -> str:
        return provenance.version(name) + (".post1" if name == package else "")

    assert _fp(settings, lookup=upgraded) != before


def test_upgrading_the_model_package_changes_the_fingerprint() -> None:
    settings = Settings()

    def upgraded(name: str) -> str:
        return "9.9.9" if name == "en-core-web-sm" else provenance.version(name)

    assert _fp(settings, lookup=upgraded) != _fp(settings)


def test_run_manifest_lists_what_the_fingerprint_covers() -> None:
    inputs = provenance.table_inputs(Settings(), "en_core_web_sm", rulebook.default())
    assert set(inputs["packages"]) == set(provenance.PACKAGES)
    assert set(inputs["settings"]) == set(provenance.ROW_SETTINGS)
    assert inputs["rules"] == rulebook.default().digest


def _package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "pipeline"
    shutil.copytree(provenance.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize("tool", sorted(provenance.DEV_TOOLS) + ["tools/bench.py", "tools/evaluate.py"])
def test_editing_a_development_tool_keeps_the_cache(tmp_path: Path, tool: str) -> None:
    copy = _package_copy(tmp_path)
    before = provenance.stage_code(copy)
    with (copy / tool).open("a", encoding="utf-8") as f:
        f.write("\n# a comment\n")
    assert provenance.stage_code(copy) == before


@pytest.mark.parametrize("stage", ["stages/quotes.py", "stages/entities.py", "stages/language.py", "run/runner.py",
                                   "stages/ingest.py", "output/tables.py", "config.py"])
def test_editing_a_stage_invalidates_the_cache(tmp_path: Path, stage: str) -> None:
    copy = _package_copy(tmp_path)
    before = provenance.stage_code(copy)
    with (copy / stage).open("a", encoding="utf-8") as f:
        f.write("\n# a comment\n")
    assert provenance.stage_code(copy) != before


def test_extension_code_imported_by_components_toml_counts(tmp_path: Path, models_dir: Path) -> None:
    rules = tmp_path / "models"
    shutil.copytree(models_dir, rules)
    ext = tmp_path / "ext.py"  # outside the rules folder, as examples/ is
    ext.write_text("X = 1\n", encoding="utf-8")
    (rules / "components.toml").write_text('import = ["../ext.py"]\n', encoding="utf-8")
    settings = Settings(models_dir=rules)
    before = _fp(settings)
    ext.write_text("X = 2\n", encoding="utf-8")
    assert _fp(settings) != before


def test_rows_round_trip_exactly() -> None:
    rows = DocRows(
        documents=[Document("d1", "a.txt", "a", None, "utf-8", "en", 0.9999999999999998, "", "en:1.0", "Tïtle “x”",
                            "2016-01-02", "", "", "", "", 12, 1)],
        quotes=[Quote("d1", 0, 3, 9, "quoted", "direct", "", None, None, "He", 0, 2, "", "pronoun", "", "")],
        errors=[ErrorRow("a.txt", None, "d1", "nlp", "ValueError", "boom")],
    )
    back = cache.decode_rows(cache.encode_rows(rows))
    assert back == {"documents": rows.documents, "quotes": rows.quotes, "errors": rows.errors}


def test_cache_prunes_entries_a_completed_run_did_not_use(tmp_path: Path) -> None:
    db = cache.RowCache(tmp_path / "rows.sqlite")
    db.put_many([("k1", b"one"), ("k2", b"two")])
    db.close()
    db = cache.RowCache(tmp_path / "rows.sqlite")
    assert db.get_many(["k1", "k3"]) == {"k1": b"one"}
    db.prune()
    assert db.get_many(["k1", "k2"]) == {"k1": b"one"}
    db.close()
