"""The table of contents: each heading's title pairs, Chinese then English.

Why its own module: the contents are read by different rules from the body
(no paragraphs, titles in pairs, one language may be missing). Printed
plainly they are read line by line. When a reader scrambled them — a table
read cell by cell, two columns read one after the other, a row read straight
across, wrapped cells cut into pieces — they are put back together from the
body's own headlines (:func:`lifang_parse.read.contents.recover`): each
contents title is the headline it spells, listed under the heading of the
body section that prints it. A piece that spells no headline stays a whole
entry where it stood, or, if only part of a line, goes to ``unplaced`` with
a doubt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lifang_parse.read.contents import cut_line, recover, squeeze
from lifang_parse.read.lines import Line
from lifang_parse.segment.model import ContentsBlock, Doubt, RawSection
from lifang_parse.segment.regions import Block
from lifang_parse.segment.shape import lang

# A piece this much shorter than the headline holding it is a fragment, not a shortened title.
_FRAGMENT_SHARE = 0.5


def parse_contents(blocks: Sequence[Block]) -> list[ContentsBlock]:
    """Contents blocks (heading + title pairs) read line by line."""
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


@dataclass(frozen=True, slots=True)
class _Target:
    """A body headline the contents may spell: its section, item, language and text."""

    section: int
    item: int
    lang: str
    text: str


def _targets(sections: Sequence[RawSection]) -> list[_Target]:
    out = []
    for s, section in enumerate(sections):
        for i, item in enumerate(section.items):
            for language, title in (("zh", item.zh_title), ("en", item.en_title)):
                if title is not None:
                    out.append(_Target(s, i, language, title.text))
    return out


def scrambled(blocks: Sequence[Block], sections: Sequence[RawSection]) -> bool:
    """Do the contents read line by line look scrambled by the reader?"""
    keys = [squeeze(t.text) for t in _targets(sections)]
    for block in blocks:
        if _runs_of_both_languages(block.lines):
            return True
        for line in block.lines:
            key = squeeze(line.text)
            if key in keys:
                continue
            holders = [k for k in keys if key in k]
            if holders and len(key) < _FRAGMENT_SHARE * min(len(k) for k in holders):
                return True  # a fragment of a headline ("会", "Users' Health Data")
            cut = cut_line(line.text, keys)
            if cut is not None and len(cut) >= 2 and all(len(squeeze(p)) >= 4 for p in cut):
                return True  # two headlines on one line (a row read across)
    return False


def _runs_of_both_languages(lines: Sequence[Line]) -> bool:
    """Two Chinese lines running, and two English ones: columns read one after the other."""
    runs = {"zh": 0, "en": 0}
    previous, length = None, 0
    for line in lines:
        language = lang(line)
        length = length + 1 if language == previous else 1
        previous = language
        runs[language] = max(runs[language], length)
    return runs["zh"] >= 2 and runs["en"] >= 2


def rebuild_contents(
    blocks: Sequence[Block], pieces: Sequence[Line], sections: Sequence[RawSection]
) -> tuple[list[ContentsBlock], list[Line], list[Doubt]]:
    """Contents put back together from the body's headlines.

    ``blocks`` are the contents blocks in reading order, ``pieces`` contents
    lines found elsewhere. Returns (contents, lines that are only debris, doubts).
    """
    placed: list[tuple[int, Line]] = [(b, line) for b, block in enumerate(blocks) for line in block.lines]
    placed += [(len(blocks) - 1, line) for line in pieces]
    texts = [line.text for _, line in placed]
    targets = _targets(sections)
    result = recover(texts, [t.text for t in targets])
    entries: dict[tuple[int, int], dict[str, Line]] = {}
    for title in result.titles:
        target = targets[title.target]
        used = [placed[k][1] for k in title.lines]
        entries.setdefault((target.section, target.item), {})[target.lang] = _spelled(target.text, used)
    by_block: list[list[tuple[Line | None, Line | None]]] = [[] for _ in blocks]
    keys = [block.heading.key for block in blocks]
    for s, section in enumerate(sections):
        key = (section.heading[0] or "", (section.heading[1] or "").casefold())
        b = keys.index(key) if key in keys else None
        for i in range(len(section.items)):
            found = entries.get((s, i))
            if found and b is not None:
                by_block[b].append((found.get("zh"), found.get("en")))
    debris: list[Line] = []
    whole: dict[int, list[Line]] = {}
    for piece in result.leftover:
        b, line = placed[piece.line]
        if piece.text == line.text:
            whole.setdefault(b, []).append(line)
        elif line not in debris:
            debris.append(line)
    for b, lines in whole.items():
        by_block[b].extend(_pairs(lines))
    doubts = [Doubt("contents pieces that spell no headline of the body", tuple(debris))] if debris else []
    contents = [ContentsBlock(heading=block.heading.heading, titles=tuple(by_block[b])) for b, block in enumerate(blocks)]
    return contents, debris, doubts


def _spelled(text: str, used: Sequence[Line]) -> Line:
    """The line a headline's contents pieces stand for: its text, their provenance."""
    first = min(used, key=lambda line: line.number)
    last = max(line.last for line in used)
    return Line(text=text, number=first.number, page=first.page, number_end=last if last != first.number else None)
