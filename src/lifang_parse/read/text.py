"""Read text input (clean extraction of a newsletter) into lines with provenance.

Decoding follows what users actually have: a BOM decides first (UTF-8,
UTF-16, UTF-32), then UTF-16 without a BOM (recognised by its zero bytes:
the English half of a newsletter is ASCII, one zero byte per character, on
the same side), then strict UTF-8, then GB18030. The encoding used is
reported in ``ReadResult.encoding``. A form feed marks a page break, so a text
extracted with page separators keeps page numbers as provenance.
"""

from __future__ import annotations

import codecs
import hashlib

import regex

from lifang_parse.errors import InputError
from lifang_parse.read.lines import Line, ReadResult
from lifang_parse.read.wrapped import classify, read_lines
from lifang_parse.textutil import normalize_space

# A UTF-16 surrogate code point standing alone in a Python string.
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return (text, encoding name).

    Raises :class:`InputError` for bytes that are no text in any of the
    accepted encodings (a binary file given by mistake).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason} at byte {exc.start}", path=path) from None
    sixteen = _utf16_without_bom(data)
    if sixteen is not None:
        try:
            return data.decode(sixteen), sixteen
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise InputError("binary data (NUL bytes), not a text or PDF file", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 or GB18030 text (bad byte at offset {exc.start})", path=path) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the zero bytes say so (a fifth of the
    characters ASCII, their zero bytes on one side), else None."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8 or len(data) % 2:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd >= 0.2 * half and even <= odd // 10:
        return "utf-16-le"
    if even >= 0.2 * half and odd <= even // 10:
        return "utf-16-be"
    return None


def split_lines(text: str) -> tuple[Line, ...]:
    """Split decoded text into non-blank, whitespace-normalised :class:`Line` objects.

    Line numbers count every input line (blank ones too), so ``Line.number``
    points into the user's file. Pages count form feeds; without any form feed
    the page is unknown (None).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paged = "\f" in text
    page = 1
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            # Text before a form feed belongs to the old page, after it to the new one.
            pieces = raw.split("\f")
            for index, piece in enumerate(pieces):
                if index:
                    page += 1
                cleaned = normalize_space(piece)
                if cleaned:
                    lines.append(Line(text=cleaned, number=number, page=page))
            continue
        cleaned = normalize_space(raw)
        if cleaned:
            lines.append(Line(text=cleaned, number=number, page=page if paged else None))
    return tuple(lines)


def _read(text: str, *, sha256: str, path: str | None, encoding: str | None, notes: tuple[str, ...] = ()) -> ReadResult:
    """Clean text line by line; paged or hard-wrapped extractions (form
    feeds, running headers, lines cut at the column width) through
    :mod:`.wrapped`, which gives the same line stream."""
    pages = (text.count("\f") + 1) if "\f" in text else None
    analysis = classify(text)
    if analysis.kind == "clean":
        return ReadResult(lines=split_lines(text), format="text", sha256=sha256, path=path, pages=pages, encoding=encoding, notes=notes)
    found = read_lines(analysis)
    return ReadResult(
        lines=found.lines,
        format="text",
        sha256=sha256,
        path=path,
        pages=pages,
        encoding=encoding,
        furniture_removed=found.furniture_removed,
        notes=notes + found.notes,
    )


def read_text_bytes(data: bytes, *, path: str | None = None) -> ReadResult:
    """Read the bytes of a text newsletter."""
    text, encoding = decode_bytes(data, path=path)
    return _read(text, sha256=hashlib.sha256(data).hexdigest(), path=path, encoding=encoding)


def read_text_string(text: str, *, path: str | None = None) -> ReadResult:
    """Read an already-decoded string (``parse_text``); sha256 is of its UTF-8 bytes."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    # A lone surrogate (a broken UTF-16 pair) cannot be written as UTF-8 JSON.
    text, replaced = _LONE_SURROGATE.subn("\ufffd", text)
    notes = (f"invalid_text: {replaced} lone surrogate(s) replaced by U+FFFD",) if replaced else ()
    return _read(text.lstrip("\ufeff"), sha256=sha, path=path, encoding=None, notes=notes)
