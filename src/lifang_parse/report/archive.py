"""An archive's index page: every newsletter, a chart of items per agency per month, all warnings.

Why: across an archive the analyst's first questions are "who acted when"
and "which pages need a look"; the index answers both and links into the
per-newsletter pages (:func:`lifang_parse.report.render.render_newsletter`).
The chart is inline SVG computed here, so the page needs no script, no
library and no network; its numbers are also given as a table.

Month of an item: the month of its ``event`` date when it has one with at
least month precision, else the newsletter's masthead period, else "unknown".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lifang_parse.models import Item, Newsletter, Warning
from lifang_parse.report.render import environment, item_anchor, newsletter_title

UNKNOWN_MONTH = "unknown"
_MONTH_RE = re.compile(r"^\d{4}-\d{2}")
_WIDE_RE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")

# Chart geometry, in SVG user units (CSS pixels).
CELL_WIDTH = 64
CELL_HEIGHT = 28
TOP = 56
TOTAL_WIDTH = 56
LOW = (236, 243, 251)
HIGH = (16, 66, 138)


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    """One parsed newsletter of the archive and the page it was written to."""

    newsletter: Newsletter
    href: str
    name: str

    @property
    def title(self) -> str:
        return newsletter_title(self.newsletter)

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
class ChartCell:
    x: int
    y: int
    count: int
    fill: str
    ink: str
    agency: str
    month: str


@dataclass(frozen=True, slots=True)
class ChartLabel:
    x: int
    y: int
    text: str
    total: int


@dataclass(frozen=True, slots=True)
class Chart:
    """A heat map laid out for the SVG template."""

    width: int
    height: int
    left: int
    top: int
    cell_width: int
    cell_height: int
    rows: tuple[ChartLabel, ...]
    columns: tuple[ChartLabel, ...]
    cells: tuple[ChartCell, ...]
    maximum: int
    total_x: int


@dataclass(frozen=True, slots=True)
class WarningRow:
    entry: ArchiveEntry
    warning: Warning
    href: str


def item_month(item: Item, period: str | None) -> str:
    """The month an item counts in (see the module docstring)."""
    for date in item.dates:
        if date.role == "event" and date.precision in ("day", "month") and _MONTH_RE.match(date.date):
            return date.date[:7]
    if period and _MONTH_RE.match(period):
        return period[:7]
    return UNKNOWN_MONTH


def agency_month_counts(entries: Sequence[ArchiveEntry]) -> AgencyMonthTable:
    """Count each item once per agency it mentions, in its month."""
    counts: Counter[tuple[str, str]] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for entry in entries:
        for item in entry.newsletter.all_items():
            month = item_month(item, entry.newsletter.period)
            for agency in {a.id: a for a in item.agencies}.values():
                counts[(agency.id, month)] += 1
                names.setdefault(agency.id, (agency.abbr or agency.name.en or agency.name.zh or agency.id, agency.name.zh or ""))
    months = sorted({m for _, m in counts}, key=lambda m: (m == UNKNOWN_MONTH, m))
    totals: Counter[str] = Counter()
    for (agency_id, _), n in counts.items():
        totals[agency_id] += n
    order = sorted(totals, key=lambda a: (-totals[a], names[a][0].lower(), a))
    return AgencyMonthTable(
        months=tuple(months), agencies=tuple((a, *names[a]) for a in order), counts=dict(counts)
    )


def chart_layout(table: AgencyMonthTable) -> Chart:
    """Place the heat map: one row per agency, one column per month, darker = more items."""
    labels = [f"{label} {zh}".strip() for _, label, zh in table.agencies]
    left = max([_text_width(text) for text in labels] + [60]) + 16
    maximum = max(table.counts.values(), default=0)
    cells: list[ChartCell] = []
    for row, (agency_id, label, _) in enumerate(table.agencies):
        for column, month in enumerate(table.months):
            n = table.count(agency_id, month)
            fill, ink = _shade(n, maximum)
            cells.append(
                ChartCell(x=left + column * CELL_WIDTH, y=TOP + row * CELL_HEIGHT, count=n, fill=fill, ink=ink, agency=label, month=month)
            )
    total_x = left + len(table.months) * CELL_WIDTH
    rows = tuple(
        ChartLabel(x=left - 8, y=TOP + i * CELL_HEIGHT + CELL_HEIGHT // 2, text=text, total=table.agency_total(a))
        for i, (text, (a, _, _)) in enumerate(zip(labels, table.agencies))
    )
    columns = tuple(
        ChartLabel(x=left + i * CELL_WIDTH + CELL_WIDTH // 2, y=TOP - 10, text=m, total=table.month_total(m))
        for i, m in enumerate(table.months)
    )
    return Chart(
        width=total_x + TOTAL_WIDTH + 8,
        height=TOP + len(table.agencies) * CELL_HEIGHT + 8,
        left=left,
        top=TOP,
        cell_width=CELL_WIDTH,
        cell_height=CELL_HEIGHT,
        rows=rows,
        columns=columns,
        cells=tuple(cells),
        maximum=maximum,
        total_x=total_x,
    )


def _text_width(text: str) -> int:
    """A rough width in pixels at 13px: CJK glyphs are about twice as wide as Latin ones."""
    return int(sum(13 if _WIDE_RE.match(ch) else 7.5 for ch in text))


def _shade(count: int, maximum: int) -> tuple[str, str]:
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
    """The archive's index page, one self-contained HTML document."""
    ordered = sort_entries(entries)
    table = agency_month_counts(ordered)
    return environment().get_template("index.html.j2").render(
        title=title,
        entries=ordered,
        failures=list(failures),
        table=table,
        chart=chart_layout(table),
        warnings=warning_rows(ordered),
        item_total=sum(len(e.newsletter.all_items()) for e in ordered),
    )
