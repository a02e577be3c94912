"""place_codes.py: the slices are disjoint and leave out the other checks' articles; the shares count right."""

from __future__ import annotations

import pytest

from pipeline.config import SHARED_DIR
from pipeline.tools import place_codes as pc

TRAIN = SHARED_DIR / "data" / "polnear" / "train" / "text"


def _row(label: str, text: str, code: str = "", region: str = "") -> dict[str, str]:
    return {"label": label, "text": text, "country_code": code, "region": region}


def test_shares_count_codes_and_regions() -> None:
    rows = [_row("GPE", "Texas", "US", "Americas"), _row("GPE", "Lake Erie"), _row("LOC", "Europe", "", "Europe"),
            _row("LOC", "Pacific")]
    s = pc.shares(rows)
    assert (s.gpe, s.gpe_coded, s.places, s.places_placed) == (2, 1, 4, 2)
    assert "1/2 = 0.500" in s.line()
    assert pc.uncoded(rows + [_row("GPE", "Lake Erie")]) == [("GPE Lake Erie", 2), ("LOC Pacific", 1)]
    assert pc.coded(rows) == [("Texas -> US", 1)]


def test_slices_are_disjoint_and_exclude_other_checks() -> None:
    if not TRAIN.is_dir():
        pytest.skip(f"{TRAIN} is absent")
    fresh, kept = ({p.stem for p in pc.slice_files(s)} for s in ("fresh", "kept"))
    assert 80 <= len(fresh) <= 100 and 80 <= len(kept) <= 100
    assert not fresh & kept
    assert not (fresh | kept) & pc.excluded()


def test_show_refuses_the_kept_slice() -> None:
    with pytest.raises(SystemExit):
        pc.main(["kept", "--show"])
