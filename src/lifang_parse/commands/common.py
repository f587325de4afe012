"""What the commands share: input options, limits, the batch loop with progress and summary.

Nothing here imports the parser at module level: ``--help`` and
``--version`` must stay fast, so the library is imported when a command runs.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO

from lifang_parse.commands.console import Console

if TYPE_CHECKING:
    from lifang_parse.batch import BatchResult, Task

# Defaults repeated here so that building the parsers imports nothing heavy;
# tests check that they equal the library's.
DEFAULT_MAX_BYTES = 200_000_000
DEFAULT_MAX_PAGES = 2_000
DEFAULT_TIMEOUT = 3.0
DEFAULT_MAX_MEMORY = 320 * 2**20

_SIZE_RE = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def size(text: str) -> int:
    """``"512M"`` -> 536870912; a plain number is bytes; 0 means no limit."""
    match = _SIZE_RE.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 500M, 2G, 1000000)")
    return int(float(match["number"]) * _UNITS[match["unit"].lower()])


def seconds(text: str) -> float:
    """A non-negative number of seconds (0: no limit)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    return value


def positive_int(text: str) -> int:
    """An integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_inputs(parser: argparse.ArgumentParser, *, what: str = "newsletter files (PDF or text)") -> None:
    """FILE... (files, directories, globs, ``-``), ``-r``, ``--jobs``, ``--force-jobs``."""
    parser.add_argument("inputs", nargs="*", metavar="FILE",
                        help=f"{what}, directories, glob patterns, or - for standard input (also when nothing is named "
                        "and input is piped)")
    parser.add_argument("-r", "--recursive", action="store_true", help="walk directories (and '**' in patterns) recursively")
    parser.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                        help="parse in N worker processes (default: all cores; capped at the cores)")
    parser.add_argument("--force-jobs", action="store_true", help="allow --jobs above the number of cores")


def add_parse_options(parser: argparse.ArgumentParser) -> None:
    """Password, gazetteer and the limits of :func:`lifang_parse.parse_file`."""
    parser.add_argument("--password", help="password of encrypted PDFs")
    parser.add_argument("--gazetteer", metavar="PATH", help="your own agency gazetteer (JSON)")
    parser.add_argument("--reader", choices=("pdfium", "pdfplumber"),
                        help="PDF reader (default: pdfium when installed; pdfplumber is the reference reader)")
    limits = parser.add_argument_group(
        "limits", "Every file is parsed in a worker process within these bounds; a file over one fails alone. 0: no limit."
    )
    limits.add_argument("--max-bytes", type=size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                        help="refuse larger files (default 200M)")
    limits.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                        help="refuse PDFs with more pages (default %(default)s)")
    limits.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="time a file may take: this, plus 0.5 s per PDF page and per MB of text (default %(default)g)")
    limits.add_argument("--max-memory", type=size, default=DEFAULT_MAX_MEMORY, metavar="SIZE",
                        help="memory the parse of one file may add (default 320M)")


def add_display_options(parser: argparse.ArgumentParser) -> None:
    """``--quiet`` and ``--no-progress``."""
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only (no progress, notes or summary)")
    parser.add_argument("--no-progress", action="store_true", help="never draw the progress bar")


def console_for(args: argparse.Namespace, stderr: object) -> Console:
    """The console of a run, as ``--quiet`` and ``--no-progress`` say."""
    return Console(stderr, quiet=args.quiet, progress=not args.no_progress)  # type: ignore[arg-type]


def quiet_dependencies() -> None:
    """pdfminer logs oddities of damaged PDFs; the contract is one line per failed file."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def collect_tasks(args: argparse.Namespace, stdin: BinaryIO | None) -> list[Task]:
    """The inputs as tasks: ``-`` (or nothing named and a pipe on stdin) reads standard input.

    Raises :class:`~lifang_parse.errors.LifangParseError` (a pattern that
    matches nothing, standard input over ``--max-bytes``), and
    :class:`NoInput` when nothing was named and stdin is a terminal.
    """
    from lifang_parse.batch import Task, collect_paths
    from lifang_parse.files import STDIN, STDIN_LABEL, read_stdin

    named = list(args.inputs)
    if not named:
        if stdin is None and _stdin_is_terminal():
            raise NoInput("no input: name newsletter files, directories or patterns, or pipe one in (see --help)")
        named = [STDIN]
    tasks: list[Task] = []
    for name in collect_paths(named, recursive=args.recursive):
        if name == STDIN:
            tasks.append(Task(STDIN_LABEL, read_stdin(max_bytes=args.max_bytes, stream=stdin)))
        else:
            tasks.append(Task(name))
    return tasks


class NoInput(Exception):
    """Nothing to read: no file named, and standard input is a terminal."""


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return True


def run_batch(args: argparse.Namespace, tasks: Sequence[Task], console: Console, *, strict: bool = False,
              skipped: int = 0) -> Iterator[BatchResult]:
    """Parse ``tasks`` in workers, yielding each result in order; failures are printed, progress drawn.

    The caller counts the summary (``lifang_parse.batch.BatchSummary``).
    """
    from lifang_parse.batch import ParseFailure, parse_many, usable_cores, worker_count

    workers = worker_count(args.jobs, len(tasks), oversubscribe=args.force_jobs)
    cores = usable_cores()
    if args.jobs and args.jobs > cores:
        if args.force_jobs:
            console.note(f"--jobs {args.jobs} on {cores} core(s): more workers than cores (--force-jobs)")
        else:
            console.note(f"--jobs {args.jobs} capped at {cores}, the cores here (--force-jobs to run more)")
    results = parse_many(
        tasks, workers=workers, strict=strict, password=args.password, gazetteer=args.gazetteer,
        max_bytes=args.max_bytes, max_pages=args.max_pages, timeout=args.timeout, max_memory=args.max_memory,
        oversubscribe=args.force_jobs, reader=args.reader,
    )
    failed = 0
    with console.progress(len(tasks) + skipped) as progress:
        for _ in range(skipped):
            progress.advance(failed)
        for result in results:
            if isinstance(result, ParseFailure):
                failed += 1
                console.error(result.message)
            yield result
            progress.advance(failed)


__all__ = [
    "NoInput",
    "add_display_options",
    "add_inputs",
    "add_parse_options",
    "collect_tasks",
    "console_for",
    "positive_int",
    "quiet_dependencies",
    "run_batch",
    "seconds",
    "size",
]
