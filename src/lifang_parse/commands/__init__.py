"""The command-line tool, ``lifang-parse``: a thin shell over the library, every command in one place.

    lifang-parse FILE...          parse (the default command): JSON, JSON Lines, CSV, SQLite
    lifang-parse stats ARCHIVE    an archive's figures
    lifang-parse report FILE|DIR  HTML review pages
    lifang-parse schema           the JSON Schema of the output

Each command is a module with ``add_parser`` and ``run``. The library never
prints and imports nothing from here; the commands import the library only
when they run, so ``--help``, ``--version`` and ``schema`` start fast.
Exit statuses are :class:`~lifang_parse.commands.status.ExitStatus`.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import BinaryIO, TextIO

from lifang_parse import __version__
from lifang_parse.commands import parse, report, schema, stats
from lifang_parse.commands.console import PROG, Console
from lifang_parse.commands.status import EXIT_HELP, ExitStatus

COMMANDS = {"parse": parse, "stats": stats, "report": report, "schema": schema}
DEFAULT_COMMAND = "parse"
_TOP_LEVEL = frozenset({"-h", "--help", "--version"})


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with one subcommand per module of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parse bilingual (Chinese + English) regulatory newsletters, PDF or text, into validated data.",
        epilog=f"""examples:
  {PROG} issue.pdf --pretty                         parse (the default command): JSON on stdout
  {PROG} archive/ -r --format sqlite -o archive.db  an archive into SQLite, in parallel
  {PROG} stats archive.db                           what the archive holds
  {PROG} report archive/ -o site/index.html         HTML review pages
  {PROG} schema                                     the JSON Schema of the output

'{PROG} COMMAND --help' tells more. {EXIT_HELP}""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for module in COMMANDS.values():
        module.add_parser(commands)
    return parser


def with_default_command(arguments: Sequence[str]) -> list[str]:
    """``lifang-parse FILE`` means ``lifang-parse parse FILE`` (a file named like a command: ``./stats``)."""
    listed = list(arguments)
    if listed and (listed[0] in COMMANDS or listed[0] in _TOP_LEVEL):
        return listed
    return [DEFAULT_COMMAND, *listed]


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Run the CLI; returns the exit status (the console script exits with it).

    ``stdin`` replaces standard input (tests); None reads the process's own.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    try:
        with _terminate_as_interrupt():
            return int(args.run(args, out, err, stdin))
    except BrokenPipeError:  # `lifang-parse x | head`
        _silence_stdout()
        return ExitStatus.OK
    except _Terminated:
        Console(err).error("terminated")
        return ExitStatus.TERMINATED
    except KeyboardInterrupt:
        Console(err).error("interrupted")
        return ExitStatus.INTERRUPTED


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that workers are stopped and temporary files removed."""


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While a command runs, ``kill`` unwinds it like Ctrl-C (clean-up runs) instead of ending the process."""
    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


__all__ = ["COMMANDS", "build_parser", "main", "with_default_command"]
