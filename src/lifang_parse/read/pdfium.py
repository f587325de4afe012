"""The pdfium reader: pypdfium2's text page to the shared glyphs.

The reference reader (:mod:`.pdf`) gets its glyphs from pdfminer through
pdfplumber, which spends most of its time building a dictionary per
character in Python. pdfium parses the page in C++; this reader asks it for
no more than the shared layout code needs, and hands the same
:data:`~.glyphs.Glyph` tuples to :func:`~.glyphs.page_fragments`, so every
layer from fragments up (furniture, reading order, paragraphs, segmenting,
facts) is the one the reference reader uses.

Cost is what matters here: each call into pdfium through ctypes costs about
half a microsecond, and a newsletter page has 1,500-3,000 characters. So:

- the page's text comes in one call (``FPDFText_GetText``);
- a character's text object is looked up only at the edges of runs: the
  characters of one text object are consecutive on the text page, so the
  edges are found by galloping search; font, size and matrix are read once
  per object, and what follows from them once per page;
- an object's characters are placed from their advances (the font's widths,
  cached per font and character) when pdfium's origins agree at three to
  five of them, with one uniform word or character spacing solved if need
  be; only kerned objects cost one ``FPDFText_GetCharOrigin`` per character;
- the hot calls go through private ctypes prototypes without argument
  conversion, which halves their cost.

pdfium's text page differs from pdfminer's characters in a few ways, which
are put right here so that both readers give the same glyphs:

- it drops a text object drawn again over the one before ("fake bold" by
  overprinting): the page's objects are listed, and an object missing from
  the text page that lies over a kept one marks that one's glyphs bold,
  as the shared code does with pdfminer's copies;
- it drops a text object with no ink (a space drawn on its own, as word
  processors do between a Chinese and a Latin run): the missing object
  becomes a space glyph;
- it makes up spaces and line breaks (for gaps, and inside a TJ array): they
  are skipped;
- it replaces a hyphen at a line end with a marker: it is given back as "-";
- it keeps numbers in single precision: they are rounded back to the
  content's decimals, and advances computed in pdfminer's order, so that a
  gap that meets a threshold exactly falls on the same side in both readers;
- for an unembedded standard font ("Helvetica", "Times-Roman"), pdfminer
  uses its own metrics (and no advance for a glyph they lack, such as "€"):
  so does this reader.

pdfium does not say whether a character it merged with an identical one a
fraction of an em away was there: such an overprint within one text object
(rare; office programs overprint whole runs) is not seen as bold.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from .. import limits
from ..errors import CorruptDocumentError, EncryptedDocumentError, LifangParseError, LimitExceededError
from . import pdfdoc
from .glyphs import Glyph, LinkArea, font_style, guess_advance, is_sheared, page_fragments
from .lines import ReadResult

_VOID = ctypes.c_void_p

# pdfium's object types (fpdf_edit.h) and error codes (fpdfview.h).
_OBJ_TEXT = 1
_OBJ_FORM = 5
_ERR_PASSWORD = 4
_ERR_SECURITY = 5
_ACTION_URI = 3
# A text object narrower than this has no ink: pdfium leaves it off its text page.
_NO_INK = 0.01
# How many text objects back pdfium looks for the one an overprint copies.
_OVERPRINT_LOOKBACK = 6
# How far (pt) pdfium's origin may be from where the advances put a
# character for the advances to be trusted: float rounding, not kerning.
_PLACED = 0.01
# Characters whose text needs a second look: pdfium's marks for a line-end
# hyphen and for an unmapped character, and line breaks.
_MARKED = frozenset("\ufffe\x02\r\n")
_NONE: frozenset[int] = frozenset()


class _Api:
    """The pdfium functions this reader calls, as fast ctypes prototypes.

    pypdfium2's own bindings check and convert every argument; for calls made
    once per character that doubles the cost. These prototypes take handles
    and buffer addresses as ``c_void_p`` and integers as they are.
    """

    def __init__(self) -> None:
        import pypdfium2  # type: ignore[import-untyped]  # noqa: F401  (initialises the library once per process)
        from pypdfium2_raw.bindings import _libs  # type: ignore[import-untyped]

        self.lib = ctypes.CDLL(_libs["pdfium"]._name)
        i, u, v, d = ctypes.c_int, ctypes.c_ulong, _VOID, ctypes.c_double
        self.load_document = self._fn("FPDF_LoadMemDocument64", v)
        self.last_error = self._fn("FPDF_GetLastError", u)
        self.close_document = self._fn("FPDF_CloseDocument", None)
        self.valid_xref = self._fn("FPDF_DocumentHasValidCrossReferenceTable", i)
        self.page_count = self._fn("FPDF_GetPageCount", i)
        self.load_page = self._fn("FPDF_LoadPage", v)
        self.close_page = self._fn("FPDF_ClosePage", None)
        self.rotation = self._fn("FPDFPage_GetRotation", i)
        self.media_box = self._fn("FPDFPage_GetMediaBox", i)
        self.load_text = self._fn("FPDFText_LoadPage", v)
        self.close_text = self._fn("FPDFText_ClosePage", None)
        self.count_chars = self._fn("FPDFText_CountChars", i)
        self.get_text = self._fn("FPDFText_GetText", i)
        self.unicode = self._fn("FPDFText_GetUnicode", ctypes.c_uint)
        self.loose_box = self._fn("FPDFText_GetLooseCharBox", i)
        self.origin = self._fn("FPDFText_GetCharOrigin", i)
        self.char_matrix = self._fn("FPDFText_GetMatrix", i)
        self.text_object = self._fn("FPDFText_GetTextObject", v)
        self.font_of = self._fn("FPDFTextObj_GetFont", v)
        self.font_size = self._fn("FPDFTextObj_GetFontSize", i)
        self.font_name = self._fn("FPDFFont_GetBaseFontName", u)
        self.font_descent = self._fn("FPDFFont_GetDescent", i)
        self.glyph_width = self._fn("FPDFFont_GetGlyphWidth", i)
        self.char_font_size = self._fn("FPDFText_GetFontSize", ctypes.c_double)
        self.is_generated = self._fn("FPDFText_IsGenerated", i)
        self.font_embedded = self._fn("FPDFFont_GetIsEmbedded", i)
        self.count_objects = self._fn("FPDFPage_CountObjects", i)
        self.get_object = self._fn("FPDFPage_GetObject", v)
        self.form_count = self._fn("FPDFFormObj_CountObjects", i)
        self.form_object = self._fn("FPDFFormObj_GetObject", v)
        self.object_type = self._fn("FPDFPageObj_GetType", i)
        self.object_bounds = self._fn("FPDFPageObj_GetBounds", i)
        self.object_matrix = self._fn("FPDFPageObj_GetMatrix", i)
        self.link_enumerate = self._fn("FPDFLink_Enumerate", i)
        self.link_rect = self._fn("FPDFLink_GetAnnotRect", i)
        self.link_action = self._fn("FPDFLink_GetAction", v)
        self.action_type = self._fn("FPDFAction_GetType", u)
        self.action_uri = self._fn("FPDFAction_GetURIPath", u)
        del d

    def _fn(self, name: str, restype: Any) -> Callable[..., Any]:
        fn = getattr(self.lib, name)
        fn.restype = restype
        fn.argtypes = None
        return fn  # type: ignore[no-any-return]


_API: _Api | None = None
_LOCK = threading.Lock()


def _api() -> _Api:
    """The prototypes, made on first use (importing pypdfium2 costs ~50 ms)."""
    global _API
    if _API is None:
        _API = _Api()
    return _API


def available() -> bool:
    """Is pypdfium2 installed (and its pdfium library loadable)?"""
    try:
        _api()
    except (ImportError, OSError, AttributeError):
        return False
    return True


def read_pdfium(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    max_pages: int = 2000,
    max_bytes: int = 200_000_000,
    data: bytes | None = None,
) -> ReadResult:
    """Read a newsletter PDF with pdfium into the paragraph lines the reference
    reader (:func:`~.pdf.read_pdf`) gives, with the same typed errors.

    Raises :class:`EncryptedDocumentError` (password missing or wrong),
    :class:`CorruptDocumentError` (not a PDF, damaged, truncated),
    :class:`NoTextLayerError` (a scan: OCR it first, e.g. with ``ocrmypdf``),
    :class:`LimitExceededError` (over ``max_bytes`` or ``max_pages``) and
    :class:`InputError` (cannot be read).
    """
    pdf = pdfdoc.load(path, max_bytes, data=data)
    pdfdoc.guard(pdf, password=password, max_pages=max_pages)
    try:
        with _LOCK:  # pdfium is not thread-safe: one document at a time per process
            return _read(pdf, password, max_pages)
    except LimitExceededError:
        raise
    except LifangParseError:
        # pdfium and pdfminer disagree on damaged files (pdfium repairs more,
        # pdfminer opens some files with an empty owner password): when
        # pdfium fails, the reference reader's verdict stands, so the typed
        # error is the same whichever reader was asked.
        from .pdf import read_loaded

        return read_loaded(pdf, password=password, max_pages=max_pages)


def _read(pdf: pdfdoc.PdfBytes, password: str | None, max_pages: int) -> ReadResult:
    """Read with pdfium; a damaged file (one whose cross-reference table
    pdfium had to rebuild) is left to the reference reader."""
    api = _api()
    with _Document(api, pdf, password) as doc:
        if not api.valid_xref(doc.handle):
            raise CorruptDocumentError("damaged PDF (no valid cross-reference table)", path=pdf.name)
        return pdfdoc.to_result(_read_pages(api, doc, pdf.name, max_pages), pdf)


class _Document:
    """An open pdfium document; the bytes stay referenced while it is open."""

    def __init__(self, api: _Api, pdf: pdfdoc.PdfBytes, password: str | None) -> None:
        self.api = api
        self.data = pdf.data  # pdfium reads from this buffer until the document is closed
        secret = password.encode("utf-8") if password else None
        handle = api.load_document(self.data, ctypes.c_size_t(len(self.data)), secret)
        if not handle:
            raise _open_error(api.last_error(), pdf.name, password)
        self.handle = _VOID(handle)

    def __enter__(self) -> _Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.api.close_document(self.handle)


def _open_error(code: int, name: str, password: str | None) -> Exception:
    """pdfium's reason for not opening a document, as our typed error."""
    if code == _ERR_PASSWORD:
        what = "the password given is wrong" if password else "the PDF is encrypted: give its password (--password on the command line, password= in Python)"
        return EncryptedDocumentError(what, path=name)
    if code == _ERR_SECURITY:
        return EncryptedDocumentError("unsupported or broken encryption (pdfium security error)", path=name)
    return CorruptDocumentError(f"damaged PDF (pdfium could not parse it, error {code})", path=name)


def _read_pages(api: _Api, doc: _Document, name: str, max_pages: int) -> pdfdoc.Pages:
    """Fragments of every page; each page is closed before the next is read."""
    count = api.page_count(doc.handle)
    pdfdoc.check_page_count(count, max_pages, name)
    result = pdfdoc.Pages(frags=[], heights=[], count=max(count, 0))
    reader = _PageReader(api, doc.handle)
    try:
        for index in range(count):
            limits.checkpoint()
            glyphs, links, height = reader.read(index, name)
            result.glyphs_seen += len(glyphs)
            result.frags.append(page_fragments(glyphs, index + 1, links))
            result.heights.append(height)
            gc.freeze()  # earlier pages' fragments are long-lived (see read/pdf.py)
    finally:
        gc.unfreeze()
    return result


@dataclass(slots=True)
class _Frame:
    """How pdfplumber places a page: pdfminer's page matrix (rotation, and a
    shift by the MediaBox corners *as written*: a box given upside down moves
    the text), then pdfplumber's shift by the normalised box, y measured down.
    The readers must agree on every coordinate, even on odd files."""

    height: float
    rotation: int
    x_min: float  # the MediaBox as written: [x_min y_min x_max y_max]
    y_min: float
    x_max: float
    y_max: float
    x_shift: float
    top_shift: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point of user space as pdfplumber's (x, distance from the top)."""
        r = self.rotation
        if r == 0:
            px, py = x - self.x_min, y - self.y_min
        elif r == 1:
            px, py = y - self.y_min, self.x_max - x
        elif r == 2:
            px, py = self.x_max - x, self.y_max - y
        else:
            px, py = self.y_max - y, x - self.x_min
        return px + self.x_shift, self.height - py + self.top_shift

    def matrix(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        """A text matrix's linear part after the page rotation (pdfminer's CTM)."""
        r = self.rotation
        if r == 0:
            return a, b, c, d
        if r == 1:
            return b, -a, d, -c
        if r == 2:
            return -a, -b, -c, -d
        return -b, a, -d, c


@dataclass(slots=True)
class _Font:
    """What a text object's font contributes: style, descent and the
    advances of the characters met so far (thousandths of an em)."""

    handle: Any
    bold: bool
    italic: bool
    descent: float
    widths: dict[str, float] = field(default_factory=dict)
    # pdfminer's metrics (per 1000 pt) when it measures this font by them
    # rather than by the PDF's: an unembedded font named like one of the 14
    # standard fonts (see _standard_metrics).
    standard: dict[str, float] | None = None
    # The characters whose advance pdfminer's metrics give otherwise.
    differs: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Placement:
    """What placing one text object's glyphs needs: the matrix's x scale, the
    glyph box below and above the baseline, the page offsets and the
    object's style. Made once per page for each font, size and matrix."""

    upright: bool
    a: float
    fs: float
    below: float
    height: float
    top_of: float
    shift: float
    size: float
    bold: bool
    italic: bool


@dataclass(slots=True)
class _PageReader:
    """Reads one page at a time into glyphs; buffers are reused across pages."""

    api: _Api
    doc: Any
    styles: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    widths: dict[tuple[str, float], dict[str, float]] = field(default_factory=dict)
    differs: dict[tuple[str, float], set[str]] = field(default_factory=dict)
    geometries: dict[tuple[Any, ...], _Placement] = field(default_factory=dict)
    box: Any = field(default_factory=lambda: (ctypes.c_float * 4)())
    xy: Any = field(default_factory=lambda: (ctypes.c_double * 2)())
    mat: Any = field(default_factory=lambda: (ctypes.c_float * 6)())
    xy_ptrs: tuple[Any, Any] = (None, None)

    def __post_init__(self) -> None:
        address = ctypes.addressof(self.xy)
        self.xy_ptrs = (_VOID(address), _VOID(address + 8))

    def read(self, index: int, name: str) -> tuple[list[Glyph], list[LinkArea], float]:
        """The glyphs and links of page ``index`` (0-based) and its height."""
        api = self.api
        page = api.load_page(self.doc, index)
        if not page:
            raise CorruptDocumentError("damaged PDF (pdfium could not load the page)", path=name, page=index + 1)
        page_h = _VOID(page)
        self.geometries.clear()  # keyed by this page's fonts and frame
        try:
            frame = self._frame(page_h)
            text = api.load_text(page_h)
            if not text:
                raise CorruptDocumentError("damaged PDF (pdfium could not read the page's text)", path=name, page=index + 1)
            text_h = _VOID(text)
            try:
                glyphs = self._glyphs(page_h, text_h, frame)
            finally:
                api.close_text(text_h)
            return glyphs, self._links(page_h, frame), frame.height
        finally:
            api.close_page(page_h)

    def _frame(self, page: Any) -> _Frame:
        """The page's placement (MediaBox as written, rotation)."""
        box = (ctypes.c_float * 4)()
        addr = ctypes.addressof(box)
        if not self.api.media_box(page, _VOID(addr), _VOID(addr + 4), _VOID(addr + 8), _VOID(addr + 12)):
            box[:] = [0.0, 0.0, 612.0, 792.0]
        raw = (box[0], box[1], box[2], box[3])
        x0, x1 = sorted((box[0], box[2]))
        y0, y1 = sorted((box[1], box[3]))
        rotation = self.api.rotation(page) % 4
        if rotation in (1, 3):
            return _Frame(x1 - x0, rotation, *raw, y0, -x0)
        return _Frame(y1 - y0, rotation, *raw, x0, -y0)

    # ---------------------------------------------------------------- glyphs

    def _glyphs(self, page: Any, tp: Any, frame: _Frame) -> list[Glyph]:
        """The page's glyphs, object run by object run, then what pdfium's
        text page left out put back."""
        api = self.api
        n = api.count_chars(tp)
        glyphs: list[Glyph] = []
        owners: dict[int, tuple[int, int]] = {}  # text object -> its glyphs' slice
        if n > 0:
            text = self._text(tp, n)
            fonts: dict[int, _Font] = {}
            for start, end, obj in _object_runs(api, tp, n):
                if obj:
                    first = len(glyphs)
                    self._object_glyphs(tp, text, start, end, _VOID(obj), frame, fonts, glyphs)
                    owners[obj] = (first, len(glyphs))
        self._repair_dropped(page, frame, owners, glyphs)
        return glyphs

    def _text(self, tp: Any, n: int) -> str:
        """The page's characters, one per character index."""
        api = self.api
        buf = ctypes.create_string_buffer(2 * (n + 1))
        got = api.get_text(tp, 0, n, buf)
        raw = buf.raw[: 2 * max(got - 1, 0)]
        text = raw.decode("utf-16-le", "surrogatepass")
        if len(text) != n:  # surrogate pairs, or characters pdfium left out
            try:
                text = raw.decode("utf-16-le")
            except UnicodeDecodeError:
                pass
        if len(text) != n:
            text = "".join(chr(api.unicode(tp, i) or 0xFFFE) for i in range(n))
        return text

    def _font(self, obj: Any, fonts: dict[int, _Font]) -> _Font:
        """The font of a text object: looked up once per page and handle."""
        api = self.api
        handle = api.font_of(obj)
        font = fonts.get(handle or 0)
        if font is None:
            name = ""
            descent = 0.0
            if handle:
                font_h = _VOID(handle)
                length = api.font_name(font_h, None, 0)
                if length > 0:
                    buf = ctypes.create_string_buffer(length)
                    api.font_name(font_h, buf, length)
                    name = buf.value.decode("utf-8", "replace")
                out = ctypes.c_float()
                if api.font_descent(font_h, ctypes.c_float(1000.0), ctypes.byref(out)):
                    descent = round(float(out.value), 3)
            bold, italic = font_style(name, self.styles)
            # Advances are kept per font name for the whole document: pdfium
            # loads a font again for each page (and subsets of one font share
            # their advances), while a handle may be reused by another font.
            widths = self.widths.setdefault((name, descent), {}) if handle else {}
            standard = _standard_metrics(name) if handle and not api.font_embedded(_VOID(handle)) else None
            differs = self.differs.setdefault((name, descent), set()) if handle else set()
            font = fonts[handle or 0] = _Font(_VOID(handle) if handle else None, bold, italic, descent, widths, standard, differs)
        return font

    def _object_glyphs(
        self,
        tp: Any,
        text: str,
        start: int,
        end: int,
        obj: Any,
        frame: _Frame,
        fonts: dict[int, _Font],
        out: list[Glyph],
    ) -> None:
        """The glyphs of the characters ``start:end``, all of one text object.

        pdfium keeps numbers in single precision; the content stream writes
        them as short decimals, which pdfminer reads in double precision. So
        pdfium's numbers are rounded back to those decimals (sizes and matrix
        to 5-6 places, positions to 4), and advances are computed in
        pdfminer's order of operations: both readers then get the same
        doubles, and a gap of exactly 0.2 em (an office program's space
        between Chinese and Latin) falls on the same side of a threshold.
        """
        api = self.api
        font = self._font(obj, fonts)
        mat = self.mat
        api.char_matrix(tp, start, ctypes.byref(mat))
        key = (id(font), api.char_font_size(tp, start), mat[0], mat[1], mat[2], mat[3])
        geometry = self.geometries.get(key)
        if geometry is None:
            geometry = self.geometries[key] = _geometry(font, key[1], frame.matrix(*key[2:]), frame)
        if geometry.upright:
            self._upright(tp, text, start, end, font, geometry, out)
        else:
            self._turned(tp, text, start, end, frame, geometry.size, font.bold, geometry.italic, out)

    def _upright(
        self,
        tp: Any,
        text: str,
        start: int,
        end: int,
        font: _Font,
        geometry: _Placement,
        out: list[Glyph],
    ) -> None:
        """Characters of an unrotated, upright text object.

        A glyph spans its advance from its origin, as pdfminer measures it;
        the advance comes from the font's width for the character, asked
        once per font and character.
        """
        fs, a = geometry.fs, geometry.a
        widths = font.widths
        chars = text[start:end]
        advances = [widths.get(ch) for ch in chars]
        if None in advances:
            for k, ch in enumerate(chars):
                if advances[k] is None:
                    advances[k] = widths[ch] = self._width(font, ch)
                    if font.standard is not None and font.standard.get(ch, 0.0) != widths[ch]:
                        font.differs.add(ch)
        # pdfminer: textwidth = width * 0.001; adv = textwidth * fontsize * scaling
        moves = [w * 0.001 * fs for w in advances]  # type: ignore[operator]
        first = len(out)
        # A space pdfium generated inside the object (for a gap in a TJ
        # array) makes the advances disagree with the origins, so the
        # placement by advances fails and the spaces are looked at one by one.
        if not (end - start > 2 and all(advances) and _MARKED.isdisjoint(chars)) or not self._predicted(
            tp, start, end, moves, chars, geometry, out
        ):
            generated = self._generated_spaces(tp, start, chars)
            self._each_origin(tp, text, start, end, moves, geometry, font, generated, out)
        if font.standard is not None and not font.differs.isdisjoint(chars):
            _remeasure(out, first, font.standard, fs, a, geometry.size)

    def _generated_spaces(self, tp: Any, start: int, chars: str) -> frozenset[int]:
        """Indexes of the spaces pdfium made up inside a text object (for a
        gap in a TJ array: justification, autospace between Chinese and
        Latin), which pdfminer does not see."""
        if " " not in chars:
            return _NONE
        generated = self.api.is_generated
        return frozenset(start + k for k, ch in enumerate(chars) if ch == " " and generated(tp, start + k))

    def _predicted(
        self, tp: Any, start: int, end: int, moves: list[float], chars: str, geo: _Placement, out: list[Glyph]
    ) -> bool:
        """Place the characters from the first origin and the advances, as
        pdfminer does (running sum in text space, then the matrix); False,
        and nothing placed, when pdfium's origins elsewhere disagree.

        A line set with word spacing (Tw, after each space) or character
        spacing (Tc, after every character) has the same extra after every
        space or every character: it is solved from the last character's
        origin and checked at the middle, a quarter and three quarters
        (kerning, which differs from pair to pair, does not fit and falls back
        to one call per character). All characters share one baseline.
        """
        api, xy = self.api, self.xy
        x_p, y_p = self.xy_ptrs
        n = end - start
        api.origin(tp, start, x_p, y_p)
        e, y = round(xy[0], 4), xy[1]
        a = geo.a
        lefts = [t * a + e for t in accumulate(moves[:-1], initial=0.0)]
        checks = (n - 1, n // 2) if n < 8 else (n - 1, n // 2, n // 4, (3 * n) // 4)
        seen: list[tuple[int, float]] = []
        for k in checks:
            api.origin(tp, start + k, x_p, y_p)
            if xy[1] != y:
                return False
            seen.append((k, xy[0]))
        if not all(abs(x - lefts[k]) <= _PLACED for k, x in seen):
            spaced = _spaced(moves, chars, seen, lefts, a) if len(seen) > 2 else None
            if spaced is None:
                return False
            lefts = [t * a + e for t in accumulate(spaced[:-1], initial=0.0)]
        baseline = geo.top_of - round(y, 4)
        bottom = baseline + geo.below
        top = bottom - geo.height
        shift, size, bold, italic = geo.shift, geo.size, geo.bold, geo.italic
        out.extend(
            [
                (baseline, x + shift, x + shift + move * a, ch, size, bold, italic, top, bottom)
                for x, move, ch in zip(lefts, moves, chars)
            ]
        )
        return True

    def _each_origin(
        self,
        tp: Any,
        text: str,
        start: int,
        end: int,
        moves: list[float],
        geo: _Placement,
        font: _Font,
        generated: frozenset[int],
        out: list[Glyph],
    ) -> None:
        """Characters placed one by one, each with its own origin; the spaces
        pdfium generated are left out. Two characters at one origin are one
        glyph: the parts of a ligature ("fi"), which pdfminer gives as one
        character."""
        api, xy = self.api, self.xy
        x_p, y_p = self.xy_ptrs
        a, shift, size = geo.a, geo.shift, geo.size
        first = len(out)
        prev_x = prev_y = -1e30
        for i in range(start, end):
            if i in generated:
                continue
            api.origin(tp, i, x_p, y_p)
            x, y = round(xy[0], 4) + shift, round(xy[1], 4)
            ch = text[i]
            move = moves[i - start]
            if ch in _MARKED:
                ch = _special(api, tp, i, ch)
                if not ch:
                    continue
                move = (font.widths.get(ch) or self._width(font, ch)) * 0.001 * geo.fs
            x1 = x + (move * a if move else guess_advance(ch, size))
            if x == prev_x and y == prev_y and len(out) > first and not out[-1][3].isspace() and not ch.isspace():
                out[-1] = _joined(out[-1], ch, x1)
                continue
            prev_x, prev_y = x, y
            baseline = geo.top_of - y
            bottom = baseline + geo.below
            out.append((baseline, x, x1, ch, size, geo.bold, geo.italic, bottom - geo.height, bottom))

    def _width(self, font: _Font, ch: str) -> float:
        """The advance of ``ch`` in ``font`` in thousandths of an em (0 when unknown)."""
        if not font.handle or len(ch) != 1:
            return 0.0
        out = ctypes.c_float()
        if not self.api.glyph_width(font.handle, ord(ch), ctypes.c_float(1000.0), ctypes.byref(out)):
            return 0.0
        return round(float(out.value), 3)

    def _turned(
        self,
        tp: Any,
        text: str,
        start: int,
        end: int,
        frame: _Frame,
        size: float,
        bold: bool,
        italic: bool,
        out: list[Glyph],
    ) -> None:
        """Characters of a rotated page or a rotated, mirrored or vertical text
        object: their box as it lies on the page, each with its own origin."""
        api = self.api
        box, xy = self.box, self.xy
        box_p = _VOID(ctypes.addressof(box))
        for i in range(start, end):
            api.loose_box(tp, i, box_p)
            left, upper, right, lower = box[0], box[1], box[2], box[3]
            if left == right and upper == lower:
                continue
            ch = text[i]
            if ch in _MARKED:
                ch = _special(api, tp, i, ch)
                if not ch:
                    continue
            xy_p = ctypes.addressof(xy)
            api.origin(tp, i, _VOID(xy_p), _VOID(xy_p + 8))
            _, baseline = frame.point(xy[0], xy[1])
            corners = [frame.point(left, upper), frame.point(right, lower)]
            xs = sorted(p[0] for p in corners)
            tops = sorted(p[1] for p in corners)
            out.append((baseline, xs[0], xs[1], ch, size, bold, italic, tops[0], tops[1]))

    # --------------------------------------------- objects the text page lost

    def _repair_dropped(self, page: Any, frame: _Frame, owners: dict[int, tuple[int, int]], glyphs: list[Glyph]) -> None:
        """Put back what pdfium's text page leaves out: overprinted copies
        (their originals are marked bold) and text objects with no ink (a
        space drawn on its own becomes a space glyph).

        Only the objects missing from the text page are measured, and the
        few drawn just before them; the rest cost two calls each.
        """
        recent: list[int] = []
        fonts: dict[int, _Font] = {}
        for obj, form in _text_objects(self.api, page):
            if obj not in owners:
                bounds = _bounds(self.api, obj)
                if bounds is not None and bounds[2] - bounds[0] < _NO_INK:
                    if not form:
                        self._space(obj, frame, fonts, glyphs)
                elif bounds is not None:
                    _mark_bold(_original(self.api, obj, bounds, [o for o in recent if o in owners]), owners, glyphs)
            recent.append(obj)
            del recent[:-_OVERPRINT_LOOKBACK]

    def _space(self, obj: int, frame: _Frame, fonts: dict[int, _Font], glyphs: list[Glyph]) -> None:
        """A space glyph where a text object with no ink was drawn."""
        api = self.api
        fs = _font_size(api, obj)
        mat = self.mat
        if not api.object_matrix(_VOID(obj), ctypes.byref(mat)):
            return
        a, b, c, d = frame.matrix(mat[0], mat[1], mat[2], mat[3])
        if b != 0 or a <= 0 or not fs:
            return
        font = self._font(_VOID(obj), fonts)
        x, baseline = frame.point(mat[4], mat[5])
        size = abs(d) * fs or 1.0
        bottom = baseline - d * font.descent * 0.001 * fs
        glyphs.append((baseline, x, x + 0.25 * size, " ", size, font.bold, font.italic, bottom - d * fs, bottom))

    # ----------------------------------------------------------------- links

    def _links(self, page: Any, frame: _Frame) -> list[LinkArea]:
        """The page's link annotations with a URI, as pdfplumber lists them."""
        api = self.api
        links: list[LinkArea] = []
        pos = ctypes.c_int(0)
        link = _VOID()
        rect = (ctypes.c_float * 4)()
        while api.link_enumerate(page, ctypes.byref(pos), ctypes.byref(link)):
            action = api.link_action(link)
            if not action or api.action_type(_VOID(action)) != _ACTION_URI:
                continue
            uri = _uri(api, self.doc, _VOID(action))
            if not uri or not api.link_rect(link, ctypes.byref(rect)):
                continue
            (x0, t0), (x1, t1) = frame.point(rect[0], rect[1]), frame.point(rect[2], rect[3])
            links.append((min(x0, x1), min(t0, t1), max(x0, x1), max(t0, t1), uri))
        return links


def _spaced(moves: list[float], chars: str, seen: list[tuple[int, float]], lefts: list[float], a: float) -> list[float] | None:
    """The moves from one character's origin to the next (text space) with
    word spacing (an extra after every space) or else character spacing
    (after every character) added: solved from the first origin ``seen``
    (index, x), checked at the others; None when neither fits."""
    k, x = seen[0]
    drift = (x - lefts[k]) / a
    spaces = chars[:k].count(" ")
    for extra_at_space, extra_at_char in ((drift / spaces, 0.0) if spaces else (0.0, 0.0), (0.0, drift / k)):
        if not extra_at_space and not extra_at_char:
            continue
        spaced = [move + extra_at_char + (extra_at_space if ch == " " else 0.0) for move, ch in zip(moves, chars)]
        spaced_lefts = [t * a + lefts[0] for t in accumulate(spaced[:-1], initial=0.0)]
        if all(abs(x - spaced_lefts[k]) <= _PLACED for k, x in seen[1:]):
            return spaced
    return None


def _geometry(font: _Font, raw_size: float, matrix: tuple[float, float, float, float], frame: _Frame) -> _Placement:
    """An object's placement from its font, size and (page-turned) matrix.

    pdfium keeps numbers in single precision; the content stream writes them
    as short decimals, which pdfminer reads in double precision. So pdfium's
    numbers are rounded back to those decimals (sizes and matrix to 5-6
    places, positions to 4), and advances are computed in pdfminer's order of
    operations: both readers then get the same doubles, and a gap of exactly
    0.2 em (an office program's space between Chinese and Latin) falls on the
    same side of a threshold.
    """
    fs = round(raw_size, 5)
    a, b, c, d = (round(v, 6) for v in matrix)
    size = abs(d * fs) if b == 0 else abs(fs) * (b * b + d * d) ** 0.5
    return _Placement(
        upright=frame.rotation == 0 and b == 0 and a > 0,
        a=a,
        fs=fs,
        below=-font.descent * 0.001 * fs * d,
        height=d * fs,
        top_of=frame.height + frame.top_shift + frame.y_min,
        shift=frame.x_shift - frame.x_min,
        size=size or abs(d) or 1.0,
        bold=font.bold,
        italic=font.italic or is_sheared(b, c, d),
    )


@functools.cache
def _standard_metrics(name: str) -> dict[str, float] | None:
    """pdfminer's widths (per 1000) for a font named like a standard font.

    pdfminer measures a font whose name is one of its standard fonts
    ("Helvetica", "Times-Roman", "Arial,Bold"...) by its own metrics, not the
    PDF's or the font's; where those lack a glyph ("€") it advances by 0. pdfium
    uses the font's. For an unembedded font the reference reader's numbers
    are taken, so that both readers place the glyphs alike. (Imported on
    first need: the table is large.)
    """
    if name not in _STANDARD_NAMES:
        return None
    from pdfminer.fontmetrics import FONT_METRICS

    return {str(k): float(v) for k, v in FONT_METRICS[name][1].items()}


_STANDARD_NAMES = frozenset(
    f"{family}{style}"
    for family, styles in (
        ("Courier", ("", "-Bold", "-BoldOblique", "-Oblique")),
        ("Helvetica", ("", "-Bold", "-BoldOblique", "-Oblique")),
        ("Times", ("-Roman", "-Bold", "-BoldItalic", "-Italic")),
        ("Arial", ("", ",Italic", ",Bold", ",BoldItalic")),
        ("CourierNew", ("", ",Italic", ",Bold", ",BoldItalic")),
        ("TimesNewRoman", ("", ",Italic", ",Bold", ",BoldItalic")),
    )
    for style in styles
) | {"Symbol", "ZapfDingbats"}


def _remeasure(out: list[Glyph], first: int, metrics: dict[str, float], fs: float, a: float, size: float) -> None:
    """Re-place one object's glyphs ``out[first:]`` by pdfminer's metrics.

    Each glyph keeps the spacing pdfium put between it and the glyph before
    (kerning, character and word spacing: rounded to 0.0001 pt, so that none
    is made of float noise) but follows that glyph's advance by pdfminer's
    metrics, and spans its own.
    """
    if len(out) <= first:
        return
    old_end = new_end = out[first][1]
    for k in range(first, len(out)):
        g = out[k]
        spacing = round(g[1] - old_end, 4)
        x0 = new_end + spacing
        measured = metrics.get(g[3], 0.0) * 0.001 * fs * a if len(g[3]) == 1 else g[2] - g[1]
        old_end, new_end = g[2], x0 + measured
        out[k] = (g[0], x0, x0 + (measured or guess_advance(g[3], size)), g[3], g[4], g[5], g[6], g[7], g[8])


def _joined(glyph: Glyph, ch: str, x1: float) -> Glyph:
    """A character drawn at the origin of the glyph before it, joined to it:
    pdfium splits a ligature ("fi") into characters at one origin, pdfminer
    gives one character."""
    end = x1 if x1 > glyph[2] else glyph[2]
    return (glyph[0], glyph[1], end, glyph[3] + ch, glyph[4], glyph[5], glyph[6], glyph[7], glyph[8])


def _special(api: _Api, tp: Any, i: int, ch: str) -> str:
    """The text of a character pdfium marked: a line-end hyphen ("-"), or
    nothing for a character with no Unicode mapping or a line break (which
    pdfplumber's reader skips too)."""
    if ch in "\r\n":
        return ""
    code = api.unicode(tp, i)
    if code == 2:
        return "-"
    if code in (0, 0xFFFE):
        return ""
    return chr(code)


def _object_runs(api: _Api, tp: Any, n: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, text object) for the runs of characters of one object.

    A text object's characters are consecutive on the text page, so a run's
    end is found by galloping and then bisecting: a handful of calls for a
    run of any length. Generated characters (no object) come one by one.
    """
    obj_at = api.text_object
    i = 0
    while i < n:
        cur = obj_at(tp, i) or 0
        if not cur:
            yield i, i + 1, 0
            i += 1
            continue
        same, step = i, 1
        differs = n
        while same + step < n:
            if (obj_at(tp, same + step) or 0) == cur:
                same += step
                step *= 2
            else:
                differs = same + step
                break
        while differs - same > 1:
            mid = (same + differs) // 2
            if (obj_at(tp, mid) or 0) == cur:
                same = mid
            else:
                differs = mid
        yield i, same + 1, cur
        i = same + 1


def _text_objects(api: _Api, page: Any) -> Iterator[tuple[int, bool]]:
    """Every text object of the page, in drawing order, and whether it is
    inside a form XObject."""
    count = api.count_objects(page)
    for k in range(count):
        obj = api.get_object(page, k)
        if not obj:
            continue
        kind = api.object_type(_VOID(obj))
        if kind == _OBJ_TEXT:
            yield obj, False
        elif kind == _OBJ_FORM:
            yield from _form_text_objects(api, obj, depth=1)


def _form_text_objects(api: _Api, form: int, depth: int) -> Iterator[tuple[int, bool]]:
    """Text objects inside a form XObject (nested forms up to a sane depth)."""
    if depth > 16:
        return
    handle = _VOID(form)
    for k in range(max(api.form_count(handle), 0)):
        obj = api.form_object(handle, k)
        if not obj:
            continue
        kind = api.object_type(_VOID(obj))
        if kind == _OBJ_TEXT:
            yield obj, True
        elif kind == _OBJ_FORM:
            yield from _form_text_objects(api, obj, depth + 1)


def _bounds(api: _Api, obj: int) -> tuple[float, float, float, float] | None:
    """A page object's bounds (left, bottom, right, top) in user space."""
    out = (ctypes.c_float * 4)()
    addr = ctypes.addressof(out)
    if not api.object_bounds(_VOID(obj), _VOID(addr), _VOID(addr + 4), _VOID(addr + 8), _VOID(addr + 12)):
        return None
    return out[0], out[1], out[2], out[3]


def _font_size(api: _Api, obj: int) -> float:
    """A text object's font size (its Tf operand), 0 when pdfium has none."""
    out = ctypes.c_float()
    return out.value if api.font_size(_VOID(obj), ctypes.byref(out)) else 0.0


def _original(api: _Api, copy: int, bounds: tuple[float, float, float, float], recent: list[int]) -> int:
    """The recent text object that a dropped copy was drawn over: the same
    font size, overlapping it by at least half its width (pdfium's rule)."""
    left, bottom, right, top = bounds
    width = right - left
    size = _font_size(api, copy)
    for obj in reversed(recent):
        other = _bounds(api, obj)
        if other is None or _font_size(api, obj) != size:
            continue
        l2, b2, r2, t2 = other
        overlap = min(right, r2) - max(left, l2)
        if overlap > 0 and min(top, t2) > max(bottom, b2) and abs(overlap - width) <= width / 2:
            return obj
    return 0


def _mark_bold(obj: int, owners: dict[int, tuple[int, int]], glyphs: list[Glyph]) -> None:
    """Mark the glyphs of a text object that was overprinted as bold."""
    span = owners.get(obj)
    if span is None:
        return
    for k in range(*span):
        g = glyphs[k]
        if not g[5]:
            glyphs[k] = (g[0], g[1], g[2], g[3], g[4], True, g[6], g[7], g[8])


def _uri(api: _Api, doc: Any, action: Any) -> str:
    """A URI action's target, decoded as pdfplumber decodes it (Latin-1)."""
    length = api.action_uri(doc, action, None, 0)
    if length <= 1:
        return ""
    buf = ctypes.create_string_buffer(length)
    api.action_uri(doc, action, buf, length)
    return buf.raw[: length - 1].decode("latin-1", "replace")


__all__ = ["available", "read_pdfium"]
