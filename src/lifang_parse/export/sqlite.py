"""SQLite export: an archive you can query with SQL.

Why these choices:

- **Keyed by content, and by what the newsletter is.** Every file imported
  is a row of ``newsletter_sources``, keyed by the sha256 of its bytes
  (``UNIQUE``), so importing the same file twice, under any name, adds
  nothing. A newsletter is also identified by what it is
  (:func:`newsletter_identity`: publication number, issue number, period and
  title): the same issue as ``.pdf`` and as ``.txt`` is one newsletter with
  two sources, its items stored once (from the first file imported).
  Re-importing is a no-op unless the stored rows came from another parser
  version (or ``replace=True``): then they are replaced, so upgrading the
  parser and re-running the import refreshes the archive.
- **One transaction per newsletter.** An import that is interrupted (Ctrl-C,
  a crash, ``kill -9``, a full disk) leaves every newsletter either fully
  stored or absent; re-running the import completes it.
- **Foreign keys on, cascades.** Sections, items, facts and warnings hang off
  their newsletter with ``ON DELETE CASCADE``; deleting a newsletter row
  removes all of it.
- **Versioned.** ``PRAGMA user_version`` holds :data:`SCHEMA_VERSION`; a
  database of version 1 is upgraded in place on the first import; one of
  another version is refused instead of being half-understood.
- **Safe to share.** Schema creation and every import take the write lock
  first (``BEGIN IMMEDIATE``, ``IF NOT EXISTS``, a 30 s busy timeout), so two
  importers starting on a new file at once both complete.

The schema, with example queries, is documented in the README ("SQLite schema").
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from lifang_parse.atomic import output_target
from lifang_parse.errors import InputError
from lifang_parse.files import display_path
from lifang_parse.export._rows import event_date, item_month
from lifang_parse.models import Item, Newsletter

SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE IF NOT EXISTS newsletters (
    id                 INTEGER PRIMARY KEY,
    sha256             TEXT NOT NULL UNIQUE,
    path               TEXT,
    format             TEXT NOT NULL CHECK (format IN ('text', 'pdf')),
    pages              INTEGER,
    parser_version     TEXT NOT NULL,
    schema_version     TEXT NOT NULL,
    publication_number INTEGER,
    issue_number       INTEGER,
    period             TEXT,
    publisher_zh       TEXT,
    publisher_en       TEXT,
    title_zh           TEXT,
    title_en           TEXT,
    imported_at        TEXT NOT NULL,
    document           TEXT NOT NULL,
    identity           TEXT
);
CREATE INDEX IF NOT EXISTS newsletters_period ON newsletters (period);
CREATE INDEX IF NOT EXISTS newsletters_publication_number ON newsletters (publication_number);
CREATE UNIQUE INDEX IF NOT EXISTS newsletters_identity ON newsletters (identity);

CREATE TABLE IF NOT EXISTS newsletter_sources (
    id             INTEGER PRIMARY KEY,
    newsletter_id  INTEGER NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    sha256         TEXT NOT NULL UNIQUE,
    path           TEXT,
    format         TEXT NOT NULL CHECK (format IN ('text', 'pdf')),
    pages          INTEGER,
    parser_version TEXT NOT NULL,
    imported_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS newsletter_sources_newsletter ON newsletter_sources (newsletter_id);

CREATE TABLE IF NOT EXISTS sections (
    id            INTEGER PRIMARY KEY,
    newsletter_id INTEGER NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    heading_zh    TEXT,
    heading_en    TEXT,
    UNIQUE (newsletter_id, position)
);

CREATE TABLE IF NOT EXISTS items (
    id            INTEGER PRIMARY KEY,
    newsletter_id INTEGER NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    section_id    INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,
    title_zh      TEXT,
    title_en      TEXT,
    body_zh       TEXT,
    body_en       TEXT,
    event_date    TEXT,
    month         TEXT,
    page_start    INTEGER,
    page_end      INTEGER,
    line_start    INTEGER NOT NULL,
    line_end      INTEGER NOT NULL,
    UNIQUE (newsletter_id, item_id)
);
CREATE INDEX IF NOT EXISTS items_section ON items (section_id);
CREATE INDEX IF NOT EXISTS items_event_date ON items (event_date);
CREATE INDEX IF NOT EXISTS items_month ON items (month);

CREATE TABLE IF NOT EXISTS agencies (
    id      TEXT PRIMARY KEY,
    name_zh TEXT,
    name_en TEXT,
    abbr    TEXT,
    country TEXT
);

CREATE TABLE IF NOT EXISTS item_agencies (
    item_pk   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    mentions  TEXT NOT NULL,
    PRIMARY KEY (item_pk, agency_id)
);
CREATE INDEX IF NOT EXISTS item_agencies_agency ON item_agencies (agency_id, item_pk);

CREATE TABLE IF NOT EXISTS item_dates (
    id            INTEGER PRIMARY KEY,
    item_pk       INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    precision     TEXT NOT NULL,
    role          TEXT NOT NULL,
    zh            TEXT,
    en            TEXT,
    year_inferred INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS item_dates_item ON item_dates (item_pk);
CREATE INDEX IF NOT EXISTS item_dates_date ON item_dates (date, role);

CREATE TABLE IF NOT EXISTS item_counts (
    id      INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    value   INTEGER NOT NULL,
    unit    TEXT NOT NULL,
    zh      TEXT,
    en      TEXT
);
CREATE INDEX IF NOT EXISTS item_counts_item ON item_counts (item_pk);
CREATE INDEX IF NOT EXISTS item_counts_unit ON item_counts (unit);

CREATE TABLE IF NOT EXISTS item_amounts (
    id       INTEGER PRIMARY KEY,
    item_pk  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    value    REAL NOT NULL,
    currency TEXT NOT NULL,
    zh       TEXT,
    en       TEXT
);
CREATE INDEX IF NOT EXISTS item_amounts_item ON item_amounts (item_pk);

CREATE TABLE IF NOT EXISTS item_laws (
    id       INTEGER PRIMARY KEY,
    item_pk  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    title_zh TEXT,
    title_en TEXT
);
CREATE INDEX IF NOT EXISTS item_laws_item ON item_laws (item_pk);

CREATE TABLE IF NOT EXISTS item_companies (
    id      INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name_zh TEXT,
    name_en TEXT
);
CREATE INDEX IF NOT EXISTS item_companies_item ON item_companies (item_pk);

CREATE TABLE IF NOT EXISTS item_people (
    id      INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name_zh TEXT,
    name_en TEXT
);
CREATE INDEX IF NOT EXISTS item_people_item ON item_people (item_pk);

CREATE TABLE IF NOT EXISTS item_links (
    id      INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    lang    TEXT NOT NULL,
    text    TEXT NOT NULL,
    href    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS item_links_item ON item_links (item_pk);

CREATE TABLE IF NOT EXISTS warnings (
    id            INTEGER PRIMARY KEY,
    newsletter_id INTEGER NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    item_pk       INTEGER REFERENCES items (id) ON DELETE CASCADE,
    item_id       TEXT,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS warnings_newsletter ON warnings (newsletter_id);
CREATE INDEX IF NOT EXISTS warnings_item ON warnings (item_pk);
CREATE INDEX IF NOT EXISTS warnings_code ON warnings (code);
"""

#: Tables of the schema, parents first.
TABLES = (
    "newsletters", "newsletter_sources", "sections", "items", "agencies", "item_agencies", "item_dates", "item_counts",
    "item_amounts", "item_laws", "item_companies", "item_people", "item_links", "warnings",
)
#: The fact table of each fact type (see ``export._rows.FACT_TYPES``).
FACT_TABLES = {
    "date": "item_dates", "agency": "item_agencies", "count": "item_counts", "amount": "item_amounts",
    "law": "item_laws", "company": "item_companies", "person": "item_people",
}

#: What an import did: a new newsletter, rows of another parser version replaced, the
#: file already stored, or the file recorded as another source of a stored newsletter.
ImportOutcome = Literal["inserted", "replaced", "skipped", "source"]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """How many newsletters an import added, replaced, or found already stored."""

    inserted: int = 0
    replaced: int = 0
    skipped: int = 0
    source: int = 0


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    """True for an existing SQLite database file (by its header, not its name)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating if needed) an archive database with foreign keys on and the schema in place.

    The connection is in autocommit mode; :func:`import_newsletter` opens its
    own transaction. Raises :class:`InputError` for a file that is not a
    SQLite database or holds another schema version.
    """
    name = os.fspath(path)
    target = name if name == ":memory:" else str(output_target(name))  # a regular file or nothing; folders made
    try:
        connection = sqlite3.connect(target, isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open the database: {exc}", path=name) from None
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        ensure_schema(connection, path=name)
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise InputError(f"not a usable SQLite database: {exc}", path=name) from None
    except BaseException:
        connection.close()
        raise
    return connection


def open_readonly(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open an existing archive for reading only (``stats`` must not alter what it reports on)."""
    name = os.fspath(path)
    if not is_sqlite_file(name):
        raise InputError("not a SQLite database", path=name)
    uri = "file:" + urllib.parse.quote(os.path.abspath(name)) + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise InputError(f"cannot open the database: {exc}", path=name) from None
    if version != SCHEMA_VERSION:
        connection.close()
        if version == 1:
            raise InputError(
                "an archive of schema version 1: import into it once with this version "
                "(lifang-parse FILES --format sqlite -o DB) to upgrade it to version 2", path=name
            )
        raise InputError(f"database schema version {version}, not a lifang-parse archive of version {SCHEMA_VERSION}", path=name)
    return connection


def ensure_schema(connection: sqlite3.Connection, *, path: str | None = None) -> None:
    """Create the schema in an empty database, upgrade version 1, accept ours; refuse anything else.

    Under the write lock (``BEGIN IMMEDIATE``), the version read again: of two
    processes creating the same new archive, the second finds it made.
    """
    if _user_version(connection) == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _user_version(connection)
        if version == 1:
            _upgrade_from_1(connection)
        elif version == 0:
            tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables:
                raise InputError("the database holds other tables and is not a lifang-parse archive", path=path)
            _create(connection)
        elif version != SCHEMA_VERSION:
            raise InputError(f"database schema version {version}; this lifang-parse reads version {SCHEMA_VERSION}", path=path)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        _rollback(connection)
        raise


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _create(connection: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def _upgrade_from_1(connection: sqlite3.Connection) -> None:
    """Version 1 had no sources and no identity: add them; the same issue stored twice becomes one, with two sources."""
    connection.execute("ALTER TABLE newsletters ADD COLUMN identity TEXT")
    _create(connection)
    rows = connection.execute("SELECT id, document FROM newsletters ORDER BY id").fetchall()
    owners: dict[str, int] = {}
    for pk, document in rows:
        newsletter = _stored(document)
        identity = newsletter_identity(newsletter)
        owner = owners.setdefault(identity, pk) if identity else pk
        _insert_source(connection, owner, newsletter)
        if owner != pk:
            connection.execute("DELETE FROM newsletters WHERE id = ?", (pk,))
        else:
            connection.execute("UPDATE newsletters SET identity = ? WHERE id = ?", (identity, pk))


def newsletter_identity(newsletter: Newsletter) -> str | None:
    """What makes two files the same issue: publication number, issue number, period and title.

    ``"214|44|2021-03|网络安全与数据合规周报"`` (the title's Chinese, else its
    English, case-folded, without spaces). None when the publication number
    or the period was not found: such a file is a newsletter of its own.
    """
    if newsletter.publication_number is None or newsletter.period is None:
        return None
    title = "".join((newsletter.title.zh or newsletter.title.en or "").split()).casefold()
    issue = "" if newsletter.issue_number is None else str(newsletter.issue_number)
    return f"{newsletter.publication_number}|{issue}|{newsletter.period}|{title}"


def import_newsletter(connection: sqlite3.Connection, newsletter: Newsletter, *, replace: bool = False) -> ImportOutcome:
    """Store one newsletter in one transaction: all of it, or (on any failure) none of it.

    Returns ``"skipped"`` when its file (sha256) is already stored by the same
    parser version (and not ``replace``); ``"source"`` when the newsletter is
    already stored from another file (the same issue as PDF and as text):
    the file is recorded in ``newsletter_sources`` only; ``"replaced"`` when
    rows of another parser version were swapped for these; else ``"inserted"``.
    """
    source = newsletter.source
    connection.execute("BEGIN IMMEDIATE")
    try:
        row = connection.execute(
            "SELECT s.newsletter_id, s.parser_version, n.sha256 = s.sha256 FROM newsletter_sources AS s"
            " JOIN newsletters AS n ON n.id = s.newsletter_id WHERE s.sha256 = ?",
            (source.sha256,),
        ).fetchone()
        if row is not None and not replace and row[1] == source.parser_version:
            connection.execute("COMMIT")
            return "skipped"
        kept = _forget(connection, row, source.sha256) if row is not None else []
        outcome = _store(connection, newsletter, kept)
        connection.execute("COMMIT")
    except BaseException:
        _rollback(connection)
        raise
    return "replaced" if row is not None else outcome


def _forget(connection: sqlite3.Connection, row: tuple[int, str, int], sha256: str) -> list[tuple[object, ...]]:
    """Remove what a file stored before; returns the other sources of its newsletter when it was their primary."""
    newsletter_pk, _, primary = row
    if not primary:
        connection.execute("DELETE FROM newsletter_sources WHERE sha256 = ?", (sha256,))
        return []
    kept = connection.execute(
        "SELECT sha256, path, format, pages, parser_version, imported_at FROM newsletter_sources"
        " WHERE newsletter_id = ? AND sha256 != ?",
        (newsletter_pk, sha256),
    ).fetchall()
    connection.execute("DELETE FROM newsletters WHERE id = ?", (newsletter_pk,))
    return kept


def _store(connection: sqlite3.Connection, newsletter: Newsletter, kept: list[tuple[object, ...]]) -> ImportOutcome:
    """Insert the newsletter, or only its source when the same issue is stored already."""
    identity = newsletter_identity(newsletter)
    existing = connection.execute("SELECT id FROM newsletters WHERE identity = ?", (identity,)).fetchone() if identity else None
    if existing is not None:
        owner, outcome = int(existing[0]), "source"
    else:
        owner, outcome = _insert(connection, newsletter, identity), "inserted"
    _insert_source(connection, owner, newsletter)
    connection.executemany(
        "INSERT INTO newsletter_sources (newsletter_id, sha256, path, format, pages, parser_version, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(owner, *source) for source in kept],
    )
    return outcome  # type: ignore[return-value]


def _insert_source(connection: sqlite3.Connection, newsletter_pk: int, newsletter: Newsletter) -> None:
    source = newsletter.source
    connection.execute(
        "INSERT INTO newsletter_sources (newsletter_id, sha256, path, format, pages, parser_version, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (newsletter_pk, source.sha256, _path(source.path), source.format, source.pages, source.parser_version, _now()),
    )


def _path(path: str | None) -> str | None:
    return None if path is None else display_path(path)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stored(document: str) -> Newsletter:
    """A stored document (file names that are not UTF-8 are JSON surrogate escapes: ``json`` reads them)."""
    return Newsletter.model_validate(json.loads(document))


def _rollback(connection: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already done so."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def import_newsletters(connection: sqlite3.Connection, newsletters: Iterable[Newsletter], *, replace: bool = False) -> ImportSummary:
    """Import each newsletter in its own transaction; returns the counts of each outcome."""
    counts = {"inserted": 0, "replaced": 0, "skipped": 0, "source": 0}
    for newsletter in newsletters:
        counts[import_newsletter(connection, newsletter, replace=replace)] += 1
    return ImportSummary(**counts)


def stored_sha256(connection: sqlite3.Connection, parser_version: str) -> set[str]:
    """The sha256 of every file stored by ``parser_version`` (re-importing those is a no-op)."""
    rows = connection.execute("SELECT sha256 FROM newsletter_sources WHERE parser_version = ?", (parser_version,))
    return {row[0] for row in rows}


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of a regular file's bytes (what ``Source.sha256`` holds), or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # a FIFO would block, a device never end
            return None
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return digest.hexdigest()


def _insert(connection: sqlite3.Connection, newsletter: Newsletter, identity: str | None) -> int:
    source = newsletter.source
    cursor = connection.execute(
        "INSERT INTO newsletters (sha256, path, format, pages, parser_version, schema_version, publication_number,"
        " issue_number, period, publisher_zh, publisher_en, title_zh, title_en, imported_at, document, identity)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source.sha256, _path(source.path), source.format, source.pages, source.parser_version,
            newsletter.schema_version, newsletter.publication_number, newsletter.issue_number, newsletter.period,
            newsletter.publisher.zh, newsletter.publisher.en, newsletter.title.zh, newsletter.title.en,
            _now(), newsletter.to_json(), identity,
        ),
    )
    newsletter_pk = int(cursor.lastrowid or 0)
    item_pks: dict[str, int] = {}
    for position, section in enumerate(newsletter.sections, start=1):
        cursor = connection.execute(
            "INSERT INTO sections (newsletter_id, position, heading_zh, heading_en) VALUES (?, ?, ?, ?)",
            (newsletter_pk, position, section.heading.zh, section.heading.en),
        )
        section_pk = cursor.lastrowid
        for item in section.items:
            item_pks[item.id] = _insert_item(connection, item, newsletter_pk, section_pk, newsletter.period)
    connection.executemany(
        "INSERT INTO warnings (newsletter_id, item_pk, item_id, code, message) VALUES (?, ?, ?, ?, ?)",
        [(newsletter_pk, item_pks.get(w.item_id or ""), w.item_id, w.code, w.message) for w in newsletter.warnings],
    )
    return newsletter_pk


def _insert_item(connection: sqlite3.Connection, item: Item, newsletter_pk: int | None, section_pk: int | None, period: str | None) -> int:
    location = item.location
    cursor = connection.execute(
        "INSERT INTO items (newsletter_id, section_id, item_id, title_zh, title_en, body_zh, body_en, event_date, month,"
        " page_start, page_end, line_start, line_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            newsletter_pk, section_pk, item.id, item.title.zh, item.title.en, item.body.zh, item.body.en,
            event_date(item), item_month(item, period), location.page_start, location.page_end,
            location.line_start, location.line_end,
        ),
    )
    pk = int(cursor.lastrowid or 0)
    connection.executemany(
        "INSERT INTO agencies (id, name_zh, name_en, abbr, country) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
        " SET name_zh = excluded.name_zh, name_en = excluded.name_en, abbr = excluded.abbr, country = excluded.country",
        [(a.id, a.name.zh, a.name.en, a.abbr, a.country) for a in item.agencies],
    )
    connection.executemany(
        "INSERT OR IGNORE INTO item_agencies (item_pk, agency_id, mentions) VALUES (?, ?, ?)",
        [(pk, a.id, json.dumps(a.mentions, ensure_ascii=False)) for a in item.agencies],
    )
    connection.executemany(
        "INSERT INTO item_dates (item_pk, date, precision, role, zh, en, year_inferred) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(pk, d.date, d.precision, d.role, d.zh, d.en, int(d.year_inferred)) for d in item.dates],
    )
    connection.executemany(
        "INSERT INTO item_counts (item_pk, value, unit, zh, en) VALUES (?, ?, ?, ?, ?)",
        [(pk, c.value, c.unit, c.zh, c.en) for c in item.counts],
    )
    connection.executemany(
        "INSERT INTO item_amounts (item_pk, value, currency, zh, en) VALUES (?, ?, ?, ?, ?)",
        [(pk, a.value, a.currency, a.zh, a.en) for a in item.amounts],
    )
    connection.executemany(
        "INSERT INTO item_laws (item_pk, title_zh, title_en) VALUES (?, ?, ?)",
        [(pk, law.title.zh, law.title.en) for law in item.laws],
    )
    connection.executemany(
        "INSERT INTO item_companies (item_pk, name_zh, name_en) VALUES (?, ?, ?)",
        [(pk, c.name.zh, c.name.en) for c in item.companies],
    )
    connection.executemany(
        "INSERT INTO item_people (item_pk, name_zh, name_en) VALUES (?, ?, ?)",
        [(pk, p.name.zh, p.name.en) for p in item.people],
    )
    connection.executemany(
        "INSERT INTO item_links (item_pk, lang, text, href) VALUES (?, ?, ?, ?)",
        [(pk, link.lang, link.text, link.href) for link in item.links],
    )
    return pk


def check_database(connection: sqlite3.Connection) -> list[str]:
    """Problems found in an archive (empty when consistent).

    SQLite's own integrity and foreign-key checks, plus ours: every stored
    newsletter has exactly the items and sections its stored document lists,
    which an interrupted import must never break.
    """
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
    problems += [f"foreign key: {row[0]} row {row[1]} -> {row[2]}" for row in connection.execute("PRAGMA foreign_key_check")]
    rows = connection.execute(
        "SELECT n.id, n.sha256, n.document,"
        " (SELECT count(*) FROM sections s WHERE s.newsletter_id = n.id),"
        " (SELECT count(*) FROM items i WHERE i.newsletter_id = n.id) FROM newsletters n"
    )
    for _, sha256, document, sections, items in rows:
        stored = _stored(document)
        if (sections, items) != (len(stored.sections), len(stored.all_items())):
            problems.append(
                f"newsletter {sha256[:12]}: {sections} section(s), {items} item(s) stored; "
                f"its document has {len(stored.sections)} and {len(stored.all_items())}"
            )
    return problems


__all__ = [
    "FACT_TABLES",
    "SCHEMA",
    "SCHEMA_VERSION",
    "TABLES",
    "ImportOutcome",
    "ImportSummary",
    "check_database",
    "connect",
    "ensure_schema",
    "file_sha256",
    "import_newsletter",
    "import_newsletters",
    "is_sqlite_file",
    "newsletter_identity",
    "open_readonly",
    "stored_sha256",
]
