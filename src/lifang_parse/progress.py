"""A one-line progress bar for terminals, without a dependency.

The batch CLI needs only "how far, how fast, how many failed"; a dozen lines
do that, so neither tqdm nor rich is pulled into every install. The caller
decides whether to show it (only when stderr is a terminal); this module only
draws, and only to the stream it is given.
"""

from __future__ import annotations

import time
from typing import TextIO

_CLEAR = "\r\x1b[K"


def progress_text(done: int, total: int, failed: int, elapsed: float, *, width: int = 24) -> str:
    """``[#########...............]  120/312  38%  3 failed  41.2 files/s  ETA 0:05`` (pure)."""
    fraction = done / total if total else 1.0
    filled = int(width * fraction)
    rate = done / elapsed if elapsed > 0 else 0.0
    text = f"[{'#' * filled}{'.' * (width - filled)}] {done:>{len(str(total))}}/{total} {fraction:4.0%}"
    if failed:
        text += f"  {failed} failed"
    if rate:
        remaining = int((total - done) / rate)
        text += f"  {rate:.1f} files/s  ETA {remaining // 60}:{remaining % 60:02d}"
    return text


class ProgressLine:
    """Redraws one status line on ``stream`` (at most ``hz`` times a second; always the last state)."""

    def __init__(self, stream: TextIO, total: int, *, hz: float = 10.0) -> None:
        self._stream = stream
        self._total = total
        self._interval = 1.0 / hz
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._state = (0, 0)

    def update(self, done: int, failed: int) -> None:
        """Record progress; draw if enough time has passed or the batch is complete."""
        self._state = (done, failed)
        now = time.monotonic()
        if now - self._drawn_at >= self._interval or done >= self._total:
            self._draw(now)

    def clear(self) -> None:
        """Erase the line, so that a message can be printed in its place (then :meth:`redraw`)."""
        self._stream.write(_CLEAR)
        self._stream.flush()

    def redraw(self) -> None:
        """Draw the current state again (after :meth:`clear`)."""
        self._draw(time.monotonic())

    def close(self) -> None:
        """Erase the bar for good; the summary line replaces it."""
        self.clear()

    def _draw(self, now: float) -> None:
        self._drawn_at = now
        done, failed = self._state
        self._stream.write(_CLEAR + progress_text(done, self._total, failed, now - self._started))
        self._stream.flush()


__all__ = ["ProgressLine", "progress_text"]
