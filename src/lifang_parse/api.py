"""The public entry points: wire read → segment → pair → extract → model.

``parse_file`` decides the format from the content (a ``%PDF-`` header), not
from the file name, so a mis-named file still parses.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from lifang_parse import __version__
from lifang_parse.errors import EmptyDocumentError, InputError, LimitExceededError, NotANewsletterError, StructureError
from lifang_parse.extract import enrich_item, load_gazetteer
from lifang_parse.layout import DEFAULT_LAYOUT, Layout
from lifang_parse.models import Bilingual, Fragment, Item, Newsletter, Section, Source, Warning
from lifang_parse.pair import build_contents, build_footer, build_sections, check_contents
from lifang_parse.read.lines import Line, ReadResult
from lifang_parse.read.text import read_text_bytes, read_text_string
from lifang_parse.segment import Segments, segment
from lifang_parse.textutil import clean_value

DEFAULT_MAX_BYTES = 200_000_000
DEFAULT_MAX_PAGES = 2_000
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
    reader: str | None = None,
) -> Newsletter:
    """Parse one newsletter file (PDF or text) into a :class:`Newsletter`.

    ``reader`` picks the PDF reader: ``"pdfium"`` (the default when pypdfium2
    is installed; about ten times faster) or ``"pdfplumber"`` (the reference
    reader). Both give the same newsletter.

    Raises a :class:`~lifang_parse.errors.LifangParseError` subclass for input
    that is missing, empty, not a newsletter, damaged, or (with ``strict``)
    parsed with warnings.
    """
    name = os.fspath(path)
    data = _read_bytes(Path(name), max_bytes=max_bytes)
    if _PDF_MAGIC in data[:1024]:
        read = pdf_reader(reader)(name, password=password, max_pages=max_pages, max_bytes=max_bytes)
    else:
        read = read_text_bytes(data, path=name)
    return parse_read(read, strict=strict, gazetteer=gazetteer)


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


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    name = str(path)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a newsletter file", path=name)
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitExceededError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_bytes)", path=name)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None


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
    """Refuse text that has none of a newsletter's structure."""
    items = sum(len(section.items) for section in segments.sections)
    masthead = segments.masthead
    has_masthead = any((masthead.publication_number, masthead.issue_number, masthead.publication_zh, masthead.period))
    if items and (has_masthead or segments.headings_found):
        return
    found = f"{len(read.lines)} non-blank line(s), {segments.headings_found} section heading(s), {items} item(s)"
    found += ", a masthead" if has_masthead else ", no masthead"
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
