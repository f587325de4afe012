"""Layer 2, segment: the line stream into masthead, contents, sections, items, footer.

Input is the reader's tuple of :class:`Line`; output is :class:`Segments`,
lines grouped by role (the pair layer builds the contract's models from
them). The segmenter sees plain text only: emphasis never decides a line's
role. Where the lines go is decided from the whole document:

1. the footer (the disclaimer, else the trailing contact lines);
2. the section headings (:mod:`.headings`, confirmed by the document);
3. where the contents end and the body begins (:mod:`.regions`, by cost);
4. masthead, contents, items, footer, each by its own module.

Every line ends up in exactly one place: a masthead field, the contents, an
item, the footer, ``boilerplate`` or ``unplaced``; what is doubtful is said
in ``doubts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lifang_parse.markup import plain
from lifang_parse.publication import Layout
from lifang_parse.read.lines import Line
from lifang_parse.segment.contents import parse_contents, rebuild_contents, scrambled
from lifang_parse.segment.misplaced import pull_contents_pieces, restore_first_heading
from lifang_parse.segment.footer import find_footer_start, parse_footer
from lifang_parse.segment.headings import find_headings
from lifang_parse.segment.items import build_section, drop_repeats
from lifang_parse.segment.masthead import headless_masthead_end, parse_masthead
from lifang_parse.segment.model import (
    ContentsBlock,
    Doubt,
    Masthead,
    RawFooter,
    RawItem,
    RawSection,
    Segments,
)
from lifang_parse.segment.regions import blocks_of, body_start
from lifang_parse.textutil import clean_value, close_cjk_latin_gaps, is_chinese


def plain_lines(lines: Sequence[Line]) -> tuple[Line, ...]:
    """The lines as the segmenter sees them: plain text, the markup kept aside;
    Chinese lines without the spaces typesetters put around Latin words and
    digits ("2022 年 7 月 5 日" is the source's "2022年7月5日")."""
    out = []
    for line in lines:
        marked = line.text
        text = plain(marked)
        if is_chinese(text):
            text, marked = close_cjk_latin_gaps(text), close_cjk_latin_gaps(marked)
        out.append(line if text == line.text else replace(line, text=text, markup=marked if marked != text else None))
    return tuple(out)


def segment(lines: Sequence[Line], layout: Layout) -> Segments:
    """Group ``lines`` by role. Pure: the same lines always give the same segments."""
    lines = plain_lines(lines)
    footer_start = find_footer_start(lines, 0, layout)
    headings = find_headings(lines, footer_start, layout)
    if not headings:
        return _headless(lines, footer_start, layout)
    blocks = blocks_of(lines, headings, footer_start)
    k = body_start(blocks, layout)
    body_first = headings[k].index if k < len(headings) else footer_start
    # A footer disclaimer cannot precede the body: search again from the body.
    footer_start = find_footer_start(lines, body_first, layout)
    headings = [h for h in headings if h.index < footer_start]
    blocks = blocks_of(lines, headings, footer_start)
    masthead, boilerplate, unplaced = parse_masthead(lines[: headings[0].index], layout)
    contents_blocks, pieces_at = list(blocks[:k]), []
    body_blocks, pieces_at = pull_contents_pieces(blocks[k:])
    opened_with_pieces = any(at == 0 for at, _ in pieces_at) and bool(body_blocks[0].lines if body_blocks else False)
    contents_blocks, body_blocks, moved = restore_first_heading(contents_blocks, body_blocks, opened_with_pieces)
    pieces = moved + [line for _, line in pieces_at]
    contents = parse_contents(contents_blocks)
    known_titles = frozenset(
        clean_value(line.text) for block in contents for pair in block.titles for line in pair if line is not None
    )
    raw_sections = [
        build_section(block.heading.heading, tuple(lines[block.heading.index : block.heading.end]), block.lines, known_titles, layout)
        for block in body_blocks
    ]
    sections, taken, doubts = drop_repeats(raw_sections)
    if contents_blocks and (pieces or scrambled(contents_blocks, sections)):
        contents, debris, contents_doubts = rebuild_contents(contents_blocks, pieces, sections)
        taken += debris
        doubts += contents_doubts
    elif pieces:
        taken += pieces
        doubts.append(Doubt("headline-shaped lines with no story, part of other headlines", tuple(pieces)))
    footer, footer_boilerplate, footer_unplaced = parse_footer(lines[footer_start:], layout)
    return Segments(
        masthead=masthead,
        contents=tuple(contents),
        sections=tuple(sections),
        footer=footer,
        boilerplate=tuple(boilerplate + footer_boilerplate),
        unplaced=_by_number(unplaced + taken + footer_unplaced),
        headings_found=len(headings),
        doubts=tuple(doubts),
    )


def _headless(lines: tuple[Line, ...], footer_start: int, layout: Layout) -> Segments:
    """No section heading anywhere: the items still are found, as one section
    without a heading, and the document says it was unsure."""
    start = headless_masthead_end(lines, footer_start, layout)
    masthead, boilerplate, unplaced = parse_masthead(lines[:start], layout)
    section = build_section((None, None), (), lines[start:footer_start], frozenset(), layout)
    sections, taken, doubts = drop_repeats([section])
    footer, footer_boilerplate, footer_unplaced = parse_footer(lines[footer_start:], layout)
    body = lines[start:footer_start]
    if body:
        doubts.insert(0, Doubt("no section headings were found; these lines are read as one section without a heading", (body[0], body[-1])))
    return Segments(
        masthead=masthead,
        contents=(),
        sections=tuple(sections) if sections[0].items else (),
        footer=footer,
        boilerplate=tuple(boilerplate + footer_boilerplate),
        unplaced=_by_number(unplaced + taken + footer_unplaced + ([] if sections[0].items else [])),
        headings_found=0,
        doubts=tuple(doubts),
    )


def _by_number(lines: list[Line]) -> tuple[Line, ...]:
    return tuple(sorted(lines, key=lambda line: line.number))


__all__ = [
    "ContentsBlock",
    "Doubt",
    "Masthead",
    "RawFooter",
    "RawItem",
    "RawSection",
    "Segments",
    "plain_lines",
    "segment",
]
