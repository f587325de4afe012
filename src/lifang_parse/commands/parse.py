"""``lifang-parse parse`` (the default command): newsletters to JSON, JSON Lines, CSV or SQLite."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, BinaryIO, TextIO

from lifang_parse.commands.common import (
    NoInput,
    add_display_options,
    add_inputs,
    add_parse_options,
    collect_tasks,
    console_for,
    quiet_dependencies,
    run_batch,
)
from lifang_parse.commands.console import PROG, Console
from lifang_parse.commands.status import EXIT_HELP, ExitStatus

if TYPE_CHECKING:
    from lifang_parse.batch import Task

FORMATS = ("json", "jsonl", "csv", "sqlite")
HELP = "parse newsletters into JSON, JSON Lines, CSV or SQLite (the default command)"
EXAMPLES = f"""examples:
  {PROG} issue.pdf                              one JSON object on stdout
  {PROG} issue.txt --pretty -o out/issue.json   indented, written atomically (folders made)
  cat issue.pdf | {PROG}                         standard input (also: {PROG} -)
  {PROG} a.pdf b.txt                            JSON Lines, one object per file
  {PROG} archive/ -r --jobs 2 --format sqlite -o archive.db
  {PROG} 'archive/**/*.pdf' -r --format csv --excel -o out/
  {PROG} archive/*.txt --format jsonl -o -      JSON Lines on stdout

A file named like a command is given as ./stats. {EXIT_HELP}"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``parse`` and its options."""
    parser = commands.add_parser("parse", help=HELP, description=HELP[0].upper() + HELP[1:] + ".", epilog=EXAMPLES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_inputs(parser)
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write to PATH (atomically; parent folders made; - is stdout); csv: a folder (ending in /) or "
                        "a file stem; sqlite: the database")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json (default: one object, JSON Lines for several files), jsonl, csv (items and facts "
                        "files), sqlite (a database, needs -o)")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON (one file, --format json)")
    parser.add_argument("--excel", action="store_true", help="csv: UTF-8 with a byte-order mark, so Excel shows Chinese")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    add_parse_options(parser)
    add_display_options(parser)
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None) -> int:
    """Parse the inputs into the sink of ``--format``; errors and the summary go to stderr."""
    from lifang_parse.errors import LifangParseError

    quiet_dependencies()
    console = console_for(args, stderr)
    if args.output in (None, "-") and _is_terminal(stdout):
        console.progress_allowed = False  # the bar would run through the JSON on the screen
    if args.format in ("csv", "sqlite") and args.output in (None, "-"):
        what = "a folder (ending in /) or a file stem" if args.format == "csv" else "the database file"
        args.parser.error(f"--format {args.format} needs -o with {what}")
    try:
        tasks = collect_tasks(args, stdin)
    except NoInput as exc:
        args.parser.error(str(exc))
    except LifangParseError as exc:
        console.error(str(exc))
        return ExitStatus.BAD_INPUT
    if not tasks:
        console.error(f"{' '.join(args.inputs)}: no newsletter files (.pdf, .txt, .text) found")
        return ExitStatus.BAD_INPUT
    _note_pretty(args, len(tasks), console)
    try:
        return _parse_into_sink(args, tasks, stdout, console)
    except LifangParseError as exc:  # the output cannot be written: not a database, a device, a full disk
        console.error(str(exc))
        return ExitStatus.BAD_INPUT


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _note_pretty(args: argparse.Namespace, files: int, console: Console) -> None:
    if not args.pretty:
        return
    if args.format != "json":
        console.note(f"--pretty is ignored with --format {args.format}")
    elif files > 1:
        console.note("--pretty is ignored with several files: the output is JSON Lines, one object per line")


def _parse_into_sink(args: argparse.Namespace, tasks: list[Task], stdout: TextIO, console: Console) -> int:
    from lifang_parse.batch import BatchSummary, ParseFailure
    from lifang_parse.export.sinks import open_sink

    status = ExitStatus.OK
    pretty = args.pretty and len(tasks) == 1
    with open_sink(args.format, args.output, stdout, pretty=pretty, excel=args.excel) as sink:
        todo = sink.pending(tasks)  # sqlite: files already imported are not parsed again
        summary = BatchSummary(skipped=len(tasks) - len(todo))
        for result in run_batch(args, todo, console, strict=args.strict, skipped=summary.skipped):
            summary = summary.add(result)
            if isinstance(result, ParseFailure):
                failure = ExitStatus.WARNINGS if result.is_strict_failure else ExitStatus.BAD_INPUT
                status = max(status, failure)
            else:
                sink.write(result)
    if len(tasks) > 1 or args.format in ("csv", "sqlite"):
        console.note(summary.line() + sink.note())
    return status


__all__ = ["FORMATS", "add_parser", "run"]
