"""Power Query's generic header (`Column1`, `Column2`, ...) over a table's real names.

Excel's Get & Transform (Power Query, also Power BI's) names the columns of a source it
reads without headers `Column1` ... `ColumnN`, and a query whose "Use First Row as Headers"
step was not applied loads to the sheet (and from there to a CSV saved of it) with that
header and the real names as its first row. Read as it stands, the names are a row of text,
which turns every number column to text, and the columns are named `column1` ...: silently
wrong. It is told by the header being exactly `Column1` ... `ColumnN` in order, the row
under it words under every column (text with a letter, no number), and a column under that
row holding values that are not text (numbers, dates): a row of words over numbers is a
header, not data. The names are then read from that row, noted. A table whose columns are
really named `Column1` ... has values under them, not words, and is read as it is; one of
text columns only, where the row under the header could be names or a record, is read as
it is with a note saying how to promote it. The Excel reader (`excel`) and the CSV
reader's dialect (`csv_dialect`) ask the same questions here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_GENERIC = re.compile(r"Column([1-9]\d*)")
_WORD = re.compile(r"[^\d+\-.].*")   # not a number's start


def generic(header: Sequence[Any]) -> bool:
    """Whether the header's filled cells are Power Query's `Column1` ... `ColumnN`, in order
    from 1 (two at least: one `Column1` alone is a name someone chose)."""
    cells = [v for v in header if v not in (None, "")]
    numbers = [m.group(1) for v in cells if isinstance(v, str) and (m := _GENERIC.fullmatch(v))]
    return len(cells) >= 2 and numbers == [str(n) for n in range(1, len(cells) + 1)]


def words(header: Sequence[Any], row: Sequence[Any]) -> bool:
    """Whether `row` (the one under a `generic` header) holds a word, text with a letter
    that is no number, under every named column of `header`: names, or a record of text."""
    return all(i < len(row) and isinstance(row[i], str) and _WORD.fullmatch(row[i].strip())
               and re.search(r"[^\W\d_]", row[i]) is not None
               for i, v in enumerate(header) if v not in (None, ""))


def names_row(header: list[Any], below: list[tuple[Any, ...]]) -> bool | None:
    """Whether the first row of `below` (the rows right under a `generic` header, in a
    sheet's first rows) holds the real names: True when it is `words` and some column
    holds values that are not text under it; None when it is words over text only (it
    could be names or a record: ambiguous); False when it is not words (a record)."""
    if not below or not words(header, below[0]):
        return False
    columns = [i for i, v in enumerate(header) if v not in (None, "")]
    values = any(not isinstance(r[i], str) for r in below[1:] for i in columns
                 if i < len(r) and r[i] not in (None, ""))
    return True if values else None


def note(header: Sequence[Any], at: str, names_at: str) -> str:
    """The note on the names read from `names_at` (`row 2`, `line 2`), under Power Query's
    generic header at `at`."""
    shown = ", ".join(str(v) for v in header if v not in (None, ""))
    return (f"the header on {at} ({shown}) is Power Query's generic names (its 'Use First "
            f"Row as Headers' step not applied): the column names are read from {names_at}, "
            f"words over values")


def doubt(at: str, option: str) -> str:
    """The note on a generic header at `at` over a row of words in a table of text only;
    `option` the one that reads the names from that row."""
    return (f"the header on {at} is Power Query's generic Column1 ...; the row under it is "
            f"words, as every row is text, so it is read as data: if it holds the names, "
            f"set options: {{{option}}}")
