"""Metamorphic tests: layouts the fixtures do not show must give the same items.

Each fixture is varied the way other issues of the newsletter differ (no table
of contents, no footer, no "more" markers, extra blank lines, no leading blank
lines) and must yield the same sections, titles and bodies as the original.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from lifang_parse import parse_text
from lifang_parse.models import Newsletter

from conftest import ALL_TEXT_FIXTURES as TEXT_FIXTURES

_MORE_MARKER = regex.compile(r"\s*[（(]\[(?:查看更多|More)\]\(#\)[）)]")


def _shape(newsletter: Newsletter) -> list[object]:
    return [
        (section.heading, [(item.id, item.title, item.body) for item in section.items])
        for section in newsletter.sections
    ]


def _without_contents(text: str, reference: Newsletter) -> str:
    if not reference.contents:
        return text  # an issue printed without contents already
    first_heading = reference.contents[0].heading.zh or ""
    start = text.index(first_heading)
    body = text.index(reference.sections[0].heading.zh or "", start + 1)
    return text[:start] + text[body:]


def _without_footer(text: str, _reference: Newsletter) -> str:
    return text[: text.index("立方律师事务所编写")]


def _without_markers(text: str, _reference: Newsletter) -> str:
    return _MORE_MARKER.sub("", text)


def _more_blank_lines(text: str, _reference: Newsletter) -> str:
    return text.replace("\n\n", "\n\n\n\n")


def _no_leading_blank_lines(text: str, _reference: Newsletter) -> str:
    return text.lstrip()


VARIANTS: dict[str, Callable[[str, Newsletter], str]] = {
    "no-contents": _without_contents,
    "no-footer": _without_footer,
    "no-more-markers": _without_markers,
    "more-blank-lines": _more_blank_lines,
    "no-leading-blank-lines": _no_leading_blank_lines,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_variant_gives_the_same_items(path: Path, variant: str) -> None:
    text = path.read_text(encoding="utf-8")
    reference = parse_text(text)
    varied = parse_text(VARIANTS[variant](text, reference))
    assert _shape(varied) == _shape(reference)
    assert varied.unplaced == []


def test_no_footer_is_a_warning_not_a_failure() -> None:
    text = TEXT_FIXTURES[0].read_text(encoding="utf-8")
    varied = parse_text(_without_footer(text, parse_text(text)))
    assert varied.footer is None
    assert "missing_footer" in {w.code for w in varied.warnings}
