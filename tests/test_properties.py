"""Property tests: mutated fixtures give a Newsletter (losing nothing) or a typed error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lifang_parse import parse_text
from lifang_parse.errors import LifangParseError
from lifang_parse.read.text import decode_bytes

from conftest import ALL_TEXT_FIXTURES as TEXT_FIXTURES
from helpers import stories_told_twice
from lossless import missing_lines, overlapping_claims


FIXTURE_TEXTS = [decode_bytes(path.read_bytes())[0] for path in TEXT_FIXTURES]


@st.composite
def mutated_fixture(draw: st.DrawFn) -> str:
    """A fixture with lines deleted, duplicated, swapped or inserted."""
    lines = draw(st.sampled_from(FIXTURE_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines.insert(index, draw(st.text(min_size=1, max_size=40)))
    return "\n".join(lines)


def _check(text: str) -> None:
    try:
        newsletter = parse_text(text, source_path="mutated.txt")
    except LifangParseError as error:
        assert "mutated.txt" in str(error)
        return
    assert missing_lines(text, newsletter) == []
    assert overlapping_claims(newsletter) == []
    assert stories_told_twice(newsletter) == []


@given(mutated_fixture())
def test_mutated_fixtures_lose_nothing(text: str) -> None:
    _check(text)


@given(st.sampled_from(FIXTURE_TEXTS), st.integers(0, 20000))
def test_truncated_fixtures_lose_nothing(text: str, cut: int) -> None:
    _check(text[: cut % (len(text) + 1)])
