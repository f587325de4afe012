"""Section headings, found from the whole document rather than line by line.

Why: a heading may stand on one line ("国内要闻 Domestic News") or two (the
Chinese over the English, as web pages and word processors set them), carry
a name never seen before, or have a one-word English name. A line of that
weaker shape may as well be a short headline ("谷歌起诉 Amazon"), so such a
candidate is accepted only where the document confirms it: somewhere it opens
a section (a headline follows it, then a paragraph). Confirmed once, every
occurrence of the same heading counts (the contents print it too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lifang_parse.publication import HEADING_EN_HALF, HEADING_ONE_WORD, HEADING_ZH_HALF, Layout
from lifang_parse.read.lines import Line
from lifang_parse.segment.model import Heading
from lifang_parse.segment.shape import is_link_only, is_paragraph_like, is_title_like
from lifang_parse.textutil import ends_sentence, is_chinese, normalize_space

# The longest English half (characters) of a heading set on its own line.
_MAX_EN_HALF = 48


@dataclass(frozen=True, slots=True)
class FoundHeading:
    """A heading at ``lines[index]``, over ``span`` lines (1, or 2 when split)."""

    index: int
    span: int
    heading: Heading
    strong: bool

    @property
    def end(self) -> int:
        return self.index + self.span

    @property
    def key(self) -> tuple[str, str]:
        zh, en = self.heading
        return (zh or "", (en or "").casefold())


def find_headings(lines: Sequence[Line], stop: int, layout: Layout) -> list[FoundHeading]:
    """Every section heading in ``lines[:stop]``, in order."""
    candidates = _candidates(lines, stop, layout)
    confirmed = {c.key for c in candidates if c.strong or _opens_section(lines, c.end, stop, layout)}
    return [c for c in candidates if c.key in confirmed]


def _candidates(lines: Sequence[Line], stop: int, layout: Layout) -> list[FoundHeading]:
    found: list[FoundHeading] = []
    index = 0
    while index < stop:
        text = lines[index].text
        if layout.is_masthead_boilerplate(text):
            index += 1
            continue
        split = _split_heading(lines, index, stop, layout)
        if split is not None:
            found.append(split)
            index += 2
            continue
        whole = layout.heading(text)
        if whole is not None:
            found.append(FoundHeading(index, 1, whole, strong=True))
        else:
            one_word = HEADING_ONE_WORD.match(text)
            if one_word:
                found.append(FoundHeading(index, 1, (one_word["zh"], one_word["en"]), strong=False))
        index += 1
    return found


def _split_heading(lines: Sequence[Line], index: int, stop: int, layout: Layout) -> FoundHeading | None:
    """A heading whose Chinese and English halves are two lines, the Chinese first."""
    if index + 1 >= stop:
        return None
    zh_text, en_text = lines[index].text, lines[index + 1].text
    known_zh = layout.known_heading_half(zh_text)
    known_en = layout.known_heading_half(en_text)
    zh_ok = known_zh is not None and known_zh[0] == zh_text or HEADING_ZH_HALF.match(zh_text) is not None
    en_ok = (known_en is not None and known_en[1] is not None and known_en[1].casefold() == en_text.casefold()) or (
        len(en_text) <= _MAX_EN_HALF
        and HEADING_EN_HALF.match(en_text) is not None
        and not ends_sentence(en_text)
        and not is_chinese(en_text)
    )
    if not (zh_ok and en_ok):
        return None
    strong = known_zh is not None or known_en is not None
    return FoundHeading(index, 2, (zh_text, normalize_space(en_text)), strong=strong)


def _opens_section(lines: Sequence[Line], start: int, stop: int, layout: Layout) -> bool:
    """A headline follows, then a paragraph: what a section heading stands over."""
    following = [line for line in lines[start : min(stop, start + 4)] if not is_link_only(line, layout)]
    if len(following) < 2:
        return False
    return is_title_like(following[0]) and layout.heading(following[0].text) is None and is_paragraph_like(following[1])
