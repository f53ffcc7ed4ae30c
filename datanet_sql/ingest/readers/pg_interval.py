"""Postgres `interval` values read as intervals: months, days and time kept apart.

Postgres keeps an interval as three counts, as the calendar needs them: months (a year is
12), days, and microseconds; `'2026-01-31' + interval '1 mon'` is 2026-02-28, and across a
daylight-saving change `1 day` is not `24 hours`. psycopg loads an interval as Python's
`timedelta`, which has days and seconds only: a year became 365 days and a month 30, and
the warehouse got `52560:00:00` for a loan's `6 years` (and `1 day 02:00:00` as
`26:00:00`), silently another length.

So each value is loaded from the text Postgres writes with `IntervalStyle` postgres (set for
the session by `pg_locale`: `1 year 2 mons -3 days +04:05:06.789`) as Arrow's
month_day_nano (`MONTH_DAY_NANO`), the three counts as they are: DuckDB's INTERVAL holds
them exactly (`6 years`), the loader writes them to a Postgres target as the same
interval and refuses months where the warehouse has no such interval (Spark, see
`adapters.intervals`). Postgres 17's `infinity` and `-infinity` come as
`pg_values.Unheld`: no warehouse interval holds them (`pg_values.held` says how many).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.pg_values import Unheld

INTERVAL = 1186  # the type oid of `interval`
_MICROS = 1_000_000
# IntervalStyle postgres: each part signed where the parts' signs differ, the time last
_TEXT = re.compile(r"(?:(?P<years>[+-]?\d+) years? ?)?(?:(?P<months>[+-]?\d+) mons? ?)?"
                   r"(?:(?P<days>[+-]?\d+) days? ?)?"
                   r"(?:(?P<sign>[+-])?(?P<hours>\d+):(?P<minutes>\d\d):(?P<seconds>\d\d)"
                   r"(?:\.(?P<fraction>\d{1,6}))?)?")


def parsed(text: str) -> tuple[int, int, int] | Unheld:
    """An interval as Postgres writes it in IntervalStyle postgres, as (months, days,
    nanoseconds); `infinity` and `-infinity` as `Unheld`. Text of another shape is refused:
    the session's IntervalStyle is set, so it would be a new Postgres spelling, never to be
    guessed at."""
    if text in ("infinity", "-infinity"):
        return Unheld(text)
    match = _TEXT.fullmatch(text)
    if not match or not text:
        raise IngestError(f"Postgres wrote an interval as {text!r}, not as IntervalStyle "
                          f"postgres spells one", hint="read the table through a view that "
                          "casts the interval column to text (`term::text AS term`)")
    part = match.groupdict()
    seconds = int(part["hours"] or 0) * 3600 + int(part["minutes"] or 0) * 60 + \
        int(part["seconds"] or 0)
    micros = seconds * _MICROS + int((part["fraction"] or "0").ljust(6, "0"))
    return (int(part["years"] or 0) * 12 + int(part["months"] or 0), int(part["days"] or 0),
            (-micros if part["sign"] == "-" else micros) * 1_000)


@cache
def _loader() -> type:
    """psycopg's loader of text, loading an interval's text as `parsed` does (psycopg is
    imported only when Postgres is read)."""
    from psycopg.types.string import TextLoader

    class Exact(TextLoader):  # type: ignore[misc, valid-type]
        def load(self, data: Any) -> Any:
            return parsed(super().load(data))
    return Exact


def register(connection: Any) -> None:
    """Load the connection's intervals as (months, days, nanoseconds)."""
    connection.adapters.register_loader("interval", _loader())


def arrow_type() -> Any:
    """The Arrow type an interval column is read as."""
    import pyarrow as pa

    return pa.month_day_nano_interval()


def notes(description: Any) -> list[str]:
    """A note for each `interval` column of a result (its cursor's description)."""
    return [f"column {column.name}: Postgres interval read as an interval of months, days "
            f"and time kept apart, as Postgres keeps them (6 years stays 6 years, never "
            f"2190 days; 1 day stays 1 day, never 24:00:00)"
            for column in description if column.type_code == INTERVAL]
