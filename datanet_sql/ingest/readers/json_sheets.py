"""A Google Sheets API `values` response saved as JSON: `spreadsheets.values.get`'s
`{"range": "Sheet1!A1:K318", "majorDimension": "ROWS", "values": [[...], ...]}`, or
`values.batchGet`'s `{"spreadsheetId": ..., "valueRanges": [{...}]}` of one range.

DuckDB reads it as one row (`range`, `major_dimension` and a list of lists): silently no
table. `values` is the sheet's grid, a row a list (a column a list when `majorDimension`
is `COLUMNS`), each cell as the sheet shows it (a string, unless fetched unformatted); the
API leaves out each row's trailing empty cells and the empty rows after the last, so a
short row is padded with empty cells (NULL), noted with the count. The grid is the same
strings the sheet's own CSV download holds, and is read as that CSV (`json_grid`): the
header, title rows and every column's type are the CSV reader's to tell.

Cells fetched with `valueRenderOption: UNFORMATTED_VALUE` are numbers and booleans where
the sheet has them, and a date is then a serial number of days since 1899-12-30 (unless
`dateTimeRenderOption: FORMATTED_STRING`): a number cell is read as a number and the note
says so. A `batchGet` of several ranges is several tables: refused naming them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_grid import Grid
from datanet_sql.ingest.readers.json_sql import described

_KEYS = frozenset({"range", "majorDimension", "values"})   # a values response's keys
_BATCH = frozenset({"spreadsheetId", "valueRanges"})        # a batchGet response's keys


def looks_sheets(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) has a values response's keys only (`range`
    and `majorDimension` at least), or a batchGet response's."""
    found = set(described(con, table))
    return {"range", "majorDimension"} <= found <= _KEYS or found == _BATCH


def grid_of(con: Any, table: str, path: Path, name: str) -> Grid | None:
    """The grid of a Sheets values response (see the module docstring), its UTF-8 text at
    `path`, with its short rows padded; None when the file is not one after all. `name`:
    the file as messages name it."""
    if not looks_sheets(con, table):
        return None
    with open(path, encoding="utf-8-sig") as handle:
        try:
            whole = json.load(handle)
        except ValueError:
            return None
    response = _one_range(whole, name)
    if response is None:
        return None
    values = response.get("values", [])
    if not isinstance(values, list) or not all(
            isinstance(row, list) and all(isinstance(cell, str | int | float | bool)
                                          for cell in row) for row in values):
        return None
    rows, short = _padded(values)
    lines = "row"
    if response.get("majorDimension") == "COLUMNS":
        rows, lines = [list(row) for row in zip(*rows, strict=True)], "column"
    what = f"{name}: a Google Sheets API values response (range {response.get('range')})"
    if not rows:
        return Grid([], f"{what}: no values (an empty range): an empty table")
    note = f"{what}: its {len(rows)} rows read as the CSV of their cells"
    if short:
        note += (f"; {short} short {lines}(s) (the API leaves out trailing empty cells) "
                 f"padded with empty cells")
    notes = [(f"{name}: cells given unformatted (numbers, not their text): a date "
             f"cell is then a serial number of days since 1899-12-30, read as a number; "
             f"fetch with valueRenderOption FORMATTED_VALUE to read dates")] if any(
        not isinstance(cell, str) for row in values for cell in row) else []
    return Grid([[_text(cell) for cell in row] for row in rows], note, notes=notes)


def _one_range(whole: Any, name: str) -> dict[str, Any] | None:
    """The values response itself, or the one range of a batchGet response; a batchGet
    of several ranges refused naming them."""
    if not isinstance(whole, dict):
        return None
    if set(whole) != _BATCH:
        return whole
    ranges = whole["valueRanges"]
    if not isinstance(ranges, list) or not all(isinstance(r, dict) for r in ranges):
        return None
    if len(ranges) != 1:
        raise IngestError(f"a Google Sheets API batchGet response of {len(ranges)} ranges "
                          f"({', '.join(str(r.get('range')) for r in ranges)}): each is a "
                          f"table of its own", file=name,
                          hint="save each range's values in a file of its own")
    return ranges[0] if set(ranges[0]) <= _KEYS else None


def _padded(rows: list[list[Any]]) -> tuple[list[list[Any]], int]:
    """The rows padded with empty cells to the widest, and how many were short."""
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows], sum(
        len(row) < width for row in rows)


def _text(cell: Any) -> str:
    """A cell as the sheet's CSV download writes it: text as it is, TRUE and FALSE as the
    sheet shows them, a number as JSON spells it."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    return cell if isinstance(cell, str) else json.dumps(cell)
