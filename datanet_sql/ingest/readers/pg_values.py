"""Postgres values that Python's types (and Arrow's) cannot hold: dates and timestamps
`infinity` and `-infinity` (an open end of a validity range), or of a year past 9999 or
before 1 (BC); a `time` of `24:00:00` (the end of a day, which Postgres' time holds and
Python's `datetime.time` does not); numerics `NaN`, `Infinity` and `-Infinity` (a decimal
has none). psycopg refuses the first two (`DataError: date too large`, `can't parse time
'24:00:00'`), so a whole read crashed on one row, and the third made the column text.

Read instead, with a note naming the column and how many values, never a crash:
- `infinity` as the greatest date or timestamp (9999-12-31, 23:59:59.999999), `-infinity`
  as the least (0001-01-01): the spelling of an open end that every warehouse holds, so
  `valid_to > current_date` keeps its meaning;
- `24:00:00` as 24:00:00, the time it is: Arrow's time64 and DuckDB's TIME hold it (its
  microseconds since midnight, 86400000000), greater than every other time of the day, so
  a window `00:00:00` to `24:00:00` stays the whole day (never 00:00:00, nor NULL);
- a year past 9999 or before 1, a numeric that is not a number, and an interval
  `infinity` or `-infinity` (Postgres 17's, see `pg_interval`), as NULL: no value of the
  column's type says it.

Floating-point columns keep their NaN and infinities (Arrow, DuckDB, Postgres and Spark
doubles hold them).

A `time with time zone` (`timetz`) is read as text as Postgres writes it (`09:00:00+02`,
`24:00:00+00`), noted per column. psycopg refused `24:00:00+00` too, and its other values
came as Python times whose offset Arrow's time64 dropped: `09:00:00+02` was loaded as
09:00:00, silently another moment than 07:00 UTC. Arrow has no time with an offset, and
moving each to UTC loses the offset and wraps past midnight (a shift `01:00:00+02` to
`09:00:00+02` became 23:00 to 07:00, its end before its start). Text keeps every value
exactly, 24:00 included, and DuckDB's `cast(x as timetz)` (or Postgres' `x::timetz`) reads
it back where a model compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import cache
from typing import Any

DAY_END = "24:00:00"            # how Postgres writes the end of a day in a `time` column
TIMETZ = 1266                   # the type oid of `time with time zone`
DAY_END_MICROSECONDS = 86_400_000_000


@dataclass(frozen=True)
class Unheld:
    """A date or timestamp psycopg cannot load, as Postgres spells it (`infinity`)."""

    text: str


@cache
def _loaders() -> dict[str, type]:
    """psycopg's text loaders of dates and timestamps, loading what they cannot hold as an
    `Unheld` instead of raising (psycopg is imported only when Postgres is read)."""
    from psycopg import DataError
    from psycopg.types.datetime import (
        DateLoader,
        TimeLoader,
        TimestampLoader,
        TimestamptzLoader,
    )

    def lenient(base: type) -> type:
        class Lenient(base):  # type: ignore[misc, valid-type]
            def load(self, data: Any) -> Any:
                try:
                    return super().load(data)
                except DataError:
                    return Unheld(bytes(data).decode())
        return Lenient

    return {"date": lenient(DateLoader), "time": lenient(TimeLoader),
            "timestamp": lenient(TimestampLoader), "timestamptz": lenient(TimestamptzLoader)}


def register(connection: Any) -> None:
    """Load the connection's dates, times and timestamps leniently (its cursors' text
    format), its times with time zone as the text Postgres writes."""
    from psycopg.types.string import TextLoader

    for name, loader in _loaders().items():
        connection.adapters.register_loader(name, loader)
    connection.adapters.register_loader("timetz", TextLoader)


def notes(description: Any) -> list[str]:
    """A note for each `time with time zone` column of a result (its cursor's
    description)."""
    return [f"column {column.name}: time with time zone read as text as Postgres writes it "
            f"(09:00:00+02, 24:00:00+00): Arrow holds no time with an offset; "
            f"cast({column.name} as timetz) to compare them"
            for column in description if column.type_code == TIMETZ]


def held(name: str, values: list[Any], arrow_type: Any) -> tuple[list[Any], list[str]]:
    """A column's values (of `arrow_type`, None when inferred) with those Python cannot hold
    replaced (see the module docstring), and notes saying how many of each."""
    infinite = sum(isinstance(v, Unheld) and v.text == "infinity" for v in values)
    negative = sum(isinstance(v, Unheld) and v.text == "-infinity" for v in values)
    day_ends = sum(isinstance(v, Unheld) and v.text == DAY_END for v in values)
    out_of_range = sum(isinstance(v, Unheld) for v in values) - infinite - negative - day_ends
    not_a_number = sum(isinstance(v, Decimal) and not v.is_finite() for v in values)
    if not infinite + negative + day_ends + out_of_range + not_a_number:
        return values, []
    import pyarrow as pa

    if arrow_type is not None and pa.types.is_interval(arrow_type):   # see `pg_interval`
        endless = (f"column {name}: {infinite + negative} value(s) 'infinity' or '-infinity' "
                   f"read as NULL (no warehouse's interval holds them)")
        return [None if isinstance(v, Unheld) else v for v in values], [endless]
    greatest, least = _ends(arrow_type)
    said = [(infinite, (f"'infinity' read as {greatest} (the greatest value the column can "
                        f"hold)")),
            (negative, f"'-infinity' read as {least} (the least value the column can hold)"),
            (day_ends, (f"'{DAY_END}' (the end of the day) read as {DAY_END}, after every "
                        f"other time of the day")),
            (out_of_range, "of a year past 9999 or before 1 read as NULL (no date holds them)"),
            (not_a_number, "NaN or Infinity read as NULL (a decimal holds no such value)")]
    notes = [f"column {name}: {count} value(s) {what}" for count, what in said if count]
    ends = {"infinity": greatest, "-infinity": least, DAY_END: DAY_END_MICROSECONDS}
    return [ends.get(v.text) if isinstance(v, Unheld) else
            None if isinstance(v, Decimal) and not v.is_finite() else v
            for v in values], notes


def _ends(arrow_type: Any) -> tuple[date, date]:
    """The greatest and least values of a date or timestamp column (its Arrow type)."""
    import pyarrow as pa

    if arrow_type is None or not pa.types.is_timestamp(arrow_type):
        return date.max, date.min
    tz = timezone.utc if arrow_type.tz else None
    return datetime.max.replace(tzinfo=tz), datetime.min.replace(tzinfo=tz)
