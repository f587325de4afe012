"""Where the CLI's parsed newsletters go, one format each, behind one interface.

A sink takes newsletters one at a time as the batch yields them (so an
archive streams) and commits at the end: JSON/JSON Lines and CSV files appear
atomically when the run completes; SQLite commits each newsletter as it comes
(an interrupted import keeps what it finished).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

from lifang_parse.errors import InputError
from lifang_parse.atomic import atomic_text_files
from lifang_parse.export.csv import CsvWriter, csv_paths, open_csv
from lifang_parse import __version__
from lifang_parse.export.sqlite import connect, file_sha256, import_newsletter, stored_sha256
from lifang_parse.models import Newsletter

FORMATS = ("json", "jsonl", "csv", "sqlite")


class Sink(Protocol):
    """Accepts newsletters; ``note()`` adds to the run's summary line."""

    def pending(self, paths: list[str]) -> list[str]: ...

    def write(self, newsletter: Newsletter) -> None: ...

    def note(self) -> str: ...


class JsonSink:
    """JSON documents, one per line: to a stream as they come, or buffered for an atomic file."""

    def __init__(self, stream: TextIO | None, *, indent: int | None) -> None:
        self._stream = stream
        self._indent = indent
        self.documents: list[str] = []

    def pending(self, paths: list[str]) -> list[str]:
        """Every file needs parsing."""
        return paths

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

    def pending(self, paths: list[str]) -> list[str]:
        """Every file needs parsing."""
        return paths

    def write(self, newsletter: Newsletter) -> None:
        self._writer.write(newsletter)

    def note(self) -> str:
        return f"; wrote {self._paths[0]} and {self._paths[1]}"


class SqliteSink:
    """Imports each newsletter into the archive database in its own transaction."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection = connect(path)
        self.outcomes = {"inserted": 0, "replaced": 0, "skipped": 0}
        self.unchanged = 0

    def pending(self, paths: list[str]) -> list[str]:
        """The files not yet stored by this parser version; the others count as skipped, unparsed.

        Re-running an import over a grown archive then costs only the new files.
        """
        stored = stored_sha256(self._connection, __version__)
        todo = [path for path in paths if file_sha256(path) not in stored]
        self.unchanged = len(paths) - len(todo)
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
        text = f"; {self._path}: {o['inserted']} added, {o['replaced']} replaced"
        if self.unchanged:
            text += f", {self.unchanged} already there (not parsed again)"
        if o["skipped"]:
            text += f", {o['skipped']} duplicate(s) of stored content"
        return text


@contextmanager
def open_sink(fmt: str, output: str | None, stdout: TextIO, *, pretty: bool = False) -> Iterator[Sink]:
    """The sink for ``--format fmt`` and ``-o output`` (stdout when None, for json and jsonl)."""
    if fmt in ("json", "jsonl"):
        sink = JsonSink(None if output else stdout, indent=2 if pretty and fmt == "json" else None)
        yield sink
        if output and sink.documents:
            with atomic_text_files(output) as (handle,):
                handle.writelines(sink.documents)
    elif fmt == "csv":
        if output is None:
            raise ValueError("the csv format needs an output directory or file stem")
        if output.endswith(("/", os.sep)):
            os.makedirs(output, exist_ok=True)
        with open_csv(output) as writer:
            yield CsvSink(writer, output)
    elif fmt == "sqlite":
        if output is None:
            raise ValueError("the sqlite format needs a database path")
        database = SqliteSink(output)
        try:
            yield database
        finally:
            database.close()
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "CsvSink", "JsonSink", "Sink", "SqliteSink", "open_sink"]
