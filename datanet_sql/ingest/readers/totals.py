"""Totals rows at the end of a table: what the Excel and CSV readers share.

An export often ends its table with a line that is no record: `Total | | 30 | 412.50`. Read
for its values it is one more row, loaded silently, and every sum over the table is then
twice what it should be. The readers look for such rows at the end only (a totals row is
the table's last, after blank rows maybe), each with its own evidence: a formula aggregating
the column above it in a workbook (`excel_totals`), a label such as `Total` with the sums of
the columns above in a CSV file (`csv_totals`) or in a workbook whose totals are values.
Rows found so are left out, each with a note.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

Row = TypeVar("Row")

# a label a totals row starts with (English, German, Dutch, Italian), then any words
LABEL = re.compile(r"\s*(grand[\s-]*)?(totals?|sum|gesamt\w*|summe|totaal|totale)\b",
                   re.IGNORECASE)


def trailing(rows: Sequence[Row], blank: Callable[[Row], bool],
             totals: Callable[[Row], str | None], most: int | None = None
             ) -> list[tuple[Row, str]]:
    """The rows at the end of `rows` that `totals` shows as totals rows (what it returns:
    how the row was told), in order; blank rows between them and the table passed over,
    the first other row ending the search (as does `most` found)."""
    found: list[tuple[Row, str]] = []
    for row in reversed(rows):
        if most is not None and len(found) == most:
            break
        if blank(row):
            continue
        shown = totals(row)
        if shown is None:
            break
        found.append((row, shown))
    return found[::-1]


def sums_to(total: float | None, printed: float, places: int) -> bool:
    """Whether `printed`, a number shown with `places` decimals, is the column's `total` to
    that precision (a totals row rounds what it shows: `60.75` for 60.7499999)."""
    if total is None or math.isnan(total):
        return False
    return abs(total - printed) <= 0.5 * 10 ** -places + 1e-9 * max(1.0, abs(total))


def note(name: str, place: str, shown: str) -> str:
    """The reader's note about a totals row left out (`place`: `row 124`, `line 12 of
    x.csv`; `shown`: the evidence)."""
    return f"{name}: {place} is a totals row ({shown}): not loaded"
