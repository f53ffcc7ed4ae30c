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

Excel's Data > Subtotal puts such rows between the groups too: after each run of rows sharing
a value in one column, a row labelled in that column with the value and the function
(`A Total`, `A Count`, `A Average`), its numbers `=SUBTOTAL(9, ...)` of the group above,
and `Grand Total` at the end. Read for values (or pasted as values) they are rows among the
data. Such a row is told by its label naming the group above it (every row since the last
subtotal holds `A` in that column; `Grand` for all of them) and its numbers, each the
group's total, count or average (`outline_subtotals`); a row named so whose numbers are not
(`Total Care`, `Rent Total` over other rows) stays a row.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections import deque
from collections.abc import Iterator, Sequence
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


def _sums_up(cells: tuple[Any, ...], sums: Sequence[float | None]) -> bool:
    """Every number of the row is its column's sum, to the decimals it is stored with."""
    return all(sums_to(sums[i], value, max(0, -int(Decimal(repr(value)).as_tuple().exponent)))
               for i, value in enumerate(cells) if _number(value))


# a subtotal row's label: the group's value and Excel's name of the SUBTOTAL function
_SUBTOTAL = re.compile(r"\s*(.+?)\s+(total|count|average)\s*", re.IGNORECASE)


class _Scope:
    """Rows aggregated for a subtotal row: a group's (since the last one), or all rows'."""

    def __init__(self, width: int) -> None:
        self.sums = [0.0] * width
        self.numbers = [0] * width  # number cells of each column
        self.filled = [0] * width  # filled cells (what Excel's Count counts)
        self.value: list[Any] = [None] * width  # the value every row holds, or _MIXED
        self.rows = 0

    def add(self, cells: tuple[Any, ...]) -> None:
        for i, value in enumerate(cells):
            if _number(value):
                self.sums[i] += value
                self.numbers[i] += 1
            self.filled[i] += value not in (None, "")
            self.value[i] = value if not self.rows or self.value[i] == value else _MIXED
        self.rows += 1

    def aggregate(self, function: str) -> list[float | None]:
        """Each column's `function` (total, count, average) over the rows."""
        if function == "count":
            return [float(n) for n in self.filled]
        if function == "average":
            return [s / n if n else None for s, n in zip(self.sums, self.numbers)]
        return list(self.sums)


_MIXED = object()  # the rows of a scope differ in a column


def outline_subtotals(
    records: Iterator[Record], width: int, found: dict[int, str]
) -> Iterator[Record]:
    """The records but Excel's subtotal rows between groups (see the module docstring),
    which are added to `found` (record number -> their label). `Grand` rows count only
    after a group's subtotal row (alone, a last totals row is `held_totals`'s to tell)."""
    group, every = _Scope(width), _Scope(width)
    for number, row in records:
        cells = tuple(row[:width]) + (None,) * (width - len(row))
        label = _subtotal_label(cells, group, every, bool(found))
        if label is None:
            group.add(cells)
            every.add(cells)
            yield number, row
            continue
        found[number] = label
        group = _Scope(width)


def _subtotal_label(
    cells: tuple[Any, ...], group: _Scope, every: _Scope, after: bool
) -> str | None:
    """The row's label when it is a subtotal row of `group` (or `every` row, for `Grand`
    once `after` a group's): its one text cell `<group's value> <function>`, its other
    cells empty or numbers (one at least), each the group's aggregate of its column."""
    texts = [i for i, v in enumerate(cells) if isinstance(v, str) and v.strip()]
    others = [v for v in cells if not isinstance(v, str) and v is not None]
    if len(texts) != 1 or not others or not all(map(_number, others)):
        return None
    at, label = texts[0], cells[texts[0]]
    match = _SUBTOTAL.fullmatch(label)
    if match is None:
        return None
    if match[1].lower() == "grand":
        scope = every if after else None
    else:
        named = group.rows and group.value[at] is not _MIXED
        scope = group if named and str(group.value[at]).strip() == match[1] else None
    if scope is None or not _sums_up(cells, scope.aggregate(match[2].lower())):
        return None
    return label.strip()


def subtotals_note(name: str, found: dict[int, str], row: int) -> str:
    """The note about the subtotal rows left out (`row`: Excel's row of the first)."""
    labels = list(found.values())
    ends = labels if len(labels) <= 2 else [labels[0], "...", labels[-1]]
    shown = ", ".join(map(repr, ends)).replace("'...'", "...")
    return (
        f"{name}: {len(found)} subtotal row(s) of Excel's Data > Subtotal ({shown}; the "
        f"first on row {row}), each number its group's total, count or average: not loaded"
    )
