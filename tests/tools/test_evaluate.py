"""make eval: one table of every score beside the plain tool's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.output import tables
from pipeline.tools import evaluate

RESULTS: dict[str, dict[str, object]] = {
    "zhseg": {"scores": {"p": 0.9, "r": 0.8, "f1": 0.85}, "reference": {"p": 0.855, "r": 0.789, "f1": 0.821},
              "plain": "jieba 0.42.1, precise mode", "seconds": 3.2},
    "langid": {"scores": {"all": 0.8}, "reference": {"all": 0.742, "zh/words": 0.394}, "plain": "langdetect",
               "seconds": 1.0},
    "quotes": {"error": "score_quotes.py exited 1: boom", "seconds": 9.0},
}

TABLE = """\
set      metric              ours   plain    diff  plain tool
------------------------------------------------------------------------------
zhseg    p                  0.900   0.855  +0.045  jieba 0.42.1, precise mode
zhseg    r                  0.800   0.789  +0.011
zhseg    f1                 0.850   0.821  +0.029
zhseg    seconds              3.2
langid   all                0.800   0.742  +0.058  langdetect
langid   zh/words             n/a   0.394
langid   seconds              1.0
quotes   (failed)         score_quotes.py exited 1: boom"""


def test_eval_table_puts_every_score_beside_the_plain_tool() -> None:
    assert evaluate.format_table(RESULTS) == TABLE


def test_every_set_names_its_plain_tool() -> None:
    assert all(es.plain for es in evaluate.SETS)


def test_eval_without_shared_skips_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--shared", str(tmp_path / "absent"), "--out", str(tmp_path)]) == 0
    assert "eval skipped" in capsys.readouterr().out
    assert not (tmp_path / "eval.json").exists()


@pytest.mark.parametrize("es", evaluate.SETS, ids=lambda es: es.name)
def test_every_reference_metric_is_one_the_scorer_reports(es: evaluate.EvalSet, shared: Path, tmp_path: Path) -> None:
    """A misspelt metric key would print n/a forever: score empty tables and compare the keys."""
    tables.TableWriter(tmp_path).commit()
    proc = subprocess.run([sys.executable, str(shared / "eval" / es.scorer), str(shared / "data" / es.gold),
                           str(tmp_path), "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    scores = evaluate.flatten(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert sorted(set(es.reference) - set(scores)) == []
