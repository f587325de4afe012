"""Where the contents end and the body begins, decided from the whole document.

Why: deciding by the first match (the first body title equal to the first
contents title, the first heading followed by a paragraph) breaks as soon as
one title is worded differently or one contents title ends in a question
mark, and then the contents are read as body: every story twice. Here every
possible boundary between the heading-delimited blocks is scored at once:

- a paragraph in the contents is wrong (a line that is surely body text
  costs more than one that merely ends like a sentence);
- a block of titles only in the body is wrong (that is contents);
- a section heading printed twice in the body is wrong (the contents'
  headings repeat the body's), and so is a headline printed twice.

The boundary of least cost wins; ties go to the later boundary (a contents
block of nothing but headings is contents).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lifang_parse.publication import Layout
from lifang_parse.read.lines import Line
from lifang_parse.segment.headings import FoundHeading
from lifang_parse.segment.shape import is_link_only, is_paragraph_like, is_surely_paragraph, is_title_like

# Costs of the evidence against a boundary (see the module docstring).
_SURE_PARAGRAPH_IN_CONTENTS = 3
_PARAGRAPH_IN_CONTENTS = 1
_HEADING_TWICE_IN_BODY = 2
_TITLE_TWICE_IN_BODY = 1


@dataclass(frozen=True, slots=True)
class Block:
    """The lines under one heading, up to the next heading."""

    heading: FoundHeading
    lines: tuple[Line, ...]

    @property
    def sure_paragraphs(self) -> int:
        return sum(1 for line in self.lines if is_surely_paragraph(line))

    @property
    def paragraphs(self) -> int:
        return sum(1 for line in self.lines if is_paragraph_like(line))


def blocks_of(lines: Sequence[Line], headings: Sequence[FoundHeading], stop: int) -> list[Block]:
    out = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else stop
        out.append(Block(heading, tuple(lines[heading.end : end])))
    return out


def body_start(blocks: Sequence[Block], layout: Layout) -> int:
    """The number of leading blocks that are the contents (0: no contents).

    Linear in the document: the contents' cost is a prefix sum, the body's a
    suffix sum with running counters of headings and titles seen.
    """
    if not blocks:
        return 0
    n = len(blocks)
    as_contents = [0] * (n + 1)  # cost of blocks[:k] read as contents
    for k, block in enumerate(blocks):
        weak = block.paragraphs - block.sure_paragraphs
        as_contents[k + 1] = as_contents[k] + _SURE_PARAGRAPH_IN_CONTENTS * block.sure_paragraphs + _PARAGRAPH_IN_CONTENTS * weak
    as_body = [0] * (n + 1)  # cost of blocks[k:] read as body
    headings: Counter[tuple[str, str]] = Counter()
    titles: Counter[str] = Counter()
    running = 0
    for k in range(n - 1, -1, -1):
        block = blocks[k]
        if block.lines and block.paragraphs == 0:
            running += sum(1 for line in block.lines if not is_link_only(line, layout))
        if headings[block.heading.key]:
            running += _HEADING_TWICE_IN_BODY
        headings[block.heading.key] += 1
        for line in block.lines:
            if is_title_like(line):
                if titles[line.text]:
                    running += _TITLE_TWICE_IN_BODY
                titles[line.text] += 1
        as_body[k] = running
    # A newsletter has a body: taking every block as contents costs all their lines.
    as_body[n] = sum(len(block.lines) for block in blocks)
    costs = [(as_contents[k] + as_body[k], -k) for k in range(n + 1)]
    return -min(costs)[1]
