"""One item's facts: every extractor on both languages, then reconciled.

Why here: the pipeline (``api.parse_read``) calls one function per item and
must not know the fact layer's parts. ``enrich_item`` reads an item's body
in both languages (the headline only where a language has no body), runs
each extractor per language and lets :mod:`.reconcile` pair the two, adding
a warning for every fact found in one language only and for every
agency-shaped name the gazetteer lacks (``unknown_agency``). Actions come
last: they point at the item's other facts (targets, counts, sums, laws).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from lifang_parse.extract import reconcile
from lifang_parse.extract.action_words import default_words
from lifang_parse.extract.actions import ActionMention, Evidence, find_actions
from lifang_parse.extract.agencies import AgencyMention, find_agencies, find_unknown_agencies
from lifang_parse.extract.amounts import AmountMention, extract_amounts
from lifang_parse.extract.companies import companies_in_both
from lifang_parse.extract.counts import CountMention, extract_counts
from lifang_parse.extract.dates import DateMention, extract_dates_checked
from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.laws import en_titles, mask_titles, zh_titles
from lifang_parse.extract.mention import Lang, NameMention
from lifang_parse.extract.people import find_people
from lifang_parse.markup import Span, to_markup
from lifang_parse.models import Item, Warning

LANGS: tuple[Lang, ...] = get_args(Lang)


@dataclass(frozen=True, slots=True)
class _Found:
    """What the extractors found in one language's text."""

    text: str
    dates: list[DateMention]
    invalid_dates: list[str]
    agencies: list[AgencyMention]
    counts: list[CountMention]
    amounts: list[AmountMention]
    laws: list[str]
    companies: list[NameMention]
    people: list[NameMention]
    products: list[NameMention]  # products and services named like companies (not companies)


def _join(title: str | None, body: str | None) -> str:
    """The text facts are read from: the body; the headline only when that language has no body.

    A headline restates the body in short, and what it adds is a summary ("合计处以2.1亿欧元" /
    "a Combined EUR 210 Million", "四部门" / "Four Authorities"): a derived total or a tally of
    bodies the story names, not a fact of its own. Both sets of hand-written goldens take facts
    from the body only (fixtures/heldout/README.md, "Fact rules applied").
    """
    return body or title or ""


def _marked(item: Item, lang: Lang, field: str) -> str:
    """A title or body with its italics as ``*…*`` again: English law titles are read from them."""
    text: str = getattr(getattr(item, field), lang) or ""
    spans = [Span(e.start, e.end, e.style) for e in item.emphasis if e.lang == lang and e.field == field]
    return to_markup(text, spans) if spans else text


def _found(whole: dict[Lang, str], gazetteer: Gazetteer, period: str | None) -> dict[Lang, _Found]:
    """Every extractor on both languages; companies, people and laws each language tells the other."""
    zh_laws = zh_titles(whole["zh"])
    laws = {"zh": zh_laws, "en": en_titles(whole["en"], zh_laws)}  # without italics, title-shaped runs stand in
    # A year inside a cited title is no date: italic spans are masked by the date extractor, plain-text titles here.
    date_texts = {"zh": whole["zh"], "en": mask_titles(whole["en"], laws["en"])}
    named = companies_in_both(whole["zh"], whole["en"], gazetteer)
    companies = {"zh": named.zh, "en": named.en}
    products = {"zh": named.products_zh, "en": named.products_en}
    zh_people = find_people(whole["zh"], "zh")
    people = {"zh": zh_people, "en": find_people(whole["en"], "en", also=[n.key for n in zh_people if n.key and " " in n.key])}
    out: dict[Lang, _Found] = {}
    for lang in LANGS:
        dates, invalid = extract_dates_checked(date_texts[lang], lang, period=period)
        amounts = extract_amounts(whole[lang], lang)
        # no count inside a sum or a date
        taken = [(a.start, a.start + len(a.text)) for a in amounts] + [(d.start, d.start + len(d.text)) for d in dates]
        out[lang] = _Found(
            whole[lang], dates, invalid, find_agencies(whole[lang], lang, gazetteer), extract_counts(whole[lang], lang, taken=taken),
            amounts, laws[lang], companies[lang], people[lang], products[lang],
        )
    return out


def _actions(found: dict[Lang, _Found], event: str | None, gazetteer: Gazetteer) -> dict[Lang, list[ActionMention]]:
    """Each language's acts, read with what the other extractors found in it."""
    words = gazetteer.actions or default_words()
    out: dict[Lang, list[ActionMention]] = {}
    for lang, f in found.items():
        names = [name for n in f.companies for name in n.surfaces]
        evidence = Evidence(f.text, f.agencies, names, f.people, f.counts, f.amounts, f.dates, f.laws, event)
        out[lang] = find_actions(evidence, lang, words.of(lang))
    return out


def _unknown_agencies(found: dict[Lang, _Found], gazetteer: Gazetteer, item_id: str) -> list[Warning]:
    """An agency-shaped name the gazetteer lacks (not a company's name): ``unknown_agency``."""
    return [
        Warning(code="unknown_agency", message=f"agency not in the gazetteer: {name}", item_id=item_id)
        for lang, f in found.items()
        for name in find_unknown_agencies(f.text, lang, gazetteer, extra_mask=tuple(name for n in f.companies for name in n.surfaces))
    ]


def enrich_item(item: Item, *, period: str | None, gazetteer: Gazetteer) -> Item:
    """Return a copy of `item` with its facts filled and reconcile warnings appended.

    Facts come from title and body of both languages, once per value; ``period``
    (the masthead's "2021-03") dates a yearless date when the story has no
    event date of its own.
    """
    iid = item.id
    found = _found({lang: _join(_marked(item, lang, "title"), _marked(item, lang, "body")) for lang in LANGS}, gazetteer, period)
    zh, en = found["zh"], found["en"]
    bi = bool(item.body.zh) and bool(item.body.en)
    warnings = [
        Warning(code="invalid_date", message=f"a date that cannot exist, no date made of it: {phrase!r}", item_id=iid)
        for f in (zh, en)
        for phrase in f.invalid_dates
    ]
    dates, w1 = reconcile.reconcile_dates(zh.dates, en.dates, item_id=iid, bilingual=bi)
    agencies, w2 = reconcile.reconcile_agencies(zh.agencies, en.agencies, gazetteer, item_id=iid, bilingual=bi)
    counts, w3 = reconcile.reconcile_counts(zh.counts, en.counts, item_id=iid, bilingual=bi)
    amounts, w4 = reconcile.reconcile_amounts(zh.amounts, en.amounts, item_id=iid, bilingual=bi)
    laws, w5 = reconcile.reconcile_laws(zh.laws, en.laws, item_id=iid, bilingual=bi)
    companies, w6 = reconcile.reconcile_names(zh.companies, en.companies, kind="company", item_id=iid, bilingual=bi)
    people, w7 = reconcile.reconcile_names(zh.people, en.people, kind="person", item_id=iid, bilingual=bi)
    products, _ = reconcile.reconcile_names(zh.products, en.products, kind="company", item_id=iid, bilingual=bi)
    event = next((d.date for d in dates if d.role == "event"), None)
    acts = _actions(found, event, gazetteer)
    facts = reconcile.ItemFacts(companies, counts, amounts, laws)
    actions, w8 = reconcile.reconcile_actions(acts["zh"], acts["en"], facts, item_id=iid, bilingual=bi)
    warnings += [*w1, *w2, *w3, *w4, *w5, *w6, *w7, *w8, *_unknown_agencies(found, gazetteer, iid)]
    return item.model_copy(
        update={
            "dates": dates, "agencies": agencies, "counts": counts, "amounts": amounts, "laws": laws,
            "companies": companies, "people": people, "actions": actions, "products": products, "warnings": [*item.warnings, *warnings],
        }
    )


__all__ = ["enrich_item"]
