"""``lifang-parse report``: the HTML review pages (the file handling around :mod:`lifang_parse.report`).

One named file (or standard input) gives one page, on stdout or at ``-o``.
Anything else (several files, a directory, a pattern) is an archive: an
index at ``-o`` and one page per newsletter beside it. Archive inputs are
the ``.txt``, ``.text`` and ``.pdf`` files (``-r`` for subfolders), so the
pages written into a folder are never read back as input. A file that does
not parse is reported on stderr and listed on the index; the others are
still written.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from lifang_parse.commands.common import (
    NoInput,
    add_display_options,
    add_inputs,
    add_parse_options,
    collect_tasks,
    console_for,
    quiet_dependencies,
    run_batch,
)
from lifang_parse.commands.console import PROG, Console
from lifang_parse.commands.status import EXIT_HELP, ExitStatus

if TYPE_CHECKING:
    from lifang_parse.batch import Task

HELP = "write bilingual HTML review pages: one newsletter, or an archive with an index"
EXAMPLES = f"""examples:
  {PROG} report issue.pdf -o report.html         one newsletter (HTML on stdout without -o)
  {PROG} report archive/ -o site/index.html      an index, and one page per newsletter beside it
  {PROG} report archive/ -r --jobs 2 -o site/index.html

The pages are self-contained (nothing fetched; the index's filters are a script in the page). {EXIT_HELP}"""
_UNSAFE_NAME_RE = re.compile(r"[^0-9A-Za-z._-]+")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``report`` and its options."""
    parser = commands.add_parser("report", help=HELP, description=HELP[0].upper() + HELP[1:] + ".", epilog=EXAMPLES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_inputs(parser)
    parser.add_argument("-o", "--output", metavar="HTML",
                        help="the page (one file; - or nothing: stdout) or the index (an archive; required), written "
                        "atomically, parent folders made")
    parser.add_argument("--title", default=None, help="the index page's heading (archive)")
    add_parse_options(parser)
    add_display_options(parser)
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None) -> int:
    """Write one page, or an archive's index and pages."""
    from lifang_parse.errors import LifangParseError

    quiet_dependencies()
    console = console_for(args, stderr)
    single = len(args.inputs) <= 1 and not any(Path(name).is_dir() for name in args.inputs) and not _is_pattern(args.inputs)
    if not single and args.output in (None, "-"):
        console.error(f"{' '.join(args.inputs)}: an archive needs -o INDEX.html (the newsletters' pages are written beside it)")
        return ExitStatus.BAD_INPUT
    try:
        tasks = collect_tasks(args, stdin)
        if not tasks:
            where = "in this directory" if len(args.inputs) == 1 else "found"
            console.error(f"{' '.join(args.inputs)}: no .txt, .text or .pdf files {where}")
            return ExitStatus.BAD_INPUT
        if single:
            return _one_page(args, tasks[0], stdout, console)
        return _archive(args, tasks, console)
    except NoInput as exc:
        args.parser.error(str(exc))
    except LifangParseError as exc:
        console.error(str(exc))
    return ExitStatus.BAD_INPUT


def _is_pattern(inputs: Sequence[str]) -> bool:
    return any(set("*?[") & set(name) and not os.path.lexists(name) for name in inputs)


def _one_page(args: argparse.Namespace, task: Task, stdout: TextIO, console: Console) -> int:
    from lifang_parse.atomic import write_atomically
    from lifang_parse.batch import ParseFailure
    from lifang_parse.report.render import render_newsletter

    (result,) = run_batch(args, [task], console)
    if isinstance(result, ParseFailure):
        return ExitStatus.BAD_INPUT
    html = render_newsletter(result)
    if args.output and args.output != "-":
        write_atomically(args.output, html)
    else:
        stdout.write(html)
    return ExitStatus.OK


def _archive(args: argparse.Namespace, tasks: Sequence[Task], console: Console) -> int:
    from lifang_parse.atomic import write_atomically
    from lifang_parse.batch import BatchSummary, ParseFailure
    from lifang_parse.files import display_path
    from lifang_parse.report.archive import ArchiveEntry, Failure, render_index
    from lifang_parse.report.render import render_newsletter
    from lifang_parse.report.triage import source_link

    index = Path(args.output)
    names = page_names([Path(display_path(task.path)).stem for task in tasks], reserved={index.name})
    entries: list[ArchiveEntry] = []
    failures: list[Failure] = []
    summary = BatchSummary()
    for task, page, result in zip(tasks, names, run_batch(args, tasks, console), strict=True):
        summary = summary.add(result)
        shown = display_path(Path(task.path).name)
        if isinstance(result, ParseFailure):
            failures.append(Failure(name=shown, message=_without_path(result.message, task.path)))
            continue
        write_atomically(index.parent / page, render_newsletter(result, index_href=index.name))
        source = None if task.data is not None else source_link(task.path, index.parent)  # standard input: no file to link
        entries.append(ArchiveEntry(newsletter=result, href=page, name=shown, source_href=source))
    if not entries:
        console.error(f"{' '.join(args.inputs)}: none of the {len(tasks)} file(s) is a newsletter that parses; no index written")
        return ExitStatus.BAD_INPUT
    title = args.title or f"Newsletter archive: {_archive_name(args.inputs)}"
    write_atomically(index, render_index(entries, failures=failures, title=title))
    console.note(f"{summary.line()}; wrote {index} and {len(entries)} page(s) beside it")
    return ExitStatus.BAD_INPUT if failures else ExitStatus.OK


def _without_path(message: str, path: str) -> str:
    """A failure's message without the file name in front (the index lists the name)."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _archive_name(inputs: Sequence[str]) -> str:
    from lifang_parse.files import display_path

    if len(inputs) == 1 and Path(inputs[0]).is_dir():
        return display_path(Path(inputs[0]).resolve().name)
    return f"{len(inputs)} inputs"


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


__all__ = ["add_parser", "page_names", "run"]
