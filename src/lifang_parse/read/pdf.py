"""The PDF reader: pdfplumber characters to the text form's paragraph lines.

Pipeline, page by page (each page is released before the next, so memory
stays bounded on long files):

1. characters (``page.chars``) are grouped into visual lines by baseline and
   sorted left to right; overprinted "fake bold" copies are dropped (and the
   survivors marked bold); a gap without a space glyph between two Latin
   characters becomes a space; a wide gap splits the line into fragments
   (columns, a header's left and right parts);
2. each character's style comes from its font name (``Bold``, ``Italic``,
   ``Oblique``…) or a sheared text matrix (synthetic italics), and link
   annotations mark the characters they cover.

Then, for the whole document (pure functions of :mod:`.layout`): running
headers, footers and page numbers are found by repetition and position and
removed; pages are put in reading order (two-column blocks read column by
column); visual lines are re-joined into paragraphs.

Every exception of pdfminer/pdfplumber is caught here and re-raised as one of
the typed errors of :mod:`lifang_parse.errors`, with the file and page.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import struct
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from .. import limits
from ..errors import CorruptDocumentError, EncryptedDocumentError, LifangParseError
from . import pdfdoc
from .glyphs import Glyph, LinkArea, font_style, guess_advance, is_sheared, page_fragments
from .lines import ReadResult

# pdfminer and pdfplumber log warnings about damaged files; with no handler
# configured, Python's last-resort handler would print them to stderr. A library
# must not print: give them a null handler (an application's own logging
# configuration still receives them through propagation).
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Exceptions that pdfminer raises from inside its parser on hostile input, in
# addition to its own PDFException/PSException families.
_LOW_LEVEL_ERRORS: tuple[type[BaseException], ...] = (
    RecursionError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    AssertionError,
    ZeroDivisionError,
    OverflowError,
    UnicodeError,
    LookupError,
    ArithmeticError,
    struct.error,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    MemoryError,
)


def read_pdf(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    max_pages: int = 2000,
    max_bytes: int = 200_000_000,
    data: bytes | None = None,
) -> ReadResult:
    """Read a newsletter PDF into the same paragraph lines the text reader gives.

    Raises :class:`EncryptedDocumentError` (password missing or wrong),
    :class:`CorruptDocumentError` (not a PDF, damaged, truncated),
    :class:`NoTextLayerError` (a scan: OCR it first, e.g. with ``ocrmypdf``),
    :class:`LimitExceededError` (over ``max_bytes`` or ``max_pages``) and
    :class:`InputError` (cannot be read); never a pdfminer/pdfplumber exception.
    ``data``: the file's bytes when the caller has read them already (standard input).
    The file is pre-scanned (:func:`.pdfguard.prescan`) before any page is built.
    """
    pdf = pdfdoc.load(path, max_bytes, data=data)
    pdfdoc.guard(pdf, password=password, max_pages=max_pages)
    return read_loaded(pdf, password=password, max_pages=max_pages)


def read_loaded(pdf: pdfdoc.PdfBytes, *, password: str | None = None, max_pages: int = 2000) -> ReadResult:
    """:func:`read_pdf` on bytes already loaded and checked: the pdfium reader
    hands a file here when pdfium cannot read it, so that a damaged file
    gets this reader's verdict whichever reader was asked."""
    return pdfdoc.to_result(_extract(pdf.name, pdf.data, password, max_pages), pdf)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes and any exceptions in its args (pdfplumber wraps)."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        for nxt in (e.__cause__, e.__context__, *[a for a in e.args if isinstance(a, BaseException)]):
            if nxt is not None:
                stack.append(nxt)


def _translate(exc: BaseException, name: str, page: int | None, password: str | None) -> LifangParseError:
    """Map a dependency's exception to our typed error."""
    for e in _causes(exc):
        cls = type(e).__name__
        if cls == "PDFPasswordIncorrect":
            what = "the password given is wrong" if password else "the PDF is encrypted: give its password (--password on the command line, password= in Python)"
            return EncryptedDocumentError(what, path=name, page=page)
        if cls in ("PDFEncryptionError", "PDFEncryptionWarning"):
            return EncryptedDocumentError(f"unsupported or broken encryption ({e})", path=name, page=page)
    if any(isinstance(e, MemoryError) for e in _causes(exc)):
        return limits.memory_error(name, limits.current_max_memory())
    if isinstance(exc, RecursionError) or any(isinstance(e, RecursionError) for e in _causes(exc)):
        return CorruptDocumentError("the PDF nests objects too deeply (recursion limit)", path=name, page=page)
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return CorruptDocumentError(f"damaged PDF ({detail})", path=name, page=page)


def _extract(name: str, data: bytes, password: str | None, max_pages: int) -> pdfdoc.Pages:
    """Fragments of every page, page heights, page count and glyphs seen."""
    import pdfplumber  # deferred: the text path need not import pdfminer

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - boundary: all become typed errors
        raise _translate(exc, name, None, password) from exc
    result = pdfdoc.Pages(frags=[], heights=[])
    try:
        try:
            pages = pdf.pages
        except (Exception, RecursionError) as exc:  # noqa: BLE001
            raise _translate(exc, name, None, password) from exc
        pdfdoc.check_page_count(len(pages), max_pages, name)
        styles: dict[str, tuple[bool, bool]] = {}
        for number, page in enumerate(pages, start=1):
            limits.checkpoint()
            try:
                chars = page.chars
                links = _links(page)
                frags = page_fragments(_glyphs(chars, styles), number, links)
                result.heights.append(float(page.height))
            except LifangParseError:
                raise
            except (Exception, RecursionError) as exc:  # noqa: BLE001
                raise _translate(exc, name, number, password) from exc
            finally:
                _release(page)
            result.glyphs_seen += len(chars)
            result.frags.append(frags)
            # The fragments kept so far are long-lived: move them out of the
            # collector's way, or every full collection re-scans all earlier
            # pages (22% of the time on a 500-page file). Only timing changes;
            # everything is handed back to the collector below.
            gc.freeze()
        result.count = len(pages)
        return result
    finally:
        gc.unfreeze()
        try:
            pdf.stream.close()
        except Exception:  # noqa: BLE001 - closing an in-memory stream cannot matter
            pass


def _release(page: Any) -> None:
    """Drop a page's cached objects (pdfplumber keeps them until told)."""
    try:
        page.close()
    except Exception:  # noqa: BLE001
        pass


def _links(page: Any) -> list[LinkArea]:
    """Link annotations of a page as (x0, top, x1, bottom, uri).

    Broken annotations are not worth failing a document for (some real files
    have recursive ones): they are skipped.
    """
    try:
        out = []
        for h in page.hyperlinks:
            uri = h.get("uri")
            if isinstance(uri, bytes):
                uri = uri.decode("latin-1", "replace")
            if isinstance(uri, str) and uri:
                out.append((float(h["x0"]), float(h["top"]), float(h["x1"]), float(h["bottom"]), uri))
        return out
    except (Exception, RecursionError):  # noqa: BLE001
        return []


def _glyphs(chars: Sequence[dict[str, Any]], styles: dict[str, tuple[bool, bool]]) -> list[Glyph]:
    """pdfplumber's characters as the shared :data:`~.glyphs.Glyph` tuples.

    Horizontal glyphs are measured by their advance from their origin: the
    bounding box of a sheared (synthetic italic) glyph leans into its
    neighbours and would hide the word spaces between them. A visible glyph
    with no width is one pdfminer has no metrics for: see
    :func:`~.glyphs.guess_advance`.
    """
    rows: list[Glyph] = []
    for c in chars:
        text = c.get("text") or ""
        if not text or text in "\r\n":
            continue
        m = c["matrix"]
        size = float(c.get("size") or 0.0) or abs(float(m[3])) or 1.0
        baseline = c["top"] + (c["y1"] - m[5])
        x0, x1 = c["x0"], c["x1"]
        if m[1] == 0 and m[0] > 0:
            adv = c.get("adv")
            x0 = m[4]
            x1 = m[4] + (float(adv) * m[0] if adv else guess_advance(text, size))
        bold, italic = font_style(c.get("fontname") or "", styles)
        if not italic and is_sheared(m[1], m[2], m[3]):
            italic = True
        rows.append((baseline, x0, x1, text, size, bold, italic, c["top"], c["bottom"]))
    return rows


__all__ = ["read_loaded", "read_pdf"]
