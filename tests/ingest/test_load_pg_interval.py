"""A Postgres `interval` read as the interval it is, months, days and time kept apart
(`readers.pg_interval`): psycopg loads an interval as Python's timedelta, so a loan's term
`6 years` reached DuckDB as `52560:00:00` (2190 days as hours) and `1 day 02:00:00` as
`26:00:00`, silently. Every shape (years and months, days, time, parts of either sign,
microseconds, NULL) loads as the same interval into DuckDB and Postgres (on Spark, durations
kept and months refused: `test_load_spark.py`). Near misses: `time`, `timestamptz`, `date`, `numeric` columns, and
a SQLite text column of duration text, stay as they were. On real Postgres source tables."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import psycopg
import pyarrow as pa
import pytest
from ingest_helpers import PG_DSN, Place, local_or_pg_place, pg_source_schema

from datanet_sql.adapters import intervals
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.readers import pg_interval, pg_values
from datanet_sql.ingest.reading import read_table

NOTE = ("column {}: Postgres interval read as an interval of months, days and time kept "
        "apart, as Postgres keeps them (6 years stays 6 years, never 2190 days; 1 day stays "
        "1 day, never 24:00:00)")
SECOND = 1_000_000_000  # nanoseconds
# every shape of a term, as inserted, and as DuckDB then prints the same interval
TERMS = [("6 years", "6 years"), ("1 year 2 mons", "1 year 2 months"),
         ("1 day", "1 day"), ("1 day 02:00:00", "1 day 02:00:00"),
         ("-1 years -2 mons +3 days -04:05:06.789", "-1 year -2 months 3 days -04:05:06.789"),
         ("52560:00:00", "52560:00:00"), ("-00:00:00.000001", "-00:00:00.000001"),
         ("0", "00:00:00"), (None, None)]


@pytest.fixture(params=["duckdb", "postgres"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Place]:
    """A DuckDB file in the test's folder, or a Postgres schema `pginterval_load_<hex>`."""
    with local_or_pg_place(request.param, tmp_path, "pginterval_load") as where:
        yield where


@pytest.fixture
def loans() -> Iterator[str]:
    """A servicer's loans: `term` an interval of each shape, beside a `time`, a
    `timestamptz`, a `date` and a `numeric` (the near misses)."""
    with pg_source_schema("pginterval_src") as (con, schema):
        con.execute(f'create table "{schema}".loans (id int primary key, term interval, '
                    "due time, booked timestamptz, opened date, rate numeric)")
        with con.cursor() as cursor:
            cursor.executemany(
                f'insert into "{schema}".loans values (%s, %s::interval, %s, %s, %s, %s)',
                [(i, term, "09:30:00", "2026-03-04 05:06:07+00", "2026-03-04", "13.62")
                 for i, (term, _) in enumerate(TERMS, 1)])
        yield f"{schema}.loans"


@pytest.mark.parametrize(("text", "parts"), [
    ("6 years", (72, 0, 0)), ("1 year", (12, 0, 0)), ("1 mon", (1, 0, 0)),
    ("-1 years -2 mons +3 days -04:05:06.789", (-14, 3, -14706789 * SECOND // 1000)),
    ("1 day", (0, 1, 0)), ("-1 days", (0, -1, 0)), ("00:00:00", (0, 0, 0)),
    ("52560:00:00", (0, 0, 52560 * 3600 * SECOND)), ("-00:00:00.000001", (0, 0, -1000)),
    ("2 mons 00:00:00.5", (2, 0, SECOND // 2))])
def test_every_shape_postgres_writes_is_parsed_into_its_three_counts(
        text: str, parts: tuple[int, int, int]) -> None:
    assert pg_interval.parsed(text) == parts


@pytest.mark.parametrize("text", ["", "P1Y", "1 year ago", "1-2", "6 years 2 weeks", "1:2:3"])
def test_text_of_another_style_is_refused_never_guessed(text: str) -> None:
    with pytest.raises(IngestError, match="not as IntervalStyle postgres spells one") as refused:
        pg_interval.parsed(text)
    assert "casts the interval column to text" in refused.value.render()


def test_infinite_intervals_are_null_with_a_note() -> None:
    """Postgres 17's `infinity` and `-infinity` (this server is older: the values as its
    loader gives them)."""
    assert pg_interval.parsed("-infinity") == pg_values.Unheld("-infinity")
    values, notes = pg_values.held("term", [pg_values.Unheld("infinity"), (72, 0, 0),
                                            pg_values.Unheld("-infinity"), None],
                                   pg_interval.arrow_type())
    assert values == [None, (72, 0, 0), None, None]
    assert notes == [("column term: 2 value(s) 'infinity' or '-infinity' read as NULL (no "
                      "warehouse's interval holds them)")]


def test_intervals_are_read_as_months_days_and_time(loans: str) -> None:
    batch, = read_table("postgres", PG_DSN, loans, {})
    assert {f.name: str(f.type) for f in batch.table.schema if f.name != "rate"} == {
        "id": "int32", "term": "month_day_nano_interval", "due": "time64[us]",
        "booked": str(batch.table.schema.field("booked").type), "opened": "date32[day]"}
    assert [None if v is None else tuple(v) for v in batch.table.column("term").to_pylist()] \
        == [(72, 0, 0), (14, 0, 0), (0, 1, 0), (0, 1, 7200 * SECOND),
            (-14, 3, -14706789 * SECOND // 1000), (0, 0, 52560 * 3600 * SECOND),
            (0, 0, -1000), (0, 0, 0), None]
    row = batch.table.slice(0, 1).select(["due", "booked", "opened", "rate"]).to_pylist()[0]
    assert row == {"due": dt.time(9, 30), "opened": dt.date(2026, 3, 4),
                   "booked": dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc),
                   "rate": Decimal("13.62")}     # the near misses, as before
    assert [n for n in batch.schema_notes if "interval" in n] == [NOTE.format("term")]


@pytest.mark.parametrize("style", ["sql_standard", "iso_8601", "postgres_verbose"])
def test_intervals_are_read_whatever_the_server_writes_them_in(loans: str, style: str) -> None:
    """A database set to another IntervalStyle (`ALTER DATABASE ... SET`, here the
    connection's options): the session's is set back to postgres (`pg_locale`)."""
    dsn = f"{PG_DSN}?options={quote(f'-c IntervalStyle={style}')}"
    batch, = read_table("postgres", dsn, loans, {})
    assert batch.table.column("term").to_pylist()[:2] == [(72, 0, 0), (14, 0, 0)]


def test_a_table_without_intervals_is_read_as_before(loans: str) -> None:
    """Near miss: the same table with the term as a number of years is unnoted."""
    schema = loans.split(".")[0]
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'create table "{schema}".plain (id int primary key, years numeric, '
                    "due time)")
        con.execute(f'insert into "{schema}".plain values (1, 6, \'09:30\')')
    batch, = read_table("postgres", PG_DSN, f"{schema}.plain", {})
    assert batch.table.to_pylist() == [{"id": 1, "years": Decimal(6), "due": dt.time(9, 30)}]
    assert not any("interval" in n for n in batch.schema_notes)


def test_intervals_load_as_the_same_intervals(tmp_path: Path, place: Place, loans: str) -> None:
    """Into DuckDB and Postgres alike, replaced twice as lu1's loans are (five terms
    extended by five years between the runs), each the source's interval exactly."""
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN, format="postgres",
                    source_table=loans)
    assert NOTE.format("term") in load(place.adapter, job, reading).read_notes
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f"update {loans} set term = term + interval '5 years' where id in (1, 3)")
        source = con.execute(f"select id, term from {loans} order by id").fetchall()
    load(place.adapter, job, reading)
    types = {c.name: c.type.lower() for c in place.adapter.list_columns(job.relation)}
    assert (types["term"], types["due"][:4], types["opened"]) == ("interval", "time", "date")
    if place.adapter.dialect == "duckdb":
        assert place.rows(table, "id, cast(term as varchar)", "id") == [
            (1, "11 years"), (2, "1 year 2 months"), (3, "5 years 1 day"),
            *[(i, shown) for i, (_, shown) in enumerate(TERMS[3:], 4)]]
    else:   # Postgres: equal to the source's, part by part (justify_* would hide a month)
        parts = "id, extract(month from term), extract(day from term), extract(epoch from " \
                "term - date_trunc('day', term))"
        assert place.rows(table, parts, "id") == [
            tuple(r) for r in psycopg.connect(PG_DSN).execute(
                f"select {parts} from {loans} order by id").fetchall()]
        assert place.rows(table, "id, term", "id") == source


def test_a_merge_keeps_months_apart(tmp_path: Path, place: Place, loans: str) -> None:
    """Merged by key on the warehouse, a month stays a month (never 30 days)."""
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "merge", path=None, dsn=PG_DSN, format="postgres",
                    source_table=loans, primary_key=["id"])
    load(place.adapter, job, reading)
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f"update {loans} set term = interval '1 mon' where id = 2")
    load(place.adapter, job, reading)
    months = "id, extract(year from term) * 12 + extract(month from term), " \
        "extract(day from term)"
    assert [tuple(int(x) for x in r) for r in place.rows(table, months, "id")[:4]] == [
        (1, 72, 0), (2, 1, 0), (3, 0, 1), (4, 0, 1)]
    assert place.fetch(f"select count(*) from {place.schema}.{table} "
                       f"where term = interval '1 month' and id = 2") == [(1,)]


def test_interval_texts_read_back_exactly_under_any_interval_style() -> None:
    """The text the Postgres target's COPY takes: every part signed, so sql_standard (whose
    leading `-` would carry over to unsigned parts) reads it as the same interval."""
    values = [(72, 0, 0), (-14, 3, -14706789 * SECOND // 1000), (0, 0, -1000),
              (0, -3, 52560 * 3600 * SECOND + 999), None]
    texts = intervals.texts(pa.array(values, pa.month_day_nano_interval()))
    assert texts[:3] == ["+72 mons +0 days +00:00:00.000000",
                         "-14 mons +3 days -04:05:06.789000",
                         "+0 mons +0 days -00:00:00.000001"]
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        for style in ("sql_standard", "postgres", "iso_8601"):
            con.execute(f"set IntervalStyle = {style}")
            read = con.execute(
                "select extract(month from t::interval) + 12 * extract(year from t::interval), "
                "extract(day from t::interval), "
                "extract(epoch from t::interval - date_trunc('day', t::interval)) * 1000000 "
                "from unnest(%s::text[]) as t", (texts[:4],)).fetchall()
            assert [tuple(int(x) for x in r) for r in read] == [
                (72, 0, 0), (-14, 3, -14706789000), (0, 0, -1), (0, -3, 52560 * 3600 * 10**6)]
    assert texts[4] is None


def test_duration_text_in_sqlite_stays_text(tmp_path: Path, place: Place) -> None:
    """Near miss: SQLite has no interval; a text column of durations as an app wrote them
    (`6 years`, `52560:00:00`) is loaded as that text, unnoted."""
    database = tmp_path / "loans.sqlite"
    with sqlite3.connect(database) as con:
        con.execute("create table loans (id integer primary key, term text)")
        con.executemany("insert into loans values (?, ?)",
                        [(1, "6 years"), (2, "52560:00:00"), (3, "1 day 02:00:00"),
                         (4, None), (5, "")])
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "replace", path=None, dsn=str(database), format="sqlite",
                    source_table="loans")
    loaded = load(place.adapter, job, reading)
    assert place.rows(table, "id, term", "id") == [
        (1, "6 years"), (2, "52560:00:00"), (3, "1 day 02:00:00"), (4, None), (5, "")]
    assert not any("interval" in n for n in loaded.read_notes)
