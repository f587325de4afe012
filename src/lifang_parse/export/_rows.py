"""Flat views of an item shared by the CSV and SQLite exports.

Both exports answer the same questions ("when did it happen", "which facts
does it state"), so the answers are computed once, here, as pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from lifang_parse.models import Bilingual, Item

#: Fact types, in the order of the contract's item fields.
FACT_TYPES = ("date", "agency", "count", "amount", "law", "company", "person")


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of an item, flattened: ``value`` is what to group by, ``qualifier`` refines it.

    date: ISO date, qualifier the role; agency: its id, qualifier the country,
    zh/en the agency's names; count: the number, qualifier the unit; amount:
    the number, qualifier the currency; law, company, person: the name
    (Chinese, else English), no qualifier.
    """

    type: str
    value: str
    qualifier: str
    zh: str | None
    en: str | None


def event_date(item: Item) -> str | None:
    """The story's lead date (role ``event``), ISO, or None."""
    for fact in item.dates:
        if fact.role == "event":
            return fact.date
    return None


def item_month(item: Item, period: str | None) -> str | None:
    """The month an item belongs to: its event date's month, else the newsletter's period."""
    date = event_date(item)
    if date is not None and len(date) >= 7:
        return date[:7]
    return period


def _name(text: Bilingual) -> str:
    return text.zh or text.en or ""


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def fact_rows(item: Item) -> list[FactRow]:
    """Every fact of the item, by type in contract order, each type in document order."""
    rows = [FactRow("date", d.date, d.role, d.zh, d.en) for d in item.dates]
    rows += [FactRow("agency", a.id, a.country or "", a.name.zh, a.name.en) for a in item.agencies]
    rows += [FactRow("count", str(c.value), c.unit, c.zh, c.en) for c in item.counts]
    rows += [FactRow("amount", _number(a.value), a.currency, a.zh, a.en) for a in item.amounts]
    rows += [FactRow("law", _name(law.title), "", law.title.zh, law.title.en) for law in item.laws]
    rows += [FactRow("company", _name(c.name), "", c.name.zh, c.name.en) for c in item.companies]
    rows += [FactRow("person", _name(p.name), "", p.name.zh, p.name.en) for p in item.people]
    return rows


def bilingual_label(text: Bilingual) -> str:
    """``"网络安全法 / Cybersecurity Law"``, or the one language present."""
    return " / ".join(part for part in (text.zh, text.en) if part)
