"""``lifang-parse stats``: an archive's figures, from its database or straight from the files."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from collections.abc import Iterator
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
    from lifang_parse.batch import ParseFailure
    from lifang_parse.export.stats import ArchiveStats

HELP = "summarise an archive: newsletters, items, facts, agencies per month, warnings"
EXAMPLES = f"""examples:
  {PROG} stats archive.db            from a database made with --format sqlite
  {PROG} stats archive/ -r --jobs 2  the same figures, straight from the files
  {PROG} stats archive.db --json     one JSON object

The same issue as PDF and as text counts once (one newsletter, two source files). {EXIT_HELP}"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``stats`` and its options."""
    parser = commands.add_parser("stats", help=HELP, description=HELP[0].upper() + HELP[1:] + ".", epilog=EXAMPLES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_inputs(parser, what="an archive database (.db), or newsletter files")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    add_parse_options(parser)
    add_display_options(parser)
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None) -> int:
    """Print the figures; failed files are reported and counted (exit 2)."""
    from lifang_parse.errors import LifangParseError
    from lifang_parse.export.sqlite import is_sqlite_file

    quiet_dependencies()
    console = console_for(args, stderr)
    failures: list[ParseFailure] = []
    try:
        if len(args.inputs) == 1 and is_sqlite_file(args.inputs[0]):
            stats = _from_database(args.inputs[0])
        else:
            stats, failures = _from_files(args, stdin, console)
    except NoInput as exc:
        args.parser.error(str(exc))
    except LifangParseError as exc:
        console.error(str(exc))
        return ExitStatus.BAD_INPUT
    from lifang_parse.export.stats import format_stats

    stdout.write(json.dumps(asdict(stats), ensure_ascii=False) + "\n" if args.json else format_stats(stats))
    return ExitStatus.BAD_INPUT if failures else ExitStatus.OK


def _from_database(path: str) -> ArchiveStats:
    from lifang_parse.export.sqlite import open_readonly
    from lifang_parse.export.stats import compute_stats

    connection = open_readonly(path)
    try:
        return compute_stats(connection)
    finally:
        connection.close()


def _from_files(args: argparse.Namespace, stdin: BinaryIO | None, console: Console) -> tuple[ArchiveStats, list[ParseFailure]]:
    from lifang_parse.batch import BatchSummary, BatchResult
    from lifang_parse.export.stats import stats_from_results

    tasks = collect_tasks(args, stdin)
    summary = BatchSummary()

    def counted() -> Iterator[BatchResult]:
        nonlocal summary
        for result in run_batch(args, tasks, console):
            summary = summary.add(result)
            yield result

    stats, failures = stats_from_results(counted())
    if len(tasks) > 1 or failures:
        console.note(summary.line())
    return stats, failures


__all__ = ["add_parser", "run"]
