"""Database tables: SQLite through the standard library, Postgres through psycopg, with a
cursor, batches and rejects named by primary key."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from ingest_helpers import PG_DSN, pg_source_schema

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source, read_table


def shop_db(path) -> str:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, \"Customer Name\" TEXT,"
                   " quantity INTEGER, updated_at TEXT)")
        db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)",
                       [(i, f"c{i}", "many" if i == 4 else i, f"2024-01-{i:02d}")
                        for i in range(1, 8)])
    return str(path)


def test_sqlite_cursor_batches_and_rejects_by_primary_key(tmp_path):
    location = shop_db(tmp_path / "shop.db")
    batches = list(read_table("sqlite", location, "orders", {}, cursor="updated_at",
                              after="2024-01-03", batch_rows=2))
    assert [b.table.column("id").to_pylist() for b in batches] == [[3], [5, 6], [7]]
    assert batches[0].table.column_names == ["id", "customer_name", "quantity", "updated_at"]
    [reject] = batches[0].rejects
    assert (reject.file, reject.record_no, reject.reason) == (
        f"sqlite:{location}#orders", "4", "quantity: 'many' is not an integer")


def test_sqlite_through_read_source_and_declared_override(tmp_path):
    location = shop_db(tmp_path / "shop.db")
    result = read_source(tmp_path / "shop.db", None, {"source_table": "orders"},
                         {"updated_at": "date", "quantity": "varchar"})
    assert result.table.num_rows == 7 and not result.rejects
    assert result.table.column("updated_at").to_pylist()[0] == dt.date(2024, 1, 1)
    with pytest.raises(IngestError, match="no table 'order'.*\n.*tables are: orders"):
        list(read_table("sqlite", location, "order", {}))
    with pytest.raises(IngestError, match="needs `source_table`"):
        read_source(tmp_path / "shop.db", "sqlite", {}, {})


def test_sqlite_empty_result_keeps_the_columns(tmp_path):
    location = shop_db(tmp_path / "shop.db")
    [batch] = read_table("sqlite", location, "orders", {}, cursor="updated_at", after="2025")
    assert batch.table.num_rows == 0
    assert batch.table.column_names == ["id", "customer_name", "quantity", "updated_at"]


@pytest.fixture
def pg_table():
    with pg_source_schema("dn_read") as (db, schema):
        db.execute(f'CREATE TABLE "{schema}".events (tenant text, seq int, amount numeric(8,2),'
                   ' seen_at timestamptz, note text, PRIMARY KEY (tenant, seq))')
        db.execute(f'INSERT INTO "{schema}".events SELECT \'t\' || (g % 2), g, g * 1.25,'
                   " timestamptz '2024-01-01 00:00+00' + g * interval '1 hour',"
                   " CASE WHEN g = 5 THEN 'oops' ELSE g::text END FROM generate_series(1, 9) g")
        yield f"{schema}.events"


def test_postgres_server_side_cursor_in_batches(pg_table):
    after = dt.datetime(2024, 1, 1, 3, tzinfo=dt.timezone.utc)
    batches = list(read_table("postgres", PG_DSN, pg_table, {"note": "integer"},
                              cursor="seen_at", after=after, batch_rows=4))
    assert [b.table.column("seq").to_pylist() for b in batches] == [[3, 4, 6], [7, 8, 9]]
    [reject] = batches[0].rejects
    assert (reject.file, reject.record_no, reject.reason) == (
        f"postgres:{pg_table}", "t1,5", "note: 'oops' is not an integer")
    assert str(batches[0].table.schema.field("amount").type) == "decimal128(8, 2)"


def test_postgres_missing_table_is_an_error():
    pytest.importorskip("psycopg")
    with pytest.raises(IngestError, match="no table 'public.nope_"):
        list(read_table("postgres", PG_DSN, f"public.nope_{uuid.uuid4().hex[:8]}", {}))


def test_sqlite_untyped_column_of_numbers_stored_three_ways(tmp_path):
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as db:  # a table made without column types keeps each
        db.execute("CREATE TABLE counts (id, jobs, price, code)")  # value's own storage class
        db.executemany("INSERT INTO counts VALUES (?, ?, ?, ?)", [
            (1, 135450, 12, "0123"), (2, "136882", "12.50", 7), (3, 137716.0, 3.25, 8),
            (4, None, None, None)])
    result = read_source(path, "sqlite", {"source_table": "counts"}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "jobs": 135450, "price": 12.0, "code": "0123"},
        {"id": 2, "jobs": 136882, "price": 12.5, "code": "7"},
        {"id": 3, "jobs": 137716, "price": 3.25, "code": "8"},
        {"id": 4, "jobs": None, "price": None, "code": None}]
    assert "column jobs: values stored as float, int, str: read as integer" in \
        result.schema_notes
    assert "column code: values stored as int, str: read as text" in result.schema_notes


def test_sqlite_blob_key_and_values_read_as_uuid_or_hex_text(tmp_path):
    path = tmp_path / "people.db"
    ids = [uuid.uuid4() for _ in range(3)]
    with sqlite3.connect(path) as db:  # keys stored as the UUIDs' 16 bytes
        db.execute("CREATE TABLE people (id BLOB PRIMARY KEY, age INTEGER, photo BLOB)")
        db.executemany("INSERT INTO people VALUES (?, ?, ?)",
                       [(ids[0].bytes, 30, b"\x89PNG"), (ids[1].bytes, "old", None),
                        (ids[2].bytes, 41, ids[0].bytes)])
    result = read_source(path, "sqlite", {"source_table": "people"}, {})
    rows = sorted(zip(*[result.table.column(n).to_pylist() for n in ("id", "age", "photo")]))
    assert rows == sorted([(str(ids[0]), 30, "89504e47"), (str(ids[2]), 41, str(ids[0]))])
    [reject] = result.rejects
    assert (reject.record_no, reject.reason) == (str(ids[1]), "age: 'old' is not an integer")
    for name in ("id", "photo"):
        assert f"column {name}: binary values (BLOB) read as text: 16 bytes as a UUID" \
            " (8-4-4-4-12), other lengths as hex" in result.schema_notes


def test_sqlite_text_stored_as_utf8_blobs_is_read_as_text(tmp_path):
    path = tmp_path / "stops.db"
    with sqlite3.connect(path) as db:  # a Python app passed `bytes` for some texts
        db.execute("CREATE TABLE stops (id INTEGER PRIMARY KEY, place TEXT, tag, photo BLOB)")
        rows = [
            (1, b"Cedar Riverside", "a", b"\x89PNG"),
            (2, "Marcy Holmes", "Zürich".encode(), b"ab"),
            (3, b"\xff\xfe", "c", None),  # not UTF-8: stays hex, as before
            (4, b"\x00\x01", None, None),  # UTF-8 but control bytes: hex
        ]
        db.executemany("INSERT INTO stops VALUES (?, ?, ?, ?)", rows)
    result = read_source(path, "sqlite", {"source_table": "stops"}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "place": "Cedar Riverside", "tag": "a", "photo": "89504e47"},
        {"id": 2, "place": "Marcy Holmes", "tag": "Zürich", "photo": "6162"},
        {"id": 3, "place": "fffe", "tag": "c", "photo": None},
        {"id": 4, "place": "0001", "tag": None, "photo": None},
    ]
    notes = result.schema_notes
    declared_text = "column place: 1 value(s) stored as BLOBs of UTF-8 text (an app passing"
    assert f"{declared_text} bytes) read as that text" in notes
    assert any(n.startswith("column tag: 1 value(s) stored as BLOBs") for n in notes)  # texts
    assert any(n.startswith("column place: binary values (BLOB) read as text") for n in notes)
    assert not any(n.startswith("column photo: 2 value(s)") for n in notes)  # a BLOB column
    assert any(n.startswith("column photo: binary values (BLOB)") for n in notes)


def test_sqlite_rows_come_in_insertion_order_whatever_the_key(tmp_path):
    path = tmp_path / "people.db"
    with sqlite3.connect(path) as db:  # keys inserted out of their sort order
        db.execute("CREATE TABLE people (name TEXT PRIMARY KEY, age INTEGER)")
        db.executemany("INSERT INTO people VALUES (?, ?)", [("zoe", 1), ("amy", 2), ("max", 3)])
        db.execute("CREATE TABLE codes (code TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
        db.executemany("INSERT INTO codes VALUES (?, ?)", [("b", 1), ("a", 2)])
    people = read_source(path, "sqlite", {"source_table": "people"}, {}).table
    assert people.column("name").to_pylist() == ["zoe", "amy", "max"]  # as SELECT * shows them
    codes = read_source(path, "sqlite", {"source_table": "codes"}, {}).table
    assert codes.column("code").to_pylist() == ["a", "b"]  # no rowid: stored in key order


def test_tables_named_with_keywords_or_capitals_are_read(tmp_path):
    """`order`, `Passenger Counts`, `Order Lines`: quoted as each database spells them (an
    unquoted `order` was a syntax error that crashed the read)."""
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE "order" (id INTEGER PRIMARY KEY, qty INTEGER)')
        db.execute('INSERT INTO "order" VALUES (1, 5)')
    assert read_source(path, "sqlite", {"source_table": "order"}, {}).table.to_pylist() == [
        {"id": 1, "qty": 5}]
    with pg_source_schema("dn_kw") as (db, schema):
        db.execute(f'CREATE TABLE "{schema}"."order" (id int PRIMARY KEY, qty int)')
        db.execute(f'CREATE TABLE "{schema}"."Order Lines" (id int PRIMARY KEY, n int)')
        db.execute(f'INSERT INTO "{schema}"."order" VALUES (1, 5)')
        db.execute(f'INSERT INTO "{schema}"."Order Lines" VALUES (2, 7)')
        [batch] = list(read_table("postgres", PG_DSN, f"{schema}.order", {}))
        assert batch.table.to_pylist() == [{"id": 1, "qty": 5}]
        [batch] = list(read_table("postgres", PG_DSN, f'{schema}."Order Lines"', {}))
        assert batch.table.to_pylist() == [{"id": 2, "n": 7}]
