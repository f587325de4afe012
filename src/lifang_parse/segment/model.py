"""The segment layer's hand-off: lines grouped by role, and its doubts.

Plain structures of :class:`Line`; the pair layer turns them into contract
models. Every line of the input ends up in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lifang_parse.read.lines import Line
from lifang_parse.textutil import ends_sentence

Heading = tuple[str | None, str | None]


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

    @property
    def found(self) -> bool:
        """Enough of a masthead to call the document a newsletter: the
        publication's name, or a number with a period or a title."""
        if self.publication_zh:
            return True
        numbered = self.publication_number is not None or self.issue_number is not None
        return numbered and bool(self.period or self.title_zh or self.title_en) or bool(self.period and self.title_zh)


@dataclass(frozen=True, slots=True)
class ContentsBlock:
    heading: Heading
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

    @property
    def has_body(self) -> bool:
        return bool(self.zh_paragraphs or self.en_paragraphs)


@dataclass(frozen=True, slots=True)
class RawSection:
    heading: Heading
    heading_lines: tuple[Line, ...]
    items: tuple[RawItem, ...]


@dataclass(frozen=True, slots=True)
class RawFooter:
    disclaimer_zh: tuple[Line, ...]
    disclaimer_en: tuple[Line, ...]
    offices_zh: Line | None
    offices_en: Line | None
    fields: tuple[tuple[str, str, Line], ...]


@dataclass(frozen=True, slots=True)
class Doubt:
    """A part of the document whose place is uncertain (a ``structure_doubt``
    warning): which lines, and why."""

    message: str
    lines: tuple[Line, ...] = ()

    def describe(self) -> str:
        if not self.lines:
            return self.message
        first, last = self.lines[0].number, max(line.last for line in self.lines)
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Segments:
    masthead: Masthead
    contents: tuple[ContentsBlock, ...]
    sections: tuple[RawSection, ...]
    footer: RawFooter | None
    boilerplate: tuple[Line, ...]
    unplaced: tuple[Line, ...]
    headings_found: int
    doubts: tuple[Doubt, ...] = ()

    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    def bilingual_items(self) -> int:
        """Items shaped like news in both languages: a Chinese headline over
        Chinese prose, an English headline over English prose."""
        return sum(1 for section in self.sections for item in section.items if _is_bilingual_story(item))


def _is_bilingual_story(item: RawItem) -> bool:
    if not (item.zh_title and item.en_title and item.zh_paragraphs and item.en_paragraphs):
        return False
    zh_prose = any("。" in line.text for paragraph in item.zh_paragraphs for line in paragraph)
    en_prose = any(ends_sentence(line.text) for paragraph in item.en_paragraphs for line in paragraph)
    return zh_prose and en_prose
