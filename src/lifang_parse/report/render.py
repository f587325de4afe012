"""One newsletter as a self-contained HTML review page (pure: models in, string out).

Why this shape: an analyst must see each extracted fact *where it was found*,
in both languages, to judge it. So every fact's phrases (``DateFact.zh/.en``,
every agency mention, ...) are looked up in the item's plain text, the text is
split into segments around the matched spans, and the template escapes each
segment. Document text is never concatenated into HTML: a newsletter holding
``<script>`` shows it as text.

Marking rules:

* Spans are chosen longest first; a shorter span inside a chosen one of another
  kind nests in it (an agency named inside a law's title is marked inside the
  law's mark); inside one of the same kind it is dropped ("2月3日" within
  "2021年2月3日" is part of that date, not a second date), and so is a span
  that partly overlaps a chosen one.
* Two facts found as the very same span share one mark (both numbers shown).
* A fact keeps one colour (``c0`` .. ``c11``, by its number in the item) in
  both languages, so a matched pair is seen as a pair; the kind (date, agency,
  ...) sets the style of the mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeAlias

from jinja2 import Environment, PackageLoader, StrictUndefined

from lifang_parse.files import display_path
from lifang_parse.models import AgencyFact, Bilingual, Item, Named, Newsletter, Warning

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, Lang] = ("zh", "en")
FactKind = Literal["date", "agency", "count", "amount", "law", "company", "person"]
FACT_KINDS: tuple[FactKind, ...] = ("date", "agency", "count", "amount", "law", "company", "person")
KIND_PLURALS: dict[str, str] = {
    "date": "dates",
    "agency": "agencies",
    "count": "counts",
    "amount": "amounts",
    "law": "laws",
    "company": "companies",
    "person": "people",
}
KIND_LABELS: dict[str, str] = {
    "date": "date 日期",
    "agency": "agency 机构",
    "count": "count 数量",
    "amount": "amount 金额",
    "law": "law 法规",
    "company": "company 企业",
    "person": "person 人物",
}
PALETTE_SIZE = 12
# Contract schema 1.1, ActionFact.type, in the contract's order (the filter and the badges keep it).
ACTION_TYPES: tuple[str, ...] = (
    "fine",
    "notice",
    "removal",
    "rectification",
    "investigation",
    "interview",
    "consultation",
    "issuance",
    "settlement",
    "judgment",
    "meeting",
)

# CJK ideographs, CJK punctuation and full-width forms: a mention holding one is Chinese.
_HAN_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SPACE_RE = re.compile(r"\s+")
_ASCII_WORD_RE = re.compile(r"[0-9A-Za-z]")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE = r"(?<![0-9A-Za-z])"
_WORD_AFTER = r"(?![0-9A-Za-z])"


@dataclass(frozen=True, slots=True)
class FactRef:
    """One extracted fact as the page shows it: what to look for, in which colour.

    ``zh``/``en`` are the phrases the extractor reports per language (shown in
    the facts table and searched in that language); ``anywhere`` are phrases
    also searched in the Chinese text, because Chinese prose quotes Latin names
    verbatim (“美国联邦贸易委员会（Federal Trade Commission, “FTC”）”).
    """

    item_id: str
    number: int
    kind: FactKind
    label: str
    detail: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    anywhere: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Unique on the page: ``"1.2:3"`` is fact 3 of item 1.2."""
        return f"{self.item_id}:{self.number}"

    @property
    def colour(self) -> int:
        return (self.number - 1) % PALETTE_SIZE

    def phrases(self, lang: Lang) -> tuple[str, ...]:
        """The phrases to look for in the text of ``lang``."""
        if lang == "zh":
            return _unique(self.zh + self.anywhere)
        return self.en


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked span of text; ``children`` are text and nested marks."""

    facts: tuple[FactRef, ...]
    children: tuple[Node, ...]

    @property
    def kind(self) -> str:
        return self.facts[0].kind

    @property
    def colour(self) -> int:
        return self.facts[0].colour

    @property
    def keys(self) -> str:
        return " ".join(fact.key for fact in self.facts)

    @property
    def numbers(self) -> str:
        return ",".join(str(fact.number) for fact in self.facts)

    @property
    def tooltip(self) -> str:
        return "; ".join(
            f"#{fact.number} {fact.kind}: {fact.label}" + (f" ({fact.detail})" if fact.detail else "") for fact in self.facts
        )

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)


Node: TypeAlias = "str | Mark"


# --------------------------------------------------------------------------- facts


def item_facts(item: Item) -> tuple[FactRef, ...]:
    """Every fact of ``item`` in a fixed order (dates, agencies, counts, amounts, laws, companies, people), numbered from 1."""
    raw: list[tuple[FactKind, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
    for date in item.dates:
        detail = date.role + ("" if date.precision == "day" else f", {date.precision}") + (", year inferred" if date.year_inferred else "")
        raw.append(("date", date.date, detail, _some(date.zh), _some(date.en), ()))
    for agency in item.agencies:
        mentions = _unique(agency.mentions) or _some(agency.name.zh, agency.name.en, agency.abbr)
        zh = tuple(m for m in mentions if _HAN_RE.search(m))
        en = tuple(m for m in mentions if not _HAN_RE.search(m))
        names = " / ".join(_some(agency.name.zh, agency.name.en))
        detail = ", ".join(_some(agency.id, agency.country, names))
        raw.append(("agency", agency_label(agency), detail, zh, en, en))
    for count in item.counts:
        raw.append(("count", f"{count.value} {count.unit}", "", _some(count.zh), _some(count.en), ()))
    for amount in item.amounts:
        raw.append(("amount", f"{amount.value:,} {amount.currency}", "", _some(amount.zh), _some(amount.en), ()))
    for law in item.laws:
        raw.append(("law", *_bilingual_label(law.title), _some(law.title.zh), _some(law.title.en), ()))
    named_kinds: tuple[tuple[FactKind, list[Named]], ...] = (("company", item.companies), ("person", item.people))
    for kind, named_list in named_kinds:
        for named in named_list:
            # Chinese prose quotes Latin names verbatim ("WhatsApp宣布..."): look for them there too.
            latin = tuple(name for name in _some(named.name.en) if not _HAN_RE.search(name))
            raw.append((kind, *_bilingual_label(named.name), _some(named.name.zh), _some(named.name.en), latin))
    return tuple(
        FactRef(item_id=item.id, number=n, kind=kind, label=label, detail=detail, zh=zh, en=en, anywhere=anywhere)
        for n, (kind, label, detail, zh, en, anywhere) in enumerate(raw, start=1)
    )


def _bilingual_label(value: Bilingual) -> tuple[str, str]:
    label = value.zh or value.en or "?"
    detail = value.en if value.zh and value.en and value.en != value.zh else ""
    return label, detail


def _some(*values: str | None) -> tuple[str, ...]:
    return _unique(v.strip() for v in values if v and v.strip())


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


# --------------------------------------------------------------------------- marking


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str, bounded: bool) -> re.Pattern[str]:
    """A phrase as a pattern: any whitespace run matches any other; ``bounded``
    keeps "CAC" from matching inside "CACHE" (Latin edges only)."""
    body = r"\s+".join(re.escape(part) for part in _SPACE_RE.split(phrase.strip()) if part)
    if bounded:
        if _ASCII_WORD_RE.fullmatch(phrase.strip()[0]):
            body = _WORD_BEFORE + body
        if _ASCII_WORD_RE.fullmatch(phrase.strip()[-1]):
            body += _WORD_AFTER
    return re.compile(body)


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of ``phrase`` in ``text``: whole words first, else anywhere."""
    if not phrase.strip():
        return []
    for bounded in (True, False):
        spans = [(m.start(), m.end()) for m in _phrase_pattern(phrase, bounded).finditer(text) if m.end() > m.start()]
        if spans:
            return spans
    return []


def mark_text(text: str, facts: Sequence[FactRef], lang: Lang) -> tuple[Node, ...]:
    """Split ``text`` into plain segments and marks for the phrases of ``facts`` in ``lang``.

    The concatenated text of the result is exactly ``text``; nothing is
    inserted, so the template's escaping covers every character.
    """
    found: dict[tuple[int, int], list[FactRef]] = {}
    for fact in facts:
        for phrase in fact.phrases(lang):
            for span in find_phrase(text, phrase):
                holders = found.setdefault(span, [])
                if fact not in holders:
                    holders.append(fact)
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
        kinds = {fact.kind for fact in found[(start, end)]}
        if all(
            end <= a or start >= b or (a <= start and end <= b and not kinds & {f.kind for f in found[(a, b)]})
            for a, b in chosen
        ):
            chosen.append((start, end))
    chosen.sort(key=lambda s: (s[0], s[0] - s[1]))
    return _build(text, [(s, e, tuple(found[(s, e)])) for s, e in chosen], 0, len(text))


def _build(text: str, spans: list[tuple[int, int, tuple[FactRef, ...]]], low: int, high: int) -> tuple[Node, ...]:
    """Nest laminar ``spans`` (sorted by start, outer first) into a tree over ``text[low:high]``."""
    nodes: list[Node] = []
    position, index = low, 0
    while index < len(spans):
        start, end, facts = spans[index]
        inner_end = index + 1
        while inner_end < len(spans) and spans[inner_end][0] < end:
            inner_end += 1
        if position < start:
            nodes.append(text[position:start])
        nodes.append(Mark(facts=facts, children=_build(text, spans[index + 1 : inner_end], start, end)))
        position, index = end, inner_end
    if position < high:
        nodes.append(text[position:high])
    return tuple(nodes)


def marked_keys(nodes: Iterable[Node]) -> set[str]:
    """The keys of every fact marked somewhere in ``nodes``."""
    keys: set[str] = set()
    for node in nodes:
        if isinstance(node, Mark):
            keys.update(fact.key for fact in node.facts)
            keys |= marked_keys(node.children)
    return keys


# --------------------------------------------------------------------------- actions


@dataclass(frozen=True, slots=True)
class ActionBadge:
    """What an authority did in an item (schema 1.1 ``ActionFact``): its type, and who, as id and as label."""

    type: str
    agency: str | None
    label: str

    @property
    def text(self) -> str:
        """How the badge reads: "fine · SAMR", or the type alone when no agency acted."""
        return f"{self.type} · {self.label}" if self.label else self.type


def item_actions(item: Item) -> tuple[ActionBadge, ...]:
    """The item's actions as badges, one per distinct (type, agency).

    Read with ``getattr``: ``Item.actions`` (contract schema 1.1) comes from
    the action extractor, and the page must render the same with or without
    it (an item without the field has no actions).
    """
    names = {agency.id: agency_label(agency) for agency in item.agencies}
    badges: list[ActionBadge] = []
    for action in getattr(item, "actions", None) or ():
        kind = getattr(action, "type", None)
        if not isinstance(kind, str) or not kind:
            continue
        agency = getattr(action, "agency", None)
        agency = agency if isinstance(agency, str) and agency else None
        badges.append(ActionBadge(type=kind, agency=agency, label=names.get(agency, agency) if agency else ""))
    return tuple(dict.fromkeys(badges))


def agency_label(agency: AgencyFact) -> str:
    """An agency's short name: its abbreviation, else a name, else its id ("CAC")."""
    return agency.abbr or agency.name.en or agency.name.zh or agency.id


# --------------------------------------------------------------------------- views


@dataclass(frozen=True, slots=True)
class Column:
    """One language of an item: its title and paragraphs, marked."""

    lang: Lang
    title: tuple[Node, ...]
    paragraphs: tuple[tuple[Node, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.title and not self.paragraphs

    def keys(self) -> set[str]:
        return marked_keys(self.title) | {key for paragraph in self.paragraphs for key in marked_keys(paragraph)}


@dataclass(frozen=True, slots=True)
class FactRow:
    """A row of an item's facts table; ``in_zh``/``in_en`` is None where the fact has no phrase in that language."""

    fact: FactRef
    in_zh: bool | None
    in_en: bool | None

    @property
    def not_found(self) -> bool:
        """A phrase the extractor reported but the page could not find: the analyst must look."""
        return self.in_zh is False or self.in_en is False


@dataclass(frozen=True, slots=True)
class ItemView:
    item: Item
    anchor: str
    zh: Column
    en: Column
    facts: tuple[FactRow, ...]
    warnings: tuple[Warning, ...]
    actions: tuple[ActionBadge, ...] = ()


@dataclass(frozen=True, slots=True)
class WarningView:
    warning: Warning
    href: str | None


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    title: Bilingual
    href: str | None


@dataclass(frozen=True, slots=True)
class ContentsView:
    heading: Bilingual
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True, slots=True)
class SectionView:
    heading: Bilingual
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    items: int
    facts: int
    by_kind: tuple[tuple[str, int], ...]
    marked_zh: int
    marked_en: int
    with_zh: int
    with_en: int
    not_found: int


def item_anchor(item_id: str) -> str:
    """The HTML id of an item's block; warnings and the contents link to it."""
    return f"item-{item_id}"


def item_view(item: Item, extra_warnings: Sequence[Warning] = ()) -> ItemView:
    """Mark one item in both languages and tabulate its facts."""
    facts = item_facts(item)
    zh = _column(item, facts, "zh")
    en = _column(item, facts, "en")
    zh_keys, en_keys = zh.keys(), en.keys()
    rows = tuple(
        FactRow(
            fact=fact,
            in_zh=_found(fact.key in zh_keys, fact.zh),
            in_en=_found(fact.key in en_keys, fact.en),
        )
        for fact in facts
    )
    warnings = tuple(_unique_warnings([*item.warnings, *extra_warnings]))
    return ItemView(item=item, anchor=item_anchor(item.id), zh=zh, en=en, facts=rows, warnings=warnings, actions=item_actions(item))


def _found(marked: bool, reported: tuple[str, ...]) -> bool | None:
    """Marked: True; not marked though the extractor reported a phrase: False; else None (nothing to find)."""
    if marked:
        return True
    return False if reported else None


def _column(item: Item, facts: Sequence[FactRef], lang: Lang) -> Column:
    title = getattr(item.title, lang) or ""
    body = getattr(item.body, lang) or ""
    paragraphs = tuple(mark_text(p.strip(), facts, lang) for p in _PARAGRAPH_RE.split(body) if p.strip())
    return Column(lang=lang, title=mark_text(title, facts, lang) if title else (), paragraphs=paragraphs)


def _unique_warnings(warnings: Iterable[Warning]) -> list[Warning]:
    return list(dict.fromkeys(warnings))


def warning_href(warning: Warning, item_ids: set[str]) -> str | None:
    """Where a warning points: its item, or the unplaced text it reports."""
    if warning.item_id and warning.item_id in item_ids:
        return "#" + item_anchor(warning.item_id)
    if warning.code == "unplaced_text":
        return "#unplaced"
    return None


def contents_view(newsletter: Newsletter) -> tuple[ContentsView, ...]:
    """The printed contents, each title linked to its item (by title, else by position)."""
    items = newsletter.all_items()
    views: list[ContentsView] = []
    for section_index, section in enumerate(newsletter.contents):
        entries: list[ContentsEntry] = []
        for title_index, title in enumerate(section.titles):
            match = next(
                (i for i in items if (title.zh and i.title.zh == title.zh) or (title.en and i.title.en == title.en)), None
            )
            if match is None and section_index < len(newsletter.sections):
                section_items = newsletter.sections[section_index].items
                match = section_items[title_index] if title_index < len(section_items) else None
            entries.append(ContentsEntry(title=title, href="#" + item_anchor(match.id) if match else None))
        views.append(ContentsView(heading=section.heading, entries=tuple(entries)))
    return tuple(views)


def section_views(newsletter: Newsletter) -> tuple[SectionView, ...]:
    by_item: dict[str, list[Warning]] = {}
    for warning in newsletter.warnings:
        if warning.item_id:
            by_item.setdefault(warning.item_id, []).append(warning)
    return tuple(
        SectionView(heading=section.heading, items=tuple(item_view(item, by_item.get(item.id, ())) for item in section.items))
        for section in newsletter.sections
    )


def summarise(sections: Sequence[SectionView]) -> Summary:
    """Facts extracted against facts marked: the first number an analyst checks."""
    rows = [row for section in sections for item in section.items for row in item.facts]
    kinds = {kind: sum(1 for row in rows if row.fact.kind == kind) for kind in FACT_KINDS}
    return Summary(
        items=sum(len(section.items) for section in sections),
        facts=len(rows),
        by_kind=tuple((kind, n) for kind, n in kinds.items()),
        marked_zh=sum(1 for row in rows if row.in_zh),
        marked_en=sum(1 for row in rows if row.in_en),
        with_zh=sum(1 for row in rows if row.in_zh is not None),
        with_en=sum(1 for row in rows if row.in_en is not None),
        not_found=sum(1 for row in rows if row.not_found),
    )


# --------------------------------------------------------------------------- page


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment: autoescaping on for every template, undefined names fail."""
    env = Environment(
        loader=PackageLoader("lifang_parse.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(KIND_LABELS=KIND_LABELS, KIND_PLURALS=KIND_PLURALS, FACT_KINDS=FACT_KINDS, PALETTE_SIZE=PALETTE_SIZE)
    env.filters["display_path"] = display_path  # a file name that is not UTF-8, with \xff escapes
    return env


def render_newsletter(newsletter: Newsletter, *, index_href: str | None = None) -> str:
    """The review page of one newsletter, as one self-contained HTML document.

    ``index_href`` links the page back to its archive index.
    """
    sections = section_views(newsletter)
    item_ids = {item.id for item in newsletter.all_items()}
    warnings = tuple(WarningView(warning=w, href=warning_href(w, item_ids)) for w in newsletter.warnings)
    return environment().get_template("newsletter.html.j2").render(
        doc=newsletter,
        page_title=newsletter_title(newsletter),
        contents=contents_view(newsletter),
        sections=sections,
        summary=summarise(sections),
        warnings=warnings,
        index_href=index_href,
    )


def newsletter_title(newsletter: Newsletter) -> str:
    """A short human name: "立方观评 No.214 (2021-03)"."""
    parts = [newsletter.publication.zh or newsletter.title.zh or newsletter.title.en or "Newsletter"]
    if newsletter.publication_number is not None:
        parts.append(f"No.{newsletter.publication_number}")
    if newsletter.period:
        parts.append(f"({newsletter.period})")
    return " ".join(parts)
