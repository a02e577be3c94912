"""The seed article's tables, byte for byte: a speed-up or a refactoring must not change a row.

A change that is meant to change what the pipeline finds changes these digests too: check the
new rows (``python -m pipeline.tools.compare`` shows where two runs first differ), then update
``GOLDEN`` in the same commit and say why there. The digests are those ``run.json`` records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.output.manifest import sha256_file

GOLDEN = {
    "documents": "29ff5bb22588cf26f2b7cbbfb24bc2d8a910f9a5a5ded7f2fa1561cc70ca0af7",  # 1 row
    "segments": "29e2304fb91425d4a9692605b09151f7156f837d33be84d9316e9a3add88bd67",  # 32 rows
    "references": "18ca01b722448883c504e9146b7842a1ca609d236e271c53c07b31884afbfe72",  # 15 rows
    "zh_tokens": "0e25dba4aaf8d5fa7f9d05478c37d416f4cd9865eedb601e86e2538bb099978d",  # 78 rows
    "entities": "b665626a0036d9f071178a587098001dcdf7e6a5e23a764739f25d81b3c4a9d8",  # 103 rows
    "entity_summary": "c5bfb9e066f86d3927fad0a524857af50eb20ae7b4bae4929363d24f12f1223d",  # 46 rows
    "quotes": "a26004d9ec507c1a86b8fafb332bf41a658dc121bdaee16e5a19a6943204594b",  # 8 rows
    "errors": "3ffeccc05f0e21f73f1c67c17b3e97cbea4e47219b75773905064fbbb9940315",  # 0 rows
}


@pytest.mark.slow
@pytest.mark.parametrize("table", sorted(GOLDEN))
def test_seed_table_is_byte_identical_to_the_golden_one(seed_run: Path, table: str) -> None:
    recorded = json.loads((seed_run / "run.json").read_text(encoding="utf-8"))["tables"][table]
    assert sha256_file(seed_run / f"{table}.csv") == recorded["sha256"]  # run.json tells the truth
    assert recorded["sha256"] == GOLDEN[table], (
        f"{table}.csv of the seed changed ({recorded['rows']} rows): if on purpose, update GOLDEN and say why")
