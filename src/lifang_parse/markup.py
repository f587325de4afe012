"""Inline emphasis: the text form's Markdown markers as plain text plus spans.

Why: readers write the emphasis they see (a PDF's bold or italic fonts, a text
file's ``**bold**`` and ``*italic*``) as Markdown markers, and the English law
titles are found from italics. But structure must never depend on style (a
heading whose English half is bold is still a heading) and the contract's
titles and bodies are plain text (schema 1.1). So markup is taken apart once,
here: :func:`split_emphasis` gives the words as printed and the styled spans,
:func:`plain` only the words, :func:`to_markup` puts the markers back for the
extractors that read italics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import regex

Style = Literal["italic", "bold", "bold_italic"]

# One emphasis span: one to three asterisks, text that neither starts nor ends
# with a space, the same run of asterisks closing it. A single asterisk between
# Latin letters or digits ("5*3*2") is arithmetic, not italics; bold markers may
# touch anything ("LIFANG & PARTNERS **立方观评**", "要闻**Domestic News**").
_EMPHASIS_RE = regex.compile(
    r"""
    (?: (?<![*\p{Latin}\d]) (?P<m>\*) (?![*\s]) (?P<t>[^*\n]{1,1000}?) (?<![\s*]) \* (?![*\p{Latin}\d])
      | (?<!\*) (?P<m>\*\*\*?) (?![*\s]) (?P<t>[^\n]{1,1000}?) (?<!\s) (?P=m) (?!\*)
    )
    """,
    regex.VERBOSE,
)
# Nested italics inside a bold span ("**a *b* c**") as the PDF reader never
# writes them but a hand-written file may.
_INNER_ITALIC_RE = regex.compile(r"(?<![*\p{Latin}\d])\*(?![*\s])([^*\n]{1,1000}?)(?<![\s*])\*(?![*\p{Latin}\d])")
_STYLE_OF_MARKER: dict[str, Style] = {"*": "italic", "**": "bold", "***": "bold_italic"}


@dataclass(frozen=True, slots=True)
class Span:
    """A styled run of a plain string: ``text[start:end]`` was set in ``style``."""

    start: int
    end: int
    style: Style


def split_emphasis(marked: str) -> tuple[str, tuple[Span, ...]]:
    """The plain words of ``marked`` and the emphasis spans over them."""
    if "*" not in marked:
        return marked, ()
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    last = 0
    for match in _EMPHASIS_RE.finditer(marked):
        before = marked[last : match.start()]
        out.append(before)
        length += len(before)
        style = _STYLE_OF_MARKER[match["m"]]
        inner = match["t"]
        if style == "bold" and "*" in inner:
            inner, inner_spans = _split_inner(inner)
            spans.extend(Span(length + s.start, length + s.end, s.style) for s in inner_spans)
        spans.append(Span(length, length + len(inner), style))
        out.append(inner)
        length += len(inner)
        last = match.end()
    out.append(marked[last:])
    return "".join(out), tuple(sorted(spans, key=lambda s: (s.start, -s.end)))


def _split_inner(inner: str) -> tuple[str, list[Span]]:
    """Italics nested in a bold span."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    last = 0
    for match in _INNER_ITALIC_RE.finditer(inner):
        before = inner[last : match.start()]
        out.append(before)
        length += len(before)
        spans.append(Span(length, length + len(match[1]), "italic"))
        out.append(match[1])
        length += len(match[1])
        last = match.end()
    out.append(inner[last:])
    return "".join(out), spans


def plain(marked: str) -> str:
    """The words of ``marked`` without emphasis markers."""
    return split_emphasis(marked)[0] if "*" in marked else marked


def is_italic(style: Style) -> bool:
    return style in ("italic", "bold_italic")


def to_markup(text: str, spans: Iterable[Span], *, styles: tuple[Style, ...] = ("italic", "bold_italic")) -> str:
    """``text`` with ``*…*`` around the spans of ``styles`` (italics by default):
    the form the law extractor reads English titles from."""
    chosen = sorted((s for s in spans if s.style in styles and 0 <= s.start < s.end <= len(text)), key=lambda s: s.start)
    out: list[str] = []
    last = 0
    for span in chosen:
        if span.start < last:
            continue  # overlapping spans: keep the first
        out.append(text[last : span.start])
        out.append(f"*{text[span.start : span.end]}*")
        last = span.end
    out.append(text[last:])
    return "".join(out)
