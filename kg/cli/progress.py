"""A small progress line on stderr for long runs (silent when stderr is not a terminal)."""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """Callable as ``progress(stage, done, total)``; redraws at most ten times a second."""

    def __init__(self, stream=None, min_interval: float = 0.1):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0
        self.min_interval = min_interval
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < self.min_interval:
            return
        self.last = now
        if stage != getattr(self, "stage", None):
            self.stage, self.start = stage, now
        width = 30
        filled = int(width * done / total) if total else width
        elapsed = now - self.start
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{stage:<10} [{bar}] {done}/{total} ({elapsed:.0f} s)")
        self.stream.flush()
        self.drawn = True

    def done(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
