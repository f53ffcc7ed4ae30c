"""Write mock tables: into a warehouse through an adapter (or a raw DuckDB connection), or as
Parquet/CSV files for tools that read files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlglot import exp


def write_mock(tables: dict[str, pa.Table], target: Any, schema: str | None = None,
               relations: dict[str, tuple[str | None, str]] | None = None) -> list[str]:
    """Create (or replace) one table per mock; returns the relations written.

    `target` is a datanet adapter exposing `.connection` (DuckDB) or a duckdb connection. By
    default `raw.orders` goes to `<schema>.orders`, or to `raw.orders` without a schema, so
    `source('raw', 'orders')` resolves; `relations` maps `source.table` -> (schema, name) for
    sources whose warehouse relation is named otherwise.
    """
    con = getattr(target, "connection", target)
    written = []
    for name, table in tables.items():
        source, _, table_name = name.rpartition(".")
        db = schema or source or None
        if relations and name in relations:
            db, table_name = relations[name]
        if db:
            con.execute(exp.Create(this=exp.Table(this=exp.to_identifier(db, quoted=True)),
                                   kind="SCHEMA", exists=True).sql(dialect="duckdb"))
        relation = exp.table_(table_name, db=db, quoted=True)
        view = f"__datanet_mock_{abs(hash(name)) % 10**8}"
        con.register(view, table)
        try:
            query = exp.select("*").from_(exp.to_identifier(view, quoted=True))
            create = exp.Create(this=relation, kind="TABLE", expression=query, replace=True)
            con.execute(create.sql(dialect="duckdb"))
        finally:
            con.unregister(view)
        written.append(relation.sql(dialect="duckdb"))
    return written


def write_files(tables: dict[str, pa.Table], out_dir: str | Path,
                format: str = "parquet") -> list[Path]:  # noqa: A002 - the CLI's option name
    """One file per table, `<out_dir>/<source>.<table>.<parquet|csv>`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = out / f"{name}.{format}"
        if format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, path)
        elif format == "csv":
            import pyarrow.csv as pcsv

            pcsv.write_csv(table, path)
        else:
            from datanet_sql.errors import ConfigError

            raise ConfigError(f"unknown mock file format '{format}'", hint="use parquet or csv")
        paths.append(path)
    return paths
