"""The shape of one line: title, paragraph, link marker, language.

Why: every part of the segmenter asks the same few questions of a line; they
are answered here once, on the line's plain text (never its style).
"""

from __future__ import annotations

import regex

from lifang_parse.publication import LINK_MARKER, Layout
from lifang_parse.read.lines import Line
from lifang_parse.textutil import ends_sentence, is_chinese

# Longest line (in characters) that may still be a title rather than a paragraph.
MAX_ZH_TITLE = 100
MAX_EN_TITLE = 260
# A sentence that ends inside the line and another that follows: never a
# headline ("…美光的产品。此前，…", "…the company. The regulator…").
_SENTENCE_INSIDE_RE = regex.compile(r"[。！？；](?=[^”’」』）)\]])|(?<=\p{Ll}{2})[.!?](?=\s+[A-Z\p{Han}])")


def lang(line: Line) -> str:
    return "zh" if is_chinese(line.text) else "en"


def has_link_marker(text: str) -> bool:
    return LINK_MARKER.search(text) is not None


def is_title_like(line: Line) -> bool:
    """A line that may be a headline: short, no sentence end, no link marker."""
    text = line.text
    limit = MAX_ZH_TITLE if is_chinese(text) else MAX_EN_TITLE
    return (
        len(text) <= limit
        and not ends_sentence(text)
        and not has_link_marker(text)
        and _SENTENCE_INSIDE_RE.search(text) is None
    )


def is_paragraph_like(line: Line) -> bool:
    """A line that reads as body text: ends a sentence, carries a link marker, or is long."""
    text = line.text
    limit = MAX_ZH_TITLE if is_chinese(text) else MAX_EN_TITLE
    return ends_sentence(text) or has_link_marker(text) or len(text) > limit


def is_surely_paragraph(line: Line) -> bool:
    """Body text beyond doubt: a link marker, or longer than any title, or two
    sentences. A title may end in "?" or "." but is never this."""
    text = line.text
    if has_link_marker(text) or len(text) > (MAX_ZH_TITLE if is_chinese(text) else MAX_EN_TITLE):
        return True
    return ends_sentence(text) and _sentences(text) >= 2


def _sentences(text: str) -> int:
    count = sum(text.count(mark) for mark in "。！？；")
    count += text.count(". ") + text.count("? ") + text.count("! ")
    return count + (1 if ends_sentence(text) else 0)


def is_link_only(line: Line, layout: Layout) -> bool:
    """A line holding nothing but a 'more' marker, e.g. "（[查看更多](#)）"."""
    match = LINK_MARKER.fullmatch(line.text)
    return match is not None and layout.is_link_text(match["text"])
