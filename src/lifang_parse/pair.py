"""Layer 3, pair: bilingual assembly of segments into contract models.

Joins the lines of each paragraph (a page break split it), takes the "more"
markers out of the bodies as links, pairs the Chinese and English parts of an
item, and checks the table of contents against the body. Facts are not
extracted here (layer 4).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from lifang_parse.markup import Span, plain, split_emphasis
from lifang_parse.models import Bilingual, ContentsSection, Emphasis, Footer, Item, Link, Location, Section, Warning
from lifang_parse.publication import LINK_MARKER, Layout
from lifang_parse.read.layout import join_seam
from lifang_parse.read.lines import Line
from lifang_parse.segment import ContentsBlock, RawFooter, RawItem, RawSection
from lifang_parse.textutil import clean_value, normalize_space

# Two titles at least this similar are the same story printed twice with small edits.
_SAME_STORY_RATIO = 0.6
# Titles longer than this are not compared fuzzily (difflib is quadratic).
_MAX_FUZZY_LENGTH = 400


def join_lines(lines: Iterable[Line]) -> str:
    """One paragraph (with its emphasis markup) from the lines a page break
    split it into, joined by the readers' own rule (Chinese with nothing,
    English with a space, a word hyphenated at the break made whole)."""
    # The seam depends only on the end of the text so far: joining to the last
    # piece (not the whole text) keeps a long paragraph linear, not quadratic.
    parts: list[str] = []
    for line in lines:
        marked = line.marked
        head, separator = join_seam(parts[-1], marked) if parts else ("", "")
        if head:
            parts[-1] = head
            parts.append(separator + marked.lstrip())
        else:
            parts = [marked]
    return "".join(parts)


def _plain_field(marked: str) -> tuple[str, tuple[Span, ...]]:
    """A title or paragraph as the contract wants it: plain, normalised, its emphasis apart."""
    return split_emphasis(normalize_space(marked))


def take_links(text: str, lang: str, layout: Layout) -> tuple[str, list[Link]]:
    """Remove "more" markers from ``text``; other Markdown links keep their text."""
    links: list[Link] = []

    def replace(match: object) -> str:
        found = match  # regex.Match
        link_text = found["text"].strip()  # type: ignore[index]
        href = found["href"]  # type: ignore[index]
        links.append(Link(lang=lang, text=link_text, href=href))  # type: ignore[arg-type]
        if layout.is_link_text(link_text):
            return ""
        # Any other link keeps its visible text (and its surroundings) in the body.
        whole = found.group(0)  # type: ignore[attr-defined]
        start = whole.index("[")
        return whole[:start] + found["text"] + whole[whole.index(")", start + len(found["text"]) + 1) + 1 :]  # type: ignore[index]

    return LINK_MARKER.sub(replace, text), links


_PARAGRAPH_BREAK = "\n\n"


def _body(paragraphs: list[list[Line]], lang: str, layout: Layout) -> tuple[str | None, list[Link], list[Span]]:
    """The body's plain text (paragraphs joined by a blank line), its links and emphasis."""
    texts: list[str] = []
    links: list[Link] = []
    spans: list[Span] = []
    offset = 0
    for paragraph in paragraphs:
        marked, found = take_links(join_lines(paragraph), lang, layout)
        links.extend(found)
        text, paragraph_spans = _plain_field(marked)
        if text:
            if texts:
                offset += len(_PARAGRAPH_BREAK)
            spans.extend(Span(offset + s.start, offset + s.end, s.style) for s in paragraph_spans)
            texts.append(text)
            offset += len(text)
    return (_PARAGRAPH_BREAK.join(texts) if texts else None), links, spans


def _title(line: Line | None) -> str | None:
    return clean_value(plain(line.marked)) if line is not None else None


def _title_spans(line: Line | None) -> tuple[Span, ...]:
    return _plain_field(line.marked)[1] if line is not None else ()


def _emphasis(lang: str, field: str, spans: Iterable[Span]) -> list[Emphasis]:
    return [Emphasis(lang=lang, field=field, start=s.start, end=s.end, style=s.style) for s in spans]  # type: ignore[arg-type]


def _location(lines: list[Line]) -> Location:
    pages = [line.page for line in lines if line.page is not None]
    return Location(
        page_start=min(pages) if pages else None,
        page_end=max(pages) if pages else None,
        line_start=min(line.number for line in lines),
        line_end=max(line.last for line in lines),
    )


def rejoin_page_splits(paragraphs: list[list[Line]], other: int) -> list[list[Line]]:
    """A language's paragraphs with those a page break split put back together,
    while it has more paragraphs than the other language (``other``): a
    paragraph that ends a page with a full stop looks finished to a reader,
    but the two languages of a story have as many paragraphs."""
    out = [list(p) for p in paragraphs]
    k = 0
    while len(out) > other >= 1 and k < len(out) - 1:
        last, first = out[k][-1], out[k + 1][0]
        if last.page is not None and first.page is not None and first.page > last.page:
            out[k] += out.pop(k + 1)
        else:
            k += 1
    return out


def build_item(raw: RawItem, item_id: str, layout: Layout) -> Item:
    """An Item from its raw lines, with a warning for a missing language."""
    if raw.zh_paragraphs and raw.en_paragraphs:
        zh = rejoin_page_splits(raw.zh_paragraphs, len(raw.en_paragraphs))
        en = rejoin_page_splits(raw.en_paragraphs, len(zh))
        raw = RawItem(zh_title=raw.zh_title, zh_paragraphs=zh, en_title=raw.en_title, en_paragraphs=en)
    zh_body, zh_links, zh_spans = _body(raw.zh_paragraphs, "zh", layout)
    en_body, en_links, en_spans = _body(raw.en_paragraphs, "en", layout)
    title = Bilingual(zh=_title(raw.zh_title), en=_title(raw.en_title))
    emphasis = (
        _emphasis("zh", "title", _title_spans(raw.zh_title))
        + _emphasis("zh", "body", zh_spans)
        + _emphasis("en", "title", _title_spans(raw.en_title))
        + _emphasis("en", "body", en_spans)
    )
    warnings: list[Warning] = []
    for lang, has_title, has_body in (("zh", title.zh, zh_body), ("en", title.en, en_body)):
        name = "Chinese" if lang == "zh" else "English"
        if not has_title and not has_body:
            warnings.append(Warning(code="missing_translation", message=f"item {item_id} has no {name} part", item_id=item_id))
        elif not has_title:
            warnings.append(Warning(code="missing_translation", message=f"item {item_id} has no {name} title", item_id=item_id))
        elif not has_body:
            warnings.append(Warning(code="missing_translation", message=f"item {item_id} has no {name} body", item_id=item_id))
    return Item(
        id=item_id,
        title=title,
        body=Bilingual(zh=zh_body, en=en_body),
        emphasis=emphasis,
        links=zh_links + en_links,
        location=_location(raw.lines()),
        warnings=warnings,
    )


def build_sections(raw_sections: tuple[RawSection, ...], layout: Layout) -> list[Section]:
    sections: list[Section] = []
    for section_number, raw in enumerate(raw_sections, start=1):
        items = [
            build_item(raw_item, f"{section_number}.{item_number}", layout)
            for item_number, raw_item in enumerate(raw.items, start=1)
        ]
        sections.append(Section(heading=Bilingual(zh=raw.heading[0], en=raw.heading[1]), items=items))
    return sections


def build_contents(blocks: tuple[ContentsBlock, ...]) -> list[ContentsSection]:
    return [
        ContentsSection(
            heading=Bilingual(zh=block.heading[0], en=block.heading[1]),
            titles=[Bilingual(zh=_title(zh), en=_title(en)) for zh, en in block.titles],
        )
        for block in blocks
    ]


def build_footer(raw: RawFooter | None) -> Footer | None:
    if raw is None:
        return None
    fields = {name: value for name, value, _line in raw.fields}
    offices: list[Bilingual] = []
    zh_parts = _office_names(raw.offices_zh)
    en_parts = _office_names(raw.offices_en)
    for index in range(max(len(zh_parts), len(en_parts))):
        offices.append(
            Bilingual(
                zh=zh_parts[index] if index < len(zh_parts) else None,
                en=en_parts[index] if index < len(en_parts) else None,
            )
        )
    return Footer(
        disclaimer=Bilingual(
            zh="\n\n".join(clean_value(line.text) for line in raw.disclaimer_zh) or None,
            en="\n\n".join(clean_value(line.text) for line in raw.disclaimer_en) or None,
        ),
        offices=offices,
        website=fields.get("website"),
        email=fields.get("email"),
        phone=fields.get("phone"),
        fax=fields.get("fax"),
    )


def _office_names(line: Line | None) -> list[str]:
    if line is None:
        return []
    return [clean_value(part) for part in line.text.split("|") if clean_value(part)]


# --------------------------------------------------------------------------- contents vs body


def _similarity(a: str | None, b: str | None) -> float:
    if not a or not b or len(a) > _MAX_FUZZY_LENGTH or len(b) > _MAX_FUZZY_LENGTH:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def check_contents(contents: list[ContentsSection], sections: list[Section]) -> list[Warning]:
    """Match every contents title to a body item; differences become warnings.

    A title is matched exactly (either language) or, failing that, to the most
    similar unmatched item; a fuzzy match, a title with no item, and an item
    that the contents do not list each give a ``contents_mismatch`` warning.
    """
    if not contents:
        return []
    warnings: list[Warning] = []
    items = [item for section in sections for item in section.items]
    unmatched = {item.id: item for item in items}
    entries = [title for block in contents for title in block.titles]
    pending: list[Bilingual] = []
    for entry in entries:
        exact = next(
            (
                item
                for item in unmatched.values()
                if (entry.zh and entry.zh == item.title.zh) or (entry.en and entry.en == item.title.en)
            ),
            None,
        )
        if exact is None:
            pending.append(entry)
            continue
        del unmatched[exact.id]
        warnings += _title_differences(entry, exact)
    for entry in pending:
        best = max(
            unmatched.values(),
            key=lambda item: max(_similarity(entry.zh, item.title.zh), _similarity(entry.en, item.title.en)),
            default=None,
        )
        score = 0.0 if best is None else max(_similarity(entry.zh, best.title.zh), _similarity(entry.en, best.title.en))
        if best is None or score < _SAME_STORY_RATIO:
            warnings.append(
                Warning(
                    code="contents_mismatch",
                    message=f"contents title {entry.zh or entry.en!r} matches no item of the body",
                    item_id=None,
                )
            )
            continue
        del unmatched[best.id]
        warnings += _title_differences(entry, best)
    for item in unmatched.values():
        warnings.append(
            Warning(
                code="contents_mismatch",
                message=f"item {item.id} ({item.title.zh or item.title.en!r}) is not listed in the contents",
                item_id=item.id,
            )
        )
    warnings += _check_headings(contents, sections)
    return warnings


def _title_differences(entry: Bilingual, item: Item) -> list[Warning]:
    """A warning per language in which the contents and the body print different titles."""
    warnings = []
    for lang, name in (("zh", "Chinese"), ("en", "English")):
        listed, printed = getattr(entry, lang), getattr(item.title, lang)
        if listed != printed:
            warnings.append(
                Warning(
                    code="contents_mismatch",
                    message=f"item {item.id}: the contents list the {name} title {listed!r}, the body prints {printed!r}",
                    item_id=item.id,
                )
            )
    return warnings


def _check_headings(contents: list[ContentsSection], sections: list[Section]) -> list[Warning]:
    listed = [(block.heading.zh, block.heading.en) for block in contents]
    printed = [(section.heading.zh, section.heading.en) for section in sections]
    if listed == printed:
        return []
    return [
        Warning(
            code="contents_mismatch",
            message=f"the contents list the sections {listed!r}, the body has {printed!r}",
            item_id=None,
        )
    ]
