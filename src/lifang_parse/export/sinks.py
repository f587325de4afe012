"""Where the CLI's parsed newsletters go, one format each, behind one interface.

A sink takes newsletters one at a time as the batch yields them (so an
archive streams) and commits at the end: JSON/JSON Lines and CSV files appear
atomically when the run completes; SQLite commits each newsletter as it comes
(an interrupted import keeps what it finished).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol, TextIO

from lifang_parse import __version__
from lifang_parse.atomic import atomic_text_files
from lifang_parse.errors import InputError
from lifang_parse.export.csv import CsvWriter, csv_paths, open_csv
from lifang_parse.export.sqlite import connect, file_sha256, import_newsletter, stored_sha256
from lifang_parse.files import display_path
from lifang_parse.models import Newsletter

if TYPE_CHECKING:
    from lifang_parse.batch import Task

FORMATS = ("json", "jsonl", "csv", "sqlite")
#: ``-o -``: standard output.
STDOUT = "-"


class Sink(Protocol):
    """Accepts newsletters; ``note()`` adds to the run's summary line."""

    def pending(self, tasks: Sequence[Task]) -> list[Task]: ...

    def write(self, newsletter: Newsletter) -> None: ...

    def note(self) -> str: ...


class JsonSink:
    """JSON documents, one per line: to a stream as they come, or buffered for an atomic file."""

    def __init__(self, stream: TextIO | None, *, indent: int | None) -> None:
        self._stream = stream
        self._indent = indent
        self.documents: list[str] = []

    def pending(self, tasks: Sequence[Task]) -> list[Task]:
        """Every file needs parsing."""
        return list(tasks)

    def write(self, newsletter: Newsletter) -> None:
        text = newsletter.to_json(indent=self._indent) + "\n"
        if self._stream is None:
            self.documents.append(text)
        else:
            self._stream.write(text)
            self._stream.flush()

    def note(self) -> str:
        return ""


class CsvSink:
    """The two CSV files of :mod:`lifang_parse.export.csv`."""

    def __init__(self, writer: CsvWriter, output: str) -> None:
        self._writer = writer
        self._paths = csv_paths(output)

    def pending(self, tasks: Sequence[Task]) -> list[Task]:
        """Every file needs parsing."""
        return list(tasks)

    def write(self, newsletter: Newsletter) -> None:
        self._writer.write(newsletter)

    def note(self) -> str:
        return f"; wrote {display_path(str(self._paths[0]))} and {display_path(str(self._paths[1]))}"


class SqliteSink:
    """Imports each newsletter into the archive database in its own transaction."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection = connect(path)
        self.outcomes = {"inserted": 0, "replaced": 0, "skipped": 0, "source": 0}
        self.unchanged = 0

    def pending(self, tasks: Sequence[Task]) -> list[Task]:
        """The files not yet stored by this parser version; the others count as skipped, unparsed.

        Re-running an import over a grown archive then costs only the new files.
        """
        stored = stored_sha256(self._connection, __version__)
        todo = [task for task in tasks if _sha256(task) not in stored]
        self.unchanged = len(tasks) - len(todo)
        return todo

    def write(self, newsletter: Newsletter) -> None:
        try:
            self.outcomes[import_newsletter(self._connection, newsletter)] += 1
        except sqlite3.Error as exc:  # locked, disk full, read-only: the run cannot go on
            raise InputError(f"database error: {exc}", path=self._path) from None

    def close(self) -> None:
        self._connection.close()

    def note(self) -> str:
        o = self.outcomes
        text = f"; {display_path(self._path)}: {o['inserted']} added, {o['replaced']} replaced"
        if o["source"]:
            text += f", {o['source']} another file of a stored newsletter (recorded as its source)"
        if self.unchanged:
            text += f", {self.unchanged} already there (not parsed again)"
        if o["skipped"]:
            text += f", {o['skipped']} duplicate(s) of stored content"
        return text


def _sha256(task: Task) -> str | None:
    if task.data is not None:
        return hashlib.sha256(task.data).hexdigest()
    return file_sha256(task.path)


@contextmanager
def open_sink(fmt: str, output: str | None, stdout: TextIO, *, pretty: bool = False, excel: bool = False) -> Iterator[Sink]:
    """The sink for ``--format fmt`` and ``-o output`` (stdout when None or ``-``, for json and jsonl).

    ``excel``: CSV files start with a byte-order mark, so Excel reads them as UTF-8.
    """
    if fmt in ("json", "jsonl"):
        to_file = output is not None and output != STDOUT
        sink = JsonSink(None if to_file else stdout, indent=2 if pretty and fmt == "json" else None)
        yield sink
        if to_file and output is not None and sink.documents:
            with atomic_text_files(output) as (handle,):
                handle.writelines(sink.documents)
    elif fmt == "csv":
        if output is None or output == STDOUT:
            raise ValueError("the csv format writes two files: it needs an output directory or file stem")
        with open_csv(output, excel=excel) as writer:
            yield CsvSink(writer, output)
    elif fmt == "sqlite":
        if output is None or output == STDOUT:
            raise ValueError("the sqlite format needs a database path")
        database = SqliteSink(output)
        try:
            yield database
        finally:
            database.close()
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "STDOUT", "CsvSink", "JsonSink", "Sink", "SqliteSink", "open_sink"]
