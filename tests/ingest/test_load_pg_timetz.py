"""A Postgres `time with time zone` (`timetz`) read as text as Postgres writes it, its
`24:00:00+00` (the end of a day) included: psycopg refused that value and the read crashed
(`can't parse timetz`), and its other values came as times whose offset Arrow dropped
(`09:00:00+02` loaded as 09:00:00). Near miss: a `time` of 24:00:00 stays a time. On a real
Postgres source table, loaded into DuckDB and into Postgres."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import PG_DSN, Place, pg_source_schema

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_table

NOTE = ("column {}: time with time zone read as text as Postgres writes it (09:00:00+02, "
        "24:00:00+00): Arrow holds no time with an offset; cast({} as timetz) to compare them")


@pytest.fixture
def pg_shifts() -> Iterator[str]:
    """A rota's shifts: each ends at a `timetz` (24:00:00+00, the end of a day, among them)
    and opens at a `time`."""
    with pg_source_schema("dbedges_src") as (con, schema):
        con.execute(f'create table "{schema}".shifts (id int primary key, opens time, '
                    "ends timetz)")
        con.execute(f'insert into "{schema}".shifts values '
                    "(1, '24:00:00', '24:00:00+00'), (2, '06:00', '09:00:00+02'), "
                    "(3, '00:00', '00:30:00.25-05:30'), (4, null, null)")
        yield f"{schema}.shifts"


def test_timetz_is_read_as_postgres_writes_it(pg_shifts: str) -> None:
    batch, = read_table("postgres", PG_DSN, pg_shifts, {})
    assert {f.name: str(f.type) for f in batch.table.schema} == {
        "id": "int32", "opens": "time64[us]", "ends": "string"}
    assert batch.table.column("ends").to_pylist() == [
        "24:00:00+00", "09:00:00+02", "00:30:00.25-05:30", None]
    assert batch.table.column("opens").cast("int64").to_pylist() == [
        86_400_000_000, 21_600_000_000, 0, None]       # the near miss: time stays time
    assert NOTE.format("ends", "ends") in batch.schema_notes
    assert not any(n.startswith("column opens: time with") for n in batch.schema_notes)


def test_timetz_loads_as_text_that_reads_back_as_timetz(
        tmp_path: Path, place: Place, pg_shifts: str) -> None:
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN, format="postgres",
                    source_table=pg_shifts)
    loaded = load(place.adapter, job, reading)
    assert NOTE.format("ends", "ends") in loaded.read_notes
    assert place.rows(table, "id, ends, cast(opens as varchar)", "id") == [
        (1, "24:00:00+00", "24:00:00"), (2, "09:00:00+02", "06:00:00"),
        (3, "00:30:00.25-05:30", "00:00:00"), (4, None, None)]
    # cast back, each is the moment it was: 09:00+02 is 07:00 UTC, before 24:00+00
    assert place.fetch(f"select id from {place.schema}.{table} where cast(ends as timetz) "
                       "< cast('24:00:00+00' as timetz) order by id") == [(2,), (3,)]
