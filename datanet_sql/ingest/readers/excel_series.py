"""The series lines of the Australian Bureau of Statistics' time series spreadsheets:
no rows of the table.

The ABS publishes each time series table (and sheets built from them copy the layout) as
an xlsx whose data sheets hold, under the row of series names, one line per fact of each series: `Unit`, `Series Type`, `Data Type`,
`Frequency`, `Collection Month`, `Series Start`, `Series End`, `No. Obs`, `Series ID`, the
label in the first column, the column's value beside it (text, a number, a date); then the
dates in the first column beside the values. Read as rows, the nine lines made every
column text (`Index Numbers` above the numbers) and nine rows that are no observation.
So when the filled rows right under the header are those lines (at least `_AT_LEAST` of
the labels, in the ABS's order, ending with `Series ID`) they are left out, noted. A
header found on the `Unit` line itself (the ABS leaves the names' first cell blank, so the
`Unit` line is the first as wide as the table) moves up to the names' row above it. Rows
with some of the labels only, or another order, are no such block: read as rows. With
`header_row:` given the header stays where it is said to be, and a block under it is still
left out.
"""

from __future__ import annotations

from typing import Any

LABELS = ("Unit", "Series Type", "Data Type", "Frequency", "Collection Month",
          "Series Start", "Series End", "No. Obs", "Series ID")
_AT_LEAST = 5   # labels a block holds (the ABS writes all nine; a copy may drop some)


def _label(row: tuple[Any, ...]) -> str | None:
    """The row's first filled cell, when text."""
    first = next((v for v in row if v not in (None, "")), None)
    return first.strip() if isinstance(first, str) else None


def lines(rows: list[tuple[Any, ...]]) -> int:
    """How many of `rows` (those right under the header) are the series lines: 0 when
    they do not begin with a block of them."""
    at = 0
    for count, row in enumerate(rows, start=1):
        label = _label(row)
        if label not in LABELS[at:]:
            return 0
        if label == LABELS[-1]:
            return count if count >= _AT_LEAST else 0
        at = LABELS.index(label) + 1
    return 0


def header(rows: list[tuple[Any, ...]], index: int) -> int:
    """The header row: the one above `index` when `index` is the `Unit` line of a block of
    series lines under a filled row, else `index`."""
    starts = index > 0 and _label(rows[index]) == LABELS[0] and lines(rows[index:]) \
        and any(v not in (None, "") for v in rows[index - 1])
    return index - 1 if starts else index


def note(sheet: str, first: int, count: int) -> str:
    """The note naming the rows left out (`first` the Excel row of the first)."""
    return (f"{sheet}: rows {first}-{first + count - 1} under the header are an ABS time "
            f"series sheet's series lines ({LABELS[0]} ... {LABELS[-1]}, each column's unit, "
            f"frequency and id): not rows, left out; set header_row: {first + count - 1} to name the "
            f"columns by their Series ID instead")
