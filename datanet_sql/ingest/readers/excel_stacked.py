"""A second table stacked under a sheet's data, after empty rows.

A report sheet puts a small table under the data (a key of the codes, a summary) after a
blank row or two, with its own header. Read as the data's rows, its header and rows are
records: a number column turns to text, and the row count is wrong. What tells it from a
gap inside the data (a blank row between groups) is the row after the blank ones: a header
is text only (two names at least, each with a letter, not an error code such as `#N/A`),
with text in a column that so far held only values of another kind (numbers, dates). The
table then ends at the blank rows (`first_table`), noted; the rows below are not read. The
side-by-side case (a table beside the data after an empty column) is `excel._table_columns`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

Record = tuple[int, tuple[Any, ...]]  # (record number, blank rows counted; the row's cells)

_NAME = re.compile(r"[^\W\d_]")  # a header's name holds a letter


def first_table(records: Iterator[Record], width: int, found: list[int]) -> Iterator[Record]:
    """The records up to the blank rows above a second table's header; `found` then gets
    the header's record number and the count of blank rows above it."""
    texts = [False] * width  # a column held a text cell
    others = [False] * width  # a column held a value that is not text
    last = 0
    for number, row in records:
        cells = row[:width]
        if last and number - last > 1 and _header(cells, texts, others):
            found.extend((number, number - last - 1))
            return
        for i, value in enumerate(cells):
            texts[i] |= isinstance(value, str)
            others[i] |= value is not None and not isinstance(value, str)
        last = number
        yield number, row


def _header(cells: tuple[Any, ...], texts: list[bool], others: list[bool]) -> bool:
    """Whether the row looks like a header over the data's columns (see the docstring)."""
    filled = [(i, v) for i, v in enumerate(cells) if v not in (None, "")]
    return (
        len(filled) >= 2
        and all(isinstance(v, str) and _NAME.search(v) and not v.startswith("#") for _, v in filled)
        and any(others[i] and not texts[i] for i, _ in filled)
    )


def note(name: str, row: int, blank: int) -> str:
    """The note about the table under the data (`row`: Excel's row of its header)."""
    rows = "row" if blank == 1 else "rows"
    return (
        f"{name}: a second table under the data from row {row} (after {blank} empty {rows}): "
        f"not read; set header_row: {row} to read it (or move it to a sheet of its own)"
    )
