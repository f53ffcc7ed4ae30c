"""Long numbers as Excel writes them when it saves a sheet as CSV: a number of 12 digits or
more in its General format becomes `1.20002E+12`, six significant digits kept, the rest
lost. Read alone, such a column is a double and nothing shows whether it held ids (a
meter's MPAN, an account number: digits lost for good) or amounts (rounding harmless).

A file whose every value of a number column, at its start (`SAMPLE`, no pass over the
file), is written so is read as before, with a note naming the column, an example and
what to do if they are ids: the note makes the doubt visible where refusing could be
wrong. A table already holding the exact ids refuses such a delivery (`ingest.excel_ids`).
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

SAMPLE = 100  # rows of the file's start looked at
# Excel's General format for 12 digits or more: a digit, at most five more, an exponent
EXCEL_LONG = re.compile(r"[+-]?[1-9](\.[0-9]{1,5})?[Ee]\+(1[1-9]|[2-9][0-9])")


def notes(con: Any, text_scan: exp.Table, names: list[str]) -> list[str]:
    """A note per number column (`names`) of `text_scan` (every column read as text) whose
    first `SAMPLE` values are all long numbers in Excel's General format."""
    if not names:
        return []
    rows = con.execute(exp.select(*map(column, names)).from_(text_scan).limit(SAMPLE)
                       .sql("duckdb")).fetchall()
    found = []
    for name, values in zip(names, zip(*rows)):
        given = [v.strip() for v in values if v is not None and v.strip()]
        if given and all(EXCEL_LONG.fullmatch(v) for v in given):
            found.append(
                f"column {name}: its values are written as Excel writes a number of 12 digits "
                f"or more when it saves a file as CSV ({given[0]}: six significant digits, the "
                f"rest lost), read as numbers; if they are ids, their digits cannot be "
                f"recovered: ask for the file as exported before it was opened in Excel")
    return found
