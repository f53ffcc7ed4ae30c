"""A Postgres `real` (float4) read as Postgres writes it: 4.86, never the float4's bits
widened to a double (4.860000133514404), noted; a `double precision` column as it was,
unnoted. On a real Postgres source table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ingest_helpers import PG_DSN, pg_source_schema

from datanet_sql.ingest.reading import read_table


@pytest.fixture
def pg_log() -> Iterator[str]:
    """A borehole log: `kohms` a `real`, `depth` a `double precision`."""
    with pg_source_schema("floats39_src") as (con, schema):
        con.execute(f'create table "{schema}".samples (id integer primary key, kohms real, '
                    "depth double precision)")
        con.execute(f'insert into "{schema}".samples values (1, 4.86, 0.1), '
                    "(2, 51.3, 2.675), (3, null, null), (4, 'NaN', 1e300)")
        yield f"{schema}.samples"


def test_a_real_is_read_as_postgres_writes_it(pg_log: str) -> None:
    batch, = read_table("postgres", PG_DSN, pg_log, {})
    assert str(batch.table.schema.field("kohms").type) == "double"
    kohms = batch.table.column("kohms").to_pylist()
    assert kohms[:3] == [4.86, 51.3, None] and kohms[3] != kohms[3]   # NaN kept
    assert "column kohms: Postgres real (float4) read as DOUBLE holding each value as " \
           "Postgres writes it (4.86, not the float4's bits widened: 4.860000133514404)" \
           in batch.schema_notes


def test_a_double_is_read_as_it_was_unnoted(pg_log: str) -> None:
    batch, = read_table("postgres", PG_DSN, pg_log, {})
    assert batch.table.column("depth").to_pylist() == [0.1, 2.675, None, 1e300]
    assert not any("column depth" in n for n in batch.schema_notes)
