"""A header of period labels, which DuckDB's sniffer reads as a data row.

A wide statistics table is headed by its periods: `category,1940,1945,1950,1955,1960` over
rows of amounts. Every cell of that line casts to its column's type (the years to the
numbers below them, the label to text), so DuckDB's sniffer decides that the file has no
header: the columns are called `column_1`, `column_2`, ... and the header is a data row, a
silently wrong table. The line is taken for the header when all of these hold (a
headerless file of data rows fails one, and stays headerless):

- three or more adjacent cells are whole numbers in equal steps (years 1940, 1945, ...,
  2019, 2020, 2021, quarters 1, 2, 3, 4), every other cell a name (a word, not a number)
  or blank, and one at least a name (the heading of the label column);
- the columns under those cells hold numbers (or nothing) in every sampled row, and no
  row there is such a run of whole numbers itself;
- each of the cells lies outside its column's values below (a year over amounts, a
  quarter over sales), where a data row's numbers lie among the other rows'.

The decision is noted, naming `header: false`, which reads the line as a row again.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from datanet_sql.ingest.readers.csv_layout import NUMBER, sample_records
from datanet_sql.ingest.readers.missing_words import MISSING_WORDS

_RUN = 3  # adjacent period cells at least
_WHOLE = re.compile(r"\d{1,9}")
_LETTER = re.compile(r"[^\W\d_]")


def period_header(path: Path, delimiter: str, quote: str, skip: int) -> str | None:
    """The note saying that the record after `skip` lines, which the sniffer took for data,
    is read as a header of periods (see the module docstring); None when it is not one."""
    records = [r for r, before in sample_records(path, delimiter, quote) if before >= skip]
    if len(records) < 2:
        return None
    first = [f.strip() for f in records[0]]
    below = [r for r in records[1:] if len(r) == len(first)]
    run = period_run(first)
    if run is None or not below:
        return None
    start, end = run
    others = first[:start] + first[end:]
    if not any(map(_name, others)) or not all(_name(f) or not f for f in others):
        return None
    if any(period_run(r[start:end]) == (0, end - start) for r in below):
        return None
    for i in range(start, end):
        values = [r[i].strip() for r in below]
        numbers = [_number(v) for v in values if v and v not in MISSING_WORDS]
        if not numbers or None in numbers or min(numbers) <= int(first[i]) <= max(numbers):
            return None
    cells = first[start:end]
    shown = ", ".join(cells if len(cells) <= 3 else [*cells[:2], "...", cells[-1]])
    return (
        f"header on line {skip + 1}: its cells {shown} are read as names (a header of "
        f"periods over columns of numbers, which DuckDB's sniffer took for a data row); "
        f"set options: {{header: false}} if the line is data"
    )


def period_run(cells: list[str]) -> tuple[int, int] | None:
    """(start, end) of the one run of `_RUN` or more adjacent whole numbers in equal, nonzero
    steps, when every whole number of `cells` is in it; else None."""
    whole = [i for i, c in enumerate(cells) if _WHOLE.fullmatch(c.strip())]
    if len(whole) < _RUN or whole != list(range(whole[0], whole[-1] + 1)):
        return None
    values = [int(cells[i]) for i in whole]
    steps = {b - a for a, b in pairwise(values)}
    return (whole[0], whole[-1] + 1) if len(steps) == 1 and 0 not in steps else None


def _name(cell: str) -> bool:
    """A heading: a word with a letter in it, not a number."""
    return bool(_LETTER.search(cell)) and not re.fullmatch(NUMBER, cell)


def _number(value: str) -> float | None:
    """The value as a number (a decimal point or comma), None when it is none."""
    return float(value.replace(",", ".")) if re.fullmatch(NUMBER, value) else None
