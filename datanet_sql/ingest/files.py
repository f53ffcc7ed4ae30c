"""File sources (CSV, Parquet, JSON/NDJSON, globs) as DuckDB table functions.

A file source is exposed to models as an ordinary relation (`raw.orders`): on DuckDB a view
over the table function, elsewhere a table loaded from the file. The compiled SQL therefore
reads the same on every engine.
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import ConfigError, RelationNotFoundError

_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".parquet": "parquet",
               ".pq": "parquet", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson"}
_READERS = {"csv": "read_csv", "parquet": "read_parquet", "json": "read_json",
            "ndjson": "read_json"}


def file_format(path: str, declared: str | None, *, where: str | None = None) -> str:
    """The format of a file source: declared, or from its extension."""
    if declared:
        return declared
    suffix = Path(path.replace("*", "x")).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise ConfigError(f"cannot tell the format of '{path}' from its extension", file=where,
                          hint="add `format: csv|parquet|json|ndjson` to the source table")
    return _EXTENSIONS[suffix]


def resolve_path(root: Path, path: str) -> str:
    """Absolute path (or glob) of a source file, relative paths taken from the project root."""
    candidate = Path(path)
    return str(candidate if candidate.is_absolute() else root / candidate)


def matching_files(pattern: str) -> list[str]:
    """Files a path or glob names, sorted; raises when there are none (a missing source)."""
    files = sorted(glob.glob(pattern, recursive=True)) if any(c in pattern for c in "*?[") \
        else ([pattern] if Path(pattern).exists() else [])
    if not files:
        raise RelationNotFoundError(f"no file matches '{pattern}'",
                                    hint="check the source's `path:`, or whether the export ran")
    return files


def scan(pattern: str, fmt: str, options: dict[str, Any] | None = None) -> exp.Table:
    """A DuckDB table function reading the file(s): `read_csv('data/*.csv', header := true)`."""
    args: list[exp.Expression] = [exp.Literal.string(pattern)]
    opts = dict(options or {})
    if fmt == "ndjson":
        opts.setdefault("format", "newline_delimited")
    if fmt in ("csv", "json", "ndjson"):
        opts.setdefault("union_by_name", True) if "*" in pattern else None
    for key, value in opts.items():
        args.append(exp.PropertyEQ(this=exp.to_identifier(key), expression=_value(value)))
    return exp.Table(this=exp.Anonymous(this=_READERS[fmt], expressions=args))


def _value(value: Any) -> exp.Expression:
    """Reader options as DuckDB literals; a mapping (e.g. `types`) becomes a struct."""
    if isinstance(value, dict):
        return exp.Struct(expressions=[
            exp.PropertyEQ(this=exp.to_identifier(str(k), quoted=True), expression=_value(v))
            for k, v in value.items()])
    return exp.convert(value)


def scan_query(pattern: str, fmt: str, options: dict[str, Any] | None = None) -> exp.Select:
    return exp.select("*").from_(scan(pattern, fmt, options))
