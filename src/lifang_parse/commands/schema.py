"""``lifang-parse schema``: the JSON Schema of the output (imports the models only, not the parser)."""

from __future__ import annotations

import argparse
import json
from typing import BinaryIO, TextIO

from lifang_parse.commands.console import PROG, Console
from lifang_parse.commands.status import EXIT_HELP, ExitStatus

HELP = "print the JSON Schema of the output"
EXAMPLES = f"""examples:
  {PROG} schema                       on stdout
  {PROG} schema -o schema/newsletter.json

{EXIT_HELP}"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``schema``."""
    parser = commands.add_parser("schema", help=HELP, description=HELP[0].upper() + HELP[1:] + ".", epilog=EXAMPLES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH (atomically; - is stdout)")
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None) -> int:
    """Print (or write) the schema."""
    from lifang_parse.atomic import write_atomically
    from lifang_parse.errors import LifangParseError
    from lifang_parse.models import Newsletter

    text = json.dumps(Newsletter.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if not args.output or args.output == "-":
        stdout.write(text)
        return ExitStatus.OK
    try:
        write_atomically(args.output, text)
    except LifangParseError as exc:
        Console(stderr).error(str(exc))
        return ExitStatus.BAD_INPUT
    return ExitStatus.OK


__all__ = ["add_parser", "run"]
