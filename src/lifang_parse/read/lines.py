"""The hand-off of the read layer: lines with provenance.

Readers (text, PDF) produce a :class:`ReadResult`; every later layer works on
its ``lines`` only. A ``Line`` is one logical line of the source: for clean
text one input line, for a PDF one paragraph-line the reader re-joined.
``number`` is the 1-based line of the text the reader produced, ``page`` the
1-based page when the reader knows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    number: int
    page: int | None = None
    # Font hints from a PDF reader: a bold line is a heading candidate.
    bold: bool = False
    # Last line of this logical line when the reader joined several (PDF, wrapped text).
    number_end: int | None = None
    # The line as the reader wrote it, emphasis markers and all, when ``text``
    # is its plain form (set by the segmenter, which must not see style).
    markup: str | None = None

    @property
    def marked(self) -> str:
        """The line with its emphasis markers (``text`` when it had none)."""
        return self.markup if self.markup is not None else self.text

    @property
    def last(self) -> int:
        return self.number_end if self.number_end is not None else self.number


@dataclass(frozen=True, slots=True)
class ReadResult:
    lines: tuple[Line, ...]
    format: Literal["text", "pdf"]
    sha256: str
    path: str | None = None
    pages: int | None = None
    encoding: str | None = None
    furniture_removed: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
