"""Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise.

Both show documents done, documents per second and, when the total is known, the ETA.
"""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm

# no monitor thread: worker processes are forked from this one
tqdm.monitor_interval = 0


def eta(seconds: float) -> str:
    """``1h02m``, ``4m05s`` or ``12s``."""
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


class Progress:
    """Counts documents done; silent when ``quiet``.

    Args:
        quiet: print nothing.
        stream: where to print (stderr); a bar only when it is a terminal.
        every: seconds between plain lines.
        total: documents expected, for the ETA; ``None`` when unknown.
    """

    def __init__(self, quiet: bool, stream: TextIO, every: float = 5.0, total: int | None = None) -> None:
        self.quiet, self.stream, self.every, self.total = quiet, stream, every, total
        self.done = 0
        self.t0 = self.last = time.monotonic()
        tty = hasattr(stream, "isatty") and stream.isatty()
        self.bar = tqdm(file=stream, unit="doc", delay=1.0, total=total) if tty and not quiet else None

    def line(self, now: float) -> str:
        """The plain progress line: done (of total), docs/s, ETA."""
        rate = self.done / max(now - self.t0, 1e-9)
        done = f"{self.done}/{self.total}" if self.total else str(self.done)
        text = f"progress: {done} documents, {rate:.1f} docs/s"
        if self.total and rate > 0:
            text += f", ETA {eta(max(self.total - self.done, 0) / rate)}"
        return text

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif not self.quiet and time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            print(self.line(self.last), file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
