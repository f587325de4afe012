"""Contents lines a reader put among the body, and the body heading it put among the contents.

Why: readers order a page's text by geometry. A contents table read cell by
cell, or contents set in two columns, come out with their last cells after
the body's first heading, or with that heading read into the middle of the
contents (it sits under the left column). Such lines are recognised by what
they are, not where they stand:

- a contents piece in the body is a headline-shaped line that no paragraph
  follows and that is part of a headline printed elsewhere in the body
  ("Users' Health Data" of "Flo Health Settles … Sharing Users' Health Data");
- the body's heading read into the contents is the second occurrence of a
  contents heading there, when the body then opens without a heading of its
  own (its first block began with contents pieces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lifang_parse.read.contents import squeeze
from lifang_parse.read.lines import Line
from lifang_parse.segment.regions import Block
from lifang_parse.segment.shape import is_paragraph_like, is_title_like


def _story_titles(blocks: Sequence[Block]) -> dict[int, str]:
    """Squeezed headlines of the body (a line a paragraph follows), by line number."""
    titles: dict[int, str] = {}
    for block in blocks:
        for line, after in zip(block.lines, block.lines[1:]):
            if is_title_like(line) and is_paragraph_like(after):
                titles[line.number] = squeeze(line.text)
    return titles


def pull_contents_pieces(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[int, Line]]]:
    """The body blocks without contents pieces; the pieces, each with the index
    of the block it stood in."""
    titles = _story_titles(blocks)
    kept: list[Block] = []
    pieces: list[tuple[int, Line]] = []
    for index, block in enumerate(blocks):
        lines: list[Line] = []
        previous: Line | None = None  # the piece just before, which a one-character wrap continues
        for position, line in enumerate(block.lines):
            after = block.lines[position + 1] if position + 1 < len(block.lines) else None
            if _is_piece(line, after, titles, previous):
                pieces.append((index, line))
                previous = line
            else:
                lines.append(line)
                previous = None
        kept.append(replace(block, lines=tuple(lines)) if len(lines) != len(block.lines) else block)
    return kept, pieces


def _is_piece(line: Line, after: Line | None, titles: dict[int, str], previous: Line | None) -> bool:
    if line.number in titles or not is_title_like(line) or (after is not None and is_paragraph_like(after)):
        return False
    key = squeeze(line.text)
    if len(key) < 2:
        # One character is a piece only as the wrapped end of the piece before it ("…两项联合意" / "见").
        if previous is None:
            return False
        key = squeeze(previous.text) + key
    return any(key in title for number, title in titles.items() if number != line.number)


def restore_first_heading(contents: list[Block], body: list[Block], opened_with_pieces: bool) -> tuple[list[Block], list[Block], list[Line]]:
    """When the body opens with contents pieces under a contents heading and
    a contents heading occurs twice, the second occurrence is the body's
    first heading: it goes back over the first story. Returns (contents
    blocks, body blocks, lines of the moved block that are contents)."""
    if not contents or not body or not opened_with_pieces:
        return contents, body, []
    seen: set[tuple[str, str]] = set()
    for index, block in enumerate(contents):
        if block.heading.key in seen:
            moved = contents[index]
            first = body[0]
            new_contents = [*contents[:index], *contents[index + 1 :], Block(first.heading, ())]
            new_body = [Block(moved.heading, first.lines), *body[1:]]
            return new_contents, new_body, list(moved.lines)
        seen.add(block.heading.key)
    return contents, body, []
