"""A JSON file that holds a table as strings, as the tool that wrote it keeps every value
(Splunk's search results, a Google Sheets API `values` response; see `json_splunk` and
`json_sheets`): read as the CSV of those strings.

Such a file's numbers and dates are text in the JSON (`"0.6"`, `"2000-02-26"`), so the
JSON reader would keep them as text; the tool's own CSV download of the same table holds
the same strings, and datanet's CSV reader types them (integers, decimals, dates in their
spellings, thousands separators, day-first dates) and notes what it decides. So the grid
is written to a temporary CSV and read by the CSV reader, with the same declared columns:
one set of rules for a table of strings, whichever file it came in.
"""

from __future__ import annotations

import csv as csv_module
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers.scratch import copy_path
from datanet_sql.ingest.readers.shape import Raw

_DIALECT = {"encoding": "utf-8", "delimiter": ",", "quote": '"', "escape": '"'}


@dataclass(frozen=True)
class Grid:
    """A table as strings: its rows (the header first) and the note saying what the file
    was and how it was read. `header`: the first row is the header (a tool that names its
    fields), or None when the CSV reader is to tell (a sheet's first row may be a title)."""

    rows: list[list[str]]
    note: str
    header: bool | None = None
    notes: list[str] = field(default_factory=list)


def read_grid(stack: ExitStack, con: Any, grid: Grid, path: Path, columns: dict[str, str],
              told: list[str]) -> Raw:
    """`grid` read as a CSV of its strings (see the module docstring), its rejects and notes
    naming the JSON file `path`; `told` (what the JSON reader noted, its encoding) first.
    No rows at all (an empty range) is an empty table, on the JSON reader's `con`."""
    if not grid.rows:
        return Raw(con, None, str(path), notes=[*told, grid.note, *grid.notes])
    text = copy_path(stack, path, "grid")
    with open(text, "w", encoding="utf-8", newline="") as handle:
        csv_module.writer(handle, lineterminator="\n").writerows(grid.rows)
    options: dict[str, Any] = dict(_DIALECT)
    if grid.header is not None:
        options["header"] = grid.header
    from datanet_sql.ingest.readers import csv  # only for a grid found: not on JSON's path

    raw = csv.read(stack, text, "csv", options, columns)
    raw.label = str(path)
    raw.rejects = [replace(r, file=str(path)) if r.file == str(text) else r
                   for r in raw.rejects]
    raw.notes = [*told, grid.note, *grid.notes,
                 *(n.replace(str(text), str(path)) for n in raw.notes)]
    return raw
