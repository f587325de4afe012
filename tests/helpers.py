"""Test helpers shared by several test files (test files never import each other).

Hostile inputs of issue 13, built at test time: each is a few hundred bytes
to a few megabytes, written into a folder the test owns. The same builders
drive ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"


# --------------------------------------------------------------------------- a PDF writer


def pdf_bytes(objects: Mapping[int, bytes], *, root: int = 1, compress_xref: bool = False) -> bytes:
    """A PDF with these numbered objects (bodies without ``obj``/``endobj``) and a correct xref table."""
    del compress_xref
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body."""
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(*, contents: bytes = b"4 0 R", media_box: bytes = b"[0 0 612 792]", extra: Mapping[int, bytes] | None = None,
                 resources: bytes = b"<< /Font << /F1 5 0 R >> >>") -> bytes:
    """A one-page PDF saying "Hello" in Helvetica, with parts replaceable by an attack."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents " + contents + b" /Resources " + resources + b" >>",
        4: stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(extra or {})
    return pdf_bytes(objects)


# --------------------------------------------------------------------------- the attacks


def self_reference() -> bytes:
    """``/Contents 6 0 R`` where ``6 0 obj 6 0 R endobj``: pdfminer's resolve1 loops forever."""
    return one_page_pdf(contents=b"6 0 R", extra={6: b"6 0 R"})


def media_box_cycle() -> bytes:
    """``/MediaBox 6 0 R``, 6 -> 7 -> 6."""
    return one_page_pdf(media_box=b"6 0 R", extra={6: b"7 0 R", 7: b"6 0 R"})


def deflate_zeros(megabytes: int) -> bytes:
    """``megabytes`` MiB of zero bytes, deflated (about 1,000:1), built in milliseconds.

    After a full flush deflate forgets its history, so every further MiB of
    zeros compresses to the same block: it is repeated, and the stream closed
    with an empty final block and the Adler-32 of n zeros ((n mod 65521) << 16 | 1).
    """
    block = bytes(1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = (((megabytes << 20) % 65521) << 16) | 1
    return first + again * (megabytes - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def flate_bomb(megabytes: int = 1024) -> bytes:
    """A content stream that inflates to ``megabytes`` MiB (1 GiB from about 1 MB)."""
    data = deflate_zeros(megabytes)
    return one_page_pdf(extra={4: stream(data, b"/Filter /FlateDecode")})


def cmap_bomb() -> bytes:
    """A ToUnicode CMap whose one ``bfrange`` spans 2**32 codes (under 1 KB)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Bomb def /CMapType 2 def\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return one_page_pdf(extra={5: font, 6: stream(cmap)})


def many_pages(count: int) -> bytes:
    """``count`` empty pages (83 bytes each: 1,000,000 pages is 83 MB, under max_bytes)."""
    first = 3
    kids = b" ".join(b"%d 0 R" % n for n in range(first, first + count))
    out = bytearray(b"%PDF-1.7\n")
    offsets = [0, len(out)]
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    offsets.append(len(out))
    out += b"2 0 obj\n<< /Type /Pages /Count %d /Kids [" % count + kids + b"] >>\nendobj\n"
    for number in range(first, first + count):
        offsets.append(len(out))
        out += b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n" % number
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (count + first)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets[1:])
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count + first, xref)
    return bytes(out)


def repeated_lines(times: int) -> bytes:
    """The sample with every line repeated ``times`` times (x1000: 9.6 MB)."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines for _ in range(times)).encode("utf-8")


def one_long_line(size: int) -> bytes:
    """The sample's lines joined into one line of ``size`` bytes (no newline at all)."""
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", " ").encode("utf-8")
    return (text * (size // len(text) + 1))[:size].rsplit(b" ", 1)[0]


@dataclass(frozen=True)
class Attack:
    """One hostile file: its name, how to build it, and whether it is a PDF."""

    name: str
    build: Callable[[], bytes]
    suffix: str = ".pdf"


#: The attacks of issue 13 that are files (the file-system ones are tests of their own).
ATTACKS = (
    Attack("self-reference", self_reference),
    Attack("mediabox-cycle", media_box_cycle),
    Attack("flate-bomb-1mb", lambda: flate_bomb(1024)),
    Attack("flate-bomb-4mb", lambda: flate_bomb(4096)),
    Attack("cmap-bfrange", cmap_bomb),
    Attack("pages-100k", lambda: many_pages(100_000)),
    Attack("pages-1m", lambda: many_pages(1_000_000)),
    Attack("text-lines-x100", lambda: repeated_lines(100), ".txt"),
    Attack("text-lines-x1000", lambda: repeated_lines(1000), ".txt"),
    Attack("text-one-line-20mb", lambda: one_long_line(20_000_000), ".txt"),
)


def write_attack(folder: Path, attack: Attack) -> Path:
    """Build ``attack`` into ``folder``; returns its path."""
    path = folder / f"{attack.name}{attack.suffix}"
    path.write_bytes(attack.build())
    return path


def non_utf8_name(folder: Path, content: bytes) -> str:
    """A file whose name has a byte that is not UTF-8 (``b\\xff.txt``); returns the name as Python sees it."""
    raw = os.fsencode(folder) + b"/b\xff.txt"
    with open(raw, "wb") as handle:
        handle.write(content)
    return os.fsdecode(raw)


__all__ = [
    "ATTACKS",
    "Attack",
    "cmap_bomb",
    "flate_bomb",
    "many_pages",
    "media_box_cycle",
    "non_utf8_name",
    "one_long_line",
    "one_page_pdf",
    "pdf_bytes",
    "repeated_lines",
    "self_reference",
    "stream",
    "write_attack",
]


def form_recursion() -> bytes:
    """A form XObject that draws itself twice: 2**depth work, found by no pre-scan (the watchdog stops it)."""
    form = stream(b"/X0 Do /X0 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 6 0 R >> >>")
    return one_page_pdf(contents=b"4 0 R", resources=b"<< /XObject << /X0 6 0 R >> >>",
                        extra={4: stream(b"/X0 Do"), 6: form})
