"""What both PDF readers do before and after reading pages.

Before: the file's bytes, refused early when too large, empty, not a PDF or
truncated, so that neither library is asked to parse what is certainly not a
PDF (and both readers fail the same way on it). After: the fragments of
every page become paragraph lines through the pure functions of
:mod:`.layout` (furniture, reading order, paragraph joins). The readers
differ only in how a page becomes fragments.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import limits
from ..errors import CorruptDocumentError, LimitExceededError, NoTextLayerError
from ..files import read_regular_file
from . import layout, pdfguard
from .layout import Frag
from .lines import Line, ReadResult

_OCR_HINT = "run OCR first, e.g. `ocrmypdf --language chi_sim+eng in.pdf out.pdf`"


@dataclass(frozen=True, slots=True)
class PdfBytes:
    """A PDF file's bytes, checked, with the name errors should carry."""

    name: str
    data: bytes
    sha256: str


@dataclass(slots=True)
class Pages:
    """What a reader gathered page by page: fragments, heights, glyphs seen."""

    frags: list[list[Frag]]
    heights: list[float]
    count: int = 0
    glyphs_seen: int = 0


def load(path: str | os.PathLike[str], max_bytes: int, *, data: bytes | None = None) -> PdfBytes:
    """The file's bytes (a regular file only; or ``data`` already read, as from
    standard input), refusing what is too large, empty, not a PDF or truncated."""
    name = os.fspath(path)
    if data is None:
        data = read_regular_file(name, max_bytes=max_bytes)
    if not data:
        raise CorruptDocumentError("the input is empty (0 bytes)", path=name)
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError("not a PDF file (no %PDF- header in the first 1024 bytes)", path=name)
    if b"%%EOF" not in data[-4096:] and b"%%EOF" not in data.rstrip(b"\x00\r\n\t \x0c")[-4096:]:
        raise CorruptDocumentError("the PDF is truncated: its end-of-file marker ('%%EOF') is missing", path=name)
    return PdfBytes(name=name, data=data, sha256=hashlib.sha256(data).hexdigest())


def guard(pdf: PdfBytes, *, password: str | None, max_pages: int) -> None:
    """Both readers' bounds before any page is built: the pre-scan of the
    bytes (reference cycles, inflation bombs, huge CMaps, page count), and
    the time budget for the pages found."""
    facts = pdfguard.prescan(pdf.data, path=pdf.name, max_pages=max_pages, max_memory=limits.current_max_memory(), password=password)
    limits.expect_pages(facts.pages)


def check_page_count(count: int, max_pages: int, name: str) -> None:
    """Refuse a document with more pages than ``max_pages``."""
    if count > max_pages:
        raise LimitExceededError(f"the PDF has {count} pages, over max_pages={max_pages}", path=name)


# A link at the end of a text, and one at the start of the next, with their targets.
_LINK_AT_END_RE = re.compile(r"\[([^\[\]\n]{1,60})\]\(([^()\s]{0,500})\)([）)]?)$")
_LINK_AT_START_RE = re.compile(r"^\[([^\[\]\n]{1,60})\]\(([^()\s]{0,500})\)")


def rejoin_split_links(texts: Sequence[str]) -> list[str]:
    """Paragraphs with a link that wrapped onto the next line put back whole:
    "（[查](h)" then "[看更多](h)）" is "（[查看更多](h)）". One link, one target:
    the second half starts no paragraph of its own. Emptied texts stay as ""."""
    out = list(texts)
    for k in range(1, len(out)):
        start = _LINK_AT_START_RE.match(out[k])
        end = _LINK_AT_END_RE.search(out[k - 1]) if start else None
        if start is None or end is None or end.group(2) != start.group(2) or end.group(3):
            continue
        merged = f"[{end.group(1)}{start.group(1)}]({end.group(2)})"
        out[k - 1] = out[k - 1][: end.start()] + merged + out[k][start.end() :]
        out[k] = ""
    return out


def to_result(pages: Pages, pdf: PdfBytes) -> ReadResult:
    """Every page's fragments to the paragraph lines of a :class:`ReadResult`.

    Raises :class:`CorruptDocumentError` when no page was found and
    :class:`NoTextLayerError` when the pages hold no text.
    """
    name = pdf.name
    if pages.count == 0:
        raise CorruptDocumentError("the PDF has no readable pages", path=name)
    if pages.glyphs_seen == 0:
        raise NoTextLayerError(
            f"none of the {pages.count} page(s) has a text layer (a scan or images only); {_OCR_HINT}",
            path=name,
        )
    furniture = layout.find_furniture(pages.frags, pages.heights)
    kept = [[f for i, f in enumerate(frags) if (p, i) not in furniture] for p, frags in enumerate(pages.frags)]
    ordered = layout.assign_regions([layout.order_page(frags) for frags in kept])
    flow: Sequence[Frag] = [f for frags in ordered for f in frags]
    paragraphs = layout.join_paragraphs(flow)
    if not paragraphs:
        raise NoTextLayerError(
            f"the {pages.count} page(s) have no extractable text; if this is a scan, {_OCR_HINT}",
            path=name,
        )
    texts = rejoin_split_links([para.text for para in paragraphs])
    kept = [(para, text) for para, text in zip(paragraphs, texts) if text]
    lines = tuple(
        Line(text=text, number=i, page=para.page_start, bold=para.bold) for i, (para, text) in enumerate(kept, start=1)
    )
    return ReadResult(
        lines=lines,
        format="pdf",
        sha256=pdf.sha256,
        path=name,
        pages=pages.count,
        furniture_removed=len(furniture),
    )


__all__ = ["Pages", "PdfBytes", "check_page_count", "load", "to_result"]
