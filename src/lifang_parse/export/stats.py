"""What an archive holds, at a glance (the figures of ``lifang-parse stats``).

Works on an archive database or on parsed newsletters. Newsletters are
imported into an in-memory database first, so both paths run the very same
SQL, and the figures a user sees for files match those of the database they
would build from them: the same issue as PDF and as text counts once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lifang_parse.batch import BatchResult, ParseFailure
from lifang_parse.export._rows import FACT_TYPES
from lifang_parse.export.sqlite import FACT_TABLES, connect, import_newsletter

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
    #: Files stored: a newsletter imported from a PDF and from a text has two.
    sources: int = 0


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
        sources=scalar("SELECT count(*) FROM newsletter_sources"),
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
    overview.append(("source files", stats.sources))
    if stats.failed:
        overview.append(("files that failed", stats.failed))
    lines = table(("", "count"), overview, indent="")
    lines += ["", "items per agency per month"]
    lines += table(("month", "agency", "items"), stats.agency_months) if stats.agency_months else ["  (none)"]
    lines += ["", "warnings by code"]
    lines += table(("code", "count"), stats.warnings) if stats.warnings else ["  (none)"]
    return "\n".join(lines) + "\n"


def stats_from_results(results: Iterable[BatchResult]) -> tuple[ArchiveStats, list[ParseFailure]]:
    """Import the parsed newsletters into a throw-away database and read the figures; failures are listed."""
    connection = connect(":memory:")
    failures: list[ParseFailure] = []
    try:
        for result in results:
            if isinstance(result, ParseFailure):
                failures.append(result)
            else:
                import_newsletter(connection, result)
        return compute_stats(connection, failed=len(failures)), failures
    finally:
        connection.close()


__all__ = ["ArchiveStats", "compute_stats", "format_stats", "stats_from_results", "table"]
