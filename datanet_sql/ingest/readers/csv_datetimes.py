"""Datetimes written with day and month as numbers (`31/12/2024 13:45`, `2/1/2024 9:05 PM`):
which of them comes first, as for dates (`csv_dates`), and every time of day read.

DuckDB's sniffer reads such a column in one of three ways, none of them checked: with
seconds it takes day-first from a sample that fits either order (`01/02/2024 10:00:00` is
1 February), without seconds or with AM/PM it leaves the column text, and a two-digit year
(`31/12/24 13:45`) its timestamp cast reads as the year 31. So the columns it typed
TIMESTAMP, the text columns whose first value is such a datetime, and the columns declared
`timestamp`, are looked at in the pass `csv_dates` makes over the files, by the same rules:

- a value with a number over 12 decides the order (with dots, `01.02.2024 10:00` is day
  first, as dates with dots are): the column is read as text by read_csv and parsed by
  DuckDB's `try_strptime` with every format of that order (seconds or not, their fraction,
  a 12-hour clock with AM/PM; a date without a time is midnight, noted), with a note naming
  the column, the order and the deciding value;
- no value decides: the column is text, with the note naming `options: {dateformat: ...}`,
  whose order (day or month first) is the datetimes' too; values of both orders: text,
  noted (a declared `timestamp` column is refused either way: it cannot be text);
- a value no format of the order reads (`31/02/2024 10:00`, `25:00`): text, noted with the
  value and its record (a declared column: refused);
- two-digit years follow the dates' rule (`csv_dates.century`), unless `dateformat` is given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.csv_dates import (
    Seen,
    ambiguous_note,
    both_orders,
    carried_note,
    century,
    century_note,
    first_where,
    numbered,
    pair,
    spellings,
)
from datanet_sql.ingest.readers.sql import column, ident, literal

# the times of day a datetime may end in, each after one space (none: a date alone)
_TIMES = (
    "",
    " %H:%M",
    " %H:%M:%S",
    " %H:%M:%S.%f",
    " %I:%M %p",
    " %I:%M:%S %p",
    " %I:%M%p",
    " %I:%M:%S%p",
)


@dataclass(frozen=True)
class Parsed:
    """A datetime column read with `formats` (those of its order), its two-digit years
    moved back a century where they are after this year (`century`)."""

    name: str
    formats: tuple[str, ...]
    century: bool


@dataclass(frozen=True)
class Datetimes:
    """What the values decided: the columns parsed, those read as text, and the notes."""

    parsed: tuple[Parsed, ...] = ()
    text: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    this_year: int = 0  # the year the two-digit years pivot on (today's, when read)

    @property
    def names(self) -> tuple[str, ...]:
        """The columns read_csv reads as text (parsed after it, or left so)."""
        return (*self.parsed_names, *self.text)

    @property
    def parsed_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parsed)

    def value(self, name: str) -> exp.Expression:
        """The parsed column `name` as a TIMESTAMP."""
        found = next(p for p in self.parsed if p.name == name)
        value = _parse(column(name), found.formats)
        return (
            century(name, self.this_year, value, "TIMESTAMP")
            if found.century
            else value.as_(ident(name))
        )


def given_order(dateformat: Any) -> str | None:
    """The order of day and month an `options: {dateformat: ...}` writes ("day-first",
    "month-first"), which the datetimes follow; None when it has not both."""
    if not isinstance(dateformat, str) or "%d" not in dateformat or "%m" not in dateformat:
        return None
    return "day-first" if dateformat.index("%d") < dateformat.index("%m") else "month-first"


def datetime_orders(
    con: Any,
    text_scan: exp.Table,
    seen: list[Seen],
    declared: set[str],
    label: str,
    order: str | None = None,
) -> Datetimes:
    """The `Datetimes` of the columns `seen` (those with a time of day in some value; the
    `declared` ones declared `timestamp`), each in the `order` given, or the one its values
    decide. A declared column that cannot be read is refused, naming the file `label`."""
    seen = [s for s in seen if s.values and s.numeric == s.values and s.timed]
    taken = {s.name: None if s.mixed_years else order or _decided(s) for s in seen}
    parsed = [
        Parsed(s.name, _formats(s, taken[s.name]), s.year_digits == 2 and order is None)
        for s in seen
        if taken[s.name]
    ]
    unread = _unread(con, text_scan, parsed)
    this_year = dt.date.today().year
    text, notes = [], []
    for s in seen:
        problem = _problem(s, taken[s.name], unread.get(s.name))
        if problem:
            _refuse_declared(s, declared, label, problem)
            text.append(s.name)
            notes.append(
                ambiguous_note(s, "datetime")
                if not (taken[s.name] or s.first or s.mixed_years)
                else f"column {s.name}: {problem}: read as text"
            )
            continue
        spelled = spellings(s)[taken[s.name]]
        if order is None:
            value, row = s.first or s.second or ("", 0)
            why = f"{value!r} in record {row} decides" if row else "written with dots"
            notes.append(
                carried_note(s, "datetime", spelled)
                if s.carried
                else f"column {s.name}: datetimes read {taken[s.name]} ({spelled}): {why}"
            )
            if s.year_digits == 2:
                notes.append(century_note(s.name, s.example, this_year, spelled))
        if s.timed < s.values:
            notes.append(
                f"column {s.name}: {s.values - s.timed:,} of its {s.values:,} "
                f"datetimes are dates without a time of day: read as midnight"
            )
    return Datetimes(
        tuple(p for p in parsed if p.name not in unread), tuple(text), tuple(notes), this_year
    )


def _decided(seen: Seen) -> str | None:
    """The order the values of the column `seen` decide: the place of a number over 12, or
    day first for dates written with dots (`31.12.2024 13:45`, as everywhere they are
    written so); None when no value decides, or values decide both."""
    if seen.first and not seen.second:
        return "day-first"
    if seen.second and not seen.first:
        return "month-first"
    return "day-first" if seen.separator == "." and not seen.first else None


def _formats(seen: Seen, order: str) -> tuple[str, ...]:
    """The formats that read the column `seen` in `order`: its date, then each time of day."""
    return tuple(spellings(seen)[order] + time for time in _TIMES)


def _problem(seen: Seen, order: str | None, unread: tuple[str, int] | None) -> str:
    """Why the column `seen` cannot be read as datetimes in `order` ("" when it can): years
    of two widths, no order, or a value (`unread`: with its record) none of the order's
    formats reads."""
    if seen.mixed_years:
        return seen.mixed_years
    if order is None and seen.first and seen.second:
        return both_orders(seen, "datetime")
    if order is None:
        return f"every datetime fits day-first and month-first alike ({seen.example!r})"
    if unread:
        return (
            f"{unread[0]!r} in record {unread[1]} is no datetime written {spellings(seen)[order]}"
        )
    return ""


def _parse(value: exp.Expression, formats: tuple[str, ...]) -> exp.Expression:
    """DuckDB's `try_strptime` of `value` with the first of `formats` that reads it."""
    return exp.func("try_strptime", value, literal(list(formats)))


def _unread(con: Any, text_scan: exp.Table, parsed: list[Parsed]) -> dict[str, tuple[str, int]]:
    """The parsed columns with a value none of their formats reads: the first such value
    and its record, in one pass over the files (none without `parsed`)."""
    if not parsed:
        return {}
    picks = []
    for p in parsed:
        value = column(p.name)
        picks.append(
            first_where(
                value,
                exp.and_(value.is_(exp.null()).not_(), _parse(value, p.formats).is_(exp.null())),
            )
        )
    row = con.execute(exp.select(*picks).from_(numbered(text_scan)).sql("duckdb")).fetchall()[0]
    return {p.name: found for p, first in zip(parsed, row) if (found := pair(first))}


def _refuse_declared(seen: Seen, declared: set[str], label: str, problem: str) -> None:
    """A column declared `timestamp` whose datetimes cannot be read cannot be text either:
    refused, saying the `problem` and what to do."""
    if seen.name in declared:
        spelled = spellings(seen)
        raise IngestError(
            f"column {seen.name} is declared timestamp, but {problem}",
            file=label,
            column=seen.name,
            hint=f'set options: {{dateformat: "{spelled["day-first"]}"}} (day '
            f'first) or "{spelled["month-first"]}" (month first), or '
            f"correct the values",
        )
