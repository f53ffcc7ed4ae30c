"""A batch of Arrow rows made readable by SQL inside the load's transaction, per engine.

DuckDB reads the Arrow table in place (registered as a view). Postgres receives it with
COPY into a temporary table created in the same transaction, so a rollback (or a killed
session) leaves nothing behind. Spark reads it as a temporary view of a DataFrame.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.adapters.files import create_from_arrow
from datanet_sql.errors import ConfigError

ENGINES = ("duckdb", "postgres", "spark")


def check_engine(adapter: Adapter, name: str, mode: str) -> None:
    """Engines that can load; Spark's Parquet tables cannot delete rows, so only `append`."""
    if adapter.dialect not in ENGINES:
        raise ConfigError(f"loading source table '{name}' into {adapter.dialect} is not "
                          f"supported yet", hint="ingest into a DuckDB or Postgres target")
    if adapter.dialect == "spark" and mode != "append":
        raise ConfigError(f"source table '{name}': load mode {mode} on Spark is not supported "
                          f"yet (Parquet tables cannot delete rows)",
                          hint="use load: {mode: append} on Spark, or a DuckDB/Postgres target")


@contextmanager
def staged(adapter: Adapter, name: str, table: Any) -> Iterator[None]:
    """`table` readable as the relation `name` while the block runs (in a transaction)."""
    if adapter.dialect == "duckdb":
        con = adapter.connection  # type: ignore[attr-defined]
        con.register(name, table)
        try:
            yield
        finally:
            con.unregister(name)
        return
    if adapter.dialect == "spark":
        from datanet_sql.adapters.spark import _spark_safe

        session = adapter.session  # type: ignore[attr-defined]
        session.createDataFrame(_spark_safe(table)).createOrReplaceTempView(name)
        try:
            yield
        finally:
            session.catalog.dropTempView(name)
        return
    temp = Relation(name, "pg_temp")
    adapter.execute(create_from_arrow(temp, table.schema))
    adapter._copy(adapter.connection, temp, table.schema,  # type: ignore[attr-defined]
                  table.to_batches())
    yield
    adapter.execute(adapter.drop(temp))
