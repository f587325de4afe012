"""``lifang-parse report``: write the review pages (the file handling around :mod:`.render`).

    lifang-parse report FILE -o report.html     one page (stdout without -o)
    lifang-parse report DIR -o index.html       an index plus one page per newsletter, beside it

A directory's newsletters are its ``.txt``, ``.text`` and ``.pdf`` files (not recursive),
so the pages written into it are never read back as input. A file that does
not parse is reported on stderr and listed on the index; the others are still
written. Exit status: 0 success, 2 bad input (as the main command).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from lifang_parse.api import parse_file
from lifang_parse.atomic import write_atomically
from lifang_parse.cli import EXIT_BAD_INPUT, EXIT_OK, PROG
from lifang_parse.errors import LifangParseError
from lifang_parse.report.archive import ArchiveEntry, Failure, render_index
from lifang_parse.report.render import render_newsletter

NEWSLETTER_SUFFIXES = frozenset({".txt", ".text", ".pdf"})
_UNSAFE_NAME_RE = re.compile(r"[^0-9A-Za-z._-]+")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} report",
        description="Write a bilingual HTML review page of a newsletter (FILE), or of an archive (DIR: "
        "an index with a chart of items per agency per month and all warnings, plus one page per newsletter "
        "written beside the index). The pages are self-contained: no script, no network.",
        epilog="Exit status: 0 ok, 2 bad input.",
    )
    parser.add_argument("path", metavar="FILE|DIR", help="a newsletter (PDF or text) or a directory of .txt, .text or .pdf newsletters")
    parser.add_argument("-o", "--output", metavar="HTML", help="the page (FILE) or the index (DIR; required) to write, atomically")
    parser.add_argument("--title", default=None, help="the index page's heading (DIR)")
    parser.add_argument("--password", help="password of encrypted PDFs")
    parser.add_argument("--gazetteer", metavar="PATH", help="your own agency gazetteer (JSON)")
    return parser


def run_cli(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``lifang-parse report``; returns the exit status."""
    args = _parser().parse_args(list(argv))
    source = Path(args.path)
    try:
        if source.is_dir():
            return _run_archive(source, args, stderr)
        return _run_file(source, args, stdout, stderr)
    except OSError as exc:  # the output could not be written
        _error(f"{exc.filename or args.output}: {exc.strerror or exc}", stderr)
        return EXIT_BAD_INPUT


def _run_file(source: Path, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        newsletter = parse_file(source, password=args.password, gazetteer=args.gazetteer)
    except LifangParseError as exc:
        _error(str(exc), stderr)
        return EXIT_BAD_INPUT
    html = render_newsletter(newsletter)
    if args.output:
        write_atomically(args.output, html)
    else:
        stdout.write(html)
    return EXIT_OK


def _run_archive(source: Path, args: argparse.Namespace, stderr: TextIO) -> int:
    if not args.output:
        _error(f"{source}: a directory needs -o INDEX.html (the newsletters' pages are written beside it)", stderr)
        return EXIT_BAD_INPUT
    files = newsletter_files(source)
    if not files:
        _error(f"{source}: no .txt, .text or .pdf files in this directory", stderr)
        return EXIT_BAD_INPUT
    index = Path(args.output)
    names = page_names([f.stem for f in files], reserved={index.name})
    entries: list[ArchiveEntry] = []
    failures: list[Failure] = []
    for file, page in zip(files, names):
        try:
            newsletter = parse_file(file, password=args.password, gazetteer=args.gazetteer)
        except LifangParseError as exc:
            _error(str(exc), stderr)
            failures.append(Failure(name=file.name, message=exc.detail))
            continue
        write_atomically(str(index.parent / page), render_newsletter(newsletter, index_href=index.name))
        entries.append(ArchiveEntry(newsletter=newsletter, href=page, name=file.name))
    if not entries:
        _error(f"{source}: none of the {len(files)} file(s) is a newsletter that parses; no index written", stderr)
        return EXIT_BAD_INPUT
    title = args.title or f"Newsletter archive: {source.resolve().name}"
    write_atomically(str(index), render_index(entries, failures=failures, title=title))
    return EXIT_BAD_INPUT if failures else EXIT_OK


def newsletter_files(directory: Path) -> list[Path]:
    """The directory's newsletters: visible ``.txt``, ``.text`` and ``.pdf`` files, sorted by name."""
    return sorted(
        path
        for path in directory.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in NEWSLETTER_SUFFIXES
    )


def page_names(stems: Sequence[str], *, reserved: set[str]) -> list[str]:
    """One safe, distinct ``.html`` file name per newsletter (``a.txt`` and ``a.pdf`` give ``a.html``, ``a-2.html``)."""
    taken = {name.lower() for name in reserved}
    names: list[str] = []
    for stem in stems:
        base = _UNSAFE_NAME_RE.sub("-", stem).strip(".-") or "newsletter"
        name, n = f"{base}.html", 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}.html"
        taken.add(name.lower())
        names.append(name)
    return names


def _error(message: str, stderr: TextIO) -> None:
    stderr.write(f"{PROG}: {message}\n")
