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

A totals row typed or pasted as values (`Total | | 30 | 412.5`, a sheet exported from
another program) has no formula to show it: as in a CSV file (`csv_totals`), its label
(`totals.LABEL`, the row's first filled cell) and its numbers, each the sum of its column
above, tell it (`held_totals`); a row so labelled whose numbers are not the sums stays a row.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers.totals import LABEL, sums_to, trailing

_MOST = 3                # totals rows of values looked for (`Total`, then `Grand total`)
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


Record = tuple[int, tuple[Any, ...]]   # (record number, the row's cells)


def held_totals(records: Iterator[Record], width: int, totals: dict[int, str]
                ) -> Iterator[Record]:
    """The records, but the last ones (`_MOST` at most) that are totals rows of values
    (see the module docstring), which are added to `totals` (record number -> what shows
    it) once the records run out. The last records are held back until then, so a totals
    row never types a column (its label would make an id or date column text), and the
    columns are summed as the other records pass."""
    sums = [0.0] * width

    def passed(record: Record) -> Record:
        for i, value in enumerate(record[1][:width]):
            sums[i] += value if _number(value) else 0
        return record
    held: deque[Record] = deque()
    for record in records:
        if len(held) == _MOST:
            yield passed(held.popleft())
        held.append(record)
    found = [record for record, _ in trailing(list(held), lambda _: False,
                                                lambda record: _shown(record[1][:width]))]
    kept = list(held)[:len(held) - len(found)]
    for record in kept:
        passed(record)
    start = 0   # rows that start like totals rows but are records are kept, as in a CSV
    while start < len(found) and not all(_sums_up(r[1][:width], sums) for r in found[start:]):
        passed(found[start])
        start += 1
    yield from kept + found[:start]
    totals.update({n: f"{_shown(row[:width])}: each number the sum of its column above"
                   for n, row in found[start:]})


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) or \
        isinstance(value, float) and math.isfinite(value)


def _shown(cells: tuple[Any, ...]) -> str | None:
    """The row as the note shows it (`'Total' | 30 | 412.5`) when it looks like a totals
    row: its first filled cell a totals label, the others numbers (one at least) or empty."""
    filled = [v for v in cells if v not in (None, "")]
    if not filled or not isinstance(filled[0], str) or not LABEL.match(filled[0]) or \
            not filled[1:] or not all(map(_number, filled[1:])):
        return None
    return " | ".join(map(repr, filled))


def _sums_up(cells: tuple[Any, ...], sums: list[float]) -> bool:
    """Every number of the row is its column's sum, to the decimals it is stored with."""
    return all(sums_to(sums[i], value, max(0, -int(Decimal(repr(value)).as_tuple().exponent)))
               for i, value in enumerate(cells) if _number(value))
