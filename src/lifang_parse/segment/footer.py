"""The footer: disclaimer, offices, website, e-mail, telephone, fax."""

from __future__ import annotations

from collections.abc import Sequence

from lifang_parse.publication import Layout
from lifang_parse.read.lines import Line
from lifang_parse.segment.model import RawFooter
from lifang_parse.segment.shape import lang
from lifang_parse.textutil import clean_value, ends_sentence, is_chinese


def find_footer_start(lines: Sequence[Line], start: int, layout: Layout) -> int:
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
    return bool(layout.footer_field(text) or layout.is_footer_boilerplate(text) or office_parts(text))


def office_parts(text: str) -> list[str] | None:
    """The office names of a "北京 | 上海 | ..." line, or None."""
    if "|" not in text:
        return None
    parts = [part.strip() for part in text.split("|")]
    if len(parts) < 2 or any(not part or len(part) > 30 for part in parts):
        return None
    return parts


def parse_footer(lines: Sequence[Line], layout: Layout) -> tuple[RawFooter | None, list[Line], list[Line]]:
    """(footer, boilerplate lines, unplaced lines) of the lines after the body."""
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
        parts = office_parts(text)
        if parts is not None:
            key = "zh" if is_chinese(text) else "en"
            if key not in offices:
                offices[key] = line
                current_disclaimer = None
                continue
        if current_disclaimer and lang(line) == current_disclaimer and ends_sentence(text):
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
