"""``lifang-parse stats``: what an archive holds, at a glance.

Works on an archive database or on newsletter files. Files are parsed and
imported into an in-memory database first, so both paths run the very same
SQL, and the figures a user sees for files match those of the database they
would build from them.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TextIO

from lifang_parse.batch import BatchSummary, ParseFailure, collect_paths, parse_many
from lifang_parse.errors import LifangParseError
from lifang_parse.export._rows import FACT_TYPES
from lifang_parse.export.sqlite import FACT_TABLES, connect, import_newsletter, is_sqlite_file, open_readonly

PROG = "lifang-parse stats"

AGENCY_MONTHS_SQL = """
SELECT i.month, ia.agency_id, count(DISTINCT i.id) AS items
FROM items AS i JOIN item_agencies AS ia ON ia.item_pk = i.id
GROUP BY i.month, ia.agency_id
ORDER BY i.month IS NULL, i.month, items DESC, ia.agency_id
"""


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """The figures ``stats`` prints."""

    newsletters: int
    pdf: int
    text: int
    sections: int
    items: int
    facts: dict[str, int]
    agency_months: list[tuple[str | None, str, int]]
    warnings: list[tuple[str, int]]
    failed: int = 0


def compute_stats(connection: sqlite3.Connection, *, failed: int = 0) -> ArchiveStats:
    """Read the figures from an archive database (any connection to our schema)."""

    def scalar(sql: str) -> int:
        return int(connection.execute(sql).fetchone()[0])

    return ArchiveStats(
        newsletters=scalar("SELECT count(*) FROM newsletters"),
        pdf=scalar("SELECT count(*) FROM newsletters WHERE format = 'pdf'"),
        text=scalar("SELECT count(*) FROM newsletters WHERE format = 'text'"),
        sections=scalar("SELECT count(*) FROM sections"),
        items=scalar("SELECT count(*) FROM items"),
        facts={kind: scalar(f"SELECT count(*) FROM {FACT_TABLES[kind]}") for kind in FACT_TYPES},
        agency_months=[(row[0], row[1], int(row[2])) for row in connection.execute(AGENCY_MONTHS_SQL)],
        warnings=[
            (row[0], int(row[1]))
            for row in connection.execute("SELECT code, count(*) AS n FROM warnings GROUP BY code ORDER BY n DESC, code")
        ],
        failed=failed,
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, indent: str = "  ") -> list[str]:
    """Rows as aligned text: text left, numbers right."""
    cells = [[str(h) for h in headers]] + [["-" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(isinstance(row[i], int) for row in rows) and bool(rows) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [cell.rjust(w) if num else cell.ljust(w) for cell, w, num in zip(row, widths, numeric, strict=True)]
        lines.append((indent + "  ".join(parts)).rstrip())
    return lines


def format_stats(stats: ArchiveStats) -> str:
    """The report as plain text: four tables, one after the other."""
    overview: list[tuple[str, int]] = [
        ("newsletters", stats.newsletters),
        ("  pdf", stats.pdf),
        ("  text", stats.text),
        ("sections", stats.sections),
        ("items", stats.items),
        ("facts", sum(stats.facts.values())),
    ]
    overview += [(f"  {kind}", count) for kind, count in stats.facts.items()]
    if stats.failed:
        overview.append(("files that failed", stats.failed))
    lines = table(("", "count"), overview, indent="")
    lines += ["", "items per agency per month"]
    lines += table(("month", "agency", "items"), stats.agency_months) if stats.agency_months else ["  (none)"]
    lines += ["", "warnings by code"]
    lines += table(("code", "count"), stats.warnings) if stats.warnings else ["  (none)"]
    return "\n".join(lines) + "\n"


def stats_from_files(paths: Sequence[str], *, workers: int | None = None) -> tuple[ArchiveStats, list[ParseFailure]]:
    """Parse the files (in parallel), import them into a throw-away database, and read the figures."""
    connection = connect(":memory:")
    failures: list[ParseFailure] = []
    try:
        for result in parse_many(paths, workers=workers):
            if isinstance(result, ParseFailure):
                failures.append(result)
            else:
                import_newsletter(connection, result)
        return compute_stats(connection, failed=len(failures)), failures
    finally:
        connection.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Summarise an archive: newsletters, items, facts per type, items per agency per month, "
        "warnings by code. Give one archive database (from --format sqlite) or newsletter files.",
        epilog="Exit status: 0 ok, 2 bad input (the table still lists the files that parsed).",
    )
    parser.add_argument("inputs", nargs="+", metavar="DB_OR_FILES", help="an archive .db/.sqlite, or newsletter files, directories, globs")
    parser.add_argument("-r", "--recursive", action="store_true", help="walk directories recursively")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="parse files in N worker processes (default: all cores)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    return parser


def run_cli(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    """The ``stats`` subcommand; returns the exit status."""
    args = _parser().parse_args(list(argv))
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # one line per failed file, as in `parse`
    failures: list[ParseFailure] = []
    try:
        if len(args.inputs) == 1 and is_sqlite_file(args.inputs[0]):
            connection = open_readonly(args.inputs[0])
            try:
                stats = compute_stats(connection)
            finally:
                connection.close()
        else:
            paths = collect_paths(args.inputs, recursive=args.recursive)
            stats, failures = stats_from_files(paths, workers=args.jobs)
    except LifangParseError as exc:
        stderr.write(f"lifang-parse: {exc}\n")
        return 2
    for failure in failures:
        stderr.write(f"lifang-parse: {failure.message}\n")
    stdout.write(json.dumps(asdict(stats), ensure_ascii=False) + "\n" if args.json else format_stats(stats))
    if failures:
        parsed = len(paths) - len(failures)
        stderr.write(f"lifang-parse: {BatchSummary(parsed=parsed, failed=len(failures)).line()}\n")
    return 2 if failures else 0


__all__ = ["ArchiveStats", "compute_stats", "format_stats", "run_cli", "stats_from_files", "table"]
