"""BLOBs in SQLite columns declared as numbers: bytes that are not text (`00 01`) are a
reject naming the column and the BLOB's size, never the number their hex spells (`0001`
was silently the integer 1), in INTEGER, REAL, NUMERIC and DECIMAL columns alike; bytes
that are UTF-8 text are read as that text, as in a text column. Near misses: integers, the
text `'0001'` in an INTEGER column, a column declared BLOB. On databases the tests write."""

from __future__ import annotations

import json
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source, read_table

ROWS = [(1, 5, 1.5, 2, "2.50", b"\x00\x01"),
        (2, b"\x00\x01", b"\x00\x02", b"\x12\x34", b"\x00\x09", b"\xff"),
        (3, "0001", 2.0, 3.25, "1.25", None),
        (4, b"42", b"7.5", b"8", b"0.75", b"42")]


def readings(path: Path, rows: list[tuple] = ROWS) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE reading (id INTEGER PRIMARY KEY, count INTEGER, level REAL, "
                   "amount NUMERIC, fee DECIMAL(8, 2), payload BLOB)")
        db.executemany("INSERT INTO reading VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.close()
    return path


def test_bytes_in_number_columns_are_a_reject_naming_the_column(tmp_path: Path) -> None:
    result = read_source(readings(tmp_path / "r.db"), "sqlite", {"source_table": "reading"}, {})
    assert [r.record_no for r in result.rejects] == ["2"]
    reason = result.rejects[0].reason
    for name, kind, shown in (("count", "INTEGER", "0001"), ("level", "REAL", "0002"),
                              ("amount", "NUMERIC", "1234"), ("fee", "DECIMAL(8, 2)", "0009")):
        assert (f"{name}: a BLOB of 2 byte(s) (hex {shown}) in a column declared {kind} is "
                f"not a number") in reason
    assert json.loads(result.rejects[0].raw) == {
        "id": 2, "count": "0001", "level": "0002", "amount": "1234", "fee": "0009",
        "payload": "ff"}
    assert ("column count: 1 value(s) stored as BLOBs of bytes that are not text in a column "
            "declared INTEGER: rejects (a BLOB is no number; its hex would have been read "
            "as one)") in result.schema_notes
    schema = {f.name: str(f.type) for f in result.table.schema}
    assert schema == {"id": "int32", "count": "int32", "level": "double",
                      "amount": "double", "fee": "decimal128(8, 2)", "payload": "string"}
    assert result.table.to_pydict() == {
        "id": [1, 3, 4], "count": [5, 1, 42], "level": [1.5, 2.0, 7.5],
        "amount": [2.0, 3.25, 8.0],
        "fee": [Decimal("2.50"), Decimal("1.25"), Decimal("0.75")],
        "payload": ["0001", None, "3432"]}


def test_text_blobs_in_number_columns_are_read_as_their_text(tmp_path: Path) -> None:
    """Row 4's `b'42'` is the text an app passed as bytes: 42, noted as in a text column;
    row 3's `'0001'` SQLite's INTEGER affinity stores as the integer 1, read as such."""
    result = read_source(readings(tmp_path / "r.db"), "sqlite", {"source_table": "reading"}, {})
    assert ("column count: 1 value(s) stored as BLOBs of UTF-8 text (an app passing bytes) "
            "read as that text") in result.schema_notes
    assert not any(n.startswith("column payload: 1 value(s) stored as BLOBs of UTF-8")
                   for n in result.schema_notes)


def test_a_blob_that_is_text_but_no_number_is_a_reject_as_text_is(tmp_path: Path) -> None:
    rows = [(1, 5, 1.5, 2, "2.50", None), (2, b"n/a", 1.0, 1, "1.00", None)]
    result = read_source(readings(tmp_path / "r.db", rows), "sqlite",
                         {"source_table": "reading"}, {})
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("2", "count: 'n/a' is not an integer")]


def test_every_batch_rejects_its_blobs(tmp_path: Path) -> None:
    batches = list(read_table("sqlite", str(readings(tmp_path / "r.db")), "reading", {},
                              batch_rows=1))
    assert [[r.record_no for r in b.rejects] for b in batches] == [[], ["2"], [], []]
    assert [b.table.column("count").to_pylist() for b in batches] == [[5], [], [1], [42]]


@pytest.mark.parametrize("declared", ["BLOB", ""])
def test_a_column_declared_blob_or_not_at_all_keeps_its_bytes_as_hex(
        tmp_path: Path, declared: str) -> None:
    with sqlite3.connect(tmp_path / "b.db") as db:
        db.execute(f"CREATE TABLE hashes (id INTEGER PRIMARY KEY, digest {declared})")
        db.executemany("INSERT INTO hashes VALUES (?, ?)", [(1, b"\x00\x01"), (2, b"\xab")])
    db.close()
    result = read_source(tmp_path / "b.db", "sqlite", {"source_table": "hashes"}, {})
    assert not result.rejects
    assert result.table.column("digest").to_pylist() == ["0001", "ab"]


def test_a_number_column_declared_text_in_columns_keeps_its_bytes(tmp_path: Path) -> None:
    result = read_source(readings(tmp_path / "r.db"), "sqlite",
                         {"source_table": "reading"}, {"count": "text"})
    assert [r.record_no for r in result.rejects] == ["2"]      # level, amount, fee
    assert "count:" not in result.rejects[0].reason
    assert result.table.column("count").to_pylist() == ["5", "1", "3432"]   # bytes as hex


@pytest.mark.parametrize("declared", ["UUID", "GUID", "NUMERIC"])
def test_uuids_stored_as_bytes_in_a_column_of_numeric_affinity_stay_uuids(
        tmp_path: Path, declared: str) -> None:
    """An ORM's UUID column (NUMERIC affinity by its name) read as a number by no rule, and
    a NUMERIC column holding BLOBs alone: their 16 bytes are read as UUIDs, as before."""
    ids = [uuid.UUID(int=n) for n in (1, 2)]
    with sqlite3.connect(tmp_path / "u.db") as db:
        db.execute(f"CREATE TABLE users (id INTEGER PRIMARY KEY, ref {declared})")
        db.executemany("INSERT INTO users VALUES (?, ?)", [(1, ids[0].bytes), (2, ids[1].bytes)])
    db.close()
    result = read_source(tmp_path / "u.db", "sqlite", {"source_table": "users"}, {})
    assert not result.rejects
    assert result.table.column("ref").to_pylist() == [str(u) for u in ids]
