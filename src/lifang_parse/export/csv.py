"""CSV export: two files, one row per item and one row per fact.

Spreadsheets and ``pandas.read_csv`` are where many analysts start. One table
cannot hold items and their many facts without repeating or nesting, so there
are two: ``items`` (facts joined into one cell per type, for reading) and
``facts`` (one row each, for counting and pivoting), linked by the
newsletter's sha256 and the item id. Files are UTF-8, RFC 4180 quoting;
list cells join values with ``"; "``. Excel reads a CSV file as UTF-8 only
when it starts with a byte-order mark, so ``excel=True`` (``--excel``) writes
one; ``pandas`` and most tools need none.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from lifang_parse.atomic import atomic_text_files
from lifang_parse.files import display_path
from lifang_parse.export._rows import bilingual_label, event_date, fact_rows, item_month
from lifang_parse.models import Item, Newsletter, Section

ITEM_COLUMNS = (
    "newsletter_sha256", "source_path", "publication_number", "issue_number", "period",
    "section", "section_zh", "section_en", "item_id", "title_zh", "title_en", "event_date", "month",
    "dates", "agencies", "counts", "amounts", "laws", "companies", "people", "warnings",
)
FACT_COLUMNS = (
    "newsletter_sha256", "publication_number", "period", "item_id", "type", "value", "qualifier", "zh", "en",
)
JOIN = "; "


def csv_paths(output: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Where the two files go: in a directory ``DIR/items.csv`` and ``DIR/facts.csv``,
    else beside a stem ``STEM.items.csv`` and ``STEM.facts.csv`` (a ``.csv`` ending is dropped).
    """
    text = os.fspath(output)
    target = Path(text)
    if target.is_dir() or text.endswith(("/", os.sep)):
        return target / "items.csv", target / "facts.csv"
    stem = target.name[:-4] if target.name.lower().endswith(".csv") else target.name
    return target.with_name(f"{stem}.items.csv"), target.with_name(f"{stem}.facts.csv")


def item_row(newsletter: Newsletter, section_number: int, section: Section, item: Item) -> list[str]:
    """The ``items.csv`` row of one item (``section_number`` from 1)."""
    return [
        newsletter.source.sha256,
        display_path(newsletter.source.path or ""),
        _text(newsletter.publication_number),
        _text(newsletter.issue_number),
        newsletter.period or "",
        str(section_number),
        section.heading.zh or "",
        section.heading.en or "",
        item.id,
        item.title.zh or "",
        item.title.en or "",
        event_date(item) or "",
        item_month(item, newsletter.period) or "",
        JOIN.join(f"{d.date} {d.role}" for d in item.dates),
        JOIN.join(a.id for a in item.agencies),
        JOIN.join(f"{c.value} {c.unit}" for c in item.counts),
        JOIN.join(f"{a.value} {a.currency}" for a in item.amounts),
        JOIN.join(bilingual_label(law.title) for law in item.laws),
        JOIN.join(bilingual_label(c.name) for c in item.companies),
        JOIN.join(bilingual_label(p.name) for p in item.people),
        JOIN.join(w.code for w in item.warnings),
    ]


def fact_table_rows(newsletter: Newsletter, item: Item) -> list[list[str]]:
    """The ``facts.csv`` rows of one item."""
    head = [newsletter.source.sha256, _text(newsletter.publication_number), newsletter.period or "", item.id]
    return [head + [f.type, f.value, f.qualifier, f.zh or "", f.en or ""] for f in fact_rows(item)]


class CsvWriter:
    """Streams newsletters into the two CSV files; see :func:`open_csv`."""

    def __init__(self, items: TextIO, facts: TextIO) -> None:
        self._items = csv.writer(items)
        self._facts = csv.writer(facts)
        self._items.writerow(ITEM_COLUMNS)
        self._facts.writerow(FACT_COLUMNS)
        self.newsletters = 0

    def write(self, newsletter: Newsletter) -> None:
        """Add one newsletter's items and facts."""
        for number, section in enumerate(newsletter.sections, start=1):
            for item in section.items:
                self._items.writerow(item_row(newsletter, number, section, item))
                self._facts.writerows(fact_table_rows(newsletter, item))
        self.newsletters += 1


@contextmanager
def open_csv(output: str | os.PathLike[str], *, excel: bool = False) -> Iterator[CsvWriter]:
    """A :class:`CsvWriter` whose two files appear (atomically) when the block ends without error.

    ``excel``: UTF-8 with a byte-order mark (what Excel needs to show Chinese).
    """
    items_path, facts_path = csv_paths(output)
    encoding = "utf-8-sig" if excel else "utf-8"
    with atomic_text_files(items_path, facts_path, newline="", encoding=encoding) as (items, facts):
        yield CsvWriter(items, facts)


def write_csv(newsletters: Iterable[Newsletter], output: str | os.PathLike[str], *, excel: bool = False) -> tuple[Path, Path]:
    """Write the newsletters' items and facts; returns the two paths written."""
    with open_csv(output, excel=excel) as writer:
        for newsletter in newsletters:
            writer.write(newsletter)
    return csv_paths(output)


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


__all__ = ["FACT_COLUMNS", "ITEM_COLUMNS", "CsvWriter", "csv_paths", "fact_table_rows", "item_row", "open_csv", "write_csv"]
