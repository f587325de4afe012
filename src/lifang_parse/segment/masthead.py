"""The masthead: publisher, publication, number, period, title, issue number.

Why: producers group the fields as they like: one a line ("No.214", "2021.03"),
several on one line ("No.215 2021.03", "2021.03 | No.214"), in capitals
("NO. 214"), the period in Chinese ("2021年3月"). A line is read as masthead
fields when, cut at its separators, every piece is a field; a number before
the title is the publication's number, one after it the issue's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from lifang_parse.publication import Layout, masthead_number, masthead_period
from lifang_parse.read.lines import Line
from lifang_parse.segment.model import Masthead
from lifang_parse.segment.shape import is_paragraph_like
from lifang_parse.textutil import clean_value, is_chinese

# Where a line of several masthead fields is cut: bars, middle dots, slashes
# set off by spaces, and runs of white space between two fields.
_FIELD_SEPARATOR_RE = regex.compile(r"\s*[|｜·•]\s*|\s+/\s+|\s+")
# A masthead number or period glued to its neighbour by a single space must
# stay whole before cutting: "No. 214", "2021 . 03", "2021年 3月".
_GLUED_RE = regex.compile(r"(?i)\b(No)\.?\s+(?=\d)|(?<=\d)\s+(?=[.年月])|(?<=[.年])\s+(?=\d)")
# Longest line that may hold masthead fields only ("No.214 | 2021.03 | No.44").
_MAX_FIELDS_LINE = 80
# Longest masthead title (characters) per script.
_MAX_TITLE = {True: 120, False: 160}


@dataclass(frozen=True, slots=True)
class _Fields:
    numbers: tuple[int, ...]
    period: str | None


def masthead_fields(text: str) -> _Fields | None:
    """The numbers and period of a line made of masthead fields only, else None."""
    if len(text) > _MAX_FIELDS_LINE:
        return None
    glued = _GLUED_RE.sub(lambda m: m.group(1) + "." if m.group(1) else "", text)
    pieces = [piece for piece in _FIELD_SEPARATOR_RE.split(glued) if piece]
    if not pieces:
        return None
    numbers: list[int] = []
    period: str | None = None
    for piece in pieces:
        number = masthead_number(piece)
        if number is not None:
            numbers.append(number)
            continue
        found = masthead_period(piece)
        if found is not None and period is None:
            period = found
            continue
        return None
    return _Fields(tuple(numbers), period)


def parse_masthead(lines: Sequence[Line], layout: Layout) -> tuple[Masthead, list[Line], list[Line]]:
    """Masthead fields from the lines before the first heading.

    Returns (masthead, boilerplate lines, unplaced lines).
    """
    values: dict[str, object] = {}
    boilerplate: list[Line] = []
    numbers: list[tuple[int, int, Line]] = []  # (position, number, line)
    candidates: list[tuple[int, Line, str]] = []
    for position, line in enumerate(lines):
        text = clean_value(line.text)
        if layout.is_masthead_boilerplate(text):
            boilerplate.append(line)
            continue
        fields = masthead_fields(text)
        if fields is not None:
            numbers.extend((position, number, line) for number in fields.numbers)
            if fields.period is not None and "period" not in values:
                values["period"] = fields.period
            continue
        if _take_publisher(text, values, layout):
            continue
        candidates.append((position, line, text))
    chosen = _choose_titles(candidates, values)
    title_position = min((c[0] for c in chosen), default=None)
    unplaced = [c[1] for c in candidates if c not in chosen]
    for position, number, line in numbers:
        before_title = title_position is None or position < title_position
        key = "publication_number" if before_title and "publication_number" not in values else "issue_number"
        if key in values:
            unplaced.append(line)
        else:
            values[key] = number
    return Masthead(**values), boilerplate, sorted(set(unplaced), key=lambda line: line.number)  # type: ignore[arg-type]


def _choose_titles(candidates: list[tuple[int, Line, str]], values: dict[str, object]) -> list[tuple[int, Line, str]]:
    """The Chinese title is the first free Chinese line; the English title the
    first free English line after it (before it only when there is no Chinese)."""
    zh_titles = [c for c in candidates if is_chinese(c[2]) and len(c[2]) <= _MAX_TITLE[True]]
    en_titles = [c for c in candidates if not is_chinese(c[2]) and len(c[2]) <= _MAX_TITLE[False]]
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
    return chosen


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


def headless_masthead_end(lines: Sequence[Line], stop: int, layout: Layout) -> int:
    """Without section headings, where the masthead ends: before the first
    headline, the first line a paragraph follows."""
    for index in range(min(stop, len(lines)) - 1):
        line = lines[index]
        if masthead_fields(line.text) is not None or layout.is_masthead_boilerplate(line.text):
            continue
        if is_paragraph_like(lines[index + 1]) and not is_paragraph_like(line):
            return index
        if is_paragraph_like(line):
            return index
    return min(stop, len(lines))
