"""Bounds on the work one file may cause: wall-clock time and memory.

Newsletters come from outside, and a crafted file (a reference cycle, a
decompression bomb, a million empty pages) can make a parser spin or
allocate without end. Every parse therefore runs under a :class:`Guard`:

- a **time budget** that grows with the size of the work, so that a real
  500-page newsletter never meets it while a one-page file that hangs is
  stopped within seconds: ``timeout`` seconds, plus :data:`SECONDS_PER_PAGE`
  per PDF page (known from the page tree before any page is built) and
  :data:`SECONDS_PER_MB` per megabyte of text;
- a **memory bound**: how much the process's resident memory may grow
  while the file is parsed (``max_memory``).

Readers call :func:`checkpoint` between pages (cheap, cooperative), and a
watchdog thread interrupts the parsing thread when a bound is passed inside
a page (pdfminer is pure Python, so a loop in it is interruptible). Worker
processes (:mod:`lifang_parse.pool`) add hard limits the same code cannot
escape: an address-space limit and a kill at the deadline.

Exceeding a bound raises :class:`~lifang_parse.errors.LimitExceededError`,
whose message names the limit and how to raise it.
"""

from __future__ import annotations

import contextvars
import ctypes
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from lifang_parse.errors import LimitExceededError

#: Base wall-clock budget of one file, in seconds (``timeout=``, ``--timeout``).
DEFAULT_TIMEOUT = 3.0
#: Added to the budget per PDF page: a real page takes about 0.08 s.
SECONDS_PER_PAGE = 0.5
#: Added to the budget per megabyte of text: a real newsletter (20-100 kB) takes 20-100 ms.
SECONDS_PER_MB = 0.5
#: How much parsing one file may add to the process's resident memory (``max_memory=``, ``--max-memory``).
DEFAULT_MAX_MEMORY = 320 * 2**20
#: Text needs at most this many bytes of memory per input byte; larger texts are refused before parsing.
TEXT_BYTES_PER_BYTE = 20
#: How often the watchdog looks at the clock and the memory, in seconds.
_WATCH_INTERVAL = 0.05
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one parse; 0 turns a bound off."""

    timeout: float = DEFAULT_TIMEOUT
    max_memory: int = DEFAULT_MAX_MEMORY


class _Interrupt(BaseException):
    """Raised asynchronously in the parsing thread by the watchdog.

    A ``BaseException``, so that no ``except Exception`` of a dependency
    swallows it; :func:`run_limited` turns it into ``LimitExceededError``.
    """


def rss_bytes(pid: int | str = "self") -> int:
    """Resident memory of a process (Linux ``/proc``; 0 where unknown)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def megabytes(size: int) -> str:
    """``335544320`` -> ``"320 MB"`` (MiB, as ``--max-memory`` reads it)."""
    return f"{size / 2**20:,.0f} MB"


def memory_error(path: str | None, limit: int) -> LimitExceededError:
    """The error of a parse that needed more memory than ``limit``."""
    return LimitExceededError(
        f"parsing needed more than {megabytes(limit)} of memory (max_memory); if the file is trusted, "
        "raise the limit: --max-memory SIZE on the command line, max_memory= in Python (0: no limit)",
        path=path,
    )


def time_error(path: str | None, budget: float, basis: str) -> LimitExceededError:
    """The error of a parse that took longer than its time budget."""
    return LimitExceededError(
        f"parsing took longer than its time limit of {budget:.1f} s ({basis}); if the file is trusted, "
        "raise the limit: --timeout SECONDS on the command line, timeout= in Python (0: no limit)",
        path=path,
    )


class Guard:
    """The time and memory bounds of one parse in one thread."""

    def __init__(self, limits: Limits, *, path: str | None) -> None:
        self.limits = limits
        self.path = path
        self.started = time.monotonic()
        self.baseline = rss_bytes() if limits.max_memory else 0
        self.budget = limits.timeout
        self._basis = f"timeout={limits.timeout:g} s"
        self._target = threading.get_ident()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._done = False
        self._tripped: str | None = None
        self._listener = _LISTENER.get()
        self._notify()

    # -- the budget ---------------------------------------------------------

    def add_pages(self, pages: int) -> None:
        """Grow the time budget for a PDF of ``pages`` pages (called once the page tree is counted)."""
        self._grow(SECONDS_PER_PAGE * pages, f"{SECONDS_PER_PAGE:g} s per page for {pages:,} page(s)")

    def add_text(self, size: int) -> None:
        """Grow the time budget for ``size`` bytes of text."""
        self._grow(SECONDS_PER_MB * size / 1e6, f"{SECONDS_PER_MB:g} s per MB for {size / 1e6:.1f} MB of text")

    def _grow(self, seconds: float, why: str) -> None:
        if self.limits.timeout:
            self.budget += seconds
            self._basis = f"timeout={self.limits.timeout:g} s plus {why}"
            self._notify()

    def _notify(self) -> None:
        if self._listener is not None and self.limits.timeout:
            self._listener(self.budget)

    # -- checks -------------------------------------------------------------

    def over(self) -> str | None:
        """Which bound is passed now (``"time"`` or ``"memory"``), if any."""
        if self.limits.timeout and time.monotonic() - self.started > self.budget:
            return "time"
        if self.limits.max_memory and rss_bytes() - self.baseline > self.limits.max_memory:
            return "memory"
        return None

    def error(self, bound: str | None = None) -> LimitExceededError:
        """The error for the bound that was passed."""
        if (bound or self._tripped) == "memory":
            return memory_error(self.path, self.limits.max_memory)
        return time_error(self.path, self.budget, self._basis)

    # -- the watchdog ---------------------------------------------------------

    def start_watchdog(self) -> None:
        """Watch the bounds from another thread, interrupting this one when one is passed."""
        if self.limits.timeout or self.limits.max_memory:
            threading.Thread(target=self._watch, name="lifang-parse-watchdog", daemon=True).start()

    def _watch(self) -> None:
        while not self._stopped.wait(_WATCH_INTERVAL):
            bound = self.over()
            if bound is None:
                continue
            with self._lock:
                if not self._done:
                    self._tripped = bound
                    _raise_in(self._target, _Interrupt)
            return

    def stop(self) -> None:
        """End the watch; an interrupt not yet delivered is withdrawn."""
        with self._lock:
            self._done = True
            if self._tripped:
                _raise_in(self._target, None)
        self._stopped.set()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in another thread at its next bytecode (``None`` withdraws a pending one)."""
    target = ctypes.py_object(exception) if exception is not None else ctypes.py_object()
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)


_ACTIVE: contextvars.ContextVar[Guard | None] = contextvars.ContextVar("lifang_parse_guard", default=None)
_LISTENER: contextvars.ContextVar[Callable[[float], None] | None] = contextvars.ContextVar("lifang_parse_budget", default=None)


def run_limited(task: Callable[[], T], limits: Limits, *, path: str | None, watch: bool = True, text_size: int = 0) -> T:
    """Run ``task`` under ``limits``; a bound passed becomes ``LimitExceededError``.

    ``watch=False`` skips the watchdog thread (cheap inputs: small text), the
    cooperative :func:`checkpoint` calls still count.
    """
    guard = Guard(limits, path=path)
    if text_size:
        guard.add_text(text_size)
    token = _ACTIVE.set(guard)
    try:
        try:
            if watch:
                guard.start_watchdog()
            try:
                return task()
            finally:
                guard.stop()
        except _Interrupt:
            raise guard.error() from None
        except MemoryError:  # an address-space limit (worker processes) or a real shortage
            raise memory_error(path, limits.max_memory) from None
    finally:
        _ACTIVE.reset(token)


def checkpoint() -> None:
    """Raise ``LimitExceededError`` if the running parse has passed a bound (readers call it per page)."""
    guard = _ACTIVE.get()
    if guard is not None:
        bound = guard.over()
        if bound is not None:
            raise guard.error(bound)


def expect_pages(pages: int) -> None:
    """Tell the running parse how many pages its PDF has (its time budget grows)."""
    guard = _ACTIVE.get()
    if guard is not None:
        guard.add_pages(pages)


def current_max_memory() -> int:
    """The memory bound of the running parse (the default outside one)."""
    guard = _ACTIVE.get()
    return guard.limits.max_memory if guard is not None else DEFAULT_MAX_MEMORY


def set_budget_listener(listener: Callable[[float], None] | None) -> None:
    """Have every later guard in this context report its time budget (worker processes tell the parent)."""
    _LISTENER.set(listener)


__all__ = [
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_TIMEOUT",
    "SECONDS_PER_MB",
    "SECONDS_PER_PAGE",
    "TEXT_BYTES_PER_BYTE",
    "Guard",
    "Limits",
    "checkpoint",
    "current_max_memory",
    "expect_pages",
    "megabytes",
    "memory_error",
    "rss_bytes",
    "run_limited",
    "set_budget_listener",
    "time_error",
]
