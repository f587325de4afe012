"""SQLite export: schema, keys, idempotent re-import, interrupted imports, and the README's queries."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lifang_parse import parse_file
from lifang_parse.errors import InputError
from lifang_parse.export import sqlite as export_sqlite
from lifang_parse.export.sqlite import (
    SCHEMA_VERSION,
    TABLES,
    check_database,
    connect,
    import_newsletter,
    import_newsletters,
    open_readonly,
)
from lifang_parse.models import Newsletter

from conftest import FIXTURES, REPO, SAMPLE

# The sample plus two later issues: months 2021-02 (MIIT's app notices) and 2021-07/08 (CAC).
ARCHIVE = [SAMPLE, FIXTURES / "text" / "weekly-cyber-230-2021-07.txt", FIXTURES / "text" / "weekly-cyber-240-2021-09.txt"]


@pytest.fixture(scope="module")
def newsletters() -> list[Newsletter]:
    return [parse_file(path) for path in ARCHIVE]


@pytest.fixture()
def db(tmp_path: Path, newsletters: list[Newsletter]) -> sqlite3.Connection:
    connection = connect(tmp_path / "archive.db")
    assert import_newsletters(connection, newsletters).inserted == 3
    yield connection
    connection.close()


def counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def readme_queries() -> list[str]:
    """The ```sql blocks of the README's "SQLite schema" section, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## SQLite schema\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_schema_version_foreign_keys_and_indexes(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    indexed = {(row[0], row[1]) for row in db.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert any(table == "items" and "(event_date)" in sql for table, sql in indexed)
    assert any(table == "item_dates" and "(date, role)" in sql for table, sql in indexed)
    assert any(table == "item_agencies" and "(agency_id, item_pk)" in sql for table, sql in indexed)
    fks = {row[2] for row in db.execute("PRAGMA foreign_key_list(items)")}
    assert fks == {"newsletters", "sections"}


def test_rows_of_the_sample(db: sqlite3.Connection, newsletters: list[Newsletter]) -> None:
    sample = newsletters[0]
    (nid, number, issue, period, fmt) = db.execute(
        "SELECT id, publication_number, issue_number, period, format FROM newsletters WHERE sha256 = ?", (sample.source.sha256,)
    ).fetchone()
    assert (number, issue, period, fmt) == (214, 44, "2021-03", "text")
    sections = db.execute("SELECT position, heading_en, (SELECT count(*) FROM items WHERE section_id = s.id) FROM sections s"
                          " WHERE newsletter_id = ? ORDER BY position", (nid,)).fetchall()
    assert sections == [(1, "Domestic News", 4), (2, "Overseas News", 1)]
    items = db.execute("SELECT item_id, title_en, event_date, month FROM items WHERE newsletter_id = ? ORDER BY id", (nid,)).fetchall()
    assert [i[0] for i in items] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert items[0] == ("1.1", "MIIT Holds APP Personal Information Protection Supervision Meeting", "2021-02-05", "2021-02")
    first = db.execute("SELECT id FROM items WHERE newsletter_id = ? AND item_id = '1.1'", (nid,)).fetchone()[0]
    assert db.execute("SELECT agency_id FROM item_agencies WHERE item_pk = ?", (first,)).fetchall() == [("miit",)]
    assert db.execute("SELECT name_zh, abbr, country FROM agencies WHERE id = 'miit'").fetchone() == ("工业和信息化部", "MIIT", "CN")
    assert db.execute("SELECT value, unit FROM item_counts WHERE item_pk = ? ORDER BY id", (first,)).fetchall() == [
        (14, "company"), (179, "app"), (26, "app"),
    ]
    assert db.execute("SELECT date, role, zh FROM item_dates WHERE item_pk = ?", (first,)).fetchall() == [("2021-02-05", "event", "2021年2月5日")]
    stored = db.execute("SELECT document FROM newsletters WHERE id = ?", (nid,)).fetchone()[0]
    assert Newsletter.model_validate_json(stored) == sample  # nothing lost
    assert check_database(db) == []


def test_reimport_is_a_no_op_and_a_new_parser_version_replaces(db: sqlite3.Connection, newsletters: list[Newsletter]) -> None:
    before = counts(db)
    summary = import_newsletters(db, newsletters)
    assert (summary.inserted, summary.replaced, summary.skipped) == (0, 0, 3)
    renamed = newsletters[0].model_copy(update={"source": newsletters[0].source.model_copy(update={"path": "elsewhere.txt"})})
    assert import_newsletter(db, renamed) == "skipped"  # same bytes under another name
    assert counts(db) == before
    upgraded = newsletters[0].model_copy(update={"source": newsletters[0].source.model_copy(update={"parser_version": "9.9"})})
    assert import_newsletter(db, upgraded) == "replaced"
    assert import_newsletter(db, newsletters[1], replace=True) == "replaced"
    after = counts(db)
    assert {t: after[t] for t in TABLES if t != "agencies"} == {t: before[t] for t in TABLES if t != "agencies"}
    assert db.execute("SELECT parser_version FROM newsletters WHERE publication_number = 214").fetchone() == ("9.9",)
    assert check_database(db) == []


def test_failed_import_rolls_back_that_newsletter(tmp_path: Path, newsletters: list[Newsletter], monkeypatch: pytest.MonkeyPatch) -> None:
    connection = connect(tmp_path / "archive.db")
    import_newsletters(connection, newsletters[:2])
    before = counts(connection)
    original = export_sqlite._insert_item
    calls = []

    def failing(*args: object) -> int:
        calls.append(1)
        if len(calls) == 3:  # in the middle of the third newsletter
            raise OSError("disk full")
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(export_sqlite, "_insert_item", failing)
    with pytest.raises(OSError, match="disk full"):
        import_newsletter(connection, newsletters[2])
    assert counts(connection) == before
    assert not connection.in_transaction
    monkeypatch.undo()
    assert import_newsletter(connection, newsletters[2]) == "inserted"
    assert check_database(connection) == []
    connection.close()


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from lifang_parse import parse_file
from lifang_parse.export import sqlite as s

db, ready, *paths = sys.argv[1:]
newsletters = [parse_file(p) for p in paths]
original = s._insert_item
stop_at = len(newsletters[0].all_items()) + len(newsletters[1].all_items()) + 2
calls = []

def slow(*args):
    pk = original(*args)
    calls.append(pk)
    if len(calls) == stop_at:  # two items into the third newsletter's transaction
        Path(ready).touch()
        time.sleep(60)
    return pk

s._insert_item = slow
connection = s.connect(db)
for n in newsletters:
    s.import_newsletter(connection, n)
"""


def test_killed_import_leaves_a_consistent_database(tmp_path: Path, newsletters: list[Newsletter]) -> None:
    database, ready = tmp_path / "archive.db", tmp_path / "ready"
    process = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(database), str(ready), *map(str, ARCHIVE)])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), "the import never reached the third newsletter"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    connection = connect(database)
    assert check_database(connection) == []
    assert connection.execute("SELECT publication_number FROM newsletters ORDER BY id").fetchall() == [(214,), (230,)]
    items = sum(len(n.all_items()) for n in newsletters[:2])
    assert connection.execute("SELECT count(*) FROM items").fetchone()[0] == items
    summary = import_newsletters(connection, newsletters)  # running the import again completes it
    assert (summary.inserted, summary.skipped) == (1, 2)
    assert check_database(connection) == []
    connection.close()


def test_readme_queries(db: sqlite3.Connection) -> None:
    apps, timeline, laws = readme_queries()
    assert db.execute(apps).fetchall() == [("2021-02", "miit", 242, 3), ("2021-07", "cac", 25, 1)]
    rows = db.execute(timeline).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("2021-07-02", 230, "2.1"), ("2021-07-09", 230, "2.2"), ("2021-07-10", 230, "1.1"),
        ("2021-08-20", 240, "1.4"), ("2021-08-27", 240, "1.3"), ("2021-09-01", 240, "1.2"),
    ]
    assert rows[1][3] == "CAC Orders the Removal of 25 Apps Including Didi Enterprise Edition"
    top = db.execute(laws).fetchall()[:3]
    assert top == [("网络安全法", 3, 2), ("数据安全法", 2, 2), ("通用数据保护条例", 2, 2)]


def test_refuses_foreign_databases(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not a lifang-parse archive"):
        connect(other)
    with pytest.raises(InputError, match="not a lifang-parse archive"):
        open_readonly(other)
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 7")
    with pytest.raises(InputError, match="schema version 7"):
        connect(newer)
    text = tmp_path / "notes.db"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a usable SQLite database"):
        connect(text)
