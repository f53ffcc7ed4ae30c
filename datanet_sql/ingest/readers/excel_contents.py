"""A workbook's first sheet that is its table of contents, not its data.

Apple Numbers' "Export to Excel" (and hand-made indexes alike) puts a sheet before the
data listing the workbook's sheets: a sentence, then a table whose column headed
`Excel Worksheet Name` holds the other sheets' names. Read as the table, it is one or two
rows of names: silently wrong. Such a sheet is told by a column whose header says "sheet"
or "tab" and whose every value under it is the name of another sheet of the workbook; the
reader then skips it (noted) as it skips hidden sheets.
"""

from __future__ import annotations

import re
from typing import Any

_ROWS = 200   # a table of contents is short: rows looked at
_HEADER = re.compile(r"sheet|\btabs?\b", re.IGNORECASE)


def is_contents(worksheet: Any, others: set[str]) -> bool:
    """Whether `worksheet` lists the sheets `others` (the workbook's other sheets' names)
    under a header naming them, and holds nothing else in that column."""
    worksheet.reset_dimensions()
    rows = list(worksheet.iter_rows(max_row=_ROWS, values_only=True))
    width = max((len(row) for row in rows), default=0)
    columns = [[row[i] if i < len(row) else None for row in rows] for i in range(width)]
    return any(_lists_sheets(cells, others) for cells in columns)


def _lists_sheets(cells: list[Any], others: set[str]) -> bool:
    """A column with a header naming sheets, and under it only names of `others`."""
    filled = [(i, c.strip()) for i, c in enumerate(cells) if isinstance(c, str) and c.strip()]
    if len(filled) != sum(c is not None for c in cells):
        return False   # a number or date: a column of data
    for at, (_, header) in enumerate(filled):
        names = [value for _, value in filled[at + 1:]]
        if _HEADER.search(header) and names and set(names) <= others \
                and len(set(names)) == len(names):
            return True
    return False
