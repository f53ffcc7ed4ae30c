"""The header row repeated among a sheet's rows.

A report server renders a paged report to Excel with the table's header above every page
(SQL Server Reporting Services' "repeat header rows on each page", Crystal Reports and
Access reports alike), and a user pastes the sheets of several months under one another,
each with its header. Read as data, every repeat is one more row, and a text cell in each
number column, so every column turns to text. A row whose every cell is the header's own
cell (the same text, a blank under a blank) is a repeat: it is left out, noted with its
Excel rows; a row repeating only some of the names is a row (its columns stay as they read).
The CSV reader leaves out a header line repeated among the lines alike (`csv_values`).

A board exported by Monday.com (and a report of sections alike) lists each group as its
name alone on a row, its own header row, its items and an empty row. Read as items, each
group's name was a row of one text cell and NULLs. A row whose one value is text in the
first column, after blank rows and right above a repeat of the header, is the next group's
title: it is left out with the repeat, noted naming the groups (the table has no column
for the group: the note says which rows each began). A lone text row anywhere else (no
blank row above it, or no header under it) is an item, kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datanet_sql.ingest.readers.excel_stacked import Record

_SHOWN = 3   # Excel rows a note names


def left_out(records: Iterator[Record], header: list[Any], found: list[int],
             groups: list[tuple[int, str]]) -> Iterator[Record]:
    """The records but those repeating `header` (as wide as the table), whose record
    numbers are added to `found`, and the group titles right above a repeat (see the
    module docstring), added to `groups` as (record number, name). Before the search for
    a second table (`excel_stacked`): a page's header after a blank row is the same table
    going on."""
    width = len(header)
    last = 0   # the record number of the record before, to tell a blank row above
    title: Record | None = None   # a lone text record after blank rows, held for the next
    for number, row in records:
        cells = tuple(row[:width]) + (None,) * (width - len(row))
        repeat = all(_same(cell, name) for cell, name in zip(cells, header))
        if title is not None:
            if repeat and number == title[0] + 1:
                groups.append((title[0], title[1][0]))
            else:
                yield title
            title = None
        if repeat:
            found.append(number)
        elif number > last + 1 and lone_text(cells):
            title = (number, cells)
        else:
            yield number, row
        last = number
    if title is not None:
        yield title


def lone_text(cells: tuple[Any, ...] | list[Any]) -> bool:
    """Whether a row's one value is text in its first column (a group's name)."""
    return bool(cells) and isinstance(cells[0], str) and cells[0].strip() != "" \
        and all(v in (None, "") for v in cells[1:])


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


def groups_note(sheet: str, groups: list[tuple[int, str]]) -> str:
    """The note of the group titles left out (`groups`: their Excel rows and names)."""
    named = ", ".join(f"{name!r} (row {row})" for row, name in groups)
    return (f"{sheet}: the rows are in {len(groups)} group(s), each a name alone on a row "
            f"above its own header row (a Monday.com board's groups, a report's sections): "
            f"{named}; the group rows and repeated headers left out, the items kept, the "
            f"group in no column (add it as a column where the file is made if it matters)")
