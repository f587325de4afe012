"""Persistent worker processes that parse untrusted files under hard limits.

The way document-conversion services bound their work: each file is parsed
in a worker process that

- may not grow its address space beyond ``max_memory`` over what it had at
  start (``RLIMIT_AS``: an allocation past it fails with ``MemoryError``,
  which becomes ``LimitExceededError``);
- is killed when its file outlives the file's time budget (reported by the
  worker as soon as it knows it, e.g. once a PDF's pages are counted) by a
  grace period, or when its resident memory passes the bound: a loop in
  native code cannot escape either;
- dies with its parent (``PR_SET_PDEATHSIG``), so a killed batch leaves no
  orphans, and ignores Ctrl-C, which the parent handles.

Workers are started once and reused, so a file costs two small messages on
a pipe, not a process; a worker that was killed, crashed, or passed a limit
is replaced. A file whose worker dies becomes a ``ParseFailure`` of that
file and the batch goes on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from lifang_parse.limits import megabytes, rss_bytes, set_budget_listener

if TYPE_CHECKING:
    from lifang_parse.batch import BatchResult, ParseOptions, Task

#: Seconds a worker gets past its file's budget before it is killed (its own watchdog acts first).
GRACE = 2.0
#: Address space a worker may take beyond ``max_memory`` and what it had at start (thread stacks, malloc arenas).
_ADDRESS_SLACK = 512 * 2**20
#: How often the parent looks at the workers' memory, in seconds.
_POLL = 0.1
_PR_SET_PDEATHSIG = 1
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}
#: Files handed out ahead of the next result to yield, per worker (bounds the results held back for ordering).
_WINDOW_PER_WORKER = 4
#: Files sent to a worker beyond the one it is parsing.
_AHEAD = 1


@dataclass(eq=False)
class _Worker:
    """One worker process and the file it is parsing."""

    process: BaseProcess
    connection: Connection
    baseline: int = 0
    index: int | None = None
    path: str = ""
    deadline: float = float("inf")
    started: float = 0.0
    budget: float = 0.0
    #: The file it parsed passed a limit: replace it, so the memory it grabbed goes back to the system.
    retire: bool = False
    #: Files sent after the one it is parsing, so that it never waits for the parent between two files.
    queued: deque[int] = field(default_factory=deque)

    @property
    def busy(self) -> bool:
        return self.index is not None


@dataclass
class _Run:
    """The state of one batch in the parent."""

    tasks: Sequence[Task]
    options: ParseOptions
    queue: deque[int] = field(default_factory=deque)
    results: dict[int, BatchResult] = field(default_factory=dict)


def run_pool(tasks: Sequence[Task], options: ParseOptions, *, workers: int) -> Iterator[BatchResult]:
    """Parse every task in ``workers`` processes, yielding one result per task in input order."""
    run = _Run(tasks=tasks, options=options, queue=deque(range(len(tasks))))
    pool: list[_Worker] = []
    window = workers * _WINDOW_PER_WORKER
    following = 0
    try:
        pool.extend(_start(options) for _ in range(workers))
        while following < len(tasks):
            for worker in pool:
                while run.queue and run.queue[0] < following + window and _wants_more(worker):
                    _assign(worker, run.queue.popleft(), run)
            _step(pool, run)
            while following in run.results:
                yield run.results.pop(following)
                following += 1
    finally:
        _stop(pool)


def _wants_more(worker: _Worker) -> bool:
    return not worker.retire and (not worker.busy or len(worker.queued) < _AHEAD)


def _step(pool: list[_Worker], run: _Run) -> None:
    """Wait for a message, a death or the next check; then settle every worker's news."""
    busy = [worker for worker in pool if worker.busy]
    now = time.monotonic()
    timeout = min([_POLL, *(worker.deadline - now for worker in busy)])
    handles: list[Any] = [w.connection for w in busy] + [w.process.sentinel for w in pool]
    wait(handles, timeout=max(timeout, 0.0))
    for position, worker in enumerate(list(pool)):
        _drain(worker, run)
        if worker.retire:
            pool[position] = _replace(worker, run, "")
        elif not worker.process.is_alive():
            pool[position] = _replace(worker, run, "died")
        elif worker.busy:
            reason = _over_limit(worker, run.options)
            if reason:
                pool[position] = _replace(worker, run, reason)


def _drain(worker: _Worker, run: _Run) -> None:
    """Read every message the worker has sent."""
    try:
        while worker.connection.poll():
            kind, value = worker.connection.recv()
            _handle(worker, run, kind, value)
    except (EOFError, OSError):
        return


def _handle(worker: _Worker, run: _Run, kind: str, value: Any) -> None:
    if kind == "budget":
        worker.budget = float(value)
        worker.deadline = worker.started + worker.budget + GRACE
    elif kind == "done" and worker.index is not None:
        run.results[worker.index] = value
        worker.retire = getattr(value, "error", None) == "LimitExceededError"
        worker.index = None
        worker.deadline = float("inf")
        if worker.queued and not worker.retire:
            _begin(worker, worker.queued.popleft(), run)


def _over_limit(worker: _Worker, options: ParseOptions) -> str:
    """``"time"`` or ``"memory"`` when the worker's file passed a hard bound, else ``""``."""
    if time.monotonic() > worker.deadline:
        return "time"
    if options.max_memory and rss_bytes(worker.process.pid or 0) - worker.baseline > options.max_memory * 1.25:
        return "memory"
    return ""


def _assign(worker: _Worker, index: int, run: _Run) -> None:
    """Send a file to a worker: parsed at once when it is idle, else next."""
    if worker.busy:
        worker.queued.append(index)
    else:
        _begin(worker, index, run)
    worker.connection.send(run.tasks[index])


def _begin(worker: _Worker, index: int, run: _Run) -> None:
    """The worker starts on ``index``: its clock starts."""
    worker.index = index
    worker.path = run.tasks[index].path
    worker.started = time.monotonic()
    timeout = run.options.timeout
    worker.budget = timeout
    worker.deadline = worker.started + timeout + GRACE if timeout else float("inf")


def _replace(worker: _Worker, run: _Run, reason: str) -> _Worker:
    """Kill a worker; its file (if any) fails for ``reason``, the files sent after it go back in line; a fresh worker."""
    if worker.index is not None and reason:
        run.results[worker.index] = _failure(worker, run.options, reason)
    run.queue.extendleft(reversed(worker.queued))
    _kill(worker)
    return _start(run.options)


def _failure(worker: _Worker, options: ParseOptions, reason: str) -> BatchResult:
    from lifang_parse.batch import ParseFailure
    from lifang_parse.limits import memory_error, time_error

    path = worker.path
    if reason == "time":
        error = time_error(path, worker.budget, f"the worker was stopped {GRACE:g} s past it")
        return ParseFailure(path=path, error="LimitExceededError", message=str(error))
    if reason == "memory":
        return ParseFailure(path=path, error="LimitExceededError", message=str(memory_error(path, options.max_memory)))
    code = worker.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return ParseFailure(
        path=path,
        error="WorkerCrashed",
        message=f"{path}: the worker process parsing this file died ({how}: a crash, or out of memory "
        f"with max_memory={megabytes(options.max_memory)})",
        expected=False,
    )


def _start(options: ParseOptions) -> _Worker:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context().Process(
        target=_worker_main, args=(child, options, os.getpid()), name="lifang-parse-worker", daemon=True
    )
    # A signal during the fork could be raised inside an at-fork hook, where it is lost; hold it
    # until the fork is done (the child unblocks it once it has its own handlers).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    child.close()
    worker = _Worker(process=process, connection=parent)
    worker.baseline = rss_bytes(process.pid or 0)
    return worker


def _kill(worker: _Worker) -> None:
    try:
        worker.process.kill()
    except (OSError, ValueError):
        pass
    worker.process.join(timeout=5)
    worker.connection.close()


def _stop(pool: list[_Worker]) -> None:
    """End every worker: idle ones are asked to leave, busy ones are killed."""
    for worker in pool:
        try:
            if worker.busy:
                worker.process.kill()
            else:
                worker.connection.send(None)
        except (OSError, ValueError):
            pass
    deadline = time.monotonic() + 2.0
    for worker in pool:
        worker.process.join(timeout=max(deadline - time.monotonic(), 0.0))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)
        worker.connection.close()


# --------------------------------------------------------------------------- in the worker


def _worker_main(connection: Connection, options: ParseOptions, parent: int) -> None:
    """Parse the tasks the parent sends, one at a time, until told to stop."""
    from lifang_parse.batch import ParseFailure, parse_task

    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
    _limit_address_space(options.max_memory)
    set_budget_listener(lambda seconds: connection.send(("budget", seconds)))
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = parse_task(task, options)
        try:
            connection.send(("done", result))
        except Exception as exc:  # noqa: BLE001 - a result that cannot travel is that file's failure
            connection.send(("done", ParseFailure(path=task.path, error=type(exc).__name__, message=f"{task.path}: {exc}", expected=False)))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (no orphans after ``kill -9``)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _limit_address_space(max_memory: int) -> None:
    """Cap the address space at what the worker has now, plus ``max_memory`` and some slack."""
    if not max_memory:
        return
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            size = next(int(line.split()[1]) * 1024 for line in handle if line.startswith("VmSize:"))
        limit = size + max_memory + _ADDRESS_SLACK
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, StopIteration):
        pass


__all__ = ["GRACE", "run_pool"]
