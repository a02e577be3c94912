"""The incremental-run cache: keys follow content and rules; rows round-trip exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline import cache
from pipeline.records import Document, ErrorRow, Quote, RawInput
from pipeline.runner import DocRows


def raw(text: str, source: str = "a.txt", meta: dict[str, str] | None = None) -> RawInput:
    return RawInput(source, "a", None, text, "utf-8", 0, meta or {})


def test_content_key_follows_content_source_and_metadata() -> None:
    key = cache.content_key(raw("Hello."), "fp")
    assert cache.content_key(raw("Hello."), "fp") == key
    assert cache.content_key(raw("Hello!"), "fp") != key
    assert cache.content_key(raw("Hello.", source="b.txt"), "fp") != key
    assert cache.content_key(raw("Hello.", meta={"title": "T"}), "fp") != key
    assert cache.content_key(raw("Hello."), "other fingerprint") != key


def test_fingerprint_follows_rules_model_and_settings(tmp_path: Path, models_dir: Path) -> None:
    rules = tmp_path / "models"
    shutil.copytree(models_dir, rules)
    fp = cache.fingerprint("en_core_web_sm", rules, 100)
    assert cache.fingerprint("en_core_web_sm", rules, 100) == fp
    assert cache.fingerprint("en_core_web_md", rules, 100) != fp
    assert cache.fingerprint("en_core_web_sm", rules, 200) != fp
    (rules / "en" / "patterns.jsonl").write_text('{"label": "ORG", "pattern": "Acme"}\n', encoding="utf-8")
    assert cache.fingerprint("en_core_web_sm", rules, 100) != fp


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
