"""Totals rows under a sheet's table: rows of formulas that aggregate the column above them
(what the readers share about totals rows: `totals`).

A spreadsheet user ends a table with `Total | | | =SUM(D4:D123)`. Read for its values
(openpyxl's `data_only`, which gives a formula's cached result, or nothing when the writer
never computed it) it is one more data row: a label in a text column and the sum in a
number column, loaded silently. What tells it apart is the formula itself, which the values
do not show: so the end of the sheet's XML is read (decompressed as a stream, only the
last part kept: the footer of a large sheet costs a pass over bytes, not a parse), and the
last filled rows that each hold a formula aggregating a range of its own column, ending
above them (`SUM(D4:D123)` in D124; a running total in another column does not count),
are totals rows. A row with no such formula ends the search.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from datanet_sql.ingest.readers.totals import trailing

_TAIL_BYTES = 1 << 20          # of the sheet's XML kept (the footer's rows are at its end)
_ROW = re.compile(r"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.DOTALL)
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_CELL = re.compile(r'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)',
                   re.DOTALL)
_FORMULA = re.compile(r"<(?:\w+:)?f\b[^>]*>([^<]+)</(?:\w+:)?f>")
_VALUE = re.compile(r"<(?:\w+:)?(?:v|t)\b[^>]*>([^<]*)<")
_AGGREGATE = re.compile(
    r"\s*(?:SUM|SUBTOTAL|AVERAGE|COUNT|COUNTA|MIN|MAX|AGGREGATE)\((?:\d+\s*,\s*)*"
    r"\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\)\s*", re.IGNORECASE)


@dataclass
class Tail:
    """The end of a sheet's XML: its last rows, and what follows them (merged ranges)."""

    text: str
    cut: bool   # the sheet is longer: the first row in `text` may be cut


def sheet_tail(path: Path, sheet_xml: str) -> Tail:
    """The end of the sheet stored at `sheet_xml` in the workbook `path`, read once for
    `totals_rows` and `excel_merged.merged_notes`."""
    with zipfile.ZipFile(path) as book, book.open(sheet_xml.lstrip("/")) as xml:
        tail = b""
        for chunk in iter(lambda: xml.read(_TAIL_BYTES), b""):
            tail = tail[-_TAIL_BYTES:] + chunk
    return Tail(tail.decode("utf-8", errors="replace"), len(tail) > _TAIL_BYTES)


def totals_rows(tail: Tail) -> dict[int, str]:
    """Excel row number -> the first aggregating formula (`D124: =SUM(D4:D123)`) of each
    totals row at the end of the sheet."""
    def formula(row: tuple[int, list[tuple[str, str, str]]]) -> str | None:
        number, cells = row
        return next((f"{col}{number}: ={f}" for col, _, f in cells
                     if f and _aggregates_above(col, number, f)), None)
    found = trailing(_last_rows(tail),
                     lambda row: not any(value for _, value, _ in row[1]), formula)
    return {number: shown for (number, _), shown in found}


def uncached_formulas(tail: Tail) -> set[str]:
    """The columns (letters) of the sheet's last rows holding a formula stored without its
    value: a workbook written by a script (openpyxl, xlsxwriter) that does not calculate,
    whose formula cells read as empty."""
    return {column for _, cells in _last_rows(tail) for column, value, _ in cells
            if value == "="}


def _aggregates_above(column: str, row: int, formula: str) -> bool:
    match = _AGGREGATE.fullmatch(formula)
    return bool(match) and match[1] == match[3] == column and int(match[4]) < row


def _last_rows(tail: Tail) -> list[tuple[int, list[tuple[str, str, str]]]]:
    """The rows of the end of the sheet's XML: (row number, [(column, value, formula)])."""
    rows = []
    for match in _ROW.finditer(tail.text):
        number = _ROW_NUMBER.search(match[1])
        if number is None:
            continue
        cells = [(col, _value(body or ""), _formula(body or ""))
                 for col, _, body in _CELL.findall(match[2] or "")]
        rows.append((int(number[1]), cells))
    return rows[1:] if tail.cut else rows  # the first may be cut


def _value(body: str) -> str:
    found = _VALUE.search(body)
    return found[1] if found else ("=" if _FORMULA.search(body) else "")


def _formula(body: str) -> str:
    found = _FORMULA.search(body)
    return found[1] if found else ""
