"""What the readers of AEMO's meter data files (`mdff`: NEM12 and NEM13) share: a record's
fields, the format's spellings of dates, times, numbers and quality methods (a field that
breaks one is `Broken`, its record a reject naming why), and the rows parsed in Python
staged into the reader's DuckDB in chunks, so a large file is never held whole in Python.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Iterator
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.sql import append_arrow

BATCH = 5000   # records parsed before they go to DuckDB
# a quality flag (Actual, Estimated, Final substitute, Null, Substituted, Variable) and the
# method number the format gives E, F and S (`A`, `E52`, `S14`)
QUALITY = re.compile(r"[AEFNSV]\d{0,2}")
_SPELLED = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}   # dates and times, by digits
_SPELLING = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_NUMBER = re.compile(_SPELLING)
_NUMBERS = re.compile(rf"{_SPELLING}(?:,{_SPELLING})*")   # a day's values, checked at once
# Arrow types of the staged columns, by the short names the readers give them
_KINDS = ("string", "int32", "double", "date", "timestamp", "doubles", "strings")


class Broken(ValueError):
    """A field that breaks the format: its record is a reject with this reason."""


def fields_of(line: str) -> list[str]:
    """A record's fields, trimmed, without the empty ones it ends with (Excel pads every line
    of a ragged CSV it saves to the longest's width); quotes undone when the line holds any."""
    parts = next(csv.reader([line])) if '"' in line else line.split(",")
    fields = [p.strip() for p in parts]
    while len(fields) > 1 and not fields[-1]:
        fields.pop()
    return fields


def records(path: Path, label: str) -> Iterator[tuple[int, str, list[str]]]:
    """(line number, line as written, fields) of the UTF-8 file's records (`path`, a copy of
    the file `label` names when that was not UTF-8), its blank lines and lines of commas
    alone left out; a line that is not UTF-8 (an `encoding:` option that is not the
    file's) refused, naming it."""
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            try:
                line = data.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
            except UnicodeDecodeError:
                raise IngestError(f"line {number} is not in the encoding given: "
                                  f"{data[:120]!r}", file=label, line=number,
                                  hint="give the file's `encoding:` option, or leave it out "
                                       "to have it detected") from None
            if line.strip(" ,\t"):
                yield number, line, fields_of(line)


def day(text: str, what: str) -> datetime.date | None:
    """A `YYYYMMDD` date (None when empty)."""
    return None if not text else _parsed(text, 8, what).date()


def moment(text: str, what: str, digits: int = 14) -> datetime.datetime | None:
    """A `YYYYMMDDHHMMSS` time (`YYYYMMDDHHMM` with `digits` 12; None when empty)."""
    return None if not text else _parsed(text, digits, what)


def _parsed(text: str, digits: int, what: str) -> datetime.datetime:
    """`text` as the format spells a date or time of `digits` digits (all of them: strptime
    alone reads `2014011` as a date)."""
    shape = "YYYYMMDDHHMMSS"[:digits]
    if len(text) != digits or not text.isdigit():
        raise Broken(f"{what} {text!r} is not {shape}")
    try:
        return datetime.datetime.strptime(text, _SPELLED[digits])
    except ValueError:
        raise Broken(f"{what} {text!r} is no {'date' if digits == 8 else 'time'} "
                     f"({shape})") from None


def number(text: str, what: str) -> float:
    """A value the format writes as a number (no `nan`, `inf` or `1_000`, which Python's
    float would read)."""
    if not _NUMBER.fullmatch(text):
        raise Broken(f"{what} {text!r} is no number")
    return float(text)


def numbers(texts: list[str], what: Callable[[int], str]) -> list[float]:
    """Values that must all be numbers (`what(i)` names the i-th, 0-based, in a reason)."""
    if _NUMBERS.fullmatch(",".join(texts)):
        return list(map(float, texts))
    bad = next(i for i, t in enumerate(texts) if not _NUMBER.fullmatch(t))
    raise Broken(f"{what(bad)} {texts[bad]!r} is no number")


def quality(text: str, what: str) -> str:
    """A quality method (`A`, `S14`, ...)."""
    if not QUALITY.fullmatch(text):
        raise Broken(f"{what} {text!r} is no quality method (A, E, F, N, S or V, with its "
                     f"method number: S14)")
    return text


class Staged:
    """Rows parsed in Python on their way into the temporary table `table` of the reader's
    DuckDB, `BATCH` at a time, each chunk through `shaped` (see `sql.append_arrow`).
    `columns` are (name, kind) pairs, kinds of `_KINDS`."""

    def __init__(self, con: Any, table: str, columns: list[tuple[str, str]],
                 shaped: Callable[[exp.Table], exp.Select] | None = None) -> None:
        assert all(kind in _KINDS for _, kind in columns)
        self.con, self.table, self.columns, self.shaped = con, table, columns, shaped
        self.values: list[list[Any]] = [[] for _ in columns]
        self.created = False

    def add(self, row: tuple[Any, ...]) -> None:
        for values, value in zip(self.values, row, strict=True):
            values.append(value)
        if len(self.values[0]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """The rows added since the last flush into the table (created by the first, even
        with no rows: the table's columns are there when the file holds none)."""
        import pyarrow as pa

        if self.created and not self.values[0]:
            return
        kinds = {"string": pa.string(), "int32": pa.int32(), "double": pa.float64(),
                 "date": pa.date32(), "timestamp": pa.timestamp("us"),
                 "doubles": pa.list_(pa.float64()), "strings": pa.list_(pa.string())}
        schema = pa.schema([(name, kinds[kind]) for name, kind in self.columns])
        rows = pa.table([_doubles(v) if kind == "doubles" else pa.array(v, f.type)
                         for v, f, (_, kind) in zip(self.values, schema, self.columns)],
                        schema=schema)
        append_arrow(self.con, self.table, rows, not self.created, self.shaped)
        self.created = True
        self.values = [[] for _ in self.columns]


def _doubles(lists: list[list[float]]) -> Any:
    """Lists of floats (none None) as an Arrow list array, built from their values in one
    flat array (pyarrow converts nested Python lists ten times slower)."""
    import pyarrow as pa

    offsets = [0, *accumulate(map(len, lists))]
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()),
                                    pa.array(list(chain.from_iterable(lists)), pa.float64()))


class RecordReader:
    """A reader of one version's data records (`nem12.Intervals`, `nem13.Accumulations`):
    `mdff.read` hands it every record between the 100 header and the 900 end (`take`), then
    asks for its table and notes (`finish`)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.rejects: list[Any] = []

    def reject(self, number: int, line: str, reason: str) -> None:
        from datanet_sql.ingest.reading import Reject

        self.rejects.append(Reject(self.label, str(number), reason, line))

    def take(self, number: int, line: str, fields: list[str]) -> None:
        raise NotImplementedError

    def finish(self) -> tuple[str, str, list[str]]:
        """The temporary table holding the rows, what was read (for the file's note), and
        further notes."""
        raise NotImplementedError
