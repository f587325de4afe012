"""The command-line tool: a thin shell over the library.

    lifang-parse FILE...            JSON for one file, JSON Lines for several
    lifang-parse schema             the JSON Schema of the output

Exit status: 0 success, 1 warnings under ``--strict``, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from lifang_parse import __version__
from lifang_parse.api import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, parse_file
from lifang_parse.errors import LifangParseError, StructureError
from lifang_parse.models import Newsletter

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
    parser.add_argument("files", nargs="+", metavar="FILE", help="newsletter files (PDF or text)")
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH (atomically) instead of stdout")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON (one file)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    parser.add_argument("--password", help="password of encrypted PDFs")
    parser.add_argument("--gazetteer", metavar="PATH", help="your own agency gazetteer (JSON)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files (default %(default)s)")
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, help="refuse PDFs with more pages (default %(default)s)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _schema_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} schema", description="Print the JSON Schema of the output models.")
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    return parser


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    An interrupted run leaves either the old file or the new one, never half.
    """
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


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


def _run_parse(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    args = _parse_parser().parse_args(argv)
    status = EXIT_OK
    documents: list[str] = []
    indent = 2 if args.pretty and len(args.files) == 1 else None
    for name in args.files:
        try:
            newsletter = parse_file(
                name,
                strict=args.strict,
                password=args.password,
                gazetteer=args.gazetteer,
                max_bytes=args.max_bytes,
                max_pages=args.max_pages,
            )
        except StructureError as exc:
            _error(str(exc), stderr)
            status = max(status, EXIT_WARNINGS)
            continue
        except LifangParseError as exc:
            _error(str(exc), stderr)
            status = EXIT_BAD_INPUT
            continue
        documents.append(newsletter.to_json(indent=indent))
    if documents:
        _emit("\n".join(documents) + "\n", args.output, stdout)
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
