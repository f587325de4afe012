"""The archive index's items table: one row per item, with what the page's script filters and sorts on.

Why: an analyst triaging hundreds of newsletters asks "what did the CAC do in
March", "which items carry a warning", "where is the fine against X". Every
answer is a subset of items, so the index lists every item once and lets the
page's own script (``triage.js.j2``) show, hide and reorder the rows. The
script reads only what this module puts into the rows' ``data-*`` attributes
and cells; it fetches nothing, builds no HTML and never sees text that the
template has not escaped.

Values the script compares (agency ids, action types, months, warning codes)
are written as *tokens*: percent-encoded, so a space-separated list of them
is unambiguous whatever a user's gazetteer calls an agency. The filter
controls' option values and the ``#filter:`` links of the chart use the same
tokens, so the script compares strings and never decodes anything.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from lifang_parse.models import Item, Newsletter
from lifang_parse.report.render import ACTION_TYPES, ActionBadge, agency_label, item_actions, item_anchor

if TYPE_CHECKING:
    from lifang_parse.report.archive import ArchiveEntry

UNKNOWN_MONTH = "unknown"
ANY_WARNING = "*"  # the warning filter's "any code"; no token is "*" (quote() escapes it)
FILTER_PREFIX = "#filter:"
_MONTH_RE = re.compile(r"^\d{4}-\d{2}")
_NUMBER_RE = re.compile(r"\d+")


def token(value: str) -> str:
    """A value as the script compares it: percent-encoded, so it holds no space and no quote."""
    return quote(value, safe="")


def filter_href(**filters: str) -> str:
    """A link that makes the index's script filter the items table (``#filter:agency=cac&month=2021-03``).

    Values are given raw and written as tokens; empty ones are left out.
    """
    return FILTER_PREFIX + urlencode({name: token(value) for name, value in filters.items() if value})


def item_month(item: Item, period: str | None) -> str:
    """The month an item counts in: its event date's, else the newsletter's period, else "unknown"."""
    for date in item.dates:
        if date.role == "event" and date.precision in ("day", "month") and _MONTH_RE.match(date.date):
            return date.date[:7]
    if period and _MONTH_RE.match(period):
        return period[:7]
    return UNKNOWN_MONTH


def event_date(item: Item) -> str:
    """The item's event date as extracted (any precision), or "" when it has none."""
    return next((date.date for date in item.dates if date.role == "event"), "")


# --------------------------------------------------------------------------- source links


def source_link(path: str | os.PathLike[str], index_dir: str | os.PathLike[str] | None = None) -> str:
    """A URL for a source file: relative to the index's folder when given (and on its drive), else a ``file:`` URI.

    Bytes that are not UTF-8 in a file name are percent-encoded as they are, so
    the link opens the very file.
    """
    target = Path(os.path.abspath(path))
    if index_dir is not None:
        try:
            relative = os.path.relpath(target, os.path.abspath(index_dir))
        except ValueError:  # another drive (Windows): no relative path
            pass
        else:
            return quote(os.fsencode(PurePath(relative).as_posix()))
    return "file://" + quote(os.fsencode(target.as_posix()))


def default_source_link(newsletter: Newsletter) -> str | None:
    """Where a newsletter came from, as recorded: an absolute path as a ``file:`` URI, a relative one as is."""
    path = newsletter.source.path
    if not path:
        return None
    if os.path.isabs(path):
        return source_link(path)
    return quote(os.fsencode(PurePath(path).as_posix()))


def item_source_href(base: str | None, newsletter: Newsletter, item: Item) -> str | None:
    """The item in its source: a PDF at the item's first page (``file.pdf#page=3``), a text file as a whole."""
    if base is None:
        return None
    page = item.location.page_start
    if newsletter.source.format == "pdf" and page:
        return f"{base}#page={page}"
    return base


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class AgencyTag:
    """An agency an item mentions: its id (what the filter compares), short label and full name."""

    id: str
    label: str
    name: str


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One row of the items table: an item, where it is, and the values the script filters and sorts on."""

    entry: ArchiveEntry
    entry_index: int
    item: Item
    item_index: int
    month: str
    event_date: str
    agencies: tuple[AgencyTag, ...]
    actions: tuple[ActionBadge, ...]
    warnings: tuple[str, ...]
    source_href: str | None

    @property
    def href(self) -> str:
        """The item on its newsletter's page."""
        return f"{self.entry.href}#{item_anchor(self.item.id)}"

    @property
    def agency_tokens(self) -> str:
        return _tokens(tag.id for tag in self.agencies)

    @property
    def action_tokens(self) -> str:
        return _tokens(badge.type for badge in self.actions)

    @property
    def month_token(self) -> str:
        return token(self.month)

    @property
    def warning_tokens(self) -> str:
        return _tokens(self.warnings)

    @property
    def search_text(self) -> str:
        """What the title search looks in: both titles (the script folds case and width)."""
        return " ".join(t for t in (self.item.title.zh, self.item.title.en) if t)

    @property
    def source_label(self) -> str:
        """How the source link reads: "PDF p. 3" or "text l. 12–30"."""
        location = self.item.location
        if self.entry.newsletter.source.format == "pdf" and location.page_start:
            return f"PDF p. {location.page_start}"
        return f"text l. {location.line_start}–{location.line_end}"

    def sort_key(self, column: str) -> str:
        """The string the script sorts a column by (plain string order; ties keep the archive's order)."""
        keys = {
            "newsletter": self.order,
            "period": f"{self.entry.newsletter.period or ''}|{self.order}",
            "item": _natural(self.item.id),
            "title-zh": (self.item.title.zh or "").casefold(),
            "title-en": (self.item.title.en or "").casefold(),
            "agencies": " ".join(tag.label.casefold() for tag in self.agencies),
            "actions": " ".join(badge.type for badge in self.actions),
            "warnings": " ".join(self.warnings),
            "date": self.event_date,
            "source": f"{self.entry.name.casefold()}|{self.item.location.page_start or 0:06d}|{self.item.location.line_start:08d}",
        }
        return keys[column]

    @property
    def order(self) -> str:
        """The archive's order: newsletters oldest first, items as printed."""
        return f"{self.entry_index:06d}.{self.item_index:05d}"


SORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("newsletter", "newsletter"),
    ("period", "period"),
    ("item", "item"),
    ("title-zh", "标题"),
    ("title-en", "title"),
    ("agencies", "agencies"),
    ("actions", "actions"),
    ("warnings", "warnings"),
    ("date", "event date"),
    ("source", "source"),
)


def item_rows(entries: Sequence[ArchiveEntry]) -> tuple[ItemRow, ...]:
    """Every item of the (already ordered) archive, with its warnings: its own and the newsletter's about it."""
    rows: list[ItemRow] = []
    for entry_index, entry in enumerate(entries):
        newsletter = entry.newsletter
        about: dict[str, list[str]] = {}
        for warning in newsletter.warnings:
            if warning.item_id:
                about.setdefault(warning.item_id, []).append(warning.code)
        base = entry.source_link
        for item_index, item in enumerate(newsletter.all_items()):
            rows.append(
                ItemRow(
                    entry=entry,
                    entry_index=entry_index,
                    item=item,
                    item_index=item_index,
                    month=item_month(item, newsletter.period),
                    event_date=event_date(item),
                    agencies=_agency_tags(item),
                    actions=item_actions(item),
                    warnings=tuple(dict.fromkeys([*(w.code for w in item.warnings), *about.get(item.id, [])])),
                    source_href=item_source_href(base, newsletter, item),
                )
            )
    return tuple(rows)


def _agency_tags(item: Item) -> tuple[AgencyTag, ...]:
    unique = {agency.id: agency for agency in item.agencies}.values()
    return tuple(
        AgencyTag(id=a.id, label=agency_label(a), name=" / ".join(n for n in (a.name.zh, a.name.en) if n)) for a in unique
    )


def _tokens(values: Iterable[str]) -> str:
    return " ".join(token(v) for v in dict.fromkeys(values))


def _natural(text: str) -> str:
    """"1.10" after "1.9": every run of digits zero-padded."""
    return _NUMBER_RE.sub(lambda m: m.group(0).zfill(8), text)


# --------------------------------------------------------------------------- filter controls


@dataclass(frozen=True, slots=True)
class FilterOption:
    """One choice of a filter control: the token it compares, what it reads, and the items it holds in all."""

    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Filters:
    """The choices of the four filter controls, from the rows themselves (no empty choice is offered)."""

    agencies: tuple[FilterOption, ...]
    actions: tuple[FilterOption, ...]
    months: tuple[FilterOption, ...]
    warnings: tuple[FilterOption, ...]


def filters(rows: Sequence[ItemRow]) -> Filters:
    """Count each choice over the rows; agencies by label, months in order, actions in the contract's order."""
    agencies: dict[str, AgencyTag] = {}
    agency_counts: Counter[str] = Counter()
    action_counts: Counter[str] = Counter()
    month_counts: Counter[str] = Counter()
    warning_counts: Counter[str] = Counter()
    for row in rows:
        for tag in row.agencies:
            agencies.setdefault(tag.id, tag)
            agency_counts[tag.id] += 1
        action_counts.update({badge.type for badge in row.actions})
        month_counts[row.month] += 1
        warning_counts.update(set(row.warnings))
    return Filters(
        agencies=tuple(
            FilterOption(token(a), _agency_option(agencies[a]), agency_counts[a])
            for a in sorted(agencies, key=lambda a: (agencies[a].label.casefold(), a))
        ),
        actions=tuple(
            FilterOption(token(t), t, action_counts[t])
            for t in sorted(action_counts, key=lambda t: (ACTION_TYPES.index(t) if t in ACTION_TYPES else len(ACTION_TYPES), t))
        ),
        months=tuple(FilterOption(token(m), m, month_counts[m]) for m in sorted(month_counts, key=month_order)),
        warnings=_warning_options(warning_counts, sum(1 for row in rows if row.warnings)),
    )


def _agency_option(tag: AgencyTag) -> str:
    return f"{tag.label} {tag.name}" if tag.name and tag.name != tag.label else tag.label


def _warning_options(counts: Counter[str], with_any: int) -> tuple[FilterOption, ...]:
    if not counts:
        return ()
    return (FilterOption(ANY_WARNING, "any warning", with_any), *(FilterOption(token(c), c, counts[c]) for c in sorted(counts)))


def month_order(month: str) -> tuple[bool, str]:
    """Months in calendar order, "unknown" last."""
    return (month == UNKNOWN_MONTH, month)


__all__ = [
    "ANY_WARNING",
    "FILTER_PREFIX",
    "SORT_COLUMNS",
    "AgencyTag",
    "FilterOption",
    "Filters",
    "ItemRow",
    "event_date",
    "filter_href",
    "filters",
    "item_month",
    "item_rows",
    "item_source_href",
    "source_link",
    "token",
]
