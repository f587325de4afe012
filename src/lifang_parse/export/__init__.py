"""Exports of parsed newsletters for archives: JSON Lines, CSV, SQLite.

Each format streams: newsletters are written as they arrive from
:func:`lifang_parse.batch.parse_many`, so an archive of hundreds of issues
never has to sit in memory. ``lifang_parse.export.stats`` summarises an
archive (the ``lifang-parse stats`` command).
"""

from lifang_parse.export.csv import CsvWriter, csv_paths, open_csv, write_csv
from lifang_parse.export.jsonl import to_jsonl_line, write_jsonl
from lifang_parse.export.sinks import FORMATS, open_sink
from lifang_parse.export.sqlite import ImportSummary, check_database, connect, import_newsletter, import_newsletters

__all__ = [
    "FORMATS",
    "CsvWriter",
    "ImportSummary",
    "check_database",
    "connect",
    "csv_paths",
    "import_newsletter",
    "import_newsletters",
    "open_csv",
    "open_sink",
    "to_jsonl_line",
    "write_csv",
    "write_jsonl",
]
