"""Arrow intervals (month_day_nano: months, days and nanoseconds kept apart, as a reader's
DuckDB INTERVAL and a Postgres source's `interval` come) as each warehouse takes them.

DuckDB's INTERVAL is the same three counts: it takes them as they are (`6 years`). Postgres'
`interval` is too, but COPY takes text, and psycopg wrote pyarrow's MonthDayNano as the
tuple `(0,0,604800000000000)`: `texts` writes each as Postgres reads an interval, every
part signed (`+72 mons +0 days +00:00:00.000000`), so no `IntervalStyle` of the target
(sql_standard carries a leading `-` over to the unsigned parts) reads it otherwise.
Spark's tables hold a day-time interval (`DayTimeIntervalType`, an Arrow duration) or a
year-month one, never both in one column, and createDataFrame takes no month_day_nano:
`as_durations` makes each a duration (a day as 24 hours), and refuses a column holding
months, which no number of days is (a loan's `6 years` would be 2190 days).
"""

from __future__ import annotations

from typing import Any

from datanet_sql.errors import IngestError

_NANOS = 1_000
_MICROS = 1_000_000


def is_interval(arrow_type: Any) -> bool:
    """Whether an Arrow type is a month_day_nano interval."""
    import pyarrow.types as pt

    return pt.is_interval(arrow_type)


def texts(column: Any) -> list[str | None]:
    """An interval column's values as Postgres reads them back exactly (see the module
    docstring); nanoseconds cut to microseconds, Postgres' finest."""
    out: list[str | None] = []
    for value in column.to_pylist():
        if value is None:
            out.append(None)
            continue
        months, days, nanos = value
        seconds, micros = divmod(abs(nanos) // _NANOS, _MICROS)
        sign = "-" if nanos < 0 else "+"
        out.append(f"{months:+d} mons {days:+d} days {sign}{seconds // 3600:02d}:"
                   f"{seconds // 60 % 60:02d}:{seconds % 60:02d}.{micros:06d}")
    return out


def as_durations(table: Any, names: set[str] | None = None) -> Any:
    """The Arrow table with its interval columns (those of `names`) as durations
    (microseconds), for Spark; a column holding months is refused naming it (see the
    module docstring)."""
    for index, field in enumerate(table.schema):
        if is_interval(field.type) and (names is None or field.name in names):
            table = table.set_column(index, field.name, _duration(table.column(index),
                                                                  field.name))
    return table


def _duration(column: Any, name: str) -> Any:
    """A month_day_nano column as duration[us] (days as 24 hours); refused where a value
    holds months."""
    import numpy as np
    import pyarrow as pa

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    parts = np.frombuffer(array.buffers()[1], dtype=np.dtype(
        [("months", "<i4"), ("days", "<i4"), ("nanos", "<i8")]))[
        array.offset:array.offset + len(array)]
    valid = array.is_valid().to_numpy(zero_copy_only=False)
    months = int((parts["months"][valid] != 0).sum())
    if months:
        first = array.filter(pa.array(valid & (parts["months"] != 0)))[0].as_py()
        raise IngestError(
            f"column {name}: {months} interval(s) of months or years ({first.months} months "
            f"in the first): a Spark table holds no interval of months beside days and time, "
            f"and no number of days is a month",
            hint=f"declare {name} as text in the source's `columns:` ({name}: text) to keep "
                 f"each interval as its text (6 years), or load into DuckDB or Postgres")
    micros = parts["days"].astype("int64") * 86_400 * _MICROS + parts["nanos"] // _NANOS
    return pa.array(micros, type=pa.duration("us"), mask=~valid)
