"""Merged cells in a sheet's table, named in the read's notes.

A group label merged down over its rows (`block` I over rows 2-13) is stored in the
range's first cell only: read for its values, the rows below hold NULL, which is what the
cells are, but a user who sees the label on every row in Excel expects it there. openpyxl's
read-only mode does not report merged ranges, so they are read from the `<mergeCells>`
element at the end of the sheet's XML (see `excel_totals.sheet_tail`), and each column
that holds ranges below the header is named, so the NULLs are no surprise.
"""

from __future__ import annotations

import re

from datanet_sql.ingest.readers.excel_totals import Tail

_MERGE = re.compile(r'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+:[A-Z]+\d+)"')
_SHOWN = 3   # ranges named in a note; the rest are counted


def merged_notes(tail: Tail, header_row: int, names: list[str], sheet: str) -> list[str]:
    """A note for each column of `names` (column A first) where ranges below the Excel row
    `header_row` are merged: its ranges, and that the cells under each first one are NULL."""
    from openpyxl.utils.cell import range_boundaries

    by_column: dict[int, list[tuple[int, str]]] = {}
    for ref in _MERGE.findall(tail.text):
        first_column, first_row, _, _ = range_boundaries(ref)
        if first_row > header_row and first_column <= len(names):
            by_column.setdefault(first_column - 1, []).append((first_row, ref))
    notes = []
    for index, found in sorted(by_column.items()):
        refs = [ref for _, ref in sorted(found)]
        shown = ", ".join(refs[:_SHOWN]) + (f" and {len(refs) - _SHOWN} more"
                                            if len(refs) > _SHOWN else "")
        notes.append(f"{sheet}: column {names[index]}: {len(refs)} merged range(s) ({shown}): "
                     f"the value is in each range's first cell, the cells it covers read as "
                     f"NULL, as Excel stores them (fill it down in a model if every row needs "
                     f"it)")
    return notes
