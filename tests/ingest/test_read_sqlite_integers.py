"""SQLite integers past 32 bits, and .NET ticks (sqlite-net's `DateTime`s) among them.

SQLite's integers are 64-bit whatever the declared name; read as 32-bit `integer`, every
row holding a larger value was a reject and the table came out empty. A column of such
integers is `bigint`, one of small integers stays `integer`. A column whose every value
is a moment of 1900-2100 in .NET ticks and whose name or type says it holds moments is
read as timestamps, noted; one in that range whose name does not (ids) keeps its integers,
noted; the source's `columns:` decide either way. On databases the tests write, one
loaded into DuckDB through the loader."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source, read_table

CLOSES = [datetime.datetime(2016, 7, 21, 16), datetime.datetime(2016, 7, 22, 16),
          datetime.datetime(2016, 7, 25, 16, 0, 0, 123456)]
NO_DATE = 0                               # DateTime.MinValue: what .NET writes when unset
STATUS_IDS = [636047136123456789, 636048000987654321, 636050592555555555]  # tweets, 2015


def ticks(moment: datetime.datetime) -> int:
    """`moment` as .NET's `DateTime.Ticks` (100 ns since 0001-01-01), one 100 ns past it."""
    return (moment - datetime.datetime(1, 1, 1)) // datetime.timedelta(microseconds=1) * 10 + 1


def quotes_db(path: Path, dates: list[int], ids: list[int] | None = None) -> Path:
    """A table as sqlite-net writes a class `Quote` (Id, Date as ticks, Price, StatusId)."""
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE "Quote" ("Id" integer primary key autoincrement not null, '
                   '"Date" bigint, "Price" float, "StatusId" bigint)')
        db.executemany('INSERT INTO "Quote" ("Date", "Price", "StatusId") VALUES (?, ?, ?)',
                       [(d, 99.5 + i, (ids or [7] * len(dates))[i])
                        for i, d in enumerate(dates)])
    db.close()
    return path


def test_integers_past_32_bits_are_read_as_bigint_and_small_ones_stay_integer(
        tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    sizes = [3_000_000_000, 12, 9_007_199_254_740_993]
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, size INTEGER, parts INT)")
        db.executemany("INSERT INTO files VALUES (?, ?, ?)",
                       [(i + 1, s, i) for i, s in enumerate(sizes)])
    db.close()
    result = read_source(path, "sqlite", {"source_table": "files"}, {})
    assert not result.rejects
    assert result.table.column("size").to_pylist() == sizes   # exact, not through a double
    assert [str(t) for t in result.table.schema.types] == ["int32", "int64", "int32"]
    assert not result.schema_notes


def test_a_value_past_a_declared_integer_says_so_and_names_the_wider_type(
        tmp_path: Path) -> None:
    """Declared `integer` by the source's `columns:`, a 64-bit value is a reject saying it
    is past the range, not that it is not an integer; the same for a CSV."""
    path = tmp_path / "log.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, size INTEGER)")
        db.executemany("INSERT INTO files VALUES (?, ?)", [(1, 12), (2, 3_000_000_000)])
    db.close()
    (tmp_path / "files.csv").write_text("id,size\n1,12\n2,3000000000\n")
    reasons = "size: 3000000000 is past the range of integer (-2147483648 to 2147483647): " \
        "declare it bigint"
    for read_ in (read_source(path, "sqlite", {"source_table": "files"}, {"size": "integer"}),
                  read_source(tmp_path / "files.csv", None, {}, {"size": "integer"})):
        assert read_.table.column("size").to_pylist() == [12]
        assert [(r.record_no, r.reason) for r in read_.rejects] == [("2", reasons)]


def test_dotnet_ticks_in_a_date_column_are_read_as_timestamps_and_noted(
        tmp_path: Path) -> None:
    path = quotes_db(tmp_path / "quotes.db", [*map(ticks, CLOSES), NO_DATE])
    result = read_source(path, "sqlite", {"source_table": "Quote"}, {})
    assert not result.rejects
    assert result.table.column("date").to_pylist() == [*CLOSES, datetime.datetime(1, 1, 1)]
    assert str(result.table.schema.field("date").type) == "timestamp[us]"
    assert result.table.column("price").to_pylist() == [99.5, 100.5, 101.5, 102.5]
    assert "column Date: every integer is a moment of 1900-2100 in .NET ticks (100 ns since " \
           "0001-01-01, as sqlite-net stores a DateTime): read as timestamps (its name says " \
           "it holds moments), e.g. 636047136000000001 as 2016-07-21 16:00:00; naive, to " \
           "the microsecond; 0 (DateTime.MinValue) as 0001-01-01 00:00:00, as .NET reads " \
           "them; declare `columns: {date: bigint}` to keep the integers" \
           in result.schema_notes


def test_ticks_read_in_batches_are_timestamps_in_every_batch_noted_once(
        tmp_path: Path) -> None:
    path = quotes_db(tmp_path / "quotes.db", [*map(ticks, CLOSES), None])
    batches = list(read_table("sqlite", str(path), "Quote", {}, batch_rows=2))
    assert [b.table.column("date").to_pylist() for b in batches] == [CLOSES[:2],
                                                                     [CLOSES[2], None]]
    assert [str(b.table.schema.field("date").type) for b in batches] == ["timestamp[us]"] * 2
    assert [sum("column Date" in n for n in b.schema_notes) for b in batches] == [1, 0]


def test_ids_in_the_ticks_range_keep_their_integers_noted(tmp_path: Path) -> None:
    """Snowflake ids of 2015 lie where ticks of 2016 do: a name that says nothing of
    time keeps them integers, with a note on how to read them as ticks."""
    path = quotes_db(tmp_path / "quotes.db", [1_469_116_800] * 3, STATUS_IDS)
    result = read_source(path, "sqlite", {"source_table": "Quote"}, {})
    assert result.table.column("status_id").to_pylist() == STATUS_IDS
    assert result.table.column("date").to_pylist() == [1_469_116_800] * 3  # Unix seconds
    assert "column StatusId: every integer lies where .NET ticks of 1900-2100 do " \
           "(636047136123456789 would be 2016-07-21 16:00:12.345678), but the name does not " \
           "say it holds moments: kept as integers; declare `columns: {status_id: " \
           "timestamp}` to read them as ticks" in result.schema_notes
    assert not any("column Date" in n for n in result.schema_notes)


def test_a_date_column_with_a_value_no_tick_reading_allows_keeps_its_integers(
        tmp_path: Path) -> None:
    dates = [ticks(CLOSES[0]), 20160722]
    path = quotes_db(tmp_path / "quotes.db", dates)
    result = read_source(path, "sqlite", {"source_table": "Quote"}, {})
    assert result.table.column("date").to_pylist() == dates
    assert not any("ticks" in n for n in result.schema_notes)


def test_datetime_columns_of_text_reals_or_unix_seconds_read_as_before(tmp_path: Path) -> None:
    """A `DATETIME` column holds what the app put there: ISO text, Julian days, Unix
    seconds: none is ticks, none is touched."""
    path = tmp_path / "visits.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, created DATETIME, "
                   "julian DATETIME, unix DATETIME, hits INTEGER)")
        db.executemany("INSERT INTO visits VALUES (?, ?, ?, ?, ?)", [
            (1, "2016-07-21 16:00:00", 2457591.1666, 1469116800, 3),
            (2, "2016-07-22 16:00:00", 2457592.1666, 1469203200, None)])
    db.close()
    result = read_source(path, "sqlite", {"source_table": "visits"}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "created": "2016-07-21 16:00:00", "julian": 2457591.1666,
         "unix": 1469116800, "hits": 3},
        {"id": 2, "created": "2016-07-22 16:00:00", "julian": 2457592.1666,
         "unix": 1469203200, "hits": None}]
    assert not result.rejects and not result.schema_notes


def test_the_sources_columns_decide_ticks_or_integers(tmp_path: Path) -> None:
    path = quotes_db(tmp_path / "quotes.db", [ticks(c) for c in CLOSES], STATUS_IDS)
    kept = read_source(path, "sqlite", {"source_table": "Quote"}, {"date": "bigint"})
    assert kept.table.column("date").to_pylist() == [ticks(c) for c in CLOSES]
    assert not any("ticks" in n for n in kept.schema_notes if "column StatusId" not in n)
    read_ = read_source(path, "sqlite", {"source_table": "Quote"}, {"status_id": "timestamp"})
    assert read_.table.column("status_id").to_pylist() == [
        datetime.datetime(2016, 7, 21, 16, 0, 12, 345678),
        datetime.datetime(2016, 7, 22, 16, 1, 38, 765432),
        datetime.datetime(2016, 7, 25, 16, 0, 55, 555555)]
    assert any(n.startswith("column StatusId: every integer is a moment") and
               "as the source's `columns:` declare" in n
               for n in read_.schema_notes)


def test_the_ticks_table_loads_into_duckdb_as_timestamps(tmp_path: Path) -> None:
    quotes_db(tmp_path / "quotes.db", [ticks(c) for c in CLOSES])
    with local_or_pg_place("duckdb", tmp_path, "dn_sqlite_ticks") as place:
        job = place.job(tmp_path, "quotes", "replace", path=None, dsn="quotes.db",
                        format="sqlite", source_table="Quote")
        result = load(place.adapter, job, reading)
        assert result.rows == 3
        assert place.rows("quotes", "id, date", "id") == list(enumerate(CLOSES, start=1))
        assert any(n.startswith("column Date: every integer") for n in result.read_notes)
