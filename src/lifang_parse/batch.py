"""Parse an archive: many files, in parallel, one result per file, in order.

Analysts parse hundreds of issues at once, and one damaged file among them
must cost that file only. So :func:`parse_many` never raises for a file: each
result is either a :class:`~lifang_parse.models.Newsletter` or a
:class:`ParseFailure` naming the file, the error class and its message. Even
an unexpected exception, or a worker process that dies (a crash in a native
library, the out-of-memory killer), comes back as a failure of the file that
caused it, and the batch goes on.

Results come back in input order (so output is reproducible whatever the
scheduling), while at most a bounded number of files are in flight (so memory
stays flat on a long archive). Each file is parsed in a worker process under
hard time and memory limits (:mod:`lifang_parse.pool`).
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lifang_parse.api import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, PathLike, parse_bytes, parse_file
from lifang_parse.errors import InputError, LifangParseError
from lifang_parse.files import STDIN
from lifang_parse.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, memory_error
from lifang_parse.models import Newsletter

#: File name endings a directory or ``--recursive`` walk picks up. Named files
#: are parsed whatever their name (the format comes from the content).
ARCHIVE_SUFFIXES = (".pdf", ".txt", ".text")
_GLOB_CHARS = frozenset("*?[")


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
    timeout: float = DEFAULT_TIMEOUT
    max_memory: int = DEFAULT_MAX_MEMORY
    reader: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """One input of a batch: a file, or bytes already read (standard input, named ``path``)."""

    path: str
    data: bytes | None = None


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_many(
    paths: Iterable[PathLike | Task],
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    strict: bool = False,
    password: str | None = None,
    gazetteer: PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory: int = DEFAULT_MAX_MEMORY,
    isolate: bool = True,
    oversubscribe: bool = False,
    reader: str | None = None,
) -> Iterator[BatchResult]:
    """Parse every file, yielding a ``Newsletter`` or a ``ParseFailure`` per file, in input order.

    Files are parsed in persistent worker processes (:mod:`lifang_parse.pool`)
    under hard limits: a file that hangs, crashes or exhausts memory is a
    ``ParseFailure`` of that file, and the others go on. ``workers=None``
    uses every core; more workers than cores are used only with
    ``oversubscribe=True``, and never more than files. ``isolate=False``
    parses in this process instead (no worker: easier to debug; the limits
    are then only those :func:`~lifang_parse.api.parse_file` enforces
    itself). ``chunksize`` is accepted for compatibility and ignored: files
    go to the persistent workers one at a time. The other keywords are those
    of :func:`~lifang_parse.api.parse_file`.
    """
    del chunksize
    tasks = [path if isinstance(path, Task) else Task(os.fspath(path)) for path in paths]
    options = ParseOptions(
        strict=strict,
        password=password,
        gazetteer=None if gazetteer is None else os.fspath(gazetteer),
        max_bytes=max_bytes,
        max_pages=max_pages,
        timeout=timeout,
        max_memory=max_memory,
        reader=reader,
    )
    count = worker_count(workers, len(tasks), oversubscribe=oversubscribe)
    if not isolate or not tasks:
        return (parse_task(task, options) for task in tasks)
    from lifang_parse.pool import run_pool  # noqa: PLC0415 - multiprocessing only when a pool is used

    return run_pool(tasks, options, workers=count)


def worker_count(requested: int | None, files: int, *, oversubscribe: bool = False) -> int:
    """Workers for ``files`` files: as requested, capped at the cores (unless ``oversubscribe``) and the files."""
    cores = usable_cores()
    wanted = requested or cores
    if not oversubscribe:
        wanted = min(wanted, cores)
    return max(1, min(wanted, files))


def parse_one(path: str, options: ParseOptions = ParseOptions()) -> BatchResult:
    """Parse one file; every exception becomes a :class:`ParseFailure` (this is the worker's job)."""
    return parse_task(Task(path), options)


def parse_task(task: Task, options: ParseOptions = ParseOptions()) -> BatchResult:
    """Parse one task (a file, or bytes already read); every exception becomes a :class:`ParseFailure`."""
    path = task.path
    try:
        if task.data is not None:
            return parse_bytes(
                task.data, source_path=None, strict=options.strict, password=options.password,
                gazetteer=options.gazetteer, max_pages=options.max_pages, timeout=options.timeout,
                max_memory=options.max_memory, reader=options.reader,
            )
        return parse_file(
            path,
            strict=options.strict,
            password=options.password,
            gazetteer=options.gazetteer,
            max_bytes=options.max_bytes,
            max_pages=options.max_pages,
            timeout=options.timeout,
            max_memory=options.max_memory,
            reader=options.reader,
        )
    except LifangParseError as exc:
        return ParseFailure(path=path, error=type(exc).__name__, message=str(exc))
    except MemoryError:
        return ParseFailure(path=path, error="LimitExceededError", message=str(memory_error(path, options.max_memory)))
    except Exception as exc:  # noqa: BLE001 - a bug must cost one file, not the batch
        return ParseFailure(
            path=path,
            error=type(exc).__name__,
            message=f"{path}: internal error ({type(exc).__name__}: {exc}); please report it",
            expected=False,
        )


def collect_paths(inputs: Iterable[str], *, recursive: bool = False) -> list[str]:
    """Expand files, directories and glob patterns into the list of files to parse.

    Named files are kept as given (whatever their name; a missing one, or a
    FIFO, is kept too, so its error is reported in order). A directory gives
    its ``.pdf``, ``.txt`` and ``.text`` regular files (hidden files
    skipped), with ``recursive`` those of its subdirectories too. A pattern
    with ``*``, ``?`` or ``[`` that names no existing file is expanded
    (``**`` with ``recursive``). Walks and ``**`` never enter a symbolic link
    to a directory (no loops), patterns match regular files only, and a
    file reached twice (two names, a link) is listed once, under its first
    name. The result is in input order, directories and patterns sorted.
    Raises :class:`InputError` for a pattern that matches nothing.
    """
    seen: set[tuple[int, int] | str] = set()
    out: list[str] = []

    def add(name: str, *, named: bool = False) -> None:
        key = _identity(name)
        if key is None and not named:
            return
        if (key or name) not in seen:
            seen.add(key or name)
            out.append(name)

    for raw in inputs:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            for found in _walk(path, recursive=recursive):
                add(found)
        elif raw != STDIN and not os.path.lexists(raw) and _GLOB_CHARS & set(raw):
            matches = _glob(raw, recursive=recursive)
            if not matches:
                raise InputError("no file matches this pattern", path=raw)
            for match in matches:
                if Path(match).is_dir():
                    for found in _walk(Path(match), recursive=recursive):
                        add(found)
                else:
                    add(match, named=True)  # not a regular file: its error is reported in order
        else:
            add(raw, named=True)
    return out


def _identity(name: str) -> tuple[int, int] | None:
    """(device, inode) of a regular file (symbolic links followed); None for anything else."""
    try:
        info = os.stat(name)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _glob(pattern: str, *, recursive: bool) -> list[str]:
    """The pattern's matches, sorted; ``**`` never follows a symbolic link to a directory."""
    if not recursive or "**" not in pattern:
        return sorted(glob.glob(pattern))
    anchor, parts = _split_pattern(pattern)
    found: list[str] = []
    _match(anchor, parts, found)
    return sorted(set(found))


def _split_pattern(pattern: str) -> tuple[str, list[str]]:
    """``"a/b/**/*.txt"`` -> ``("a/b", ["**", "*.txt"])``: the literal folder, then the parts to match."""
    parts = pattern.split(os.sep)
    literal: list[str] = []
    while parts and not (_GLOB_CHARS & set(parts[0])):
        literal.append(parts.pop(0))
    if not parts:  # no pattern left: the last literal part is the name
        parts = [literal.pop()]
    anchor = os.sep.join(literal) if literal else ("" if not pattern.startswith(os.sep) else os.sep)
    if literal == [""]:
        anchor = os.sep
    return anchor, parts


def _match(folder: str, parts: list[str], found: list[str]) -> None:
    """Match ``parts`` below ``folder`` (hidden names only by a pattern that starts with a dot)."""
    head, rest = parts[0], parts[1:]
    if head == "**":
        if rest:
            _match(folder, rest, found)
        for entry in _entries(folder):
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                _match(os.path.join(folder, entry.name), parts, found)
        return
    for entry in _entries(folder):
        if entry.name.startswith(".") and not head.startswith("."):
            continue
        if not fnmatch.fnmatchcase(entry.name, head):
            continue
        path = os.path.join(folder, entry.name)
        if rest:
            if entry.is_dir():
                _match(path, rest, found)
        else:
            found.append(path)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder or ".") as listing:
            return list(listing)
    except OSError:
        return []


def _walk(directory: Path, *, recursive: bool) -> list[str]:
    """A directory's newsletter files (regular, not hidden), sorted; subfolders with ``recursive``, links to folders not entered."""
    candidates = directory.rglob("*") if recursive else directory.iterdir()
    found = []
    for candidate in candidates:
        relative = candidate.relative_to(directory).parts
        if any(part.startswith(".") for part in relative):
            continue
        if candidate.suffix.lower() in ARCHIVE_SUFFIXES and candidate.is_file():
            found.append(str(candidate))
    return sorted(found)


__all__ = [
    "ARCHIVE_SUFFIXES", "BatchResult", "BatchSummary", "ParseFailure", "ParseOptions", "Task", "collect_paths",
    "parse_many", "parse_one", "parse_task", "usable_cores", "worker_count",
]
