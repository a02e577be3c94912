"""resource_cache: tables built once per machine, keyed by what they are built from."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from pipeline import resource_cache, rulebook
from pipeline.config import MODELS_DIR
from pipeline.stages import language, place_tables


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(resource_cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"built": self.calls}


def test_a_table_is_built_once_then_read_back(folder: Path) -> None:
    build = Builder()
    assert resource_cache.load_or_build("t", ["v1"], build) == {"built": 1}
    assert resource_cache.load_or_build("t", ["v1"], build) == {"built": 1}
    assert build.calls == 1 and len(list(folder.glob("t-*.pickle"))) == 1


def test_a_change_in_what_it_is_built_from_builds_it_again_and_drops_the_old_file(folder: Path) -> None:
    build = Builder()
    resource_cache.load_or_build("t", ["v1"], build)
    assert resource_cache.load_or_build("t", ["v2"], build) == {"built": 2}
    assert resource_cache.load_or_build("t", [b"v1"], build) == {"built": 3}  # bytes and str: same key only if equal
    assert build.calls == 3 and len(list(folder.glob("t-*.pickle"))) == 1


def test_parts_are_length_prefixed_so_a_boundary_shift_is_another_key() -> None:
    assert resource_cache.key(["ab", "c"]) != resource_cache.key(["a", "bc"])


def test_a_damaged_file_is_built_again_and_replaced(folder: Path) -> None:
    build = Builder()
    resource_cache.load_or_build("t", ["v1"], build)
    (path,) = folder.glob("t-*.pickle")
    path.write_bytes(b"\x80\x05truncated")
    assert resource_cache.load_or_build("t", ["v1"], build) == {"built": 2}
    assert pickle.loads(path.read_bytes()) == {"built": 2}


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(resource_cache.ENV, "")
    build = Builder()
    resource_cache.load_or_build("t", ["v1"], build)
    resource_cache.load_or_build("t", ["v1"], build)
    assert build.calls == 2 and resource_cache.folder() is None


def test_an_unwritable_folder_costs_only_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(resource_cache.ENV, str(blocker / "cache"))
    assert resource_cache.load_or_build("t", ["v1"], Builder()) == {"built": 1}


def test_the_place_gazetteer_read_back_equals_the_one_built(folder: Path) -> None:
    book = rulebook.RuleBook.read(MODELS_DIR)
    own = rulebook.RuleBook(book.root, {n: book.files[n] for n in place_tables.RULE_FILES if n in book.files})
    place_tables._load.cache_clear()
    try:
        first = place_tables._load(own)  # built and stored
        place_tables._load.cache_clear()
        again = place_tables._load(own)  # read back
    finally:
        place_tables._load.cache_clear()
    assert again is not first and again == first == place_tables._build(own)
    assert list(again.cities) == list(first.cities)  # the order of every table too


def test_another_rule_file_builds_another_gazetteer(folder: Path) -> None:
    book = rulebook.RuleBook.read(MODELS_DIR)
    files = {n: book.files[n] for n in place_tables.RULE_FILES if n in book.files}
    edited = dict(files, **{"en/not_places.txt": files["en/not_places.txt"] + b"\nparis\n"})
    place_tables._load.cache_clear()
    try:
        assert "paris" in place_tables._load(rulebook.RuleBook(book.root, files)).capitals
        assert place_tables._load(rulebook.RuleBook(book.root, edited)).places.get("paris") is None
    finally:
        place_tables._load.cache_clear()
    assert len(list(folder.glob("places-*.pickle"))) == 1  # the newest only


def test_the_language_profiles_read_back_equal_langdetects(folder: Path) -> None:
    first = language._Model()
    again = language._Model()
    langs, row, log_prob = language._profiles()
    assert again.langs == first.langs == langs and again.row == row
    assert np.array_equal(again.log_prob, log_prob) and list(again.row) == list(row)
