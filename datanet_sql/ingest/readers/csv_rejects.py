"""DuckDB's rejects of a CSV scan as datanet's: each record numbered as a data record of the
user's file (not DuckDB's UTF-8 copy), with a reason a person reads (`3 fields where the
header has 2`, `quantity: 'abc' is not an integer`)."""

from __future__ import annotations

import csv as pycsv
import io
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.ingest.readers.csv_layout import reader
from datanet_sql.ingest.readers.declared import misfit

if TYPE_CHECKING:
    from datanet_sql.ingest.readers.csv import Scan
    from datanet_sql.ingest.readers.csv_dialect import Dialect


def scans_table(rejects_table: str) -> str:
    return f"{rejects_table}_scans"


def duckdb_rejects(con: Any, scan: Scan) -> list[Any]:
    """DuckDB's rejects (one a record, in file order) with the user's file names (DuckDB
    may have read a UTF-8 copy)."""
    from datanet_sql.ingest.reading import Reject

    error, source = exp.to_table(scan.rejects_table).as_("e"), \
        exp.to_table(scans_table(scan.rejects_table)).as_("s")
    path, line = exp.column("file_path", "s"), exp.column("line", "e")
    query = exp.select(path, line, *[exp.column(c, "e") for c in (
        "column_name", "error_type", "csv_line")]).distinct(path, line).from_(error).join(
        source, using=["scan_id", "file_id"]).order_by(path, line)
    rows = con.sql(query.sql("duckdb")).fetchall()
    dialect, declared, files = scan.dialect, scan.declared, scan.files
    first = dialect.skip + (1 if dialect.header else 0)
    found = []
    for path, line, name, kind, raw in rows:
        raw = raw.strip("\r\n")   # DuckDB keeps the line breaks around a CRLF record
        found.append(Reject(files.get(path, path), str(int(line) - first),
                            _reason(kind, name, _fields(raw, dialect), dialect, declared), raw))
    return found


def _fields(raw: str, dialect: Dialect) -> list[str]:
    """A rejected record split as the file is (a broken quote: split on the delimiter)."""
    try:
        return next(reader(io.StringIO(raw, newline=""), dialect.delimiter, dialect.quote), [])
    except pycsv.Error:
        return raw.split(dialect.delimiter)


def _reason(kind: str, column: str | None, fields: list[str], dialect: Dialect,
            declared: dict[str, tuple[exp.DataType, str]]) -> str:
    width = len(dialect.names)
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        return f"{len(fields)} fields where the header has {width}"
    if kind == "CAST" and column in dialect.names:
        index = dialect.names.index(column)
        value = fields[index] if index < len(fields) else None
        spelled = declared[column][1] if column in declared else \
            dialect.types[index].lower()
        return misfit(column, value, spelled)
    return f"{kind.lower()}" + (f" in column {column}" if column else "")
