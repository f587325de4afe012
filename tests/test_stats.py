"""`lifang-parse stats`: the same figures from a database or from the files."""

from __future__ import annotations

import io
import json
from pathlib import Path

from lifang_parse import parse_file
from lifang_parse.commands import main
from lifang_parse.export.sqlite import connect, import_newsletter
from lifang_parse.export.stats import compute_stats, format_stats

from conftest import REPO, SAMPLE


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def sample_db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    connection = connect(path)
    import_newsletter(connection, parse_file(SAMPLE))
    connection.close()
    return path


def test_figures_of_the_sample(tmp_path: Path) -> None:
    connection = connect(sample_db(tmp_path))
    stats = compute_stats(connection)
    connection.close()
    assert (stats.newsletters, stats.text, stats.pdf, stats.sections, stats.items) == (1, 1, 0, 2, 5)
    sample = parse_file(SAMPLE)
    items = sample.all_items()
    assert stats.facts["agency"] == 5 == sum(len(i.agencies) for i in items)
    assert stats.facts["date"] == sum(len(i.dates) for i in items) == 9
    assert stats.facts["count"] == sum(len(i.counts) for i in items)
    assert stats.facts["law"] == sum(len(i.laws) for i in items)
    # every sample story happened in February 2021: MIIT three times, TC260 and the FTC once
    assert stats.agency_months == [("2021-02", "miit", 3), ("2021-02", "ftc", 1), ("2021-02", "tc260", 1)]
    assert stats.warnings == []
    text = format_stats(stats)
    assert "items per agency per month" in text and "warnings by code" in text
    assert "  2021-02  miit        3" in text.splitlines()


def test_database_and_files_give_the_same_table(tmp_path: Path) -> None:
    status, from_db, err = run("stats", str(sample_db(tmp_path)))
    assert status == 0 and err == ""
    status, from_files, err = run("stats", str(SAMPLE))
    assert status == 0 and err == ""
    assert from_db == from_files
    lines = from_db.splitlines()
    assert lines[1].split() == ["newsletters", "1"] and lines[5].split() == ["items", "5"]


def test_json_warnings_and_failures(tmp_path: Path) -> None:
    noisy = tmp_path / "noisy.txt"
    noisy.write_text(SAMPLE.read_text(encoding="utf-8").replace("No.214", "No.214\n\nstray words"), encoding="utf-8")
    status, out, err = run("stats", str(noisy), str(REPO / "LICENSE"), "--json", "--jobs", "1")
    assert status == 2
    figures = json.loads(out)
    assert figures["newsletters"] == 1 and figures["failed"] == 1
    assert figures["warnings"] == [["unplaced_text", 1]]
    assert "LICENSE: not a newsletter" in err
    assert err.splitlines()[-1] == "lifang-parse: 2 files: 1 parsed (1 with warnings), 1 failed"


def test_not_an_archive(tmp_path: Path) -> None:
    status, out, err = run("stats", str(tmp_path / "*.db"))
    assert status == 2 and out == "" and "no file matches" in err
