"""A record taken for the header: the reader skipped the line(s) above as a title (the
first line had fewer fields than the rest, as a short header does) and took the next line,
a row of data, for the names. Its note says "header on line N", so the skip is told, but the
names are values and a row is gone.

The sign: the line taken for the header is written as the rows are, a number over every
number column (`0,0,x0,y` over rows `1,2,x1,y`). A real header under a title has words
there; a wide table's years (`region,2019,2020`) and dates are names, left alone."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import Seen

_PLAIN_NUMBER = re.compile(r"^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")
_YEAR = re.compile(r"^\s*(?:1[89]|2[01])\d\d\s*$")
MIN_NUMBERS = 2   # number columns under numbers that make the line a record


def check(seen: Seen) -> list[str]:
    at, split = seen.header_line(), seen.delimiter()
    if at is None or split is None or at < 2 or seen.sample is None or \
            not seen.sample.num_rows or len(seen.head) < at:
        return []
    fields = seen.head[at - 1].split(split)
    names = [n for n in seen.names if n != "_record_no"]
    if len(fields) != len(names):
        return []
    numeric = [f.strip().strip('"') for f, n in zip(fields, names) if _numbers(seen, n)]
    if len(numeric) < MIN_NUMBERS or not all(
            _PLAIN_NUMBER.match(f) and not _YEAR.match(f) for f in numeric):
        return []
    return [(f"line {at} ({seen.head[at - 1][:50]!r}), taken for the header under "
             f"{'line 1' if at == 2 else f'lines 1-{at - 1}'} (skipped as a title), is "
             f"written as a row is, numbers over every number column: a record read as the "
             f"names, and the names' line skipped; if the line(s) above are the header, the "
             f"rows have fields it does not name: complete it at the source, or read every "
             f"row with options: {{skip: {at - 1}, header: false}} (columns column_1 on)")]


def _numbers(seen: Seen, name: str) -> bool:
    """Whether the sample's column `name` holds numbers (ints or floats, not booleans)."""
    values = [v for v in seen.sample.column(name) if v is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                for v in values)
