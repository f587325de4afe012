"""The command-line tool: a thin shell over the library.

    lifang-parse FILE...            JSON for one file, JSON Lines for several
    lifang-parse DIR -r --jobs 4 --format sqlite -o archive.db
    lifang-parse stats archive.db   counts, facts, agencies per month, warnings
    lifang-parse schema             the JSON Schema of the output

Exit status: 0 success, 1 warnings under ``--strict``, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from lifang_parse import __version__
from lifang_parse.atomic import write_atomically
from lifang_parse.api import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES
from lifang_parse.batch import BatchSummary, ParseFailure, collect_paths, parse_many
from lifang_parse.errors import LifangParseError
from lifang_parse.export.sinks import FORMATS, open_sink
from lifang_parse.models import Newsletter
from lifang_parse.progress import ProgressLine

EXIT_OK = 0
EXIT_WARNINGS = 1
EXIT_BAD_INPUT = 2
PROG = "lifang-parse"
# Subcommands living in their own modules; each has run_cli(argv, *, stdout, stderr) -> int.
SUBCOMMANDS = {
    "stats": "lifang_parse.export.stats",
    "report": "lifang_parse.report.cli",
}


def _parse_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parse bilingual 立方观评 newsletters (PDF or text) into JSON. "
        f"Other commands: '{PROG} schema' prints the JSON Schema of the output.",
        epilog="Exit status: 0 ok, 1 warnings under --strict, 2 bad input. "
        "A file named like a command can be given as ./schema.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="newsletter files (PDF or text), directories or glob patterns")
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH (atomically) instead of stdout; "
                        "csv: a directory or a file stem; sqlite: the database")
    parser.add_argument("--format", choices=FORMATS, default="json", help="json (default: one object, JSON Lines for "
                        "several files), jsonl, csv (items and facts files), sqlite (a database, needs -o)")
    parser.add_argument("-r", "--recursive", action="store_true", help="walk directories (and '**' in patterns) recursively")
    parser.add_argument("-j", "--jobs", type=_positive_int, metavar="N", help="parse in N worker processes (default: all cores)")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON (one file)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    parser.add_argument("--password", help="password of encrypted PDFs")
    parser.add_argument("--gazetteer", metavar="PATH", help="your own agency gazetteer (JSON)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files (default %(default)s)")
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, help="refuse PDFs with more pages (default %(default)s)")
    parser.add_argument("--reader", choices=("pdfium", "pdfplumber"), help="PDF reader (default: pdfium when installed; pdfplumber is the reference)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _schema_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} schema", description="Print the JSON Schema of the output models.")
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    return parser


def _emit(text: str, output: str | None, stdout: TextIO) -> None:
    if output:
        write_atomically(output, text)
    else:
        stdout.write(text)


def _error(message: str, stderr: TextIO) -> None:
    stderr.write(f"{PROG}: {message}\n")


def _run_schema(argv: Sequence[str], stdout: TextIO) -> int:
    args = _schema_parser().parse_args(argv)
    _emit(json.dumps(Newsletter.model_json_schema(), ensure_ascii=False, indent=2) + "\n", args.output, stdout)
    return EXIT_OK


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _run_parse(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    parser = _parse_parser()
    args = parser.parse_args(argv)
    # pdfminer logs recoverable oddities of damaged PDFs to stderr; the CLI's
    # contract is one line per failed file, so only its errors may show.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if args.format in ("csv", "sqlite") and not args.output:
        parser.error(f"--format {args.format} needs -o ({'a directory or file stem' if args.format == 'csv' else 'the database file'})")
    try:
        paths = collect_paths(args.files, recursive=args.recursive)
    except LifangParseError as exc:
        _error(str(exc), stderr)
        return EXIT_BAD_INPUT
    if not paths:
        _error(f"{' '.join(args.files)}: no newsletter files (.pdf, .txt) found", stderr)
        return EXIT_BAD_INPUT
    try:
        return _run_batch(args, paths, stdout, stderr)
    except LifangParseError as exc:  # the output cannot be written: not a database, locked, ...
        _error(str(exc), stderr)
        return EXIT_BAD_INPUT


def _run_batch(args: argparse.Namespace, paths: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Parse ``paths`` in parallel into the sink of ``--format``; errors and the summary to stderr."""
    to_screen = not args.output and stdout.isatty()
    progress = ProgressLine(stderr, len(paths)) if len(paths) > 1 and stderr.isatty() and not to_screen else None
    status = EXIT_OK
    with open_sink(args.format, args.output, stdout, pretty=args.pretty and len(paths) == 1) as sink:
        todo = sink.pending(paths)  # sqlite: files already imported are not parsed again
        summary = BatchSummary(skipped=len(paths) - len(todo))
        results = parse_many(
            todo,
            workers=args.jobs,
            strict=args.strict,
            password=args.password,
            gazetteer=args.gazetteer,
            max_bytes=args.max_bytes,
            max_pages=args.max_pages,
            reader=args.reader,
        )
        for result in results:
            summary = summary.add(result)
            if isinstance(result, ParseFailure):
                if progress:
                    progress.clear()
                _error(result.message, stderr)
                status = max(status, EXIT_WARNINGS if result.is_strict_failure else EXIT_BAD_INPUT)
            else:
                sink.write(result)
            if progress:
                progress.update(summary.done, summary.failed)
    if progress:
        progress.close()
    if len(paths) > 1 or args.format in ("csv", "sqlite"):
        _error(summary.line() + sink.note(), stderr)
    return status


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status (the console script exits with it)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        if arguments[:1] == ["schema"]:
            return _run_schema(arguments[1:], out)
        if arguments[:1] and arguments[0] in SUBCOMMANDS:
            module = importlib.import_module(SUBCOMMANDS[arguments[0]])
            return int(module.run_cli(arguments[1:], stdout=out, stderr=err))
        return _run_parse(arguments, out, err)
    except BrokenPipeError:  # `lifang-parse x | head`
        return EXIT_OK
    except KeyboardInterrupt:
        _error("interrupted", err)
        return 130
    except OSError as exc:
        _error(f"{exc.filename or ''}: {exc.strerror or exc}", err)
        return EXIT_BAD_INPUT
