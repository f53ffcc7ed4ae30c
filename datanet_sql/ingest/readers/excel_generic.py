"""Power Query's generic header (`Column1`, `Column2`, ...) over a table's real names.

Excel's Get & Transform (Power Query, also Power BI's) names the columns of a source it
reads without headers `Column1` ... `ColumnN`, and a query whose "Use First Row as Headers"
step was not applied loads to the sheet with that header and the real names as its first
row. Read as it stands, the names are a row of text, which turns every number column to
text, and the columns are named `column1` ...: silently wrong. It is told by the header
being exactly `Column1` ... `ColumnN` in order, the row under it all text and as wide, and
a column under that row holding values that are not text (numbers, dates): a row of
words over numbers is a header, not data. The names are then read from that row, noted. A
table whose columns are really named `Column1` ... has values under them, not words, and
is read as it is; one of text columns only, where the row under the header could be names
or a record, is read as it is with a note saying how to promote it.
"""

from __future__ import annotations

import re
from typing import Any

_GENERIC = re.compile(r"Column([1-9]\d*)")


def generic(header: list[Any]) -> bool:
    """Whether the header's filled cells are Power Query's `Column1` ... `ColumnN`, in order
    from 1 (two at least: one `Column1` alone is a name someone chose)."""
    cells = [v for v in header if v not in (None, "")]
    numbers = [m.group(1) for v in cells if isinstance(v, str) and (m := _GENERIC.fullmatch(v))]
    return len(cells) >= 2 and numbers == [str(n) for n in range(1, len(cells) + 1)]


def names_row(header: list[Any], below: list[tuple[Any, ...]]) -> bool | None:
    """Whether the first row of `below` (the rows right under a `generic` header, in the
    sheet's first rows) holds the real names: True when it is all text under every named column
    and some column holds values that are not text under it; None when it is all text over
    text only (it could be names or a record: ambiguous); False when it holds a value that
    is not text, or is not as wide (a record)."""
    if not below:
        return False
    columns = [i for i, v in enumerate(header) if v not in (None, "")]
    first, rows = below[0], below
    if any(i >= len(first) or not isinstance(first[i], str) or not first[i].strip()
           for i in columns):
        return False
    values = any(not isinstance(r[i], str) for r in rows[1:] for i in columns
                 if i < len(r) and r[i] not in (None, ""))
    return True if values else None


def note(sheet: str, row: int, header: list[Any]) -> str:
    """The note on the names read from the row under Power Query's generic header (Excel
    `row` is the generic one)."""
    shown = ", ".join(str(v) for v in header if v not in (None, ""))
    return (f"{sheet}: the header on row {row} ({shown}) is Power Query's generic names (its "
            f"'Use First Row as Headers' step not applied): the column names are read from "
            f"row {row + 1}, words over values")


def doubt(sheet: str, row: int) -> str:
    """The note on a generic header over a row of text in a table of text only."""
    return (f"{sheet}: the header on row {row} is Power Query's generic Column1 ...; the row "
            f"under it is text, as every row is, so it is read as data: if it holds the "
            f"names, set options: {{header_row: {row + 1}}}")
