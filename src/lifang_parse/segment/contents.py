"""The table of contents: each heading's title pairs, Chinese then English.

Why its own module: the contents are read by different rules from the body
(no paragraphs, titles in pairs, one language may be missing).
"""

from __future__ import annotations

from collections.abc import Sequence

from lifang_parse.read.lines import Line
from lifang_parse.segment.model import ContentsBlock
from lifang_parse.segment.regions import Block
from lifang_parse.segment.shape import lang


def parse_contents(blocks: Sequence[Block]) -> list[ContentsBlock]:
    """Contents blocks (heading + title pairs) from the blocks before the body."""
    return [ContentsBlock(heading=block.heading.heading, titles=tuple(_pairs(block.lines))) for block in blocks]


def _pairs(lines: Sequence[Line]) -> list[tuple[Line | None, Line | None]]:
    """Title pairs: a Chinese title, then its English one; either may be missing."""
    pairs: list[tuple[Line | None, Line | None]] = []
    pending_zh: Line | None = None
    for line in lines:
        if lang(line) == "zh":
            if pending_zh is not None:
                pairs.append((pending_zh, None))
            pending_zh = line
        else:
            pairs.append((pending_zh, line))
            pending_zh = None
    if pending_zh is not None:
        pairs.append((pending_zh, None))
    return pairs
