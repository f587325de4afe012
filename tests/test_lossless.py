"""Nothing lost: every non-blank line of every fixture lands somewhere in the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from lifang_parse import parse_file, parse_text
from lifang_parse.read.text import decode_bytes

from conftest import ALL_TEXT_FIXTURES as TEXT_FIXTURES, SAMPLE
from lossless import missing_lines, overlapping_claims


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_every_line_is_placed(path: Path) -> None:
    text, _ = decode_bytes(path.read_bytes())
    newsletter = parse_file(path)
    assert missing_lines(text, newsletter) == []
    assert overlapping_claims(newsletter) == []


def test_stray_text_goes_to_unplaced_with_a_warning() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    stray = "Lorem ipsum stray line that belongs nowhere 12345"
    text = text.replace("No.214", f"No.214\n\n{stray}", 1)
    newsletter = parse_text(text)
    assert [f.text for f in newsletter.unplaced] == [stray]
    assert newsletter.unplaced[0].line_start == 15
    assert any(w.code == "unplaced_text" and "line 15" in w.message for w in newsletter.warnings)
    assert missing_lines(text, newsletter) == []


def test_the_check_itself_catches_a_lost_line() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    newsletter = parse_file(SAMPLE)
    with_extra = text + "\n\nA sentence the parser never saw.\n"
    assert missing_lines(with_extra, newsletter) == ["A sentence the parser never saw."]
