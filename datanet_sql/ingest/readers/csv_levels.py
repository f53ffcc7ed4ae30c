"""pandas' `to_csv` of a frame whose columns have several levels (a `groupby(...).agg([...])`,
a `pivot_table`): one header line a level, then a line of the index's names.

pandas writes each column level on its own line, the index's cells left blank (or the first
holding the level's name, `columns.names`), then the index's names over blank cells
(`metal,conc,,,`) when the index is named, then the rows:

    ,,BIF,BIF,BIF
    ,,mean,std,count
    metal,conc,,,

Read as a CSV, the first line names the columns (`column_1`, `bif`, `bif_2`) and the other
lines are rows, which turns every number column to text, silently.

When the file's first lines are two or more such level lines (the same cells before the
labels, every label written, a label of the top line repeated over its neighbours as a
level's labels are, each column's labels distinct from the others'), then the line of the
index's names or, the index unnamed, a row whose first cell is written, it is read from a
copy with one header line: the index's names, and each column's labels joined by `_`
(`BIF_mean`); the lines left out noted. `options: {header: ...}` or `skip` read the file as
told instead. Named column levels over an index of one column (`stat,mean,max` over
`metal,,`) are not told from a header over a row of words and a short row (`id,a,a`,
`Ann,y,z`, `Bob,,`): such a file is read as before.
"""

from __future__ import annotations

import csv
import io
import itertools
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers.scratch import copy_path

_DELIMITERS = (",", "\t", ";", "|")
_HEAD_BYTES = 1 << 16    # the levels and the names line are in the file's first bytes
_MAX_LEVELS = 8
_SHOWN = 3   # joined names a note quotes
_TOLD = ("header", "skip")


@dataclass(frozen=True)
class Levels:
    """The header lines pandas wrote for columns of several levels."""

    delimiter: str
    names: list[str]     # the index's names, then each column's labels joined by `_`
    index: int           # the index's columns
    lines: int           # the header lines (the levels and the index's names)
    start: int           # the byte offset of the first row
    ending: str          # the file's line ending, the header line's too


def with_joined_header(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
                       ) -> tuple[Path, list[str], dict[str, Any]]:
    """`path`, or a copy of it (removed with `stack`) with one header line naming the index
    and the joined levels instead of the header lines; the note; the options telling the
    copy's delimiter and header (`name`: the file as the user knows it)."""
    levels = None if any(k in opts for k in _TOLD) else levels_of(path)
    if levels is None:
        return path, [], opts
    copy = copy_path(stack, path, "levels")
    with path.open("rb") as source, copy.open("wb") as target:
        header = io.StringIO()
        csv.writer(header, delimiter=levels.delimiter, lineterminator=levels.ending).writerow(
            levels.names)
        target.write(header.getvalue().encode())
        source.seek(levels.start)
        while chunk := source.read(1 << 20):
            target.write(chunk)
    joined = levels.names[levels.index:]
    more = f", and {len(joined) - _SHOWN} more" if len(joined) > _SHOWN else ""
    note = (f"{name}: pandas' to_csv of columns of several levels: header lines 1-"
            f"{levels.lines} read as one, each column's labels joined by '_' "
            f"({', '.join(joined[:_SHOWN])}{more}), the index's {levels.index} column(s) "
            f"named from its names' line or blank")
    return copy, [note], {**opts, "delimiter": levels.delimiter, "header": True}


def levels_of(path: Path) -> Levels | None:
    """The header lines of pandas' columns of several levels at the file's start (see the
    module), or None; only the file's first bytes are read."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    lines = head.splitlines(keepends=True)[:_MAX_LEVELS + 2]   # CR, LF or CRLF ends
    texts = [line.decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r\n") for line in lines]
    for delimiter in _DELIMITERS:
        found = _levels(texts, delimiter)
        if found is not None:
            names, index, count = found
            start = sum(len(line) for line in lines[:count])
            ending = lines[0][len(lines[0].rstrip(b"\r\n")):].decode() or "\n"
            return Levels(delimiter, names, index, count, start, ending)
    return None


def _levels(texts: list[str], delimiter: str) -> tuple[list[str], int, int] | None:
    """The header's names, the index's columns and the header lines when `texts` (the
    file's first lines) split on `delimiter` are pandas' level lines, then its index names'
    line or a row."""
    try:
        rows = [next(csv.reader([t], delimiter=delimiter), []) for t in texts]
    except csv.Error:   # a line csv cannot split (a quote left open): no level line
        return None
    width = len(rows[0]) if rows else 0
    index = _index_width(rows[0]) if rows else 0
    if width < 3 or not index or index >= width - 1:
        return None
    count = 0
    while count < len(rows) - 1 and _is_level(rows[count], width, index):
        count += 1
    named = any(r[0].strip() for r in rows[:count])   # the column levels' names written
    if count < 2 or len(rows[count]) != width or named and index == 1:
        return None   # named levels over one index column look like a header over rows
    labels = list(zip(*(r[index:] for r in rows[:count])))
    top = [label[0] for label in labels]
    if len(set(labels)) < len(labels) or not any(a == b for a, b in itertools.pairwise(top)):
        return None
    after = rows[count]
    joined = ["_".join(part.strip() for part in label) for label in labels]
    if any(after[:index]) and not any(after[index:]):      # the index's names
        return [*after[:index], *joined], index, count + 1
    if after[0].strip() and not named:   # a row: the index unnamed
        return [""] * index + joined, index, count
    return None


def _index_width(row: list[str]) -> int:
    """The cells before the labels on a level line: the first (blank, or the level's name)
    and the blank ones after it."""
    width = 1
    while width < len(row) and not row[width].strip():
        width += 1
    return width


def _is_level(row: list[str], width: int, index: int) -> bool:
    """`row` is a level line: `index` cells before labels, all written."""
    return len(row) == width and _index_width(row) == index and all(
        cell.strip() for cell in row[index:])
