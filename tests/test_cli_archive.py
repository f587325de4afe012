"""The CLI over an archive: inputs, --jobs, --format, the summary line, the progress bar."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from lifang_parse.commands import main

from conftest import SAMPLE, TEXT_FIXTURES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr or io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    (root / "2021").mkdir(parents=True)
    for fixture in TEXT_FIXTURES[:3]:
        (root / "2021" / fixture.name).write_bytes(fixture.read_bytes())
    (root / "broken.txt").write_text("hello", encoding="utf-8")
    return root


def test_directory_recursive_jobs_json_lines_and_summary(archive: Path) -> None:
    status, out, err = run(str(archive), "--recursive", "--jobs", "2")
    assert status == 2  # broken.txt
    paths = [json.loads(line)["source"]["path"] for line in out.splitlines()]
    assert paths == [str(archive / "2021" / f.name) for f in TEXT_FIXTURES[:3]]
    lines = err.splitlines()
    assert lines[0].startswith(f"lifang-parse: {archive / 'broken.txt'}: not a newsletter")
    assert lines[-1].startswith("lifang-parse: 4 files: 3 parsed (")
    assert lines[-1].endswith(" with warnings), 1 failed")
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_progress_bar_on_a_terminal(archive: Path, tmp_path: Path) -> None:
    terminal = Terminal()
    status, _, err = run(str(archive / "2021"), "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"), stderr=terminal)
    assert status == 0
    assert "\rlifang-parse:   0%|" in err and "| 0/3 [" in err  # tqdm's bar
    bar, summary = err.rsplit("\r", 1)
    assert bar.rsplit("\r", 1)[1].strip() == ""  # the bar erased before the summary
    assert summary.startswith("lifang-parse: 3 files: 3 parsed") and summary.endswith("\n")
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_jsonl_of_one_file_is_one_line() -> None:
    status, out, err = run(str(SAMPLE), "--format", "jsonl", "--pretty")
    assert status == 0 and err == "lifang-parse: --pretty is ignored with --format jsonl\n"
    assert out.count("\n") == 1 and json.loads(out)["publication_number"] == 214


def test_csv_needs_an_output_and_writes_two_files(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(str(SAMPLE), "--format", "csv")
    assert exit_info.value.code == 2
    status, out, err = run(str(SAMPLE), "--format", "csv", "-o", str(tmp_path / "out") + "/")
    assert status == 0 and out == ""
    assert err.startswith("lifang-parse: 1 file: 1 parsed (0 with warnings), 0 failed; wrote ")
    with (tmp_path / "out" / "items.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["item_id"] for r in rows] == ["1.1", "1.2", "1.3", "1.4", "2.1"]


def test_sqlite_import_twice_adds_nothing(archive: Path, tmp_path: Path) -> None:
    database = tmp_path / "archive.db"
    status, _, err = run(str(archive), "-r", "--format", "sqlite", "-o", str(database), "-j", "2")
    assert status == 2
    assert err.splitlines()[-1].endswith(f"1 failed; {database}: 3 added, 0 replaced")
    with sqlite3.connect(database) as connection:
        before = connection.execute("SELECT count(*), (SELECT count(*) FROM items) FROM newsletters").fetchone()
    status, _, err = run(str(archive), "-r", "--format", "sqlite", "-o", str(database))
    assert err.splitlines()[-1] == (
        f"lifang-parse: 4 files: 0 parsed (0 with warnings), 1 failed; {database}: 0 added, 0 replaced, "
        "3 already there (not parsed again)"
    )
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*), (SELECT count(*) FROM items) FROM newsletters").fetchone() == before
    assert before[0] == 3


def test_glob_and_bad_pattern(archive: Path) -> None:
    status, out, _ = run(str(archive / "2021" / "*.txt"), "-j", "1")
    assert status == 0 and len(out.splitlines()) == 3
    status, out, err = run(str(archive / "*.pdf"))
    assert status == 2 and out == "" and err == f"lifang-parse: {archive / '*.pdf'}: no file matches this pattern\n"


def test_sqlite_output_that_is_not_a_database(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("my notes", encoding="utf-8")
    status, out, err = run(str(SAMPLE), "--format", "sqlite", "-o", str(target))
    assert status == 2 and out == ""
    assert err == f"lifang-parse: {target}: not a usable SQLite database: file is not a database\n"
    assert target.read_text(encoding="utf-8") == "my notes"
