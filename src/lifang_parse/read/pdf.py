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
import hashlib
import io
import logging
import os
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    LifangParseError,
    LimitExceededError,
    NoTextLayerError,
)
from .. import limits
from ..files import read_regular_file
from . import layout, pdfguard
from .layout import Frag, Run
from .lines import Line, ReadResult

# pdfminer and pdfplumber log warnings about damaged files; with no handler
# configured, Python's last-resort handler would print them to stderr. A library
# must not print: give them a null handler (an application's own logging
# configuration still receives them through propagation).
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Font-name style markers: "Helvetica-Bold", "Arial,BoldItalic", "SimHei-Black",
# "TimesNewRomanPS-ItalicMT", "MinionPro-It", "DejaVuSans-Oblique".
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demibold|[-,]bd\b|[-,]sb\b", re.IGNORECASE)
_ITALIC_FONT_RE = re.compile(r"italic|oblique|slanted|kursiv|[-,]it(?:mt)?$|[-,]bdit", re.IGNORECASE)

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
    name = os.fspath(path)
    if data is None:
        data = _read_bytes(name, max_bytes)
    elif not data:
        raise CorruptDocumentError("the input is empty (0 bytes)", path=name)
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError("not a PDF file (no %PDF- header in the first 1024 bytes)", path=name)
    if b"%%EOF" not in data[-4096:] and b"%%EOF" not in data.rstrip(b"\x00\r\n\t \x0c")[-4096:]:
        raise CorruptDocumentError("the PDF is truncated: its end-of-file marker ('%%EOF') is missing", path=name)
    sha = hashlib.sha256(data).hexdigest()
    facts = pdfguard.prescan(data, path=name, max_pages=max_pages, max_memory=limits.current_max_memory(), password=password)
    limits.expect_pages(facts.pages)

    frags_by_page, heights, n_pages, chars_seen = _extract(name, data, password, max_pages)
    if n_pages == 0:
        raise CorruptDocumentError("the PDF has no readable pages", path=name)
    if chars_seen == 0:
        raise NoTextLayerError(
            f"none of the {n_pages} page(s) has a text layer (a scan or images only); "
            "run OCR first, e.g. `ocrmypdf --language chi_sim+eng in.pdf out.pdf`",
            path=name,
        )

    furniture = layout.find_furniture(frags_by_page, heights)
    kept = [[f for i, f in enumerate(frags) if (p, i) not in furniture] for p, frags in enumerate(frags_by_page)]
    ordered = layout.assign_regions([layout.order_page(frags) for frags in kept])
    flow = [f for frags in ordered for f in frags]
    paragraphs = layout.join_paragraphs(flow)
    if not paragraphs:
        raise NoTextLayerError(
            f"the {n_pages} page(s) have no extractable text; if this is a scan, "
            "run OCR first, e.g. `ocrmypdf --language chi_sim+eng in.pdf out.pdf`",
            path=name,
        )
    lines = tuple(
        Line(
            text=para.text,
            number=i,
            page=para.page_start,
            bold=para.bold,
        )
        for i, para in enumerate(paragraphs, start=1)
    )
    return ReadResult(
        lines=lines,
        format="pdf",
        sha256=sha,
        path=name,
        pages=n_pages,
        furniture_removed=len(furniture),
    )


def _read_bytes(name: str, max_bytes: int) -> bytes:
    """The file's bytes (a regular file only), refusing before reading anything over ``max_bytes``."""
    data = read_regular_file(name, max_bytes=max_bytes)
    if not data:
        raise CorruptDocumentError("the file is empty (0 bytes)", path=name)
    return data


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


def _extract(
    name: str, data: bytes, password: str | None, max_pages: int
) -> tuple[list[list[Frag]], list[float], int, int]:
    """Fragments of every page, page heights, page count and characters seen."""
    import pdfplumber  # deferred: the text path need not import pdfminer

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - boundary: all become typed errors
        raise _translate(exc, name, None, password) from exc
    frags_by_page: list[list[Frag]] = []
    heights: list[float] = []
    chars_seen = 0
    try:
        try:
            pages = pdf.pages
        except (Exception, RecursionError) as exc:  # noqa: BLE001
            raise _translate(exc, name, None, password) from exc
        if len(pages) > max_pages:
            raise LimitExceededError(f"the PDF has {len(pages)} pages, over max_pages={max_pages}", path=name)
        styles: dict[str, tuple[bool, bool]] = {}
        for number, page in enumerate(pages, start=1):
            limits.checkpoint()
            try:
                chars = page.chars
                links = _links(page)
                frags = _page_frags(chars, number, styles, links)
                heights.append(float(page.height))
            except LifangParseError:
                raise
            except (Exception, RecursionError) as exc:  # noqa: BLE001
                raise _translate(exc, name, number, password) from exc
            finally:
                _release(page)
            chars_seen += len(chars)
            frags_by_page.append(frags)
            # The fragments kept so far are long-lived: move them out of the
            # collector's way, or every full collection re-scans all earlier
            # pages (22% of the time on a 500-page file). Only timing changes;
            # everything is handed back to the collector below.
            gc.freeze()
        return frags_by_page, heights, len(pages), chars_seen
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


def _links(page: Any) -> list[tuple[float, float, float, float, str]]:
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


def _style(fontname: str, cache: dict[str, tuple[bool, bool]]) -> tuple[bool, bool]:
    style = cache.get(fontname)
    if style is None:
        base = fontname.split("+", 1)[-1]  # drop the subset tag "ABCDEF+"
        style = (bool(_BOLD_FONT_RE.search(base)), bool(_ITALIC_FONT_RE.search(base)))
        cache[fontname] = style
    return style


def _page_frags(
    chars: Sequence[dict[str, Any]],
    page_no: int,
    styles: dict[str, tuple[bool, bool]],
    links: Sequence[tuple[float, float, float, float, str]],
) -> list[Frag]:
    """One page's characters to visual line fragments with styled runs."""
    rows = []
    for c in chars:
        text = c.get("text") or ""
        if not text or text in "\r\n":
            continue
        m = c["matrix"]
        size = float(c.get("size") or 0.0) or abs(float(m[3])) or 1.0
        baseline = c["top"] + (c["y1"] - m[5])
        x0, x1 = c["x0"], c["x1"]
        adv = c.get("adv")
        if m[1] == 0 and m[0] > 0:
            # Horizontal text: the glyph's advance, from its origin. The bounding
            # box of a sheared (synthetic italic) glyph leans into its
            # neighbours and would hide the word spaces between them. A
            # visible glyph with no width is one pdfminer has no metrics for
            # ("€" in a non-embedded standard font): half an em is its guess.
            if not adv and not text.isspace() and not unicodedata.combining(text[0]):
                adv = 0.5 * size / (abs(m[0]) or 1.0)
            x0 = m[4]
            x1 = m[4] + float(adv or 0.0) * m[0]
        rows.append((baseline, x0, x1, text, size, c.get("fontname") or "", m, c["top"], c["bottom"]))
    if not rows:
        return []
    rows.sort(key=lambda r: r[0])
    lines: list[list[tuple[Any, ...]]] = []
    current = [rows[0]]
    for r in rows[1:]:
        if r[0] - current[0][0] <= 0.35 * min(r[4], current[0][4]):
            current.append(r)
        else:
            lines.append(current)
            current = [r]
    lines.append(current)
    frags: list[Frag] = []
    for line in lines:
        line.sort(key=lambda r: r[1])
        frags.extend(_line_frags(line, page_no, styles, links))
    return frags


def _line_frags(
    line: Sequence[tuple[Any, ...]],
    page_no: int,
    styles: dict[str, tuple[bool, bool]],
    links: Sequence[tuple[float, float, float, float, str]],
) -> list[Frag]:
    """One visual line's characters (sorted by x) to fragments."""
    # chars: (text, x0, x1, size, bold, italic, href, top, bottom, baseline)
    kept: list[list[Any]] = []
    for baseline, x0, x1, text, size, fontname, m, top, bottom in line:
        if kept:
            prev = kept[-1]
            # Overprinted copy ("fake bold"): same glyph, nearly the same place.
            if text == prev[0] and abs(x0 - prev[1]) < 0.35 * max(prev[2] - prev[1], 0.5 * size) and text != " ":
                prev[4] = True
                continue
        bold, italic = _style(fontname, styles)
        if not italic and m[1] == 0 and m[3] and abs(m[2]) > 0.12 * abs(m[3]):
            italic = True  # synthetic italics: sheared text matrix
        href = None
        if links:
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            for lx0, ltop, lx1, lbottom, uri in links:
                if lx0 <= cx <= lx1 and ltop - 1 <= cy <= lbottom + 1:
                    href = uri
                    break
        kept.append([text, x0, x1, size, bold, italic, href, top, bottom, baseline])

    frags: list[Frag] = []
    piece: list[list[Any]] = []
    space_between = False
    for ch in kept:
        if ch[0].isspace():
            space_between = True
            if piece:
                piece.append(ch)
            continue
        if piece:
            last = next((p for p in reversed(piece) if not p[0].isspace()), piece[-1])
            gap = ch[1] - last[2]
            size = max(ch[3], last[3])
            if gap > 4 * size or (gap > 1.5 * size and not space_between):
                frags.append(_make_frag(piece, page_no))
                piece = []
            elif gap > 0.12 * size and not space_between and _gap_is_space(gap, size, last[0][-1], ch[0][0], kept):
                piece.append([" ", last[2], ch[1], ch[3], last[4] and ch[4], last[5] and ch[5], last[6] if last[6] == ch[6] else None, ch[7], ch[8], ch[9]])
        space_between = False
        piece.append(ch)
    if piece:
        frags.append(_make_frag(piece, page_no))
    return [f for f in frags if f.text.strip()]


def _gap_is_space(gap: float, size: float, before: str, after: str, line: Sequence[Sequence[Any]]) -> bool:
    """Is a gap with no space glyph a word space?

    Between Latin characters, when it is wider than kerning (0.15 em; the
    space of Times is 0.25 em, and the caller measures from glyph advances,
    so letters of a word touch). Anywhere next to CJK, only when the gap is
    clearly wider than the line's usual gap between CJK characters, which
    justification or letter-spacing widen evenly: a meant space (《信息安全技术
    快递物流…》) stands out by its own width.
    """
    cjk_before, cjk_after = layout.is_cjk(before), layout.is_cjk(after)
    if not cjk_before and not cjk_after:
        return gap > 0.15 * size
    gaps = sorted(
        b[1] - a[2] for a, b in zip(line, line[1:]) if layout.is_cjk(a[0][-1]) and layout.is_cjk(b[0][0])
    )
    usual = max(gaps[len(gaps) // 2], 0.0) if gaps else 0.0
    return gap > usual + 0.2 * size


def _make_frag(piece: Sequence[Sequence[Any]], page_no: int) -> Frag:
    """Characters of one fragment to a :class:`Frag` with merged style runs."""
    while piece and piece[-1][0].isspace():
        piece = piece[:-1]
    runs: list[Run] = []
    buf: list[str] = []
    key: tuple[bool, bool, str | None] | None = None
    for ch in piece:
        k = (ch[4], ch[5], ch[6])
        if ch[0].isspace() and key is not None:
            buf.append(" ")  # a space takes the style of the run it is in
            continue
        if k != key and buf:
            runs.append(Run("".join(buf), *key))  # type: ignore[misc]
            buf = []
        key = k
        buf.append(ch[0])
    if buf and key is not None:
        runs.append(Run("".join(buf), *key))
    visible = [ch for ch in piece if not ch[0].isspace()]
    first = visible[0] if visible else piece[0]
    first_width = _first_unit_width(piece)
    sizes = sorted(ch[3] for ch in visible) or [piece[0][3]]
    baselines = sorted(ch[9] for ch in visible) or [piece[0][9]]
    return Frag(
        runs=tuple(runs),
        page=page_no,
        x0=float(min(ch[1] for ch in piece)),
        x1=float(max(ch[2] for ch in piece)),
        top=float(min(ch[7] for ch in piece)),
        bottom=float(max(ch[8] for ch in piece)),
        baseline=float(baselines[len(baselines) // 2]),
        size=float(sizes[len(sizes) // 2]),
        first_width=float(first_width),
    )


# Line-breaking rules (kinsoku, and their Latin counterparts): a line may not
# end with an opening bracket or quote, nor start with closing punctuation, so
# these travel with the character next to them.
_NO_LINE_END = frozenset("（《「『【〔“‘([{")
_NO_LINE_START = frozenset("）》」』】〕”’，。、；：！？)]},.;:!?%")


def _first_unit_width(piece: Sequence[Sequence[Any]]) -> float:
    """Width of the fragment's first unbreakable unit: one CJK character or one
    Latin word, with the opening brackets before it and the closing punctuation
    after it ("（App", "巴”）", "Burkman）、").

    The paragraph test asks whether this unit would have fitted at the end of
    the line before; a line breaker moves the whole unit, not just its first
    character.
    """
    start: float | None = None
    end = 0.0
    core = False  # the character or word has been passed
    latin = False
    for ch in piece:
        text = ch[0]
        if text.isspace():
            if start is not None and core:
                break
            continue
        c = text[0]
        if start is None:
            start = ch[1]
        if not core:
            end = ch[2]
            if c in _NO_LINE_END:
                continue
            core = True
            latin = not layout.is_cjk(c)
            continue
        if c in _NO_LINE_START or (latin and not layout.is_cjk(c)):
            end = ch[2]
            continue
        break
    return float(end - start) if start is not None else 0.0


__all__ = ["read_pdf"]
