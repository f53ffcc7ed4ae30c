"""File sources (CSV, Parquet, JSON/NDJSON, globs) as relations the compiler can describe.

A file source is exposed to models as an ordinary relation (`raw.orders`): on DuckDB a view
over the file, elsewhere a table loaded from it, so the compiled SQL reads the same on every
engine. Formats, globs and the portable reader options live in `datanet_sql.adapters.files`;
this module only adds what the compiler needs on top (paths relative to the project, seed
column types).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.files import detect_format, duckdb_reader, expand, source_options
from datanet_sql.ingest.readers import parquet

__all__ = ["detect_format", "expand", "resolve_path", "scan", "scan_query", "source_options"]


def resolve_path(root: Path, path: str) -> str:
    """Absolute path (or glob) of a source file, relative paths taken from the project root;
    normalised (`landing/../x.csv` is `x.csv`), so a file has one spelling, the one the
    ledger's names are located to (`file_names.located`)."""
    candidate = Path(path)
    return os.path.normpath(candidate if candidate.is_absolute() else root / candidate)


def scan(pattern: str, fmt: str, options: dict[str, Any] | None = None,
         types: dict[str, str] | None = None, paths: Sequence[str] | None = None) -> exp.Table:
    """The DuckDB table function reading the file(s); `types` pins CSV column types (seeds);
    `paths`, when given, are the files read instead of DuckDB's glob of `pattern` (the
    files a source chooses, `in_place.Chosen.duckdb_paths`)."""
    reader = duckdb_reader(pattern, fmt, options, paths)
    if types and fmt == "csv":
        reader.append("expressions", exp.PropertyEQ(
            this=exp.to_identifier("types"),
            expression=exp.Struct(expressions=[
                exp.PropertyEQ(this=exp.to_identifier(name, quoted=True),
                               expression=exp.Literal.string(sql_type))
                for name, sql_type in types.items()])))
    if "*" in pattern or paths is not None and len(paths) > 1:  # columns some files lack
        reader.append("expressions", exp.PropertyEQ(this=exp.to_identifier("union_by_name"),
                                                    expression=exp.true()))
    return exp.Table(this=reader)


def scan_query(pattern: str, fmt: str, options: dict[str, Any] | None = None,
               types: dict[str, str] | None = None,
               paths: Sequence[str] | None = None) -> exp.Select:
    """The query a source read in place is a view of (and compiles from): Parquet as the
    loader reads it (`parquet.in_place`: Hive folders, text stored as binary), other
    formats their `scan`; over `paths` when given (see `scan`)."""
    if fmt == "parquet":
        return parquet.in_place(pattern, paths)
    return exp.select("*").from_(scan(pattern, fmt, options, types, paths))
