"""A SQLite database an app left with a hot rollback journal (it crashed mid-transaction,
some changed pages already in the file, their originals in `<name>-journal`): read as last
committed, from a copy whose journal SQLite rolls back, noted; the source file and its
journal never written (read-only, SQLite refused it: `attempt to write a readonly
database`). A journal that is not hot (an empty one, as `journal_mode=TRUNCATE` leaves)
changes nothing. On databases the tests write, one loaded through the loader."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

ROWS = [(i, f"case {i}", "Camden") for i in range(1, 401)]
NOTE = ("the database has a hot journal murders.db-journal (an app stopped mid-transaction, "
        "its changes half written): read as last committed, from a copy with the journal "
        "rolled back, as SQLite does on the next open; murders.db and its journal are left "
        "as they were")


def committed(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE murders (id INTEGER PRIMARY KEY, name TEXT, borough TEXT)")
        db.executemany("INSERT INTO murders VALUES (?, ?, ?)", ROWS)
    db.close()
    return path


def crashed(folder: Path) -> Path:
    """The database as an app's crash mid-migration leaves it: the migration's pages spilled
    into the file (a cache of one page), the originals in the hot journal; made in a copy
    whose files are taken while the transaction is open."""
    staging = folder / "staging"
    staging.mkdir()
    committed(staging / "murders.db")
    db = sqlite3.connect(staging / "murders.db", isolation_level=None)
    db.execute("PRAGMA cache_size = 1")
    db.execute("BEGIN")
    db.execute("UPDATE murders SET borough = 'MIGRATED' || printf('%.500c', '.')")
    for name in ("murders.db", "murders.db-journal"):
        shutil.copy(staging / name, folder / name)
    db.execute("ROLLBACK")
    db.close()
    return folder / "murders.db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_hot_journal_is_rolled_back_in_a_copy_and_the_file_left_alone(tmp_path: Path) -> None:
    path = crashed(tmp_path)
    journal = tmp_path / "murders.db-journal"
    before = (digest(path), digest(journal))
    result = read_source(path, "sqlite", {"source_table": "murders"}, {})
    assert result.table.to_pylist() == [
        {"id": i, "name": name, "borough": borough} for i, name, borough in ROWS]
    assert not result.rejects
    assert NOTE in result.schema_notes
    assert (digest(path), digest(journal)) == before      # never written


def test_the_loader_loads_the_committed_rows(tmp_path: Path) -> None:
    path = crashed(tmp_path)
    with local_or_pg_place("duckdb", tmp_path, "dn_hot") as place:
        job = place.job(tmp_path, "murders", "replace", path=None, dsn=str(path),
                        format="sqlite", source_table="murders")
        loaded = load(place.adapter, job, reading)
        assert place.rows("murders", "count(*), count(*) filter (where borough = 'Camden')",
                          "1") == [(400, 400)]
        assert NOTE in loaded.read_notes


def test_a_journal_that_is_not_hot_changes_nothing(tmp_path: Path) -> None:
    """The near miss: an empty journal (journal_mode=TRUNCATE's, after a commit) beside an
    ordinary database is no crash's: read as before, no note."""
    path = committed(tmp_path / "murders.db")
    (tmp_path / "murders.db-journal").write_bytes(b"")
    result = read_source(path, "sqlite", {"source_table": "murders"}, {})
    assert result.table.num_rows == 400
    assert not any("journal" in note for note in result.schema_notes)
