"""The lock is complete and is what is installed (requirements/check_lock.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
LOCKS = [ROOT / "requirements" / "main.txt", ROOT / "requirements" / "dev.txt"]
OPTIONAL = [ROOT / "requirements" / "model-md.txt"]  # the larger model, when `make install-md` installed it


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_lock", ROOT / "requirements" / "check_lock.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_lock"] = module
    spec.loader.exec_module(module)
    return module


check_lock = _load_checker()


def reqs(*texts: str) -> list[Requirement]:
    return [Requirement(text) for text in texts]


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def test_installed_environment_is_exactly_the_complete_lock():
    assert messages(check_lock.check(LOCKS, OPTIONAL)) == []


def test_optional_package_may_be_missing_but_not_at_another_version(monkeypatch):
    monkeypatch.setattr(check_lock.metadata, "distributions", lambda: [])
    assert messages(check_lock.environment_problems({}, {"big-model": "1.0"})) == []

    class Dist:
        metadata = {"Name": "Big_Model"}
        version = "0.9"
    monkeypatch.setattr(check_lock.metadata, "distributions", lambda: [Dist()])
    assert messages(check_lock.environment_problems({}, {"big-model": "1.0"})) == [
        "big-model: pinned at 1.0 (optional), installed 0.9"]
    assert messages(check_lock.environment_problems({}, {})) == ["big-model: installed (0.9) but not in the lock"]


def test_read_pins_reads_names_and_versions_not_hashes(tmp_path):
    lock = tmp_path / "x.txt"
    lock.write_text(
        "# header\nSmart_Open==9.0.2 \\\n    --hash=sha256:abc\n    # via weasel\ndask[distributed]==1.0 \\\n",
        encoding="utf-8",
    )
    assert check_lock.read_pins(lock) == {"smart-open": "9.0.2", "dask": "1.0"}


def test_read_roots_skips_options_and_comments(tmp_path):
    source = tmp_path / "x.in"
    source.write_text("-c main.txt\n# a comment\npytest  # why\ndask[distributed]\n", encoding="utf-8")
    assert [str(r) for r in check_lock.read_roots(source)] == ["pytest", "dask[distributed]"]


def test_complete_lock_has_no_problem():
    pins = {"weasel": "1.0", "smart-open": "9.0", "requests": "2.3"}
    requires = {"weasel": reqs("smart-open[http]>=5"), "smart-open": reqs('requests; extra == "http"')}
    assert check_lock.lock_problems(pins, reqs("weasel"), requires) == []


def test_dependency_of_an_extra_missing_from_the_lock_is_found():
    # the failure of issue 12: weasel asks smart-open[http]; pip check does not follow extras
    pins = {"weasel": "1.0", "smart-open": "9.0"}
    requires = {"weasel": reqs("smart-open[http]>=5"), "smart-open": reqs('requests; extra == "http"')}
    assert messages(check_lock.lock_problems(pins, reqs("weasel"), requires)) == [
        'requests: required by smart-open (requests; extra == "http") but not in the lock'
    ]


def test_extra_nobody_asks_for_is_not_required():
    pins = {"smart-open": "9.0"}
    requires = {"smart-open": reqs('boto3; extra == "s3"', 'requests; extra == "http"')}
    assert check_lock.lock_problems(pins, reqs("smart-open"), requires) == []


def test_extra_asked_by_a_root_is_followed():
    pins = {"dask": "1.0"}
    requires = {"dask": reqs('distributed==1.0; extra == "distributed"')}
    assert messages(check_lock.lock_problems(pins, reqs("dask[distributed]"), requires)) == [
        'distributed: required by dask (distributed==1.0; extra == "distributed") but not in the lock'
    ]


def test_extras_chain_through_an_extra():
    # a[x] needs b[y]; b's extra y needs c
    pins = {"a": "1", "b": "1"}
    requires = {"a": reqs('b[y]; extra == "x"'), "b": reqs('c; extra == "y"')}
    assert messages(check_lock.lock_problems(pins, reqs("a[x]"), requires)) == [
        'c: required by b (c; extra == "y") but not in the lock'
    ]


def test_plain_missing_dependency_and_version_conflict_are_found():
    pins = {"spacy": "3.8", "thinc": "9.0"}
    requires = {"spacy": reqs("thinc<8.4,>=8.3", "srsly>=2")}
    assert messages(check_lock.lock_problems(pins, [], requires)) == [
        "srsly: required by spacy (srsly>=2) but not in the lock",
        "thinc: locked at 9.0, but spacy requires thinc<8.4,>=8.3",
    ]


def test_marker_for_another_interpreter_is_ignored():
    pins = {"a": "1"}
    requires = {"a": reqs('tomli; python_version < "3.0"')}
    assert check_lock.lock_problems(pins, [], requires) == []


def test_two_locks_disagreeing_on_a_version_is_a_problem(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("numpy==2.4.6 \\\n", encoding="utf-8")
    second.write_text("numpy==2.4.5 \\\n", encoding="utf-8")
    assert messages(check_lock.check([first, second])) == ["numpy: pinned at 2.4.6 and at 2.4.5 in " + str(second)]


def test_a_locked_package_not_installed_is_a_problem(tmp_path):
    lock = tmp_path / "a.txt"
    lock.write_text("surely-not-installed-pkg==1.0 \\\n", encoding="utf-8")
    problems = messages(check_lock.environment_problems(check_lock.read_pins(lock)))
    assert "surely-not-installed-pkg: locked at 1.0, installed nowhere" in problems


def test_main_exit_status(tmp_path, capsys):
    assert check_lock.main([str(path) for path in LOCKS] + [a for p in OPTIONAL for a in ("--optional", str(p))]) == 0
    lock = tmp_path / "a.txt"
    lock.write_text("surely-not-installed-pkg==1.0 \\\n", encoding="utf-8")
    assert check_lock.main([str(lock)]) == 1
    assert "surely-not-installed-pkg" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["en-core-web-sm", "en-core-web-md"])
def test_a_users_own_spacy_model_is_not_an_intruder(name):
    assert check_lock.user_model(name)
