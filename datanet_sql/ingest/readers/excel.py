"""Excel workbooks (.xlsx), read with openpyxl in read-only mode.

Exports from people put a title, a subtitle and a blank row above the header; the header
row is `header_row` (1-based, as Excel numbers rows) when given, else the first row that is
as wide as the table below it and holds only text. Cells keep their Excel types (numbers,
dates, text); a column mixing numbers and text is read as text, and a declared type then
turns the cells that do not fit into rejects.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import renamed, unique_names
from datanet_sql.ingest.readers.shape import RECORD, Raw
from datanet_sql.ingest.readers.sql import connect

OPTIONS = ("sheet", "header_row")
_HEADER_SEARCH = 30   # rows looked at to find the header


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    rows = _sheet_rows(stack, path, options.get("sheet"))
    con = connect()
    stack.callback(con.close)
    if not any(_filled(r) for r in rows):
        return Raw(con, None, str(path), notes=[f"{path.name}: empty sheet"])
    given = options.get("header_row")
    if given is not None and not (isinstance(given, int) and 1 <= given <= len(rows)):
        raise IngestError(f"header_row is {given!r}; the sheet has {len(rows)} rows", file=path,
                          hint="header_row is the 1-based Excel row number of the header")
    index = given - 1 if given else find_header(rows)
    header = list(rows[index])
    width = max(i + 1 for i, v in enumerate(header) if v not in (None, ""))
    data = [(n, r) for n, r in enumerate(rows[index + 1:], start=1) if _filled(r)]
    table = _arrow(header[:width], [n for n, _ in data], [r for _, r in data], width)
    notes = [f"{path.name}: header on row {index + 1}"
             + (f", {index} title row(s) above it skipped" if index else "")]
    notes += renamed(["" if h is None else str(h) for h in header[:width]],
                     table.column_names[:width])
    return Raw(con, con.from_arrow(table), str(path), notes=notes)


def _sheet_rows(stack: ExitStack, path: Path, sheet: str | None) -> list[tuple[Any, ...]]:
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise IngestError("reading .xlsx needs openpyxl", file=path,
                          hint="pip install openpyxl") from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises zipfile/KeyError/ValueError
        raise IngestError(f"cannot open the workbook: {error}", file=path) from None
    stack.callback(book.close)
    if sheet is not None and sheet not in book.sheetnames:
        raise IngestError(f"no sheet '{sheet}'", file=path,
                          hint=f"sheets are: {', '.join(book.sheetnames)}")
    worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    return list(worksheet.iter_rows(values_only=True))


def _filled(row: tuple[Any, ...]) -> bool:
    return any(v not in (None, "") for v in row)


def find_header(rows: list[tuple[Any, ...]]) -> int:
    """The first row, among the first ones, filled as wide as the widest row and all text."""
    head = rows[:_HEADER_SEARCH]
    widest = max(sum(v not in (None, "") for v in r) for r in head)
    for index, row in enumerate(head):
        cells = [v for v in row if v not in (None, "")]
        if len(cells) >= widest and all(isinstance(v, str) for v in cells):
            return index
    return next(i for i, r in enumerate(head) if _filled(r))


def _arrow(header: list[Any], numbers: list[int], rows: list[tuple[Any, ...]], width: int) -> Any:
    import pyarrow as pa

    names = unique_names([str(h) if h is not None else "" for h in header])
    arrays = [_column([r[i] if i < len(r) else None for r in rows]) for i in range(width)]
    return pa.table(arrays + [pa.array(numbers, pa.int64())], names=names + [RECORD])


def _column(values: list[Any]) -> Any:
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else str(v) for v in values])
