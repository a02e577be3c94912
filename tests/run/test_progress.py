"""Progress on stderr: docs done, docs/s and ETA; silent when quiet; plain lines off a terminal."""

from __future__ import annotations

import io

import pytest

from pipeline.run import progress
from pipeline.run.progress import Progress


@pytest.mark.parametrize(("seconds", "text"), [(0, "0s"), (59.4, "59s"), (65, "1m05s"), (3725, "1h02m")])
def test_eta_format(seconds: float, text: str) -> None:
    assert progress.eta(seconds) == text


def test_plain_line_has_done_rate_and_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 110.0, 110.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    stream = io.StringIO()  # not a terminal: no bar
    p = Progress(quiet=False, stream=stream, every=5.0, total=100)
    p.update(20)
    assert stream.getvalue() == "progress: 20/100 documents, 2.0 docs/s, ETA 40s\n"


def test_plain_lines_come_every_few_seconds_only(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 1.0, 2.0, 6.0, 6.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    stream = io.StringIO()
    p = Progress(quiet=False, stream=stream, every=5.0)
    p.update(1)
    p.update(1)
    p.update(1)
    assert stream.getvalue() == "progress: 3 documents, 0.5 docs/s\n"  # no total: no ETA


def test_quiet_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress.time, "monotonic", iter([0.0, 10.0, 20.0]).__next__)
    stream = io.StringIO()
    p = Progress(quiet=True, stream=stream, total=10)
    p.update(5)
    p.close()
    assert stream.getvalue() == ""
