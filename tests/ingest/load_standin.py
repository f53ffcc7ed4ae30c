"""A small stand-in for datanet_sql.ingest.reading (written by another area) for the load
tests: DuckDB's own readers into Arrow, declared types applied with TRY_CAST, a value that
does not fit is a reject. Swap for the real module once it has landed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow


@dataclass
class Reject:
    file: str
    record_no: str
    reason: str
    raw: str


@dataclass
class ReadResult:
    table: pyarrow.Table
    rejects: list[Reject] = field(default_factory=list)
    children: dict[str, pyarrow.Table] = field(default_factory=dict)
    schema_notes: list[str] = field(default_factory=list)


def read_source(path: Path, fmt: str | None, options: dict[str, Any], columns: dict[str, str],
                on_bad_row: str = "reject", parent_key: list[str] | None = None) -> ReadResult:
    con = duckdb.connect()
    fmt = fmt or path.suffix.lstrip(".")
    reader = "read_json_auto" if fmt in ("json", "ndjson") else "read_csv_auto"
    con.execute(f"create table raw as select row_number() over () as __no, * from "
                f"{reader}(?, all_varchar = true)" if reader == "read_csv_auto" else
                f"create table raw as select row_number() over () as __no, * from {reader}(?)",
                [str(path)])
    names = [r[0] for r in con.execute("describe raw").fetchall() if r[0] != "__no"]
    fits = " and ".join(f'(try_cast("{c}" as {t}) is not null or "{c}" is null)'
                        for c, t in columns.items()) or "true"
    select = ", ".join(f'cast("{c}" as {columns[c]}) as "{c}"' if c in columns else
                       (f'"{c}"' if reader != "read_csv_auto" else f'try_cast("{c}" as bigint) '
                        f'as "{c}"' if _all_int(con, c) else f'"{c}"') for c in names)
    table = con.execute(f"select {select} from raw where {fits} order by __no").to_arrow_table()
    bad = con.execute(f"select __no, to_json(raw) from raw where not ({fits})").fetchall()
    rejects = [] if on_bad_row == "skip" else \
        [Reject(str(path), str(no), "a value does not fit its declared type", raw)
         for no, raw in bad]
    return ReadResult(table, rejects)


def _all_int(con: Any, column: str) -> bool:
    return con.execute(f'select count(*) = count(try_cast("{column}" as bigint)) from raw '
                       f'where "{column}" is not null').fetchone()[0]


def read_table(fmt: str, location: str, source_table: str, columns: dict[str, str],
               cursor: str | None = None, after: Any = None, batch_rows: int = 100_000
               ) -> Iterator[ReadResult]:
    """A DuckDB database file stands in for a database table."""
    con = duckdb.connect(location, read_only=True)
    where = f'where "{cursor}" >= ?' if cursor and after is not None else ""
    query = f'select * from "{source_table}" {where}' + (f' order by "{cursor}"' if cursor else "")
    reader = con.execute(query, [after] if where else []).to_arrow_reader(batch_rows)
    for batch in reader:
        yield ReadResult(pyarrow.Table.from_batches([batch]))
    con.close()

