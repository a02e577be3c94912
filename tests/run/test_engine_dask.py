"""The Dask engine on a local cluster writes the same tables as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.config import Settings
from pipeline.output.schema import RECORDS
from pipeline.run import runner


def read_tables(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.csv").read_bytes() for t in RECORDS}


@pytest.mark.slow
def test_dask_local_cluster_tables_identical_to_local_engine(tmp_path: Path, nlp: Language,
                                                             small_corpus: Path) -> None:
    pytest.importorskip("distributed")
    corpus = small_corpus
    local = runner.run([corpus], tmp_path / "local", nlp, Settings(workers=1, batch_size=2, quiet=True))
    dask = runner.run([corpus], tmp_path / "dask", None,
                      Settings(engine="dask", workers=2, batch_size=2, quiet=True))
    assert (dask.processed, dask.documents) == (local.processed, local.documents) == (6, 6)
    assert read_tables(tmp_path / "dask") == read_tables(tmp_path / "local")
