"""InfluxDB's annotated CSV (a Flux query's answer: `influx query --raw`, the HTTP API,
the UI's CSV download): annotation lines above the header, every line opening with an
empty annotation field.

Such a file opens with `#group,false,false,true,...`, `#datatype,string,long,
dateTime:RFC3339,...` and `#default,_result,,...` (any of the three, in any order), then
the header `,result,table,_start,_stop,_time,_value,...` and the rows `,,0,...`: the first
field of every line is the annotation column, empty below the annotations. A table whose
columns differ (another field's type, another set of tags) follows after an empty line
with annotations and a header of its own. Read as a plain CSV, the `#group` line is taken
for the header and the annotations for rows: silently wrong.

When the file's first lines are such annotations (each cell of `#datatype` a Flux type,
of `#group` `true` or `false`) and the line below them an equally long header opening with
an empty field, the file is read from a copy: the annotation lines and column left out,
each empty cell given its column's `#default` (Flux writes `result` so), the tables joined
by column name, and each column declared the type `#datatype` gives it (`dateTime:RFC3339`
a timestamp in UTC, as Flux writes every time, `Z`); noted. A column typed otherwise in
another table is read as double when both are numbers, else as text, noted. A time with
another offset than `Z` and Flux's error answer (`,error,reference`) are refused.
`options: {header: ...}` or `skip` read the file as told instead.
"""

from __future__ import annotations

import csv
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.scratch import copy_path

_HEAD_BYTES = 1 << 16   # the annotations and header are looked for in the file's start only
_BOM = b"\xef\xbb\xbf"
_TYPES = {"string": "varchar", "long": "bigint", "unsignedLong": "ubigint",
          "double": "double", "boolean": "boolean", "dateTime:RFC3339": "timestamp",
          "dateTime:RFC3339Nano": "timestamp", "duration": "varchar",
          "base64Binary": "varchar"}
_NUMBERS = ("long", "unsignedLong", "double")
_GROUP = ("true", "false")
_ANNOTATIONS = ("#datatype", "#group", "#default")
_ERROR = ["error", "reference"]   # the header of Flux's answer when the query failed
_TOLD = ("header", "skip")


@dataclass
class _Table:
    """One block of the file: its annotations (by name, a cell a column) and header."""

    annotations: dict[str, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)

    @cached_property
    def types(self) -> dict[str, str]:
        """Each column's Flux type; none without a `#datatype` line (DuckDB then sniffs)."""
        return dict(zip(self.header, self.annotations.get("#datatype", [])))


@dataclass
class _Seen:
    """What the copy's rows met, for the note: the columns given a `#default`, and the time
    columns with a value finer than the microsecond (a timestamp keeps microseconds)."""

    defaulted: set[str] = field(default_factory=set)
    cut: set[str] = field(default_factory=set)


def undone(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
           ) -> tuple[Path, list[str], dict[str, Any], dict[str, str]]:
    """`path`, or a copy of it (removed with `stack`) without its annotations (see the
    module); the note; the options telling the copy's delimiter and header; the column
    types `#datatype` declares (`name`: the file as the user knows it)."""
    if any(k in opts for k in _TOLD) or opts.get("delimiter", ",") != "," or not found(path):
        return path, [], opts, {}
    tables = _tables(path, name)
    kinds = _kinds(tables)
    names = list(kinds)
    copy = copy_path(stack, path, "flux")
    seen = _Seen()
    with open(path, encoding="utf-8-sig", newline="") as source, \
            copy.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(names)
        rows = csv.reader(source)
        for table in tables:
            _skip_to_rows(rows, table)
            for row in rows:
                if not row:   # the empty line between tables
                    break
                writer.writerow(_cells(row, table, kinds, seen, name, rows.line_num))
    notes = [_note(name, tables, kinds, seen)]
    notes += [f"{name}: column {n!r} of InfluxDB's annotated CSV is typed "
              f"{', '.join(sorted(t))} in different tables: read as {_wider(t)}"
              for n, t in kinds.items() if len(t) > 1]
    types = {n: _TYPES[_one(t)] for n, t in kinds.items() if t}
    return copy, notes, {**opts, "delimiter": ",", "header": True}, types


def found(path: Path) -> bool:
    """Whether the file opens with Flux's annotations over a header opening with an empty
    field, as long as they (looked for in the first 64 KB only: this runs for every CSV)."""
    with path.open("rb") as handle:
        start = handle.read(_HEAD_BYTES)
    head = start.removeprefix(_BOM)
    if not head.startswith(b"#"):
        return False
    lines = head.decode("utf-8", "replace").splitlines()
    width = None
    for row in csv.reader(lines[:-1] if len(start) == _HEAD_BYTES else lines):
        if row and row[0] in _ANNOTATIONS and _annotation(row) and width in (None, len(row)):
            width = len(row)
            continue
        return width is not None and width > 1 and len(row) == width and row[0] == ""
    return False


def _annotation(row: list[str]) -> bool:
    """Whether an annotation line's cells are what Flux writes under its name."""
    if row[0] == "#datatype":
        return all(c in _TYPES for c in row[1:])
    if row[0] == "#group":
        return all(c in _GROUP for c in row[1:])
    return True   # `#default`: any values


def _tables(path: Path, name: str) -> list[_Table]:
    """The file's tables: each block's annotations and header (the first pass)."""
    tables: list[_Table] = []
    current: _Table | None = _Table()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        for row in rows:
            if not row:   # the empty line between tables
                current = _Table()
            elif current is None:
                if row[0]:
                    raise _stray(name, rows.line_num, row)
            elif row[0].startswith("#"):
                if row[0] not in _ANNOTATIONS or not _annotation(row):
                    raise _stray(name, rows.line_num, row)
                current.annotations[row[0]] = row[1:]
            elif row[0]:
                raise _stray(name, rows.line_num, row)
            else:
                current.header = row[1:]
                if current.header == _ERROR:
                    _refuse_error(rows, name)
                tables.append(current)
                current = None
    return tables


def _refuse_error(rows: Any, name: str) -> None:
    """Flux's answer to a query that failed: `,error,reference` over the message."""
    message = next(rows, ["", "(no message)"])[1:2] or ["(no message)"]
    raise IngestError(f"InfluxDB's annotated CSV holds the error of a failed Flux query, "
                      f"no data: {message[0]!r}", file=name,
                      hint="fix the query and export its answer again")


def _stray(name: str, number: int, row: list[str]) -> IngestError:
    return IngestError(
        f"line {number} of InfluxDB's annotated CSV is neither an annotation (#datatype, "
        f"#group, #default), nor a header or row opening with the empty annotation field: "
        f"{','.join(row)[:120]!r}", file=name,
        hint="export the query's answer again, or set options: {skip: N, header: true} to "
             "read the file as a plain CSV")


def _kinds(tables: list[_Table]) -> dict[str, set[str]]:
    """Each column of the tables joined by name (in the order met) and the Flux types
    their `#datatype` lines give it (none: sniffed)."""
    kinds: dict[str, set[str]] = {}
    for table in tables:
        typed = table.types
        for column in table.header:
            kinds.setdefault(column, set()).update([typed[column]] if column in typed else [])
    return kinds


def _one(kinds: set[str]) -> str:
    """The Flux type a column is read as when its tables type it `kinds`."""
    if len(kinds) == 1:
        return next(iter(kinds))
    return "double" if kinds <= set(_NUMBERS) else "string"


def _wider(kinds: set[str]) -> str:
    return "double" if _one(kinds) == "double" else "text"


def _skip_to_rows(rows: Any, table: _Table) -> None:
    """Moves `rows` past the table's annotations and header (and empty lines before)."""
    for row in rows:
        if row and row[0] == "" and row[1:] == table.header:
            return


def _cells(row: list[str], table: _Table, kinds: dict[str, set[str]], seen: _Seen,
           name: str, number: int) -> list[str]:
    """A row's cells in the joined columns' order, empty ones given their `#default`."""
    if row[0] or len(row) != len(table.header) + 1:
        raise IngestError(
            f"line {number} of InfluxDB's annotated CSV holds {len(row)} fields where its "
            f"header has {len(table.header) + 1} (the first the empty annotation field): "
            f"{','.join(row)[:120]!r}", file=name,
            hint="export the query's answer again; the file was cut or edited")
    defaults = table.annotations.get("#default", [])
    types = table.types
    cells = dict(zip(table.header, row[1:]))
    for i, column in enumerate(table.header):
        if not cells[column] and i < len(defaults) and defaults[i]:
            cells[column] = defaults[i]
            seen.defaulted.add(column)
        if types.get(column, "").startswith("dateTime") and cells[column]:
            _check_time(cells[column], column, seen, name, number)
    return [cells.get(column, "") for column in kinds]


def _check_time(value: str, column: str, seen: _Seen, name: str, number: int) -> None:
    """A Flux time is in UTC (`Z`: Flux writes every time so; DuckDB would drop another
    offset); digits past the microsecond are noted (a timestamp keeps microseconds)."""
    if not value.endswith("Z"):
        raise IngestError(
            f"line {number}: {column!r} is {value!r}, a time not in UTC (`Z`), where Flux "
            f"writes every time in UTC: the file was edited", file=name, column=column,
            hint="export the query's answer from InfluxDB again")
    if value[:-1].partition(".")[2].rstrip("0")[6:]:
        seen.cut.add(column)


def _note(name: str, tables: list[_Table], kinds: dict[str, set[str]], seen: _Seen
          ) -> str:
    """What the read did, for the user."""
    lines = sum(len(t.annotations) for t in tables)
    said = (f"{name}: InfluxDB's annotated CSV (a Flux query's answer): {lines} annotation "
            f"line(s) (#datatype, #group, #default) not loaded, nor the empty annotation "
            f"column")
    if any(kinds.values()):
        said += "; the columns typed by #datatype, its times (dateTime) as timestamps in UTC"
    if seen.defaulted:
        said += f"; empty cells given #default's value in {', '.join(sorted(seen.defaulted))}"
    if seen.cut:
        said += f"; times past the microsecond (nanoseconds) cut to it in " \
                f"{', '.join(sorted(seen.cut))}"
    if len(tables) > 1:
        said += f"; {len(tables)} tables of other columns joined by column name"
    return said
