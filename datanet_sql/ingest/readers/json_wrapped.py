"""A JSON file whose records sit inside a wrapper DuckDB reads as a few rows of nested
columns, which is no table: records in an envelope (`{"data": [...], "meta": {...}}`, an
API's answer, or such pages dumped into one file: as an array, or as NDJSON, one page a
line) and pandas' `to_json(orient="split")` (`{"columns": [...], "index": [...],
"data": [[...], ...]}`).

An envelope is taken only when it is unambiguous: the object (each page) holds exactly one
list of objects, under a key an API uses for its records (`_ENVELOPES`), the same key in
every page, and the page's other values page metadata: objects or null (meta, links), or
scalars under a paging name beside a cursor (`{"count": 40, "next": "?page=3",
"previous": null, "results": [...]}`); left out, named in the note. Another scalar beside
the list (`{"id": 7, "items": [...]}`, or a `count` with no cursor) makes the object a
record with a child list, an order and its lines, left as it is. A split table's
rows take its `columns` as names; its index becomes a column `key` (as `json_keyed` names
a row id) unless it is 0..n-1, pandas' default, which carries nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers.json_keyed import key_column
from datanet_sql.ingest.readers.names import snake_case

ENVELOPES = ("data", "items", "results", "records", "rows", "entries", "hits", "values",
             "objects", "elements", "content", "list")
_SPLIT = {"columns", "data"}
# scalars a page holds beside its records (snake_cased): a cursor to the next or previous
# page, and counts, taken only beside a cursor (an order's `count` is a field of its own)
_CURSORS = frozenset({"next", "previous", "prev", "cursor", "next_cursor", "next_page",
                      "next_page_token", "next_url", "has_more", "continuation_token",
                      "scroll_id"})
_COUNTS = frozenset({"count", "total", "total_count", "page", "per_page", "page_size",
                     "offset", "limit", "total_pages"})


def wrapped_rows(path: Path) -> tuple[list[dict[str, Any]], str] | None:
    """The records of a file in an envelope or in pandas' split shape, with a note saying
    how they were read; None when the file is neither."""
    with open(path, encoding="utf-8-sig") as handle:
        try:
            whole = json.load(handle)
        except ValueError:   # NDJSON of one object a line: maybe pages, one a line
            return _paged_lines(path)
    return _split(whole, path.name) or _enveloped(whole, path.name)


def starts_with_page(path: Path) -> bool:
    """The file's first line (past blank ones) is one page in an envelope: NDJSON of an
    API's pages, which `wrapped_rows` reads (a warehouse does not read it itself)."""
    with open(path, encoding="utf-8-sig") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        page = json.loads(first)
    except ValueError:
        return False
    return isinstance(page, dict) and _envelope(page) is not None


def _paged_lines(path: Path) -> tuple[list[dict[str, Any]], str] | None:
    """The records of NDJSON whose every line is a page in an envelope (`_enveloped`);
    None at the first line that is not (plain records, one a line)."""
    pages = []
    with open(path, encoding="utf-8-sig") as handle:
        for text in handle:
            if not text.strip():
                continue
            try:
                page = json.loads(text)
            except ValueError:
                return None
            if not isinstance(page, dict) or _envelope(page) is None:
                return None
            pages.append(page)
    return _enveloped(pages, path.name, "in each of {} pages (one a line)")


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


def _enveloped(whole: Any, name: str, each: str = "in each of {} pages"
               ) -> tuple[list[dict[str, Any]], str] | None:
    """Records in one envelope key of an object, or of each page of a list of objects
    (`each` says how the note names the pages)."""
    pages = whole if isinstance(whole, list) else [whole]
    if not pages or not all(isinstance(page, dict) for page in pages):
        return None
    keys = {_envelope(page) for page in pages}
    if len(keys) != 1 or None in keys:
        return None
    key = keys.pop()
    rows = [record for page in pages for record in page[key]]
    if not rows:
        return None
    others = sorted({k for page in pages for k in page if k != key})
    where = each.format(len(pages)) if isinstance(whole, list) else "of the object"
    left = f"; left out: {', '.join(others)}" if others else ""
    note = f'{name}: records in an envelope: read the list under "{key}" {where} as ' \
        f"{len(rows)} rows{left}"
    return rows, note


def _envelope(page: dict[str, Any]) -> str | None:
    """The page's one key holding a list of objects, when it is an envelope's name."""
    lists = [k for k, v in page.items()
             if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
    if not lists:   # the last page, its list empty
        lists = [k for k, v in page.items() if v == [] and k.lower() in ENVELOPES]
    blocks = all(isinstance(v, dict) or v is None or _paging(k, page)
                 for k, v in page.items() if k not in lists)
    return lists[0] if blocks and len(lists) == 1 and lists[0].lower() in ENVELOPES else None


def _paging(key: str, page: dict[str, Any]) -> bool:
    """`key` of `page` is a paging scalar: a cursor, or a count beside a cursor."""
    named = snake_case(key)
    return not isinstance(page[key], (dict, list)) and (named in _CURSORS or named in _COUNTS
                                                        and any(snake_case(k) in _CURSORS
                                                                for k in page))
