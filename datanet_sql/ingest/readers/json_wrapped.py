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

A GraphQL response saved as JSON is an envelope one level deeper: `{"data": {"horses":
...}}`, beside it only `errors` and `extensions`, `data` holding one field. Its records are
that field's list (`{"data": {"horses": [...]}}`) or, a Relay connection, its `nodes` or
the `node` of each of its `edges` (`{"edges": [{"cursor": ..., "node": {...}}],
"pageInfo": {...}, "totalCount": 50}`); the note names the path and what was left out (the
connection's `pageInfo` and counts, each edge's `cursor`, `extensions`). Pages of such
responses are read as an envelope's pages are. A response with `errors` is refused naming
them: a server that failed on part of a query returns the rest (the rows read would be
missing some in silence); `data` of several fields is no one table and is left as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
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
_GRAPHQL = frozenset({"data", "errors", "extensions"})  # a GraphQL response's keys
_SHOWN_ERRORS = 3  # a response's errors named when it is refused


@dataclass(frozen=True)
class _Found:
    """Where a page holds its records (`what`, for the note and to tell pages of one
    shape), the records, what it holds beside them (left out) and the errors it reports."""

    what: str
    rows: list[dict[str, Any]]
    left: list[str]
    errors: list[str]


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
    return isinstance(page, dict) and _located(page) is not None


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
            if not isinstance(page, dict) or _located(page) is None:
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
    """Records in one envelope key (or one GraphQL path) of an object, or of each page of a
    list of objects (`each` says how the note names the pages); a GraphQL response with
    errors refused."""
    pages = whole if isinstance(whole, list) else [whole]
    if not pages or not all(isinstance(page, dict) for page in pages):
        return None
    found = [_located(page) for page in pages]
    shapes = {f.what if f else None for f in found}
    if len(shapes) != 1 or None in shapes:
        return None
    if errors := [error for f in found if f for error in f.errors]:
        shown = "; ".join(errors[:_SHOWN_ERRORS])
        more = f" and {len(errors) - _SHOWN_ERRORS} more" if len(errors) > _SHOWN_ERRORS else ""
        raise IngestError(f"a GraphQL response reporting {len(errors)} error(s) beside its "
                          f"data: {shown}{more}; its rows may be missing some", file=name,
                          hint="run the query again until it answers without errors, or "
                               "save only its data")
    rows = [record for f in found if f for record in f.rows]
    if not rows:
        return None
    others = sorted({k for f in found if f for k in f.left})
    where = each.format(len(pages)) if isinstance(whole, list) else "of the object"
    left = f"; left out: {', '.join(others)}" if others else ""
    return rows, f"{name}: {shapes.pop()} {where} as {len(rows)} rows{left}"


def _located(page: dict[str, Any]) -> _Found | None:
    """Where the page holds its records: an envelope's list, or a GraphQL response's."""
    if (key := _envelope(page)) is not None:
        return _Found(f'records in an envelope: read the list under "{key}"', page[key],
                      [k for k in page if k != key], [])
    return _graphql(page)


def _graphql(page: dict[str, Any]) -> _Found | None:
    """A GraphQL response's records (see the module docstring): the list of `data`'s one
    field, or that field's connection's nodes."""
    data = page.get("data")
    if "data" not in page or not set(page) <= _GRAPHQL or not isinstance(data, dict | None):
        return None
    reported = page.get("errors") or []
    errors = [_message(error) for error in
              (reported if isinstance(reported, list) else [reported])]
    beside = [k for k in page if k not in ("data", "errors")]
    if not data:
        return _Found("a GraphQL response", [], beside, errors) if errors else None
    if len(data) != 1:
        return None
    field, value = next(iter(data.items()))
    if _objects(value):
        return _Found(f"a GraphQL response: read the list under data.{field}", value,
                      beside, errors)
    if not isinstance(value, dict):
        return None
    where = f"data.{field}"
    others = [f"{where}.{k}" for k in value if k not in ("edges", "nodes")]
    if _objects(value.get("nodes")):
        return _Found(f"a GraphQL response (a connection): read the list under "
                      f"{where}.nodes", value["nodes"], beside + others
                      + ([f"{where}.edges"] if "edges" in value else []), errors)
    edges = value.get("edges")
    if not _objects(edges) or not all(isinstance(edge.get("node"), dict) for edge in edges):
        return None
    cursors = sorted({f"{where}.edges[].{k}" for edge in edges for k in edge if k != "node"})
    return _Found(f"a GraphQL response (a connection): read the nodes under "
                  f"{where}.edges[].node", [edge["node"] for edge in edges],
                  beside + others + cursors, errors)


def _objects(value: Any) -> bool:
    """`value` is a list of objects (empty on a last page)."""
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _message(error: Any) -> str:
    """A GraphQL error as its message and path (`Cannot return null ... at horses.3`)."""
    if not isinstance(error, dict):
        return json.dumps(error)
    path = error.get("path")
    at = f" (at {'.'.join(str(p) for p in path)})" if isinstance(path, list) and path else ""
    return f"{error.get('message', json.dumps(error))!s}{at}"


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
