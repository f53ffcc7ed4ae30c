"""Postgres values read as Postgres means them, loaded into DuckDB and into Postgres:
`character(n)` codes without the blanks Postgres pads them with (Postgres compares and casts
them so; a `varchar`'s trailing blanks stay, they are part of its value), and a `time` of
`24:00:00`, the end of a day, kept as such (psycopg refused it, crashing the load, and
Python's `datetime.time` would make it 00:00:00). On a real Postgres source table."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import PG_DSN, Place, pg_source_schema

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_table


@pytest.fixture
def pg_windows() -> Iterator[str]:
    """An ERP replica's table: codes `character(8)` and `character(3)`, a `varchar` note,
    each reading's window `window_start` to `window_end` (a `time`)."""
    with pg_source_schema("dn_src") as (con, schema):
        con.execute(f'create table "{schema}".means (code character(8), site char(3), '
                    "note varchar(8), window_start time, window_end time, mean float8, "
                    "primary key (code, site))")
        con.execute(f'insert into "{schema}".means values '
                    "('bp', 'a', 'x  ', '00:00', '24:00:00', 1.5), "
                    "(' dm', 'b', 'y', '06:00', '12:30:01.25', 2.5), "
                    "('cd', 'ccc', null, null, null, null)")
        yield f"{schema}.means"


def test_padded_codes_are_loaded_as_postgres_compares_them(
        tmp_path: Path, place: Place, pg_windows: str) -> None:
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN, format="postgres",
                    source_table=pg_windows)
    loaded = load(place.adapter, job, reading)
    assert place.rows(table, "code, site, note, cast(window_start as varchar), "
                             "cast(window_end as varchar), mean", "code") == [
        (" dm", "b", "y", "06:00:00", "12:30:01.25", 2.5),   # a leading blank is kept
        ("bp", "a", "x  ", "00:00:00", "24:00:00", 1.5),      # varchar keeps its blanks
        ("cd", "ccc", None, None, None, None)]
    assert place.fetch(f"select mean from {place.schema}.{table} where code = 'bp'") == \
        [(1.5,)]
    assert {f"column {name}: character({size}) read without the blanks Postgres pads it "
            f"with (as Postgres compares it and casts it to text)"
            for name, size in (("code", 8), ("site", 3))} <= set(loaded.read_notes)
    assert not any(n.startswith("column note") for n in loaded.read_notes)


def test_the_day_end_is_loaded_as_such(tmp_path: Path, place: Place, pg_windows: str) -> None:
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN, format="postgres",
                    source_table=pg_windows)
    loaded = load(place.adapter, job, reading)
    assert place.rows(table, "cast(window_start as varchar), cast(window_end as varchar), "
                             "mean", "mean") == [
        ("00:00:00", "24:00:00", 1.5), ("06:00:00", "12:30:01.25", 2.5), (None, None, None)]
    assert place.fetch(f"select mean from {place.schema}.{table} "
                       "where window_end > window_start order by mean") == [(1.5,), (2.5,)]
    assert "column window_end: 1 value(s) '24:00:00' (the end of the day) read as " \
           "24:00:00, after every other time of the day" in loaded.read_notes


def test_the_day_end_sorts_after_every_other_time(pg_windows: str) -> None:
    """The window of the first reading is the whole day: its end after its start."""
    batch, = read_table("postgres", PG_DSN, pg_windows, {})
    assert str(batch.table.schema.field("window_end").type) == "time64[us]"
    ends = batch.table.column("window_end").cast("int64").to_pylist()
    assert ends == [45_001_250_000, 86_400_000_000, None]     # ordered by the key: ' dm' first
    assert not batch.rejects
