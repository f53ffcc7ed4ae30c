"""Totals lines at the end of a CSV file: `Total;;30;412,50` under the records.

A CSV has no formulas (see `excel_totals`): what tells a totals line from a record is its
label, a word such as `Total`, `Sum` or `Gesamt` in its first non-empty field
(`totals.LABEL`), with its other fields empty or numbers, and those numbers: each the sum of
its column over the records above, to the precision it is printed with. Both must hold: a
product called `Total Care` with its own quantities stays a record.

The cost stays bounded: only the last lines are looked at (the file's last `_TAIL_BYTES`),
and only a file whose last lines look so is summed (one DuckDB pass over it, in the lines'
own number spelling, decimal point or comma). A file whose totals lines hold is read from a
copy that ends before them, so their label never turns a date or id column into text, and
each line left out is noted with its number and text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.csv_layout import guess_layout, reader
from datanet_sql.ingest.readers.scratch import copy_path
from datanet_sql.ingest.readers.sql import column, named
from datanet_sql.ingest.readers.totals import LABEL, note, sums_to, trailing

_TAIL_BYTES = 1 << 16
_MOST = 3        # totals lines looked for (`Total`, then `Grand total`, ...)
_NUMBER = re.compile(r"[+-]?(\d+|\d{1,3}([,.' ]\d{3})+)([.,]\d+)?")
# how a number is spelled: the decimal mark, and the characters that group its digits
_SPELLINGS = ((".", ",' "), (",", ".' "))


@dataclass(frozen=True)
class _Line:
    """A line at the end of the file that looks like a totals line."""

    offset: int          # of its first byte in the file
    newlines: int        # before it, counted from the start of the bytes read
    text: str
    numbers: dict[int, str]   # field position -> the number as written (none: not totals)


def without_totals(stack: ExitStack, con: Any, path: Path, name: str,
                   options: dict[str, Any]) -> tuple[Path, list[str]]:
    """`path`, or a copy of it (removed with `stack`) without the totals lines it ends
    with, and a note for each line left out (`name`: the file as the user knows it)."""
    delimiter, quote = _layout(path, options)
    lines = _looks_like_totals(path, delimiter, quote) if delimiter else []
    if not lines:
        return path, []
    copy = copy_path(stack, path, "totals")
    newlines = _copy_head(path, copy, lines[0].offset)
    sums = _sums(con, copy, delimiter, quote, sorted({i for ln in lines for i in ln.numbers}))
    for start in range(len(lines)):
        if all(_is_sum(line, sums) for line in lines[start:]):
            break
        sums = _plus(sums, lines[start])
    else:
        return path, []
    if start:  # lines that start like totals but are records: kept
        _copy_head(path, copy, lines[start].offset)
    return copy, [note(name, f"line {newlines + ln.newlines - lines[0].newlines + 1} of "
                             f"{Path(name).name}",
                       f"{ln.text!r}: each number the sum of its column above")
                  for ln in lines[start:]]


def ends_like_totals(path: Path, options: dict[str, Any]) -> bool:
    """Whether the file's last lines look like totals lines (label and numbers: not yet
    summed), by reading its end only."""
    delimiter, quote = _layout(path, options)
    return bool(delimiter and _looks_like_totals(path, delimiter, quote))


def _layout(path: Path, options: dict[str, Any]) -> tuple[str | None, str]:
    """The delimiter (given, or guessed from the file's start; None: one column) and quote."""
    quote = str(options.get("quote", '"'))
    return options.get("delimiter") or (guess_layout(path, quote) or (None,))[0], quote


def _looks_like_totals(path: Path, delimiter: str, quote: str) -> list[_Line]:
    """The last lines (at most `_MOST`, blank lines passed over) whose first non-empty field
    starts with a totals label and whose other fields are empty or numbers, one at least."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        start = max(0, size - _TAIL_BYTES)
        handle.seek(start)
        data = handle.read()
    rows, position = [], start
    for count, piece in enumerate(data.split(b"\n")):
        if count or not start:  # the first piece of a file's end may be the end of a line
            rows.append((position, count, piece))
        position += len(piece) + 1
    # only the last lines are decoded and parsed (a file's end is hundreds of lines, read
    # for each file of a glob): from the end, up to the first that is no totals line
    found = trailing(_Lines(rows), lambda line: not line.text.strip(delimiter + " \t"),
                     lambda line: line.text if _numbers(line.text, delimiter, quote) else None,
                     _MOST)
    return [replace(line, numbers=_numbers(line.text, delimiter, quote)) for line, _ in found]


class _Lines(Sequence[_Line]):
    """The lines of a file's end, each decoded when first looked at."""

    def __init__(self, rows: list[tuple[int, int, bytes]]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: Any) -> Any:
        offset, newlines, piece = self._rows[index]
        return _Line(offset, newlines, piece.decode("utf-8", errors="replace").strip("\r"), {})


def _numbers(text: str, delimiter: str, quote: str) -> dict[int, str]:
    """A totals line's numbers by field position; none when the line is no totals line."""
    try:
        values = next(reader([text], delimiter, quote), [])
    except csv.Error:
        return {}
    values = [v.strip() for v in values]
    labelled = next((i for i, v in enumerate(values) if v), None)
    if labelled is None or not LABEL.match(values[labelled]):
        return {}
    numbers = {i: v for i, v in enumerate(values) if i != labelled and v}
    return numbers if all(_NUMBER.fullmatch(v) for v in numbers.values()) else {}


def _copy_head(path: Path, copy: Path, end: int) -> int:
    """The file's bytes before `end` into `copy`; the newlines among them."""
    newlines, left = 0, end
    with path.open("rb") as source, copy.open("wb") as target:
        while left > 0 and (data := source.read(min(1 << 20, left))):
            target.write(data)
            newlines += data.count(b"\n")
            left -= len(data)
    return newlines


def _value(text: str, spelling: tuple[str, str]) -> tuple[float, int] | None:
    """The number `text` spells in `spelling`, and its decimal places."""
    mark, grouping = spelling
    plain = "".join(c for c in text if c not in grouping).replace(mark, ".")
    try:
        return float(plain), len(plain) - plain.index(".") - 1 if "." in plain else 0
    except ValueError:
        return None


def _sums(con: Any, copy: Path, delimiter: str, quote: str, positions: list[int]
          ) -> dict[tuple[int, int], float | None]:
    """(spelling, position) -> the sum of the column at `position` over the records of
    `copy` (every field read as text; a field that is no number in that spelling counts
    for nothing, as a header does)."""
    scan = exp.Table(this=exp.func(
        "read_csv", exp.Literal.string(str(copy)), named("delim", delimiter),
        named("quote", quote), named("header", False), named("all_varchar", True),
        named("null_padding", True), named("ignore_errors", True)))
    try:
        names = [d[0] for d in con.execute(exp.select("*").from_(scan).limit(0).sql("duckdb"))
                 .description]
    except Exception:  # noqa: BLE001 - duckdb's own hierarchy: not summed, the lines kept
        return {}
    wanted = [(s, i) for s in range(len(_SPELLINGS)) for i in positions if i < len(names)]
    if not wanted:
        return {}

    def number(position: int, spelling: tuple[str, str]) -> exp.Expression:
        mark, grouping = spelling
        value = exp.RegexpReplace(this=exp.func("trim", column(names[position])),
                                  expression=exp.Literal.string(f"[{re.escape(grouping)}]"),
                                  replacement=exp.Literal.string(""),
                                  modifiers=exp.Literal.string("g"))
        if mark != ".":
            value = exp.func("replace", value, exp.Literal.string(mark), exp.Literal.string("."))
        return exp.func("sum", exp.TryCast(this=value, to=exp.DataType.build("double")))
    query = exp.select(*[number(i, _SPELLINGS[s]) for s, i in wanted]).from_(scan)
    try:
        values = con.execute(query.sql("duckdb")).fetchall()[0]
    except Exception:  # noqa: BLE001 - duckdb's own hierarchy: not summed, the lines kept
        return {}
    return dict(zip(wanted, values))


def _is_sum(line: _Line, sums: dict[tuple[int, int], float | None]) -> bool:
    """Every number of the line is its column's sum, in one spelling, to the precision the
    line prints it with."""
    def fits(spelling: int, position: int, text: str) -> bool:
        printed = _value(text, _SPELLINGS[spelling])
        return printed is not None and sums_to(sums.get((spelling, position)), *printed)
    return any(all(fits(s, i, v) for i, v in line.numbers.items())
               for s in range(len(_SPELLINGS)))


def _plus(sums: dict[tuple[int, int], float | None], line: _Line
          ) -> dict[tuple[int, int], float | None]:
    """`sums` with the line's numbers added: a line kept as a record is above the next."""
    added = dict(sums)
    for (s, position), total in sums.items():
        value = _value(line.numbers.get(position, ""), _SPELLINGS[s])
        if total is not None and value is not None:
            added[(s, position)] = total + value[0]
    return added
