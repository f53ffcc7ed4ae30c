"""The read of an NDJSON file by a DuckDB warehouse itself (`readers.json.stage`): when it
applies and its one statement.

The statement is a constant with the file and the object size limit bound as parameters
(nothing of the user's is pasted into it); a test checks that it parses to the same tree as
the readers' own sqlglot-built `read_json` call for a file read in one piece.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.encoding import detect_encoding

TABLE = "__dn_batch_json"  # the temporary table of the read (one file at a time)
STATEMENT = (f"CREATE TEMPORARY TABLE {TABLE} AS SELECT * FROM read_json($file, "
             "format := 'newline_delimited', records := TRUE, sample_size := -1, "
             "maximum_object_size := $limit)")
JSON_OBJECT_BYTES = 1 << 26   # the default of a JSON source's `options: {max_object_size:}`
_ENCODING_SAMPLE = 1 << 20  # bytes decoded before DuckDB reads the rest (which checks UTF-8)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30}


def read(con: Any, path: Path, label: str, options: dict[str, Any]) -> None:
    """The file into the temporary table TABLE of `con` (duckdb.Error when DuckDB refuses
    it: a line that is not a JSON object, too large, not UTF-8)."""
    con.execute(STATEMENT, {"file": str(path), "limit": object_limit(options, label)})


def stageable(path: Path, options: dict[str, Any], columns: dict[str, str]) -> bool:
    """Whether the warehouse reads the file itself: `stages_with` the options and columns,
    and a first MB of plain UTF-8."""
    return stages_with(options, columns) and detect_encoding(path, _ENCODING_SAMPLE) == "utf-8"


def stages_with(options: dict[str, Any], columns: dict[str, str]) -> bool:
    """No options but max_object_size, no declared columns (those need the Arrow path)."""
    return not (set(options) - {"max_object_size"} or columns)


def object_limit(options: dict[str, Any], label: str) -> int:
    """`options: {max_object_size:}` in bytes: a number of bytes, or `256MB` (KB, MB, GB;
    `MiB` alike, all 1024-based as DuckDB counts them)."""
    given = options.get("max_object_size", JSON_OBJECT_BYTES)
    if isinstance(given, int) and not isinstance(given, bool) and given > 0:
        return given
    found = _SIZE.fullmatch(str(given).strip()) if isinstance(given, str) else None
    if found is None or float(found[1]) <= 0:
        raise IngestError(f"max_object_size is {given!r}", file=label,
                          hint="give a size such as 256MB (KB, MB, GB) or a number of bytes")
    return int(float(found[1]) * _UNITS[(found[2] or "").lower().replace("i", "")])
