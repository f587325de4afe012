"""Layer 2, segment: the line stream into masthead, contents, sections, items, footer.

Input is the reader's tuple of :class:`Line`; output is :class:`Segments`, a
plain structure of lines grouped by role. Nothing here builds contract models
for items or joins text: that is the pair layer's job. Every line ends up in
exactly one place: a masthead field, the contents, an item, the footer,
``boilerplate`` or ``unplaced``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lifang_parse.layout import LINK_MARKER, Layout, masthead_number, masthead_period
from lifang_parse.read.lines import Line
from lifang_parse.textutil import clean_value, ends_sentence, is_chinese

# Longest line (in characters) that may still be a title rather than a paragraph.
MAX_ZH_TITLE = 100
MAX_EN_TITLE = 260


@dataclass(frozen=True, slots=True)
class Masthead:
    publisher_en: str | None = None
    publisher_zh: str | None = None
    publication_zh: str | None = None
    publication_en: str | None = None
    publication_number: int | None = None
    period: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    issue_number: int | None = None


@dataclass(frozen=True, slots=True)
class ContentsBlock:
    heading: tuple[str | None, str | None]
    titles: tuple[tuple[Line | None, Line | None], ...]


@dataclass(slots=True)
class RawItem:
    """One news item as lines: a paragraph is a list of lines to re-join."""

    zh_title: Line | None = None
    zh_paragraphs: list[list[Line]] = field(default_factory=list)
    en_title: Line | None = None
    en_paragraphs: list[list[Line]] = field(default_factory=list)

    def lines(self) -> list[Line]:
        found = [self.zh_title, self.en_title]
        found += [line for para in self.zh_paragraphs + self.en_paragraphs for line in para]
        return sorted((line for line in found if line is not None), key=lambda line: line.number)


@dataclass(frozen=True, slots=True)
class RawSection:
    heading: tuple[str | None, str | None]
    heading_line: Line | None
    items: tuple[RawItem, ...]


@dataclass(frozen=True, slots=True)
class RawFooter:
    disclaimer_zh: tuple[Line, ...]
    disclaimer_en: tuple[Line, ...]
    offices_zh: Line | None
    offices_en: Line | None
    fields: tuple[tuple[str, str, Line], ...]


@dataclass(frozen=True, slots=True)
class Segments:
    masthead: Masthead
    contents: tuple[ContentsBlock, ...]
    sections: tuple[RawSection, ...]
    footer: RawFooter | None
    boilerplate: tuple[Line, ...]
    unplaced: tuple[Line, ...]
    headings_found: int


def _lang(line: Line) -> str:
    return "zh" if is_chinese(line.text) else "en"


def has_link_marker(text: str) -> bool:
    return LINK_MARKER.search(text) is not None


def is_title_like(line: Line) -> bool:
    """A line that may be a headline: short, no sentence end, no link marker."""
    text = line.text
    limit = MAX_ZH_TITLE if is_chinese(text) else MAX_EN_TITLE
    return len(text) <= limit and not ends_sentence(text) and not has_link_marker(text)


def is_paragraph_like(line: Line) -> bool:
    """A line that reads as body text: ends a sentence, carries a link marker, or is long."""
    text = line.text
    limit = MAX_ZH_TITLE if is_chinese(text) else MAX_EN_TITLE
    return ends_sentence(text) or has_link_marker(text) or len(text) > limit


def is_link_only(line: Line, layout: Layout) -> bool:
    """A line holding nothing but a 'more' marker, e.g. "（[查看更多](#)）"."""
    match = LINK_MARKER.fullmatch(line.text)
    return match is not None and layout.is_link_text(match["text"])


# --------------------------------------------------------------------------- regions


def _find_footer_start(lines: tuple[Line, ...], start: int, layout: Layout) -> int:
    """Index of the first footer line at or after ``start`` (len(lines) when none)."""
    for index in range(start, len(lines)):
        if layout.disclaimer_language(lines[index].text):
            return index
    # No disclaimer: the footer is the trailing run of footer-shaped lines.
    index = len(lines)
    while index > start and _is_footer_shaped(lines[index - 1].text, layout):
        index -= 1
    return index


def _is_footer_shaped(text: str, layout: Layout) -> bool:
    return bool(layout.footer_field(text) or layout.is_footer_boilerplate(text) or _office_parts(text))


def _office_parts(text: str) -> list[str] | None:
    """The office names of a "北京 | 上海 | ..." line, or None."""
    if "|" not in text:
        return None
    parts = [part.strip() for part in text.split("|")]
    if len(parts) < 2 or any(not part or len(part) > 30 for part in parts):
        return None
    return parts


def _heading_indexes(lines: tuple[Line, ...], start: int, stop: int, layout: Layout) -> list[int]:
    return [index for index in range(start, stop) if layout.heading(lines[index].text) is not None]


def _body_start(lines: tuple[Line, ...], headings: list[int], stop: int) -> int:
    """Index of the heading that opens the body.

    The contents are headings and title lines only; the body is the first
    heading followed (before the next heading) by a paragraph-like line.
    """
    for position, index in enumerate(headings):
        next_heading = headings[position + 1] if position + 1 < len(headings) else stop
        if any(is_paragraph_like(lines[i]) for i in range(index + 1, next_heading)):
            return index
    return headings[0]


# --------------------------------------------------------------------------- masthead


def _parse_masthead(lines: list[Line], layout: Layout) -> tuple[Masthead, list[Line], list[Line]]:
    """Masthead fields from the lines before the first heading.

    Returns (masthead, boilerplate lines, unplaced lines).
    """
    values: dict[str, object] = {}
    boilerplate: list[Line] = []
    unplaced: list[Line] = []
    numbers: list[tuple[int, int]] = []  # (position, number)
    title_position: int | None = None
    candidates: list[tuple[int, Line, str]] = []
    for position, line in enumerate(lines):
        text = clean_value(line.text)
        if layout.is_masthead_boilerplate(text):
            boilerplate.append(line)
            continue
        number = masthead_number(text)
        if number is not None:
            numbers.append((position, number))
            continue
        period = masthead_period(text)
        if period is not None and "period" not in values:
            values["period"] = period
            continue
        if _take_publisher(text, values, layout):
            continue
        candidates.append((position, line, text))
    # The Chinese title is the first free Chinese line; the English title the
    # first free English line after it (before it only when there is no Chinese).
    zh_titles = [c for c in candidates if is_chinese(c[2]) and len(c[2]) <= 120]
    en_titles = [c for c in candidates if not is_chinese(c[2]) and len(c[2]) <= 160]
    chosen: list[tuple[int, Line, str]] = []
    if zh_titles:
        chosen.append(zh_titles[0])
        values["title_zh"] = zh_titles[0][2]
        after = [c for c in en_titles if c[0] > zh_titles[0][0]]
        if after:
            chosen.append(after[0])
            values["title_en"] = after[0][2]
    elif en_titles:
        chosen.append(en_titles[0])
        values["title_en"] = en_titles[0][2]
    if chosen:
        title_position = min(c[0] for c in chosen)
    unplaced.extend(c[1] for c in candidates if c not in chosen)
    for position, number in numbers:
        before_title = title_position is None or position < title_position
        key = "publication_number" if before_title and "publication_number" not in values else "issue_number"
        if key in values:
            unplaced.append(lines[position])
        else:
            values[key] = number
    return Masthead(**values), boilerplate, unplaced  # type: ignore[arg-type]


def _take_publisher(text: str, values: dict[str, object], layout: Layout) -> bool:
    """Recognise "LIFANG & PARTNERS 立方观评": publisher (en) and publication (zh)."""
    for publisher in layout.publishers:
        for zh_name, en_name in layout.publication_names:
            if text.endswith(zh_name):
                head = text[: -len(zh_name)].strip()
                if head and not publisher.en_pattern.match(head):
                    continue
                values["publication_zh"] = zh_name
                values["publication_en"] = en_name
                if head:
                    values["publisher_en"] = publisher.en
                    values["publisher_zh"] = publisher.zh
                return True
        if publisher.en_pattern.match(text):
            values["publisher_en"] = publisher.en
            values["publisher_zh"] = publisher.zh
            return True
    return False


# --------------------------------------------------------------------------- contents


def _parse_contents(lines: list[Line], layout: Layout) -> tuple[list[ContentsBlock], list[Line]]:
    """Contents blocks (heading + title pairs) and lines that fit no pair."""
    blocks: list[ContentsBlock] = []
    unplaced: list[Line] = []
    heading: tuple[str | None, str | None] | None = None
    pairs: list[tuple[Line | None, Line | None]] = []
    pending_zh: Line | None = None

    def close() -> None:
        nonlocal pairs, pending_zh
        if pending_zh is not None:
            pairs.append((pending_zh, None))
            pending_zh = None
        if heading is not None:
            blocks.append(ContentsBlock(heading=heading, titles=tuple(pairs)))
        pairs = []

    for line in lines:
        found = layout.heading(line.text)
        if found is not None:
            close()
            heading = found
            continue
        if heading is None:
            unplaced.append(line)
            continue
        if _lang(line) == "zh":
            if pending_zh is not None:
                pairs.append((pending_zh, None))
            pending_zh = line
        else:
            pairs.append((pending_zh, line))
            pending_zh = None
    close()
    return blocks, unplaced


# --------------------------------------------------------------------------- body


class _ItemBuilder:
    """State machine that groups a section's lines into items.

    States follow the newsletter's order: Chinese title, Chinese paragraphs,
    English title, English paragraphs. Known titles (from the contents) force
    a new item; otherwise the shape of the line decides.
    """

    def __init__(self, known_titles: frozenset[str], layout: Layout) -> None:
        self.known_titles = known_titles
        self.layout = layout
        self.items: list[RawItem] = []
        self.current: RawItem | None = None
        self.state = "start"

    def _new_item(self) -> RawItem:
        self.current = RawItem()
        self.items.append(self.current)
        return self.current

    def _open_paragraph(self, paragraphs: list[list[Line]]) -> bool:
        """True when the last paragraph does not end a sentence (it may continue)."""
        if not paragraphs:
            return False
        last = paragraphs[-1][-1].text
        return not ends_sentence(last) and not has_link_marker(last)

    def feed(self, line: Line, upcoming: Line | None) -> None:
        lang = _lang(line)
        item = self.current
        known = clean_value(line.text) in self.known_titles
        if is_link_only(line, self.layout) and item is not None:
            paragraphs = item.en_paragraphs if self.state.startswith("en") else item.zh_paragraphs
            if paragraphs:
                paragraphs[-1].append(line)
                return
        if item is None:
            self._start(line, lang)
            return
        if known:
            if lang == "en" and item.en_title is None and self.state in ("zh_title", "zh_body"):
                item.en_title = line
                self.state = "en_title"
            else:
                self._start(line, lang)
            return
        if lang == "zh":
            self._feed_zh(line, item, upcoming)
        else:
            self._feed_en(line, item, upcoming)

    def _start(self, line: Line, lang: str) -> None:
        item = self._new_item()
        if lang == "zh":
            item.zh_title = line
            self.state = "zh_title"
        else:
            item.en_title = line
            self.state = "en_title"

    def _feed_zh(self, line: Line, item: RawItem, upcoming: Line | None) -> None:
        if self.state == "zh_title":
            item.zh_paragraphs.append([line])
            self.state = "zh_body"
        elif self.state == "zh_body":
            if self._open_paragraph(item.zh_paragraphs):
                item.zh_paragraphs[-1].append(line)
            elif is_title_like(line) and (upcoming is None or _lang(upcoming) == "zh"):
                self._start(line, "zh")
            else:
                item.zh_paragraphs.append([line])
        else:  # a Chinese line after the English part: the next item
            self._start(line, "zh")

    def _feed_en(self, line: Line, item: RawItem, upcoming: Line | None) -> None:
        if self.state in ("zh_title", "zh_body"):
            if is_title_like(line) or not item.zh_paragraphs and self.state == "zh_title":
                item.en_title = line
                self.state = "en_title"
            else:
                item.en_paragraphs.append([line])
                self.state = "en_body"
        elif self.state == "en_title":
            item.en_paragraphs.append([line])
            self.state = "en_body"
        else:  # en_body
            if self._open_paragraph(item.en_paragraphs):
                item.en_paragraphs[-1].append(line)
            elif is_title_like(line) and upcoming is not None and _lang(upcoming) == "en" and is_paragraph_like(upcoming):
                self._start(line, "en")
            else:
                item.en_paragraphs.append([line])


def _split_sections(
    lines: list[Line], known_titles: frozenset[str], layout: Layout
) -> tuple[list[RawSection], list[Line]]:
    sections: list[RawSection] = []
    unplaced: list[Line] = []
    heading: tuple[str | None, str | None] | None = None
    heading_line: Line | None = None
    section_lines: list[Line] = []

    def close() -> None:
        if heading is None:
            unplaced.extend(section_lines)
            return
        builder = _ItemBuilder(known_titles, layout)
        for position, line in enumerate(section_lines):
            upcoming = section_lines[position + 1] if position + 1 < len(section_lines) else None
            builder.feed(line, upcoming)
        sections.append(RawSection(heading=heading, heading_line=heading_line, items=tuple(builder.items)))

    for line in lines:
        found = layout.heading(line.text)
        if found is not None:
            close()
            heading, heading_line, section_lines = found, line, []
        else:
            section_lines.append(line)
    close()
    return sections, unplaced


# --------------------------------------------------------------------------- footer


def _parse_footer(lines: list[Line], layout: Layout) -> tuple[RawFooter | None, list[Line], list[Line]]:
    if not lines:
        return None, [], []
    disclaimer: dict[str, list[Line]] = {"zh": [], "en": []}
    offices: dict[str, Line] = {}
    fields: list[tuple[str, str, Line]] = []
    seen_fields: set[str] = set()
    boilerplate: list[Line] = []
    unplaced: list[Line] = []
    current_disclaimer: str | None = None
    for line in lines:
        text = clean_value(line.text)
        language = layout.disclaimer_language(text)
        if language:
            disclaimer[language].append(line)
            current_disclaimer = language
            continue
        if layout.is_footer_boilerplate(text):
            boilerplate.append(line)
            current_disclaimer = None
            continue
        found = layout.footer_field(text)
        if found and found[0] not in seen_fields:
            seen_fields.add(found[0])
            fields.append((found[0], found[1], line))
            current_disclaimer = None
            continue
        parts = _office_parts(text)
        if parts is not None:
            key = "zh" if is_chinese(text) else "en"
            if key not in offices:
                offices[key] = line
                current_disclaimer = None
                continue
        if current_disclaimer and (_lang(line) == current_disclaimer) and ends_sentence(text):
            disclaimer[current_disclaimer].append(line)
            continue
        unplaced.append(line)
    footer = RawFooter(
        disclaimer_zh=tuple(disclaimer["zh"]),
        disclaimer_en=tuple(disclaimer["en"]),
        offices_zh=offices.get("zh"),
        offices_en=offices.get("en"),
        fields=tuple(fields),
    )
    return footer, boilerplate, unplaced


# --------------------------------------------------------------------------- entry point


def segment(lines: tuple[Line, ...], layout: Layout) -> Segments:
    """Group ``lines`` by role. Pure: the same lines always give the same segments."""
    footer_start = _find_footer_start(lines, 0, layout)
    headings = _heading_indexes(lines, 0, footer_start, layout)
    if headings:
        first = headings[0]
        body_start = _body_start(lines, headings, footer_start)
        # A footer disclaimer cannot precede the body: search again from the body.
        footer_start = _find_footer_start(lines, body_start, layout)
    else:
        first = body_start = footer_start
    masthead, boilerplate, unplaced = _parse_masthead(list(lines[:first]), layout)
    contents, contents_unplaced = _parse_contents(list(lines[first:body_start]), layout)
    known_titles = frozenset(
        clean_value(line.text) for block in contents for pair in block.titles for line in pair if line is not None
    )
    sections, body_unplaced = _split_sections(list(lines[body_start:footer_start]), known_titles, layout)
    footer, footer_boilerplate, footer_unplaced = _parse_footer(list(lines[footer_start:]), layout)
    return Segments(
        masthead=masthead,
        contents=tuple(contents),
        sections=tuple(sections),
        footer=footer,
        boilerplate=tuple(boilerplate + footer_boilerplate),
        unplaced=tuple(sorted(unplaced + contents_unplaced + body_unplaced + footer_unplaced, key=lambda line: line.number)),
        headings_found=len(headings),
    )
