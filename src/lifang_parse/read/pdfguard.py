"""A cheap pre-scan of a PDF's bytes that refuses hostile files before a reader builds anything.

PDF readers trust the file's structure: pdfminer follows a reference that
points at itself forever, inflates a compressed stream whole whatever its
size, materialises every code of a CMap range one by one and builds every
page object before anyone can count them. Each is a few hundred bytes of
input against gigabytes or hours. The scan below looks at the file as
bytes, and at its page tree, and stops such files with a typed error, in
time linear in the file (plus the bounded inflation of its streams):

- **streams** are inflated (FlateDecode, incrementally, output discarded)
  and the total is capped at half of ``max_memory``: a decompression bomb
  is refused after reading its cap, not after filling the memory;
- **CMaps** (``beginbfrange``/``begincidrange``): the codes their ranges
  span are summed and capped;
- **pages**: page objects are counted in the bytes (and in object streams)
  before any is built; the page tree is then walked with a visited set,
  counting its leaves, and every reference chain reachable from a page is
  followed with cycle detection (``6 0 obj 6 0 R endobj``).

Reader-independent: it takes bytes and raises
:class:`~lifang_parse.errors.LimitExceededError` (a bound passed) or
:class:`~lifang_parse.errors.CorruptDocumentError` (a structure no reader
can finish). Every PDF reader calls :func:`prescan` before opening the file.
The page-tree walk uses pdfminer's object parser, which every reader's
installation has; a file pdfminer cannot open is left to the reader, whose
own error is more precise.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import CorruptDocumentError, LifangParseError, LimitExceededError
from ..limits import checkpoint, megabytes

#: Codes all CMaps of a file may map, per byte of ``max_memory`` (pdfminer spends ~200 bytes per code).
_CMAP_CODES_PER_BYTE = 1 / 256
#: Objects the structure walk visits at most; beyond, the rest is left to the reader's own bounds.
_MAX_WALK = 500_000
_INFLATE_CHUNK = 1 << 20

_OBJ_RE = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_STREAM_RE = re.compile(rb"\bstream(?:\r\n|\n|\r)")
_ENDSTREAM_RE = re.compile(rb"endstream")
_FILTER_RE = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_LENGTH_RE = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FILTER_NAME_RE = re.compile(rb"/([A-Za-z0-9]+)")
_PAGE_TYPE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_OBJSTM_RE = re.compile(rb"/Type\s*/ObjStm\b")
_CMAP_RE = re.compile(rb"begincmap")
_RANGE_BLOCK_RE = re.compile(rb"begin(bf|cid)range(.*?)end\1range", re.DOTALL)
_HEX_PAIR_RE = re.compile(rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>")
_FLATE = (b"FlateDecode", b"Fl")


@dataclass(frozen=True, slots=True)
class PdfFacts:
    """What the scan learnt: the page count (from the page tree, else from the page objects)."""

    pages: int
    streams: int
    inflated: int


@dataclass(slots=True)
class _Tally:
    inflated: int = 0
    cmap_codes: int = 0
    page_objects: int = 0
    streams: int = 0


def prescan(data: bytes, *, path: str | None, max_pages: int, max_memory: int, password: str | None = None) -> PdfFacts:
    """Refuse a hostile PDF before it is parsed; return its page count.

    ``max_memory`` (0: unbounded) caps what its streams inflate to (half of
    it) and the codes its CMaps map; ``max_pages`` its pages.
    """
    tally = _Tally()
    limit = _Budget(path=path, max_pages=max_pages, max_memory=max_memory)
    tally.page_objects = len(_PAGE_TYPE_RE.findall(data))
    limit.pages(tally.page_objects, "page objects")
    for dictionary, raw in _streams(data):
        tally.streams += 1
        decoded = _inflate(dictionary, raw, tally, limit)
        if decoded is None:
            continue
        if _OBJSTM_RE.search(dictionary):
            tally.page_objects += len(_PAGE_TYPE_RE.findall(decoded))
            limit.pages(tally.page_objects, "page objects")
        elif _CMAP_RE.search(decoded, 0, 65536):
            tally.cmap_codes += _cmap_codes(decoded)
            limit.cmap(tally.cmap_codes)
        if tally.streams % 256 == 0:
            checkpoint()
    pages = _walk_structure(data, path=path, password=password, limit=limit)
    return PdfFacts(pages=pages if pages is not None else tally.page_objects, streams=tally.streams, inflated=tally.inflated)


@dataclass(frozen=True, slots=True)
class _Budget:
    path: str | None
    max_pages: int
    max_memory: int

    def pages(self, count: int, what: str) -> None:
        if self.max_pages and count > self.max_pages:
            raise LimitExceededError(
                f"the PDF has {count:,} {what}, over the limit of {self.max_pages:,} pages (max_pages); if the file "
                "is trusted, raise it: --max-pages N on the command line, max_pages= in Python",
                path=self.path,
            )

    def inflated(self, size: int) -> None:
        cap = self.max_memory // 2
        if self.max_memory and size > cap:
            raise LimitExceededError(
                f"the PDF's compressed streams inflate to more than {megabytes(cap)} (half of max_memory, "
                f"{megabytes(self.max_memory)}): a decompression bomb, or a file too large for the limit; if it "
                "is trusted, raise it: --max-memory SIZE on the command line, max_memory= in Python",
                path=self.path,
            )

    def cmap(self, codes: int) -> None:
        cap = int(self.max_memory * _CMAP_CODES_PER_BYTE)
        if self.max_memory and codes > cap:
            raise LimitExceededError(
                f"the PDF's CMaps map {codes:,} character codes, more than {cap:,} (max_memory "
                f"{megabytes(self.max_memory)} allows); if the file is trusted, raise it: --max-memory SIZE on "
                "the command line, max_memory= in Python",
                path=self.path,
            )


def _streams(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Every stream of the file as (its dictionary's bytes, its raw data)."""
    position = 0
    for match in _STREAM_RE.finditer(data):
        start = match.end()
        if start < position:
            continue  # the word "stream" inside a stream's data
        head = data.rfind(b"obj", max(0, match.start() - 4096), match.start())
        dictionary = data[head + 3 if head >= 0 else max(0, match.start() - 4096) : match.start()]
        length = _LENGTH_RE.search(dictionary)
        end = -1
        if length is not None:
            end = start + int(length.group(1))
            if _ENDSTREAM_RE.match(data, end + (1 if data[end : end + 1] in (b"\n", b"\r") else 0)) is None and (
                _ENDSTREAM_RE.match(data, end + 2) is None
            ):
                end = -1
        if end < 0:
            found = _ENDSTREAM_RE.search(data, start)
            end = found.start() if found else len(data)
        position = end
        yield dictionary, data[start:end]


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTER_RE.search(dictionary)
    return _FILTER_NAME_RE.findall(found.group(1)) if found else []


def _inflate(dictionary: bytes, raw: bytes, tally: _Tally, limit: _Budget) -> bytes | None:
    """The stream's data after its leading FlateDecode filters, counted against the cap.

    Returns the data only when it is small enough to look into (CMaps,
    object streams: 16 MB); None for other filters and undecodable data
    (encrypted streams, damaged data: the reader will say).
    """
    filters = _filters(dictionary)
    if not filters:
        return raw
    keep = len(raw) < 16 << 20
    chunks: list[bytes] = []
    pieces: Iterator[bytes] = iter((raw,))
    decoded_any = False
    for name in filters:
        if name not in _FLATE:
            break
        pieces = _inflate_pieces(pieces)
        decoded_any = True
    if not decoded_any:
        return None
    size = 0
    try:
        for piece in pieces:
            size += len(piece)
            tally.inflated += len(piece)
            limit.inflated(tally.inflated)
            if keep and size < 16 << 20:
                chunks.append(piece)
            else:
                keep = False
    except zlib.error:
        return None
    return b"".join(chunks) if keep else None


def _inflate_pieces(source: Iterator[bytes]) -> Iterator[bytes]:
    """Inflate a sequence of compressed pieces incrementally, one bounded piece at a time."""
    inflater = zlib.decompressobj()
    for piece in source:
        pending = piece
        while pending:
            yield inflater.decompress(pending, _INFLATE_CHUNK)
            pending = inflater.unconsumed_tail
            if inflater.eof:
                return
    while not inflater.eof:
        out = inflater.decompress(b"", _INFLATE_CHUNK)
        if not out:
            return
        yield out


def _cmap_codes(decoded: bytes) -> int:
    """How many codes the CMap's bfrange and cidrange entries span."""
    total = 0
    for block in _RANGE_BLOCK_RE.finditer(decoded):
        for low, high in _HEX_PAIR_RE.findall(block.group(2)):
            try:
                span = int(b"".join(high.split()) or b"0", 16) - int(b"".join(low.split()) or b"0", 16) + 1
            except ValueError:
                continue
            total += max(span, 0)
    return total


# --------------------------------------------------------------------------
# The structure: the page tree and the references reachable from each page
# --------------------------------------------------------------------------


def _walk_structure(data: bytes, *, path: str | None, password: str | None, limit: _Budget) -> int | None:
    """Count the page tree's leaves and look for reference cycles; None when pdfminer cannot open the file."""
    try:
        from pdfminer.pdfdocument import PDFDocument  # deferred: the text path never needs pdfminer
        from pdfminer.pdfparser import PDFParser

        document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
        root = _deref(document.catalog.get("Pages"), path, "the catalog's /Pages")
    except LifangParseError:
        raise
    except (Exception, RecursionError):  # noqa: BLE001 - the reader will give its own, precise error
        return None
    walker = _Walker(path=path, limit=limit)
    try:
        return walker.pages(root)
    except LifangParseError:
        raise
    except (Exception, RecursionError):  # noqa: BLE001
        return None


def _deref(value: Any, path: str | None, where: str) -> Any:
    """Follow a chain of references to an object, refusing a chain that comes back on itself."""
    from pdfminer.pdftypes import PDFObjRef

    seen: set[int] = set()
    while isinstance(value, PDFObjRef):
        if value.objid in seen:
            raise CorruptDocumentError(
                f"object {value.objid} leads back to itself (a reference cycle, in {where}); no reader can resolve it",
                path=path,
            )
        seen.add(value.objid)
        value = value.resolve()
    return value


class _Walker:
    """Depth-first over the page tree and what each page refers to, each object once."""

    def __init__(self, *, path: str | None, limit: _Budget) -> None:
        self.path = path
        self.limit = limit
        self.visited: set[int] = set()
        self.count = 0

    def pages(self, root: Any) -> int:
        from pdfminer.pdftypes import PDFObjRef

        leaves = 0
        stack: list[Any] = [root]
        nodes: set[int] = set()
        while stack:
            node = stack.pop()
            ref = node.objid if isinstance(node, PDFObjRef) else None
            if ref is not None:
                if ref in nodes:
                    continue
                nodes.add(ref)
            node = _deref(node, self.path, "the page tree")
            if not isinstance(node, dict):
                continue
            kids = _deref(node.get("Kids"), self.path, "a page tree node's /Kids")
            if isinstance(kids, list):
                stack.extend(reversed(kids))
                continue
            leaves += 1
            self.limit.pages(leaves, "pages")
            self.references(node)
        return leaves

    def references(self, page: dict[Any, Any]) -> None:
        """Follow every reference reachable from a page (not up its /Parent), each object once."""
        from pdfminer.pdftypes import PDFObjRef, PDFStream

        stack: list[tuple[Any, str]] = [(value, f"a page's /{key}") for key, value in page.items() if key != "Parent"]
        while stack:
            value, where = stack.pop()
            if isinstance(value, PDFObjRef):
                if value.objid in self.visited:
                    continue
                self.visited.add(value.objid)
                self.count += 1
                if self.count > _MAX_WALK:
                    return
                if self.count % 1024 == 0:
                    checkpoint()
                value = _deref(value, self.path, where)
            if isinstance(value, PDFStream):
                value = value.attrs
            if isinstance(value, dict):
                stack.extend((v, f"{where} /{k}") for k, v in value.items() if k not in ("Parent", "P"))
            elif isinstance(value, list):
                stack.extend((v, where) for v in value)


__all__ = ["PdfFacts", "prescan"]
