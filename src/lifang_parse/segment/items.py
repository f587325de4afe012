"""The body's sections and their items, and the guard that no story is told twice.

Items follow the newsletter's order: Chinese title, Chinese paragraphs,
English title, English paragraphs. Titles the contents list force a new item;
otherwise the shape of each line decides. A title with no story under it is
a contents entry, never an item, and a story whose headline an earlier item
already printed is not a second item: both go to ``unplaced`` with a doubt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lifang_parse.publication import Layout
from lifang_parse.read.layout import join_seam
from lifang_parse.read.lines import Line
from lifang_parse.segment.model import Doubt, Heading, RawItem, RawSection
from lifang_parse.segment.shape import has_link_marker, is_link_only, is_paragraph_like, is_title_like, lang
from lifang_parse.textutil import clean_value, ends_sentence


# The longest rest of a wrapped headline: Chinese characters, English words.
_MAX_ZH_TAIL = 20
_MAX_EN_TAIL_WORDS = 8


def join_lines_text(a: str, b: str) -> str:
    """Two lines of one wrapped text, joined by the readers' rule."""
    head, separator = join_seam(a, b)
    return head + separator + b.lstrip()


def merge_lines(first: Line, second: Line) -> Line:
    """One logical line of two (a wrapped headline), text and markup joined."""
    markup = join_lines_text(first.marked, second.marked) if first.markup or second.markup else None
    return replace(first, text=join_lines_text(first.text, second.text), markup=markup, number_end=second.last)


class _ItemBuilder:
    """State machine that groups a section's lines into items."""

    def __init__(self, known_titles: frozenset[str], layout: Layout, *, markers: bool = False) -> None:
        self.known_titles = known_titles
        # The section ends its stories' languages with "more" markers: a
        # Chinese part is not over before its marker.
        self.markers = markers
        self.layout = layout
        self.items: list[RawItem] = []
        self.current: RawItem | None = None
        self.state = "start"

    def _new_item(self) -> RawItem:
        self.current = RawItem()
        self.items.append(self.current)
        return self.current

    @staticmethod
    def _open_paragraph(paragraphs: list[list[Line]]) -> bool:
        """True when the last paragraph does not end a sentence (it may continue)."""
        if not paragraphs:
            return False
        last = paragraphs[-1][-1].text
        return not ends_sentence(last) and not has_link_marker(last)

    def feed(self, line: Line, upcoming: Line | None) -> None:
        language = lang(line)
        item = self.current
        if is_link_only(line, self.layout) and item is not None:
            paragraphs = item.en_paragraphs if self.state.startswith("en") else item.zh_paragraphs
            if paragraphs:
                paragraphs[-1].append(line)
                return
        if item is None:
            self._start(line, language)
            return
        if clean_value(line.text) in self.known_titles:
            if language == "en" and item.en_title is None and self.state in ("zh_title", "zh_body"):
                item.en_title = line
                self.state = "en_title"
            else:
                self._start(line, language)
            return
        if language == "zh":
            self._feed_zh(line, item, upcoming)
        else:
            self._feed_en(line, item, upcoming)

    def _zh_part_over(self, item: RawItem) -> bool:
        """May a new story begin now, though this one has no English yet?
        Not before its Chinese "more" marker, where the section uses them
        (a paragraph the page cut after a full stop goes on)."""
        if not self.markers or not item.zh_paragraphs:
            return True
        return has_link_marker(item.zh_paragraphs[-1][-1].text)

    def _start(self, line: Line, language: str) -> None:
        item = self._new_item()
        if language == "zh":
            item.zh_title = line
            self.state = "zh_title"
        else:
            item.en_title = line
            self.state = "en_title"

    def _continues_title(self, title: Line | None, line: Line, upcoming: Line | None) -> bool:
        """A headline that wrapped onto a second line (a narrow column, a page
        break): the rest is short, no sentence ends, and the story follows."""
        if title is None or clean_value(title.text) in self.known_titles or not is_title_like(line):
            return False
        merged = join_lines_text(title.text, line.text)
        if clean_value(merged) in self.known_titles:
            return True
        short = len(line.text) <= _MAX_ZH_TAIL if lang(line) == "zh" else len(line.text.split()) <= _MAX_EN_TAIL_WORDS
        return short and upcoming is not None and lang(upcoming) == lang(line) and is_paragraph_like(upcoming)

    def _feed_zh(self, line: Line, item: RawItem, upcoming: Line | None) -> None:
        if self.state == "zh_title" and self._continues_title(item.zh_title, line, upcoming):
            item.zh_title = merge_lines(item.zh_title, line)  # type: ignore[arg-type]
        elif self.state == "zh_title":
            item.zh_paragraphs.append([line])
            self.state = "zh_body"
        elif self.state == "zh_body":
            if self._open_paragraph(item.zh_paragraphs):
                item.zh_paragraphs[-1].append(line)
            elif is_title_like(line) and (upcoming is None or lang(upcoming) == "zh") and self._zh_part_over(item):
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
        elif self.state == "en_title" and self._continues_title(item.en_title, line, upcoming):
            item.en_title = merge_lines(item.en_title, line)  # type: ignore[arg-type]
        elif self.state == "en_title":
            item.en_paragraphs.append([line])
            self.state = "en_body"
        elif self._open_paragraph(item.en_paragraphs):
            item.en_paragraphs[-1].append(line)
        elif is_title_like(line) and upcoming is not None and lang(upcoming) == "en" and is_paragraph_like(upcoming):
            self._start(line, "en")
        else:
            item.en_paragraphs.append([line])


def build_items(lines: Sequence[Line], known_titles: frozenset[str], layout: Layout) -> list[RawItem]:
    """The items of one section's lines."""
    markers = sum(1 for line in lines if has_link_marker(line.text)) >= 2
    builder = _ItemBuilder(known_titles, layout, markers=markers)
    for position, line in enumerate(lines):
        upcoming = lines[position + 1] if position + 1 < len(lines) else None
        builder.feed(line, upcoming)
    return builder.items


def build_section(heading: Heading, heading_lines: tuple[Line, ...], lines: Sequence[Line], known_titles: frozenset[str], layout: Layout) -> RawSection:
    return RawSection(heading=heading, heading_lines=heading_lines, items=tuple(build_items(lines, known_titles, layout)))


def drop_repeats(sections: Sequence[RawSection]) -> tuple[list[RawSection], list[Line], list[Doubt]]:
    """Sections without title-only items or stories printed twice.

    Returns (sections, lines taken out, doubts). The lines are kept by the
    caller in ``unplaced``: nothing is lost, nothing is counted twice.
    """
    seen: dict[str, str] = {}
    kept_sections: list[RawSection] = []
    taken: list[Line] = []
    doubts: list[Doubt] = []
    for section_number, section in enumerate(sections, start=1):
        kept: list[RawItem] = []
        for item in section.items:
            lines = tuple(item.lines())
            key = _story_key(item)
            if not item.has_body:
                taken.extend(lines)
                doubts.append(Doubt("a headline with no story under it (a contents entry?) is not an item", lines))
                continue
            if key is not None and key in seen:
                taken.extend(lines)
                doubts.append(Doubt(f"a story whose headline item {seen[key]} already printed is not a second item", lines))
                continue
            if key is not None:
                seen[key] = f"{section_number}.{len(kept) + 1}"
            kept.append(item)
        kept_sections.append(RawSection(section.heading, section.heading_lines, tuple(kept)))
    return kept_sections, taken, doubts


def _story_key(item: RawItem) -> str | None:
    title = item.zh_title or item.en_title
    return clean_value(title.text) if title is not None else None
