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
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import CorruptDocumentError, InputError, LifangParseError, LimitExceededError, NoTextLayerError
from . import layout
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


def load(path: str | os.PathLike[str], max_bytes: int) -> PdfBytes:
    """The file's bytes, refusing what is too large, empty, not a PDF or truncated."""
    name = os.fspath(path)
    data = _read_bytes(name, max_bytes)
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError("not a PDF file (no %PDF- header in the first 1024 bytes)", path=name)
    if b"%%EOF" not in data[-4096:] and b"%%EOF" not in data.rstrip(b"\x00\r\n\t \x0c")[-4096:]:
        raise CorruptDocumentError("the PDF is truncated (no %%EOF marker at its end)", path=name)
    return PdfBytes(name=name, data=data, sha256=hashlib.sha256(data).hexdigest())


def _read_bytes(name: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing before reading anything over ``max_bytes``."""
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            raise LimitExceededError(f"file is {size} bytes, over max_bytes={max_bytes}", path=name)
        with open(name, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except LifangParseError:
        raise
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a file", path=name) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from exc
    if len(data) > max_bytes:
        raise LimitExceededError(f"file is over max_bytes={max_bytes}", path=name)
    if not data:
        raise CorruptDocumentError("the file is empty (0 bytes)", path=name)
    return data


def check_page_count(count: int, max_pages: int, name: str) -> None:
    """Refuse a document with more pages than ``max_pages``."""
    if count > max_pages:
        raise LimitExceededError(f"the PDF has {count} pages, over max_pages={max_pages}", path=name)


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
    lines = tuple(
        Line(text=para.text, number=i, page=para.page_start, bold=para.bold)
        for i, para in enumerate(paragraphs, start=1)
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
