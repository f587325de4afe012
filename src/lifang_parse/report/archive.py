"""An archive's index page: the newsletters, the items to triage, a chart of items per agency per month, all warnings.

Why: across an archive the analyst's first questions are "who acted when"
and "which items need a look". The index answers both: a table of every
item that the page's own script filters (agency, action type, month,
warning code), searches (titles) and sorts (:mod:`lifang_parse.report.triage`),
and a heat map of items per agency per month whose every cell is a link
that filters that table. Everything is computed here and written into the
page; the script only shows, hides and reorders rows, so the page needs no
library and no network, and without a script it still lists every item and
gives the chart's numbers as a table.

Month of an item: the month of its ``event`` date when it has one with at
least month precision, else the newsletter's masthead period, else "unknown".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lifang_parse.models import Newsletter, Warning
from lifang_parse.report.render import agency_label, environment, item_anchor, newsletter_title
from lifang_parse.report.triage import (
    SORT_COLUMNS,
    UNKNOWN_MONTH,
    default_source_link,
    filter_href,
    filters,
    item_month,
    item_rows,
    month_order,
    token,
)

LOW = (236, 243, 251)
HIGH = (16, 66, 138)


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    """One parsed newsletter of the archive and the page it was written to.

    ``source_href`` is the link to the source file as seen from the index
    (:func:`lifang_parse.report.triage.source_link`); without it the link is
    the newsletter's recorded ``source.path`` (an absolute path as a ``file:``
    URI, a relative one as is), and none for standard input.
    """

    newsletter: Newsletter
    href: str
    name: str
    source_href: str | None = None

    @property
    def title(self) -> str:
        return newsletter_title(self.newsletter)

    @property
    def source_link(self) -> str | None:
        return self.source_href if self.source_href is not None else default_source_link(self.newsletter)

    @property
    def fact_count(self) -> int:
        return sum(
            len(i.dates) + len(i.agencies) + len(i.counts) + len(i.amounts) + len(i.laws) + len(i.companies) + len(i.people)
            for i in self.newsletter.all_items()
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """A file of the archive that could not be parsed: listed, never hidden."""

    name: str
    message: str


@dataclass(frozen=True, slots=True)
class AgencyMonthTable:
    """Items per agency per month; ``agencies`` as (id, label, Chinese name), busiest first."""

    months: tuple[str, ...]
    agencies: tuple[tuple[str, str, str], ...]
    counts: dict[tuple[str, str], int]

    def count(self, agency_id: str, month: str) -> int:
        return self.counts.get((agency_id, month), 0)

    def agency_total(self, agency_id: str) -> int:
        return sum(n for (a, _), n in self.counts.items() if a == agency_id)

    def month_total(self, month: str) -> int:
        return sum(n for (_, m), n in self.counts.items() if m == month)


@dataclass(frozen=True, slots=True)
class HeatCell:
    """A cell of the heat map: its count, colours, and the link that filters the items table to it."""

    month: str
    count: int
    fill: str
    ink: str
    href: str


@dataclass(frozen=True, slots=True)
class HeatRow:
    """An agency's row of the heat map; its label links to all of its items."""

    agency: str
    label: str
    zh: str
    total: int
    href: str
    cells: tuple[HeatCell, ...]

    @property
    def token(self) -> str:
        return token(self.agency)


@dataclass(frozen=True, slots=True)
class HeatColumn:
    month: str
    total: int
    href: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    """The chart as an HTML table: sticky labels need HTML (an SVG cannot pin its labels while it scrolls)."""

    columns: tuple[HeatColumn, ...]
    rows: tuple[HeatRow, ...]
    maximum: int


@dataclass(frozen=True, slots=True)
class WarningRow:
    entry: ArchiveEntry
    warning: Warning
    href: str


def agency_month_counts(entries: Sequence[ArchiveEntry]) -> AgencyMonthTable:
    """Count each item once per agency it mentions, in its month."""
    counts: Counter[tuple[str, str]] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for entry in entries:
        for item in entry.newsletter.all_items():
            month = item_month(item, entry.newsletter.period)
            for agency in {a.id: a for a in item.agencies}.values():
                counts[(agency.id, month)] += 1
                names.setdefault(agency.id, (agency_label(agency), agency.name.zh or ""))
    months = sorted({m for _, m in counts}, key=month_order)
    totals: Counter[str] = Counter()
    for (agency_id, _), n in counts.items():
        totals[agency_id] += n
    order = sorted(totals, key=lambda a: (-totals[a], names[a][0].lower(), a))
    return AgencyMonthTable(
        months=tuple(months), agencies=tuple((a, *names[a]) for a in order), counts=dict(counts)
    )


def heat_map(table: AgencyMonthTable) -> HeatMap:
    """Lay the counts out as a heat map: one row per agency, one column per month, darker = more items."""
    maximum = max(table.counts.values(), default=0)
    columns = tuple(HeatColumn(month=m, total=table.month_total(m), href=filter_href(month=m)) for m in table.months)
    rows = tuple(
        HeatRow(
            agency=agency_id,
            label=label,
            zh=zh if zh != label else "",
            total=table.agency_total(agency_id),
            href=filter_href(agency=agency_id),
            cells=tuple(_heat_cell(agency_id, month, table.count(agency_id, month), maximum) for month in table.months),
        )
        for agency_id, label, zh in table.agencies
    )
    return HeatMap(columns=columns, rows=rows, maximum=maximum)


def _heat_cell(agency_id: str, month: str, count: int, maximum: int) -> HeatCell:
    fill, ink = _shade(count, maximum)
    return HeatCell(month=month, count=count, fill=fill, ink=ink, href=filter_href(agency=agency_id, month=month))


def _shade(count: int, maximum: int) -> tuple[str, str]:
    """Background and ink of a cell: from LOW to HIGH by count, white ink on the dark ones."""
    if count <= 0 or maximum <= 0:
        return "#f6f7f9", "#9aa3b0"
    t = 0.25 + 0.75 * count / maximum
    rgb = tuple(round(lo + (hi - lo) * t) for lo, hi in zip(LOW, HIGH))
    return "#{:02x}{:02x}{:02x}".format(*rgb), ("#ffffff" if t > 0.55 else "#10233a")


def warning_rows(entries: Sequence[ArchiveEntry]) -> tuple[WarningRow, ...]:
    """Every warning of the archive, each linked to its item on its newsletter's page."""
    rows: list[WarningRow] = []
    for entry in entries:
        ids = {item.id for item in entry.newsletter.all_items()}
        for warning in entry.newsletter.warnings:
            if warning.item_id and warning.item_id in ids:
                anchor = item_anchor(warning.item_id)
            elif warning.code == "unplaced_text":
                anchor = "unplaced"
            else:
                anchor = "warnings"
            rows.append(WarningRow(entry=entry, warning=warning, href=f"{entry.href}#{anchor}"))
    return tuple(rows)


def sort_entries(entries: Sequence[ArchiveEntry]) -> list[ArchiveEntry]:
    """Oldest first: by period, then publication number, then file name."""
    return sorted(entries, key=lambda e: (e.newsletter.period or "", e.newsletter.publication_number or 0, e.name))


def render_index(entries: Sequence[ArchiveEntry], *, failures: Sequence[Failure] = (), title: str = "Newsletter archive") -> str:
    """The archive's index page, one self-contained HTML document (its one script inline)."""
    ordered = sort_entries(entries)
    table = agency_month_counts(ordered)
    rows = item_rows(ordered)
    return environment().get_template("index.html.j2").render(
        title=title,
        entries=ordered,
        failures=list(failures),
        table=table,
        heat=heat_map(table),
        warnings=warning_rows(ordered),
        rows=rows,
        filters=filters(rows),
        columns=SORT_COLUMNS,
        item_total=len(rows),
    )


__all__ = [
    "HIGH",
    "LOW",
    "UNKNOWN_MONTH",
    "AgencyMonthTable",
    "ArchiveEntry",
    "Failure",
    "HeatMap",
    "agency_month_counts",
    "heat_map",
    "item_month",
    "render_index",
    "sort_entries",
    "warning_rows",
]
