"""Eurostat's bulk download TSV: the dimensions joined by commas in the first column, each
value followed by a space and its flags.

Eurostat's bulk files (and its SDMX API's `format=TSV`) head their first column
`freq,unit,geo\\TIME_PERIOD` (older files `unit,geo\\time`): the row's dimensions joined by
commas, then a backslash and the dimension the other columns are (the years). Every value
cell is the number, a space and its flags (`62 p`: provisional; `1.5 e`: estimated; `62 `
unflagged), `:` where there is no value (`: c`: confidential). Read as a plain TSV the
header's years are numbers, so the header is taken for a record; the flagged cells are text.

A file whose first header cell is such dimensions (names joined by commas, a backslash, one
more name; a lone name only before `\\time` or `\\TIME_PERIOD`) and whose every value cell
is a number or `:`, then flags, is read from a copy:
the first column split into one column a dimension, each value cell the number alone (`:`
empty: NULL), and the flags kept in a `<column>_flag` column beside each column where a
flag is written; noted. A value cell of another shape is refused (naming its line and
column): which part is the value cannot be told. `options: {header: ...}` or `skip` read
the file as told instead.
"""

from __future__ import annotations

import csv
import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.scratch import copy_path

_DIMENSIONS = re.compile(r"([A-Za-z_][\w-]*(?:,[A-Za-z_][\w-]*)*)\\([A-Za-z_][\w-]*)")
_CELL = re.compile(r"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|:)(?: ([a-z]*))?")
_NONE = ":"          # Eurostat's cell for no value
_TIME = ("time", "time_period")   # the dimension of the columns: the old name, SDMX's
_TOLD = ("header", "skip")


def split_dimensions(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
                     ) -> tuple[Path, list[str], dict[str, Any]]:
    """`path`, or a copy of it (removed with `stack`) in Eurostat's bulk layout undone (see
    the module), the note, and the options telling the copy's delimiter and header."""
    dimensions = None if any(k in opts for k in _TOLD) else dimensions_of(path)
    if dimensions is None:
        return path, [], opts
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    periods = [cell.strip() for cell in rows[0][1:]]
    lines = [number for number, row in enumerate(rows[1:], start=2) if row]
    cells = [[_cell(name, number, periods, i, cell) for i, cell in enumerate(rows[number - 1][1:])]
             for number in lines]
    flagged = [i for i in range(len(periods)) if any(i < len(r) and r[i][1] for r in cells)]
    copy = copy_path(stack, path, "eurostat")
    with copy.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, delimiter="\t", lineterminator="\n")
        writer.writerow([*dimensions, *[h for i, p in enumerate(periods) for h in
                                        ([p, f"{p}_flag"] if i in flagged else [p])]])
        for number, row, values in zip(lines, (r for r in rows[1:] if r), cells):
            keys = row[0].split(",")
            if len(keys) != len(dimensions):
                raise IngestError(
                    f"line {number}: {row[0]!r} holds {len(keys)} comma-separated keys where "
                    f"the header names {len(dimensions)} dimensions ({', '.join(dimensions)})",
                    file=name, hint="set options: {header: true} to read the file as a plain "
                                    "TSV, the first column as written")
            writer.writerow([*keys, *[c for i, (v, f) in enumerate(values)
                                                   for c in ([v, f] if i in flagged else [v])]])
    missing = sum(v == "" for r in cells for v, _ in r)
    flags = ", ".join(f"{periods[i]}_flag" for i in flagged) or "none written"
    note = (f"{name}: Eurostat's bulk TSV layout: the first column `{rows[0][0].strip()}` split "
            f"into {', '.join(dimensions)}; each value read without its flags, {missing} "
            f"cell(s) ':' (no value) as NULL; the flags (p provisional, e estimated, c "
            f"confidential, ...) kept in columns: {flags}")
    return copy, [note], {**opts, "delimiter": "\t", "header": True}


def dimensions_of(path: Path) -> list[str] | None:
    """The dimensions the first header cell joins (`freq,unit,geo\\TIME_PERIOD` -> freq,
    unit, geo), when the file's first line is tab-separated and so headed; else None."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        first = handle.readline().rstrip("\r\n")
    head = first.split("\t")[0].strip()
    found = _DIMENSIONS.fullmatch(head) if "\t" in first else None
    if found is None or ("," not in found.group(1) and found.group(2).lower() not in _TIME):
        return None
    return found.group(1).split(",")


def _cell(name: str, number: int, periods: list[str], index: int, cell: str
          ) -> tuple[str, str]:
    """A value cell as its number (empty for `:`) and its flags; refused when not so."""
    found = _CELL.fullmatch(cell.strip())
    if found is None or index >= len(periods):
        where = periods[index] if index < len(periods) else f"field {index + 2}"
        raise IngestError(
            f"line {number}, column {where}: {cell!r} is not a Eurostat value (a number or "
            f"':', a space, its flags) in a file headed in Eurostat's bulk layout", file=name,
            hint="set options: {header: true} to read the file as a plain TSV, every cell as "
                 "written")
    value, flags = found.group(1), found.group(2) or ""
    return ("" if value == _NONE else value), flags
