from __future__ import annotations

from pathlib import Path

from pipeline.tools import quote_recall
from pipeline.tools.speaker_gold import KEPTASIDE2_FILE, KEPTASIDE_FILE


def test_train_part_leaves_out_the_kept_aside_articles(shared: Path) -> None:
    sq = quote_recall.scorer(shared)
    train = shared / "data" / "polnear" / "train"
    part, bad = quote_recall.part_stems(train, "train", sq)
    last, _ = quote_recall.part_stems(train, "last100", sq)
    aside = set(KEPTASIDE_FILE.read_text().split()) | set(KEPTASIDE2_FILE.read_text().split())
    assert len(last) == 100 and not set(part) & set(last) and not set(part) & aside
    everything = sorted(p.stem for p in (train / "attributions").glob("*.ann"))
    assert sorted(set(part) | set(bad) | set(last) | aside) == everything  # nothing else is dropped
    for stem in bad:  # left out only because the scorer cannot read it
        try:
            sq.read_gold(train / "attributions" / f"{stem}.ann")
        except ValueError:
            continue
        raise AssertionError(f"{stem} is readable")


def test_cues_map_each_content_to_its_cue(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text("T1\tSource 0 4\tJane\nT2\tCue 5 9\tsaid\nT3\tContent 10 20\tit was bad\n"
                   "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
                   "T4\tContent 30 40\tno cue here\nE2\tAttribution:T4 Content:T4\n", encoding="utf-8")
    assert quote_recall.attribution_cues(ann) == {((10, 20),): "said", ((30, 40),): ""}
