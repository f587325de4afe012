"""Parse an archive: many files, in parallel, one result per file, in order.

Analysts parse hundreds of issues at once, and one damaged file among them
must cost that file only. So :func:`parse_many` never raises for a file: each
result is either a :class:`~lifang_parse.models.Newsletter` or a
:class:`ParseFailure` naming the file, the error class and its message. Even
an unexpected exception, or a worker process that dies (a crash in a native
library, the out-of-memory killer), comes back as a failure of the file that
caused it, and the batch goes on.

Results come back in input order (so output is reproducible whatever the
scheduling), while at most a bounded number of chunks are in flight (so memory
stays flat on a long archive).
"""

from __future__ import annotations

import glob
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lifang_parse.api import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, PathLike, parse_file
from lifang_parse.errors import InputError, LifangParseError
from lifang_parse.models import Newsletter

if TYPE_CHECKING:  # the pool machinery (multiprocessing) is imported only when a pool is used
    from concurrent.futures import Future, ProcessPoolExecutor

#: File name endings a directory or ``--recursive`` walk picks up. Named files
#: are parsed whatever their name (the format comes from the content).
ARCHIVE_SUFFIXES = (".pdf", ".txt", ".text")
_GLOB_CHARS = frozenset("*?[")
# Chunks in flight per worker: enough to keep every worker busy, few enough to
# keep finished-but-not-yet-yielded results small.
_WINDOW_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A file of the batch that did not parse.

    ``error`` is the exception's class name (``"NotANewsletterError"``,
    ``"StructureError"``, ... or, for a bug, e.g. ``"KeyError"``), so callers
    can branch on it without the exception object, which may not survive the
    trip back from a worker process.
    """

    path: str
    error: str
    message: str
    #: True for our own typed errors (bad input); False for a bug or a crash.
    expected: bool = True

    @property
    def is_strict_failure(self) -> bool:
        """The file parsed, but ``strict=True`` refused its warnings."""
        return self.error == "StructureError"

    def __str__(self) -> str:
        return self.message


#: What :func:`parse_many` yields for each input file.
BatchResult = Newsletter | ParseFailure


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Running totals of a batch: what the CLI's last line reports."""

    parsed: int = 0
    with_warnings: int = 0
    failed: int = 0
    #: Files not parsed because their content is already stored (SQLite re-import).
    skipped: int = 0

    @property
    def done(self) -> int:
        """Files finished so far (skipped ones included)."""
        return self.parsed + self.failed + self.skipped

    def add(self, result: BatchResult) -> BatchSummary:
        """The totals with one more result counted."""
        if isinstance(result, ParseFailure):
            return BatchSummary(self.parsed, self.with_warnings, self.failed + 1, self.skipped)
        return BatchSummary(self.parsed + 1, self.with_warnings + bool(result.warnings), self.failed, self.skipped)

    def line(self) -> str:
        """``"312 files: 298 parsed (41 with warnings), 14 failed"``."""
        files = "file" if self.done == 1 else "files"
        return f"{self.done} {files}: {self.parsed} parsed ({self.with_warnings} with warnings), {self.failed} failed"


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """The keyword arguments of :func:`~lifang_parse.api.parse_file`, picklable for workers."""

    strict: bool = False
    password: str | None = None
    gazetteer: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    reader: str | None = None


def parse_many(
    paths: Iterable[PathLike],
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    strict: bool = False,
    password: str | None = None,
    gazetteer: PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    reader: str | None = None,
) -> Iterator[BatchResult]:
    """Parse every file, yielding a ``Newsletter`` or a ``ParseFailure`` per file, in input order.

    ``workers=None`` uses every core (``os.cpu_count()``); ``workers=1`` parses
    in this process, without a pool (no start-up cost, easier to debug).
    ``chunksize`` files go to a worker at a time (default: small chunks, so
    a slow PDF does not hold back a long tail). The other keywords are those
    of :func:`~lifang_parse.api.parse_file`.
    """
    names = [os.fspath(path) for path in paths]
    options = ParseOptions(
        strict=strict,
        password=password,
        gazetteer=None if gazetteer is None else os.fspath(gazetteer),
        max_bytes=max_bytes,
        max_pages=max_pages,
        reader=reader,
    )
    count = min(workers or os.cpu_count() or 1, max(len(names), 1))
    if count <= 1 or len(names) <= 1:
        return (parse_one(name, options) for name in names)
    size = chunksize or _default_chunksize(len(names), count)
    return _parse_pooled(names, options, workers=count, chunksize=size)


def parse_one(path: str, options: ParseOptions = ParseOptions()) -> BatchResult:
    """Parse one file; every exception becomes a :class:`ParseFailure` (this is the worker's job)."""
    try:
        return parse_file(
            path,
            strict=options.strict,
            password=options.password,
            gazetteer=options.gazetteer,
            max_bytes=options.max_bytes,
            max_pages=options.max_pages,
            reader=options.reader,
        )
    except LifangParseError as exc:
        return ParseFailure(path=path, error=type(exc).__name__, message=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug must cost one file, not the batch
        return ParseFailure(
            path=path,
            error=type(exc).__name__,
            message=f"{path}: internal error ({type(exc).__name__}: {exc}); please report it",
            expected=False,
        )


def _parse_chunk(paths: Sequence[str], options: ParseOptions) -> list[BatchResult]:
    return [parse_one(path, options) for path in paths]


def _default_chunksize(files: int, workers: int) -> int:
    """About 8 chunks per worker, at most 8 files each: balance against per-task overhead."""
    return max(1, min(8, files // (workers * 8)))


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - deferred, see above

    return ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint)


def _parse_pooled(names: list[str], options: ParseOptions, *, workers: int, chunksize: int) -> Iterator[BatchResult]:
    """Run chunks in a pool, a bounded window at a time, yielding in input order.

    When the pool breaks (a worker died), every chunk in flight is lost. The
    head chunk is then re-run file by file, each in a fresh one-worker pool,
    which pins the crash on its file; the others are re-queued in a new pool.
    Every break thus settles at least one chunk, so the batch always ends.
    """
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    todo: deque[list[str]] = deque(names[i : i + chunksize] for i in range(0, len(names), chunksize))
    window = workers * _WINDOW_PER_WORKER
    pool = _new_pool(workers)
    in_flight: deque[tuple[list[str], Future[list[BatchResult]]]] = deque()
    try:
        while todo or in_flight:
            while todo and len(in_flight) < window:
                chunk = todo.popleft()
                in_flight.append((chunk, pool.submit(_parse_chunk, chunk, options)))
            chunk, future = in_flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [chunk for chunk, _ in in_flight]
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                yield from (_parse_isolated(name, options) for name in chunk)
                todo.extendleft(reversed(lost))
                pool = _new_pool(workers)
                continue
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _parse_isolated(path: str, options: ParseOptions) -> BatchResult:
    """Parse one file in its own process; a dying process is that file's failure."""
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    with _new_pool(1) as pool:
        try:
            return pool.submit(parse_one, path, options).result()
        except BrokenProcessPool:
            return ParseFailure(
                path=path,
                error="WorkerCrashed",
                message=f"{path}: the worker process parsing this file died (crash or out of memory)",
                expected=False,
            )


def collect_paths(inputs: Iterable[str], *, recursive: bool = False) -> list[str]:
    """Expand files, directories and glob patterns into the list of files to parse.

    Named files are kept as given (whatever their name; a missing one is kept
    too, so its error is reported in order). A directory gives its ``.pdf``,
    ``.txt`` and ``.text`` files (hidden files skipped), with ``recursive``
    those of its subdirectories too. A pattern with ``*``, ``?`` or ``[`` that
    names no existing file is expanded (``**`` with ``recursive``). The result
    is in input order, directories and patterns sorted, without duplicates.
    Raises :class:`InputError` for a pattern that matches nothing.
    """
    seen: set[str] = set()
    out: list[str] = []

    def add(name: str) -> None:
        if name not in seen:
            seen.add(name)
            out.append(name)

    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, recursive=recursive):
                add(found)
        elif not path.exists() and _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=recursive))
            if not matches:
                raise InputError("no file matches this pattern", path=raw)
            for match in matches:
                if Path(match).is_dir():
                    for found in _walk(Path(match), recursive=recursive):
                        add(found)
                else:
                    add(match)
        else:
            add(raw)
    return out


def _walk(directory: Path, *, recursive: bool) -> list[str]:
    candidates = directory.rglob("*") if recursive else directory.iterdir()
    found = []
    for candidate in candidates:
        relative = candidate.relative_to(directory).parts
        if any(part.startswith(".") for part in relative):
            continue
        if candidate.suffix.lower() in ARCHIVE_SUFFIXES and candidate.is_file():
            found.append(str(candidate))
    return sorted(found)


__all__ = ["ARCHIVE_SUFFIXES", "BatchResult", "BatchSummary", "ParseFailure", "ParseOptions", "collect_paths", "parse_many", "parse_one"]
