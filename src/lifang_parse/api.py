"""The public entry points: wire read → segment → pair → extract → model.

``parse_file`` decides the format from the content (a ``%PDF-`` header), not
from the file name, so a mis-named file still parses.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from lifang_parse import __version__
from lifang_parse.errors import EmptyDocumentError, LimitExceededError, NotANewsletterError, StructureError
from lifang_parse.extract import enrich_item, load_gazetteer
from lifang_parse.files import STDIN_LABEL, read_regular_file
from lifang_parse.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, TEXT_BYTES_PER_BYTE, Limits, megabytes, run_limited
from lifang_parse.publication import DEFAULT_LAYOUT, Layout
from lifang_parse.models import Bilingual, Fragment, Item, Newsletter, Section, Source, Warning
from lifang_parse.pair import build_contents, build_footer, build_sections, check_contents
from lifang_parse.read.lines import Line, ReadResult
from lifang_parse.read.text import read_text_bytes, read_text_string
from lifang_parse.segment import Segments, segment
from lifang_parse.textutil import clean_value

DEFAULT_MAX_BYTES = 200_000_000
DEFAULT_MAX_PAGES = 2_000
# Texts below this size are parsed without a watchdog thread (their cost is linear and small).
_WATCH_TEXT_FROM = 200_000
_PDF_MAGIC = b"%PDF-"

PathLike = str | os.PathLike[str]


def parse_file(
    path: PathLike,
    *,
    strict: bool = False,
    password: str | None = None,
    gazetteer: PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory: int = DEFAULT_MAX_MEMORY,
    reader: str | None = None,
) -> Newsletter:
    """Parse one newsletter file (PDF or text) into a :class:`Newsletter`.

    ``reader`` picks the PDF reader: ``"pdfium"`` (the default when pypdfium2
    is installed; several times faster) or ``"pdfplumber"`` (the reference
    reader). Both give the same newsletter.

    Raises a :class:`~lifang_parse.errors.LifangParseError` subclass for input
    that is missing, not a regular file, empty, not a newsletter, damaged,
    over a limit, or (with ``strict``) parsed with warnings.

    Limits (0 turns one off; see :mod:`lifang_parse.limits`): ``max_bytes``
    of input; ``max_pages`` of a PDF; ``timeout`` seconds of wall-clock
    time, plus 0.5 s per PDF page and per MB of text; ``max_memory`` bytes
    that the parse may add to the process's resident memory.
    """
    name = os.fspath(path)
    data = read_regular_file(name, max_bytes=max_bytes)
    return parse_bytes(
        data, source_path=name, strict=strict, password=password, gazetteer=gazetteer,
        max_pages=max_pages, timeout=timeout, max_memory=max_memory, reader=reader,
    )


def parse_bytes(
    data: bytes,
    *,
    source_path: str | None = None,
    strict: bool = False,
    password: str | None = None,
    gazetteer: PathLike | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory: int = DEFAULT_MAX_MEMORY,
    reader: str | None = None,
) -> Newsletter:
    """Parse a newsletter held as bytes (standard input, an upload); PDF or text, decided by content.

    ``source_path`` is recorded as the source's path and named in errors
    (``None``: messages say ``<stdin>``). Other keywords as :func:`parse_file`.
    """
    label = source_path or STDIN_LABEL
    bounds = Limits(timeout=timeout, max_memory=max_memory)
    if _PDF_MAGIC in data[:1024]:
        read_pdf = pdf_reader(reader)

        def parse_pdf() -> Newsletter:
            read = read_pdf(label, password=password, max_pages=max_pages, data=data)
            return parse_read(read, strict=strict, gazetteer=gazetteer)

        newsletter = run_limited(parse_pdf, bounds, path=label)
    else:
        _check_text_memory(len(data), max_memory, label)

        def parse_text_bytes() -> Newsletter:
            return parse_read(read_text_bytes(data, path=label), strict=strict, gazetteer=gazetteer)

        watch = len(data) >= _WATCH_TEXT_FROM  # small text: linear and fast, no watchdog thread
        newsletter = run_limited(parse_text_bytes, bounds, path=label, text_size=len(data), watch=watch)
    if source_path is None:
        newsletter = newsletter.model_copy(update={"source": newsletter.source.model_copy(update={"path": None})})
    return newsletter


def _check_text_memory(size: int, max_memory: int, label: str) -> None:
    """Refuse, before parsing, a text whose parse may need more than ``max_memory``."""
    if max_memory and size * TEXT_BYTES_PER_BYTE > max_memory:
        raise LimitExceededError(
            f"a text of {size / 1e6:.1f} MB may need up to {TEXT_BYTES_PER_BYTE} bytes of memory per byte, more "
            f"than max_memory ({megabytes(max_memory)}) allows; if the file is trusted, raise it: "
            "--max-memory SIZE on the command line, max_memory= in Python",
            path=label,
        )


#: The PDF readers by name; ``None`` is the fastest one installed.
PDF_READERS = ("pdfium", "pdfplumber")


def pdf_reader(name: str | None = None) -> Callable[..., ReadResult]:
    """The PDF reader called ``name`` (imported late: both libraries are slow
    to import, and a text newsletter needs neither)."""
    if name not in (None, *PDF_READERS):
        raise ValueError(f"unknown PDF reader {name!r}; choose one of {', '.join(PDF_READERS)}")
    if name != "pdfplumber":
        from lifang_parse.read import pdfium

        if pdfium.available():
            return pdfium.read_pdfium
        if name == "pdfium":
            raise ValueError("the pdfium reader needs pypdfium2: pip install pypdfium2")
    from lifang_parse.read.pdf import read_pdf

    return read_pdf


def parse_text(
    text: str,
    *,
    source_path: str | None = None,
    strict: bool = False,
    gazetteer: PathLike | None = None,
) -> Newsletter:
    """Parse a newsletter given as a string (already decoded)."""
    return parse_read(read_text_string(text, path=source_path), strict=strict, gazetteer=gazetteer)


def parse_read(read: ReadResult, *, strict: bool = False, gazetteer: PathLike | None = None, layout: Layout = DEFAULT_LAYOUT) -> Newsletter:
    """Build the newsletter from a reader's line stream (any reader)."""
    if not read.lines:
        raise EmptyDocumentError("the document holds no text", path=read.path)
    segments = segment(read.lines, layout)
    _require_newsletter(segments, read)
    sections = build_sections(segments.sections, layout)
    sections = _enrich(sections, period=segments.masthead.period, gazetteer=gazetteer)
    contents = build_contents(segments.contents)
    warnings = check_contents(contents, sections)
    warnings += [_note_warning(note) for note in read.notes]
    warnings += [Warning(code="structure_doubt", message=doubt.describe()) for doubt in segments.doubts]
    if segments.footer is None:
        warnings.append(Warning(code="missing_footer", message="no footer (disclaimer and contacts) was found"))
    unplaced = [_fragment(line) for line in segments.unplaced]
    for fragment in unplaced:
        warnings.append(
            Warning(
                code="unplaced_text",
                message=f"line {fragment.line_start}: text that no rule claimed: {fragment.text[:80]!r}",
            )
        )
    warnings += [warning for section in sections for item in section.items for warning in item.warnings]
    masthead = segments.masthead
    newsletter = Newsletter(
        source=Source(
            path=read.path,
            format=read.format,
            sha256=read.sha256,
            pages=read.pages,
            parser_version=__version__,
            encoding=read.encoding,
            furniture_removed=read.furniture_removed,
        ),
        publisher=Bilingual(zh=masthead.publisher_zh, en=masthead.publisher_en),
        publication=Bilingual(zh=masthead.publication_zh, en=masthead.publication_en),
        publication_number=masthead.publication_number,
        period=masthead.period,
        title=Bilingual(zh=masthead.title_zh, en=masthead.title_en),
        issue_number=masthead.issue_number,
        contents=contents,
        sections=sections,
        footer=build_footer(segments.footer),
        boilerplate=[_fragment(line) for line in segments.boilerplate],
        warnings=warnings,
        unplaced=unplaced,
    )
    if strict and newsletter.warnings:
        listed = "; ".join(f"{w.code}: {w.message}" for w in newsletter.warnings)
        raise StructureError(f"{len(newsletter.warnings)} warning(s) under strict mode: {listed}", warnings=newsletter.warnings, path=read.path)
    return newsletter


def _note_warning(note: str) -> Warning:
    """A reader's note ("code: message", e.g. ``unrecoverable_structure``) as a document warning."""
    code, sep, message = note.partition(": ")
    return Warning(code=code, message=message) if sep and code.isidentifier() else Warning(code="reader_note", message=note)


def _fragment(line: Line) -> Fragment:
    return Fragment(text=clean_value(line.text), line_start=line.number, line_end=line.last, page=line.page)


def _require_newsletter(segments: Segments, read: ReadResult) -> None:
    """Refuse only text with none of a newsletter's structure: no masthead, no
    section heading and no bilingual item. Anything with a masthead degrades
    (unplaced text, ``structure_doubt`` warnings) rather than being refused."""
    masthead = segments.masthead
    if masthead.found or segments.bilingual_items():
        return
    if segments.headings_found and segments.item_count():
        return
    items = segments.item_count()
    found = f"{len(read.lines)} non-blank line(s), {segments.headings_found} section heading(s), {items} item(s)"
    found += ", a masthead" if masthead.found else ", no masthead"
    raise NotANewsletterError(
        "not a newsletter: expected a 立方观评-style masthead (No.N, YYYY.MM, title), section headings "
        f"such as '国内要闻 Domestic News' and bilingual news items; found {found}",
        path=read.path,
    )


def _enrich(sections: list[Section], *, period: str | None, gazetteer: PathLike | None) -> list[Section]:
    """Layer 4 and 5: facts per item, reconciled across the two languages."""
    loaded = load_gazetteer(gazetteer)
    enriched: list[Section] = []
    for section in sections:
        items: list[Item] = [enrich_item(item, period=period, gazetteer=loaded) for item in section.items]
        enriched.append(section.model_copy(update={"items": items}))
    return enriched
