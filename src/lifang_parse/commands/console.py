"""What the commands tell the person at the terminal: errors, notes, progress, all on stderr.

Standard output carries data only. Every message is one line,
``lifang-parse: WHAT: message``. The progress bar (tqdm) is drawn only on a
terminal, for more than one file, and not under ``--quiet`` or
``--no-progress``; messages printed while it runs erase it first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from lifang_parse.files import display_path

if TYPE_CHECKING:
    from tqdm import tqdm

PROG = "lifang-parse"


class Console:
    """The stderr of one command run."""

    def __init__(self, stderr: TextIO, *, quiet: bool = False, progress: bool = True) -> None:
        self.stderr = stderr
        self.quiet = quiet
        self.progress_allowed = progress and not quiet
        self._bar: tqdm[Any] | None = None

    def error(self, message: str) -> None:
        """One line for something that failed (always shown)."""
        self._write(message)

    def note(self, message: str) -> None:
        """One line of information (the summary, an option ignored); not under ``--quiet``."""
        if not self.quiet:
            self._write(message)

    def _write(self, message: str) -> None:
        line = f"{PROG}: {display_path(message)}\n"
        if self._bar is not None:
            self._bar.clear()
        self.stderr.write(line)
        self.stderr.flush()
        if self._bar is not None:
            self._bar.refresh()

    @contextmanager
    def progress(self, total: int) -> Iterator[Progress]:
        """A progress bar for ``total`` files (drawn only where it helps, see the module)."""
        shown = self.progress_allowed and total > 1 and _is_terminal(self.stderr)
        if not shown:
            yield Progress(None)
            return
        from tqdm import tqdm  # imported only when a bar is drawn

        bar: tqdm[Any] = tqdm(total=total, file=self.stderr, unit="file", dynamic_ncols=True, leave=False, desc=PROG)
        self._bar = bar
        try:
            yield Progress(bar)
        finally:
            self._bar = None
            bar.close()


class Progress:
    """Advances the bar (or nothing, when none is drawn)."""

    def __init__(self, bar: tqdm[Any] | None) -> None:
        self._bar = bar

    def advance(self, failed: int) -> None:
        """One more file done; ``failed`` so far."""
        if self._bar is not None:
            if failed:
                self._bar.set_postfix_str(f"{failed} failed", refresh=False)
            self._bar.update(1)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["PROG", "Console", "Progress"]
