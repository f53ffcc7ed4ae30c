"""dbt's date macros: dateadd, datediff, date_trunc, last_day, date and the current timestamps.

Each engine is written the way dbt's own adapter writes it, so a model built by datanet holds
the rows dbt would have built: DuckDB adds `CAST(n AS BIGINT) * INTERVAL 1 unit` (dbt-duckdb),
Postgres multiplies `INTERVAL '1 unit'`, BigQuery works on DATETIME. `datediff` counts the
boundaries crossed between two dates, as dbt documents (Dec 31 to Jan 1 is one year): engines
whose own DATEDIFF counts boundaries (Snowflake, Redshift, BigQuery, DuckDB except weeks) call
it; on the others the count is computed from the date parts, weeks starting on Sunday.
"""

from __future__ import annotations

import datetime

from sqlglot import exp

from datanet_sql.compile.dbt_crossdb import fragments
from datanet_sql.compile.dbt_crossdb.fragments import render, sql
from datanet_sql.errors import TemplateError

# units an engine's interval arithmetic lacks, written as a multiple of one it has
_AS_MULTIPLE = {"quarter": ("month", 3), "week": ("day", 7)}
_NATIVE_BOUNDARY_DIFF = {"snowflake", "redshift", "bigquery", "duckdb"}
# what each unit is in the next larger one, for the datediff computed from date parts
_FINER = {"hour": ("day", 24), "minute": ("hour", 60), "second": ("minute", 60),
          "millisecond": ("minute", 60_000), "microsecond": ("minute", 60_000_000)}


def _number(value: int) -> exp.Literal:
    return exp.Literal.number(value)


def _interval_times(dialect: str, unit: str, count: exp.Expression) -> exp.Expression:
    """`count` units as an interval value, the way dbt's DuckDB and Postgres adapters write it."""
    factor = 1
    if unit == "quarter" or (dialect == "duckdb" and unit == "week"):
        unit, factor = _AS_MULTIPLE[unit]
    if dialect == "duckdb":
        count = exp.cast(count, exp.DataType.Type.BIGINT)
    else:
        count = exp.Paren(this=count)
    if factor != 1:
        count = exp.Paren(this=exp.Mul(this=count, expression=_number(factor)))
    if dialect == "duckdb":
        return exp.Mul(this=count, expression=exp.Interval(this=_number(1), unit=exp.var(unit.upper())))
    one = exp.Interval(this=exp.Literal.string("1"), unit=exp.var(unit.upper()))
    return exp.Mul(this=one, expression=count)


def dateadd_tree(dialect: str, unit: str, count: exp.Expression,
                 start: exp.Expression) -> exp.Expression:
    """`start` plus `count` units, as a tree (last_day and date_spine build on it)."""
    if dialect in ("duckdb", "postgres"):
        return exp.Paren(this=exp.Add(this=start, expression=_interval_times(dialect, unit, count)))
    if dialect == "bigquery":
        return exp.DatetimeAdd(this=exp.cast(start, exp.DataType.Type.DATETIME),
                               expression=count, unit=exp.var(unit.upper()))
    if dialect == "spark":
        return exp.TimestampAdd(this=start, expression=count, unit=exp.var(unit.upper()))
    return exp.DateAdd(this=start, expression=count, unit=exp.var(unit.upper()))


def date_trunc_tree(dialect: str, unit: str, value: exp.Expression) -> exp.Expression:
    if dialect == "bigquery":  # BigQuery's TIMESTAMP is sqlglot's TIMESTAMPTZ
        value = exp.cast(value, exp.DataType.Type.TIMESTAMPTZ)
    return exp.TimestampTrunc(this=value, unit=exp.var(unit.upper()))


def _part(unit: str, value: exp.Expression, dialect: str) -> exp.Expression:
    """One date part of `value` as a number; the day of the week counts from Sunday."""
    if unit == "dow" and dialect == "trino":
        return exp.DayOfWeek(this=value)  # sqlglot maps Trino's ISO day to Sunday = 1
    return exp.Extract(this=exp.var(unit.upper()), expression=value)


def _boundaries(dialect: str, unit: str, first: exp.Expression,
                second: exp.Expression) -> exp.Expression:
    """How many `unit` boundaries lie between first and second, from their date parts."""
    as_date = [exp.cast(v.copy(), exp.DataType.Type.DATE) for v in (first, second)]
    as_ts = [exp.cast(v.copy(), exp.DataType.Type.TIMESTAMP) for v in (first, second)]

    def delta(part: str, values: list[exp.Expression]) -> exp.Expression:
        later, earlier = _part(part, values[1].copy(), dialect), _part(part, values[0].copy(), dialect)
        if part in ("second", "millisecond", "microsecond"):
            later, earlier = exp.Floor(this=later), exp.Floor(this=earlier)
        return exp.Sub(this=later, expression=earlier)

    def scaled(coarser: exp.Expression, factor: int, part: str, values: list[exp.Expression]) -> exp.Expression:
        return exp.Add(this=exp.Mul(this=exp.Paren(this=coarser), expression=_number(factor)),
                       expression=delta(part, values))

    if unit == "year":
        return delta("year", as_date)
    if unit in ("quarter", "month"):
        return scaled(_boundaries(dialect, "year", first, second),
                      4 if unit == "quarter" else 12, unit, as_date)
    days: exp.Expression = exp.DateDiff(this=as_date[1], expression=as_date[0], unit=exp.var("DAY"))
    if dialect == "postgres":  # date - date is a number of days there
        days = exp.Paren(this=exp.Sub(this=as_date[1].copy(), expression=as_date[0].copy()))
    if unit == "day":
        return days
    if unit == "week":  # (days + dow(first) - dow(second)) is a whole number of weeks
        shifted = exp.Sub(this=exp.Add(this=days, expression=_part("dow", as_date[0].copy(), dialect)),
                          expression=_part("dow", as_date[1].copy(), dialect))
        return exp.IntDiv(this=exp.Paren(this=shifted), expression=_number(7))
    coarser, factor = _FINER[unit]
    return scaled(_boundaries(dialect, coarser, first, second), factor, unit, as_ts)


def datediff_tree(dialect: str, unit: str, first: exp.Expression,
                  second: exp.Expression) -> exp.Expression:
    if dialect in _NATIVE_BOUNDARY_DIFF and not (dialect == "duckdb" and unit == "week"):
        cast_to = {"bigquery": exp.DataType.Type.DATETIME, "duckdb": exp.DataType.Type.TIMESTAMP}
        if dialect in cast_to:
            first, second = exp.cast(first, cast_to[dialect]), exp.cast(second, cast_to[dialect])
        diff = exp.DatetimeDiff if dialect == "bigquery" else exp.DateDiff
        return diff(this=second, expression=first, unit=exp.var(unit.upper()))
    return exp.cast(exp.Paren(this=_boundaries(dialect, unit, first, second)),
                    exp.DataType.Type.BIGINT)


def dateadd(dialect: str, datepart: object, interval: object, from_date_or_timestamp: object) -> str:
    unit = fragments.datepart(datepart, "dateadd")
    tree = dateadd_tree(dialect, unit, sql(interval, dialect, "dateadd"),
                        sql(from_date_or_timestamp, dialect, "dateadd"))
    return render(tree, dialect, "dateadd")


def datediff(dialect: str, first_date: object, second_date: object, datepart: object) -> str:
    unit = fragments.datepart(datepart, "datediff")
    tree = datediff_tree(dialect, unit, sql(first_date, dialect, "datediff"),
                         sql(second_date, dialect, "datediff"))
    return render(tree, dialect, "datediff")


def date_trunc(dialect: str, datepart: object, date: object) -> str:
    unit = fragments.datepart(datepart, "date_trunc")
    return render(date_trunc_tree(dialect, unit, sql(date, dialect, "date_trunc")),
                  dialect, "date_trunc")


def last_day(dialect: str, date: object, datepart: object) -> str:
    """The last day of the period holding `date`: start of the next period minus a day."""
    unit = fragments.datepart(datepart, "last_day")
    start = date_trunc_tree(dialect, unit, sql(date, dialect, "last_day"))
    next_start = dateadd_tree(dialect, unit, _number(1), start)
    day_before = dateadd_tree(dialect, "day", _number(-1), next_start)
    return render(exp.cast(day_before, exp.DataType.Type.DATE), dialect, "last_day")


def date(dialect: str, year: object, month: object, day: object) -> str:
    """A date literal; an impossible date (Feb 30) is an error here, not in the warehouse."""
    try:
        value = datetime.date(int(str(year)), int(str(month)), int(str(day)))
    except ValueError as error:
        raise TemplateError(f"dbt.date({year!r}, {month!r}, {day!r}): {error}") from None
    return render(exp.cast(exp.Literal.string(value.isoformat()), exp.DataType.Type.DATE),
                  dialect, "date")


def current_timestamp(dialect: str) -> str:
    now: exp.Expression = exp.CurrentTimestamp()
    if dialect == "snowflake":
        now = exp.ConvertTimezone(target_tz=exp.Literal.string("UTC"), timestamp=now)
    return render(now, dialect, "current_timestamp")


def current_timestamp_backcompat(dialect: str) -> str:
    """The current time as a plain TIMESTAMP (no time zone), as dbt's older macros returned."""
    if dialect == "bigquery":
        return render(exp.CurrentTimestamp(), dialect, "current_timestamp_backcompat")
    return render(exp.cast(exp.CurrentTimestamp(), exp.DataType.Type.TIMESTAMP), dialect,
                  "current_timestamp_backcompat")


def current_timestamp_in_utc_backcompat(dialect: str) -> str:
    """The current UTC time as a plain TIMESTAMP; engines whose clock is UTC need no zone."""
    if dialect in ("bigquery", "redshift", "spark"):
        return current_timestamp_backcompat(dialect)
    utc = exp.ConvertTimezone(target_tz=exp.Literal.string("UTC"), timestamp=exp.CurrentTimestamp())
    return render(exp.cast(utc, exp.DataType.Type.TIMESTAMP), dialect,
                  "current_timestamp_in_utc_backcompat")
