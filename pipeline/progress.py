"""Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise."""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Counts documents done; silent when ``quiet``."""

    def __init__(self, quiet: bool, stream: TextIO, every: float = 5.0) -> None:
        self.quiet, self.stream, self.every = quiet, stream, every
        self.done = 0
        self.t0 = self.last = time.monotonic()
        tty = hasattr(stream, "isatty") and stream.isatty()
        self.bar = tqdm(file=stream, unit="doc", delay=1.0) if tty and not quiet else None

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif not self.quiet and time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            rate = self.done / max(self.last - self.t0, 1e-9)
            print(f"progress: {self.done} documents, {rate:.1f} docs/s", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
