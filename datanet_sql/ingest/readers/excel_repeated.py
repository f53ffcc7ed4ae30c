"""The header row repeated among a sheet's rows.

A report server renders a paged report to Excel with the table's header above every page
(SQL Server Reporting Services' "repeat header rows on each page", Crystal Reports and
Access reports alike), and a user pastes the sheets of several months under one another,
each with its header. Read as data, every repeat is one more row, and a text cell in each
number column, so every column turns to text. A row whose every cell is the header's own
cell (the same text, a blank under a blank) is a repeat: it is left out, noted with its
Excel rows; a row repeating only some of the names is a row (its columns stay as they read).
The CSV reader leaves out a header line repeated among the lines alike (`csv_values`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datanet_sql.ingest.readers.excel_stacked import Record

_SHOWN = 3   # Excel rows a note names


def left_out(records: Iterator[Record], header: list[Any], found: list[int]
             ) -> Iterator[Record]:
    """The records but those repeating `header` (as wide as the table), whose record
    numbers are added to `found`. Before the search for a second table (`excel_stacked`):
    a page's header after a blank row is the same table going on."""
    width = len(header)
    for number, row in records:
        cells = tuple(row[:width]) + (None,) * (width - len(row))
        if all(_same(cell, name) for cell, name in zip(cells, header)):
            found.append(number)
            continue
        yield number, row


def _same(cell: Any, name: Any) -> bool:
    """The cell is the header's: the same value, or blank under a blank name."""
    if name in (None, ""):
        return cell in (None, "")
    return bool(cell == name)


def note(sheet: str, rows: list[int]) -> str:
    """The note of the repeats left out (`rows`: their Excel rows)."""
    shown = ", ".join(map(str, rows[:_SHOWN])) + (", ..." if len(rows) > _SHOWN else "")
    return (f"{sheet}: {len(rows)} row(s) repeat the header row (a paged report's header "
            f"above every page, or tables pasted together), rows {shown}: left out")
