"""Which format a source file is in: the one its `format:` names, else its extension's."""

from __future__ import annotations

from pathlib import Path

from datanet_sql.errors import IngestError

FILE_FORMATS = ("csv", "tsv", "parquet", "json", "ndjson", "xlsx", "sqlite")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv", ".parquet": "parquet",
               ".pq": "parquet", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
               ".xlsx": "xlsx", ".xlsm": "xlsx", ".db": "sqlite", ".sqlite": "sqlite",
               ".sqlite3": "sqlite"}


def source_format(path: Path, fmt: str | None) -> str:
    """The format named, or the one the extension says (a glob's extension counts)."""
    if fmt:
        name = fmt.lower()
        if name in FILE_FORMATS or name == "postgres":
            return name
        raise IngestError(f"unknown source format '{fmt}'", file=path,
                          hint=f"use one of {', '.join(FILE_FORMATS)} or postgres")
    suffix = Path(str(path).rstrip("*")).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise IngestError("cannot tell the format from the file name", file=path,
                      hint="set `format:` on the source (csv, tsv, parquet, json, ndjson, "
                           "xlsx, sqlite)")
