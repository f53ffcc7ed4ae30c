"""What every cross-database macro needs: dbt's arguments turned into sqlglot expressions.

dbt passes its cross-database macros SQL fragments as Python strings (`'order_date'`,
`"row_number() over (order by 1) - 1"`), numbers, and date part names with or without quotes
(`'day'`, `"'day'"`). Each is parsed once here in the target's dialect, so the macros build
trees and sqlglot writes the SQL of every engine; a fragment that does not parse is a
TemplateError naming the macro, not a warehouse error far from its cause.
"""

from __future__ import annotations

import sqlglot
from sqlglot import ErrorLevel, exp
from sqlglot.errors import ParseError, UnsupportedError

from datanet_sql.errors import TemplateError, UnsupportedSqlError

DATEPARTS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second",
             "millisecond", "microsecond")


def sql(fragment: object, dialect: str, macro: str) -> exp.Expression:
    """Parse one SQL fragment (a string, or a number dbt passes as is) in `dialect`."""
    if isinstance(fragment, bool) or fragment is None:
        raise TemplateError(f"dbt.{macro}: expected SQL text or a number, got {fragment!r}",
                            hint="pass the SQL expression as a string, e.g. 'order_date'")
    if isinstance(fragment, (int, float)):
        return exp.convert(fragment)
    try:
        return sqlglot.parse_one(str(fragment), read=dialect)
    except ParseError as error:
        raise TemplateError(f"dbt.{macro}: {str(fragment)!r} is not SQL that parses in "
                            f"{dialect}: {error.errors[0]['description'] if error.errors else error}",
                            hint="pass a SQL expression, e.g. 'order_date' or \"cast('2024-01-01' as date)\"") from None


def integer(value: object, macro: str, what: str) -> int:
    """An argument dbt's macros use as a Python number (part_number, upper_bound, limit)."""
    try:
        return int(str(value).strip())
    except ValueError:
        raise TemplateError(f"dbt.{macro}: {what} must be an integer, got {value!r}") from None


def datepart(value: object, macro: str) -> str:
    """`day`, `'day'` or `"DAY"` -> `day`; anything not a date part dbt documents is an error."""
    part = str(value).strip().strip("'\"").lower()
    if part not in DATEPARTS:
        raise TemplateError(f"dbt.{macro}: {value!r} is not a date part",
                            hint=f"use one of {', '.join(DATEPARTS)}")
    return part


def data_type(value: object, dialect: str, macro: str) -> exp.DataType:
    """A type name as a type macro or the caller wrote it (`TEXT`, `numeric(28,6)`)."""
    try:
        return exp.DataType.build(str(value), dialect=dialect)
    except (ParseError, ValueError):
        raise TemplateError(f"dbt.{macro}: {value!r} is not a type {dialect} knows",
                            hint="use a type macro, e.g. dbt.type_string()") from None


def render(expression: exp.Expression, dialect: str, macro: str) -> str:
    """SQL text of `expression`; a construct the dialect cannot express raises, never drops."""
    try:
        return expression.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as error:
        raise UnsupportedSqlError(f"dbt.{macro} cannot be written for {dialect}: {error}") from None
