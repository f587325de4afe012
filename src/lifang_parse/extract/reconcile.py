"""Cross-language matching: one fact per value, both languages' phrases on it.

Why: each story is written twice; a fact the two versions agree on is
reliable, and one found in a single language is either an extraction miss or
a translation slip, which a reviewer wants to see (``translation_mismatch``).
Facts are matched by value: same date (role agreeing, else the more specific
role), same agency id, same count (unit agreeing, else the Chinese
classifier's unit, the more reliable), same amount and currency; laws,
companies and people are paired by the extractors' keys, else in order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from lifang_parse.extract.actions import ActionMention
from lifang_parse.extract.agencies import AgencyMention
from lifang_parse.extract.amounts import AmountMention
from lifang_parse.extract.counts import CountMention
from lifang_parse.extract.dates import DateMention
from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.laws import pair_titles
from lifang_parse.extract.mention import NameMention
from lifang_parse.extract.people import pinyin_matches
from lifang_parse.models import (
    ActionFact,
    AgencyFact,
    AmountFact,
    Bilingual,
    CountFact,
    DateFact,
    LawFact,
    Named,
    Warning,
)

MISMATCH = "translation_mismatch"

T = TypeVar("T")


def _warn(item_id: str | None, what: str, lang: str, phrase: str | None) -> Warning:
    other = "en" if lang == "zh" else "zh"
    shown = f" (“{phrase}”)" if phrase else ""
    return Warning(code=MISMATCH, message=f"{what} found in {lang} only, not in {other}{shown}", item_id=item_id)


def _first_by_key(mentions: Sequence[T], key: Callable[[T], Hashable]) -> dict[Hashable, T]:
    out: dict[Hashable, T] = {}
    for m in mentions:
        out.setdefault(key(m), m)
    return out


def _match(
    zh: Sequence[T],
    en: Sequence[T],
    exact: Callable[[T], Hashable],
    loose: Callable[[T], Hashable],
) -> list[tuple[T | None, T | None]]:
    """Pair mentions: same exact key first, then same loose key; singles stay unpaired. Order: zh, then en-only."""
    zh_by = _first_by_key(zh, exact)
    en_by = _first_by_key(en, exact)
    pairs: dict[Hashable, tuple[T | None, T | None]] = {}
    for k, z in zh_by.items():
        pairs[k] = (z, en_by.get(k))
    for k, e in en_by.items():
        if k not in pairs:
            pairs[k] = (None, e)
    # Loose pass: a zh-only and an en-only fact with the same loose key are one fact.
    zh_only = [k for k, (z, e) in pairs.items() if e is None]
    en_only = [k for k, (z, e) in pairs.items() if z is None]
    for kz in zh_only:
        z_only = pairs[kz][0]
        for ke in en_only:
            e_only = pairs.get(ke, (None, None))[1]
            if e_only is not None and z_only is not None and loose(z_only) == loose(e_only):
                pairs[kz] = (z_only, e_only)
                del pairs[ke]
                en_only.remove(ke)
                break
    return list(pairs.values())


_ROLE_RANK = {"event": 0, "deadline": 1, "as_of": 2, "range_start": 3, "range_end": 3, "mentioned": 9}


def reconcile_dates(
    zh: Sequence[DateMention], en: Sequence[DateMention], *, item_id: str | None, bilingual: bool
) -> tuple[list[DateFact], list[Warning]]:
    """One DateFact per (date, role); a date in one language only is a mismatch."""
    facts: list[DateFact] = []
    warnings: list[Warning] = []
    for z, e in _match(zh, en, lambda m: (m.date, m.role), lambda m: m.date):
        one = z or e
        assert one is not None
        role = one.role
        if z and e and z.role != e.role:
            role = min((z.role, e.role), key=lambda r: _ROLE_RANK[r])
        written = (z is not None and z.year_written) or (e is not None and e.year_written)
        facts.append(
            DateFact(
                date=one.date,
                precision=one.precision,
                role=role,  # type: ignore[arg-type]
                zh=z.text if z else None,
                en=e.text if e else None,
                year_inferred=not written,
            )
        )
        if bilingual and (z is None or e is None):
            warnings.append(_warn(item_id, f"date {one.date} ({role})", "zh" if z else "en", one.text))
    # A deduplicated fact list: (date, role) distinct after role merging.
    seen: set[tuple[str, str]] = set()
    unique = []
    for f in facts:
        if (f.date, f.role) not in seen:
            seen.add((f.date, f.role))
            unique.append(f)
    return unique, warnings


def reconcile_agencies(
    zh: Sequence[AgencyMention], en: Sequence[AgencyMention], gazetteer: Gazetteer, *, item_id: str | None, bilingual: bool
) -> tuple[list[AgencyFact], list[Warning]]:
    """One AgencyFact per id with every mention; an id in one language only is a mismatch."""
    order: list[str] = []
    mentions: dict[str, list[str]] = {}
    langs: dict[str, set[str]] = {}
    for lang, group in (("zh", zh), ("en", en)):
        for m in group:
            if m.id not in mentions:
                order.append(m.id)
                mentions[m.id] = []
                langs[m.id] = set()
            if m.text not in mentions[m.id]:
                mentions[m.id].append(m.text)
            langs[m.id].add(lang)
    facts: list[AgencyFact] = []
    warnings: list[Warning] = []
    for aid in order:
        agency = gazetteer.agencies[aid]
        facts.append(
            AgencyFact(
                id=aid,
                name=Bilingual(zh=agency.name_zh, en=agency.name_en),
                abbr=agency.abbr,
                country=agency.country,
                mentions=mentions[aid],
            )
        )
        if bilingual and len(langs[aid]) == 1:
            (lang,) = langs[aid]
            warnings.append(_warn(item_id, f"agency {aid}", lang, mentions[aid][0]))
    return facts, warnings


def reconcile_counts(
    zh: Sequence[CountMention], en: Sequence[CountMention], *, item_id: str | None, bilingual: bool
) -> tuple[list[CountFact], list[Warning]]:
    """One CountFact per (value, unit); a count in one language only is a mismatch.

    An English back-reference ("Both acts still need ...", ``anaphoric``) is no count: a Chinese count of the
    same value that English renders only that way ("两部法案尚待...") refers back to things already named.
    A count whose unit came from an ambiguous noun (``weak``: 四个方面, "four areas" or "four categories")
    stands in a bilingual item only when the other language gives the same value; else it is no count.
    """
    facts: list[CountFact] = []
    warnings: list[Warning] = []
    backrefs = [e.value for e in en if e.anaphoric]
    en = [e for e in en if not e.anaphoric]
    for z, e in _match(zh, en, lambda m: (m.value, m.unit), lambda m: m.value):
        one = z or e
        assert one is not None
        if e is None and z is not None and z.value in backrefs:
            backrefs.remove(z.value)
            continue
        if bilingual and (z is None or e is None) and one.weak:
            continue  # an ambiguous noun the other language does not confirm as a count
        unit = z.unit if z else one.unit
        if any(f.value == one.value and f.unit == unit for f in facts):
            continue
        approximate = (z is not None and z.approximate) or (e is not None and e.approximate)
        facts.append(CountFact(value=one.value, unit=unit, zh=z.text if z else None, en=e.text if e else None, approximate=approximate))  # type: ignore[arg-type]
        if bilingual and (z is None or e is None):
            warnings.append(_warn(item_id, f"count {one.value} {unit}", "zh" if z else "en", one.text))
    return facts, warnings


def reconcile_amounts(
    zh: Sequence[AmountMention], en: Sequence[AmountMention], *, item_id: str | None, bilingual: bool
) -> tuple[list[AmountFact], list[Warning]]:
    """One AmountFact per (value, currency); an amount in one language only is a mismatch."""
    facts: list[AmountFact] = []
    warnings: list[Warning] = []
    key = lambda m: (m.value, m.currency)  # noqa: E731
    for z, e in _match(zh, en, key, key):
        one = z or e
        assert one is not None
        facts.append(AmountFact(value=one.value, currency=one.currency, zh=z.text if z else None, en=e.text if e else None))
        if bilingual and (z is None or e is None):
            warnings.append(_warn(item_id, f"amount {one.value} {one.currency}", "zh" if z else "en", one.text))
    return facts, warnings


def reconcile_laws(
    zh_body: Sequence[str],
    en_body: Sequence[str],
    zh_title: Sequence[str] = (),
    en_title: Sequence[str] = (),
    *,
    item_id: str | None,
    bilingual: bool,
) -> tuple[list[LawFact], list[Warning]]:
    """Body titles paired in order, then the titles' own extras; a count that differs is a mismatch."""
    warnings: list[Warning] = []
    pairs, differ = pair_titles(zh_body, en_body) if bilingual else ([(z, None) for z in zh_body] + [(None, e) for e in en_body], False)
    if differ:
        warnings.append(
            Warning(
                code=MISMATCH,
                message=f"law titles: {len(zh_body)} in zh (《》), {len(en_body)} in en (*italic*); paired in order",
                item_id=item_id,
            )
        )
    extra_zh = [t for t in zh_title if t not in zh_body]
    extra_en = [t for t in en_title if t not in en_body and t not in {e for _, e in pairs}]
    if extra_zh or extra_en:
        title_pairs, title_differ = pair_titles(extra_zh, extra_en) if bilingual else ([(z, None) for z in extra_zh] + [(None, e) for e in extra_en], False)
        pairs += title_pairs
        if title_differ:
            warnings.append(
                Warning(code=MISMATCH, message=f"law titles in the headline: {len(extra_zh)} in zh, {len(extra_en)} in en", item_id=item_id)
            )
    return [LawFact(title=Bilingual(zh=z, en=e)) for z, e in pairs], warnings


def _pair_names(
    zh: Sequence[NameMention], en: Sequence[NameMention], same: Callable[[NameMention, NameMention], bool]
) -> list[tuple[NameMention | None, NameMention | None]]:
    """Pair by `same`, then the leftovers in order of appearance."""
    pairs: list[tuple[NameMention | None, NameMention | None]] = []
    en_left = list(en)
    zh_left: list[NameMention] = []
    for z in zh:
        hit = next((e for e in en_left if same(z, e)), None)
        if hit is not None:
            en_left.remove(hit)
            pairs.append((z, hit))
        else:
            zh_left.append(z)
    # Leftovers that no gazetteer or gloss ties down (name shapes) pair in order.
    zh_free = [z for z in zh_left if not z.known]
    en_free = [e for e in en_left if not e.known]
    for z, e in zip(zh_free, en_free, strict=False):
        pairs.append((z, e))
        zh_left.remove(z)
        en_left.remove(e)
    pairs += [(z, None) for z in zh_left] + [(None, e) for e in en_left]
    return pairs


def reconcile_names(
    zh: Sequence[NameMention], en: Sequence[NameMention], *, kind: str, item_id: str | None, bilingual: bool
) -> tuple[list[Named], list[Warning]]:
    """Companies (kind="company") paired by gazetteer key, people (kind="person") by surname pinyin; else in order."""
    if kind == "company":
        same = lambda z, e: z.key is not None and z.key == e.key  # noqa: E731
    else:
        same = pinyin_matches
    facts: list[Named] = []
    warnings: list[Warning] = []
    for z, e in _pair_names(zh, en, same) if bilingual else [(z, None) for z in zh] + [(None, e) for e in en]:
        forms = list(dict.fromkeys([*(z.forms if z else ()), *(e.forms if e else ())]))
        facts.append(Named(name=Bilingual(zh=z.text if z else None, en=e.text if e else None), mentions=forms))
        if bilingual and (z is None or e is None):
            one = z or e
            assert one is not None
            warnings.append(_warn(item_id, kind, "zh" if z else "en", one.text))
    return facts, warnings


def _merge_same(mentions: Sequence[ActionMention]) -> dict[tuple[str, str | None], ActionMention]:
    """One act per (type, agency) in one language: the first one's count, sum and date (the lead act),
    every one's targets and laws."""
    out: dict[tuple[str, str | None], ActionMention] = {}
    for m in mentions:
        key = (m.type, m.agency)
        first = out.get(key)
        if first is None:
            out[key] = m
            continue
        out[key] = replace(
            first,
            targets=(*first.targets, *(t for t in m.targets if t not in first.targets)),
            laws=(*first.laws, *(t for t in m.laws if t not in first.laws)),
            count=first.count or m.count,
            amount=first.amount or m.amount,
        )
    return out


def _pair_actions(
    zh: dict[tuple[str, str | None], ActionMention], en: dict[tuple[str, str | None], ActionMention]
) -> list[tuple[ActionMention | None, ActionMention | None]]:
    """Same (type, agency) first; then an act whose actor one language leaves unnamed pairs with the same
    type in the other."""
    pairs: list[tuple[ActionMention | None, ActionMention | None]] = [(z, en.get(k)) for k, z in zh.items()]
    pairs += [(None, e) for k, e in en.items() if k not in zh]
    for i, (z, e) in enumerate(pairs):
        if z is None or e is not None:
            continue
        for j, (z2, e2) in enumerate(pairs):
            if z2 is None and e2 is not None and e2.type == z.type and None in (z.agency, e2.agency):
                pairs[i], pairs[j] = (z, e2), (None, None)
                break
    return [p for p in pairs if p[0] is not None or p[1] is not None]


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """The item's reconciled facts an action refers to (its targets, count, sum and laws are among them)."""

    companies: Sequence[Named]
    counts: Sequence[CountFact]
    amounts: Sequence[AmountFact]
    laws: Sequence[LawFact]


def _action_fact(z: ActionMention | None, e: ActionMention | None, facts: ItemFacts) -> ActionFact:
    """One ActionFact from the two languages' mentions of it, pointing at the item's own facts."""
    one = z or e
    assert one is not None
    zt = set(z.targets) if z else set()
    et = set(e.targets) if e else set()
    targets = [n for n in facts.companies if (n.name.zh in zt or n.name.en in et or zt & set(n.mentions) or et & set(n.mentions))]
    count = next((c for m in (z, e) if m and m.count for c in facts.counts if (c.value, c.unit) == (m.count.value, m.count.unit)), None)
    amount = next(
        (a for m in (z, e) if m and m.amount for a in facts.amounts if (a.value, a.currency) == (m.amount.value, m.amount.currency)), None
    )
    zl = set(z.laws) if z else set()
    el = set(e.laws) if e else set()
    laws = [law.title for law in facts.laws if law.title.zh in zl or law.title.en in el]
    return ActionFact(
        type=one.type,
        agency=(z.agency if z and z.agency else None) or (e.agency if e else None),
        targets=targets,
        count=count,
        amount=amount,
        laws=laws,
        date=(z.date if z else None) or (e.date if e else None),
        zh=z.text if z else None,
        en=e.text if e else None,
    )


def reconcile_actions(
    zh: Sequence[ActionMention], en: Sequence[ActionMention], facts: ItemFacts, *, item_id: str | None, bilingual: bool
) -> tuple[list[ActionFact], list[Warning]]:
    """One ActionFact per (type, agency); an act found in one language only is a mismatch."""
    out: list[ActionFact] = []
    warnings: list[Warning] = []
    for z, e in _pair_actions(_merge_same(zh), _merge_same(en)):
        fact = _action_fact(z, e, facts)
        if any((f.type, f.agency) == (fact.type, fact.agency) for f in out):
            continue
        out.append(fact)
        if bilingual and (z is None or e is None):
            one = z or e
            assert one is not None
            warnings.append(_warn(item_id, f"action {one.type} ({one.agency or 'no agency'})", "zh" if z else "en", one.text))
    return out, warnings


__all__ = [
    "MISMATCH",
    "reconcile_actions",
    "reconcile_agencies",
    "reconcile_amounts",
    "reconcile_counts",
    "reconcile_dates",
    "reconcile_laws",
    "reconcile_names",
]
