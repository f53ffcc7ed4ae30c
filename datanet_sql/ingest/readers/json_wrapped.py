"""A JSON file whose records sit inside a wrapper DuckDB reads as a few rows of nested
columns, which is no table: records in an envelope (`{"data": [...], "meta": {...}}`, an
API's answer, or an array of such pages dumped into one file) and pandas'
`to_json(orient="split")` (`{"columns": [...], "index": [...], "data": [[...], ...]}`).

An envelope is taken only when it is unambiguous: the object (each page) holds exactly one
list of objects, under a key an API uses for its records (`_ENVELOPES`), the same key in
every page, and the page's other values objects or null (meta, links: left out, named in
the note). A scalar beside the list (`{"id": 7, "items": [...]}`) makes the object a
record with a child list, an order and its lines, left as it is. A split table's
rows take its `columns` as names; its index becomes a column `key` (as `json_keyed` names
a row id) unless it is 0..n-1, pandas' default, which carries nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers.json_keyed import key_column

ENVELOPES = ("data", "items", "results", "records", "rows", "entries", "hits", "values",
             "objects", "elements", "content", "list")
_SPLIT = {"columns", "data"}


def wrapped_rows(path: Path) -> tuple[list[dict[str, Any]], str] | None:
    """The records of a file in an envelope or in pandas' split shape, with a note saying
    how they were read; None when the file is neither."""
    with open(path, encoding="utf-8-sig") as handle:
        try:
            whole = json.load(handle)
        except ValueError:   # NDJSON of one object a line: no wrapper around it
            return None
    return _split(whole, path.name) or _enveloped(whole, path.name)


def _split(whole: Any, name: str) -> tuple[list[dict[str, Any]], str] | None:
    """pandas' orient="split": named columns and rows as lists of their length."""
    if not isinstance(whole, dict) or not _SPLIT <= set(whole) <= _SPLIT | {"index"}:
        return None
    columns, data = whole["columns"], whole["data"]
    index = whole.get("index", list(range(len(data))))
    if not (isinstance(columns, list) and columns and isinstance(data, list)
            and all(isinstance(c, str) for c in columns)
            and all(isinstance(r, list) and len(r) == len(columns) for r in data)
            and isinstance(index, list) and len(index) == len(data)):
        return None
    rows = [dict(zip(columns, row)) for row in data]
    note = (f"{name}: pandas' split shape (columns, index, data): read as {len(rows)} rows "
            f"named by its columns")
    if index != list(range(len(data))):
        key = key_column(columns)
        rows = [{key: row_id, **row} for row_id, row in zip(index, rows)]
        note += f", the index in column {key}"
    return rows, note


def _enveloped(whole: Any, name: str) -> tuple[list[dict[str, Any]], str] | None:
    """Records in one envelope key of an object, or of each page of an array of objects."""
    pages = whole if isinstance(whole, list) else [whole]
    if not pages or not all(isinstance(page, dict) for page in pages):
        return None
    keys = {_envelope(page) for page in pages}
    if len(keys) != 1 or None in keys:
        return None
    key = keys.pop()
    rows = [record for page in pages for record in page[key]]
    others = sorted({k for page in pages for k in page if k != key})
    where = f"in each of {len(pages)} pages" if isinstance(whole, list) else "of the object"
    left = f"; left out: {', '.join(others)}" if others else ""
    note = f'{name}: records in an envelope: read the list under "{key}" {where} as ' \
        f"{len(rows)} rows{left}"
    return rows, note


def _envelope(page: dict[str, Any]) -> str | None:
    """The page's one key holding a list of objects, when it is an envelope's name."""
    lists = [k for k, v in page.items()
             if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
    blocks = all(isinstance(v, dict) or v is None for k, v in page.items() if k not in lists)
    return lists[0] if blocks and len(lists) == 1 and lists[0].lower() in ENVELOPES else None
