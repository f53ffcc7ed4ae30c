"""Calls of dbt's cross-database macros with the value each must give, shared by the tests that
run them on DuckDB, Postgres and Spark and by the golden SQL files of every dialect.

A call is written as in a dbt model, Python syntax: `dateadd("month", 1, "cast(... as date)")`;
arguments may be other macro calls (`cast("'7'", type_int())`). Aggregate cases read the rows
of `t(x, o, b)`.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).parent / "golden" / "crossdb"
ROWS = [("a", 1, False), ("b", 2, True), ("c", 3, False), (None, 4, False)]


@dataclass(frozen=True)
class Case:
    title: str
    call: str
    expected: Any  # the value, or a predicate on it
    rows: bool = False  # reads t(x, o, b)
    engines: frozenset[str] = field(default=frozenset({"duckdb", "postgres"}))


def _d(text: str) -> str:
    return f"cast('{text}' as date)"


def _ts(text: str) -> str:
    return f"cast('{text}' as timestamp)"


ALL = frozenset({"duckdb", "postgres", "spark"})
NOT_PG = frozenset({"duckdb", "spark"})
CASES = [
    Case("dateadd month at month end", f'dateadd("month", 1, "{_d("2024-01-31")}")', dt.date(2024, 2, 29), engines=ALL),
    Case("dateadd negative day", f'dateadd("day", -1, "{_d("2024-03-01")}")', dt.date(2024, 2, 29), engines=ALL),
    Case("dateadd quarter", f'dateadd("quarter", 1, "{_d("2024-11-30")}")', dt.date(2025, 2, 28), engines=ALL),
    Case("dateadd week", f'dateadd("week", 2, "{_d("2024-02-20")}")', dt.date(2024, 3, 5)),
    Case("dateadd quoted datepart", f'dateadd("\'day\'", "1 + 1", "{_d("2024-12-31")}")', dt.date(2025, 1, 2)),
    Case("dateadd hour across a year", f'dateadd("hour", 5, "{_ts("2024-12-31 22:00:00")}")',
         dt.datetime(2025, 1, 1, 3), engines=ALL),
    Case("dateadd of NULL", 'dateadd("day", 1, "cast(null as date)")', None),
    Case("datediff day across years", f'datediff("{_d("2023-12-31")}", "{_d("2024-01-01")}", "day")', 1, engines=ALL),
    Case("datediff year counts boundaries", f'datediff("{_d("2023-12-31")}", "{_d("2024-01-01")}", "year")', 1, engines=ALL),
    Case("datediff quarter", f'datediff("{_d("2023-12-31")}", "{_d("2024-01-01")}", "quarter")', 1),
    Case("datediff month", f'datediff("{_d("2024-01-31")}", "{_d("2024-02-01")}", "month")', 1, engines=ALL),
    Case("datediff month backwards", f'datediff("{_d("2024-03-01")}", "{_d("2023-12-31")}", "month")', -3),
    Case("datediff week: Saturday to Sunday", f'datediff("{_d("2024-01-06")}", "{_d("2024-01-07")}", "week")', 1, engines=ALL),
    Case("datediff week: Sunday to Saturday", f'datediff("{_d("2024-01-07")}", "{_d("2024-01-13")}", "week")', 0, engines=ALL),
    Case("datediff week across years", f'datediff("{_d("2023-12-30")}", "{_d("2024-01-14")}", "week")', 3, engines=ALL),
    Case("datediff week backwards", f'datediff("{_d("2024-01-07")}", "{_d("2024-01-06")}", "week")', -1),
    Case("datediff hour", f'datediff("{_ts("2024-01-01 23:59:00")}", "{_ts("2024-01-02 00:01:00")}", "hour")', 1),
    Case("datediff minute", f'datediff("{_ts("2024-01-01 10:00:59")}", "{_ts("2024-01-01 10:01:00")}", "minute")', 1),
    Case("datediff second", f'datediff("{_ts("2024-01-01 10:00:59")}", "{_ts("2024-01-01 10:02:00")}", "second")', 61),
    Case("datediff of NULL", f'datediff("cast(null as date)", "{_d("2024-01-01")}", "day")', None),
    Case("date_trunc week starts Monday", f'date_trunc("week", "{_d("2024-01-03")}")', dt.date(2024, 1, 1), engines=ALL),
    Case("date_trunc month", f'date_trunc("month", "{_d("2024-02-15")}")', dt.date(2024, 2, 1), engines=ALL),
    Case("last_day month in a leap year", f'last_day("{_d("2024-02-10")}", "month")', dt.date(2024, 2, 29), engines=ALL),
    Case("last_day quarter", f'last_day("{_d("2024-05-10")}", "quarter")', dt.date(2024, 6, 30), engines=ALL),
    Case("last_day year", f'last_day("{_d("2024-05-10")}", "year")', dt.date(2024, 12, 31)),
    Case("date", "date(2024, 2, 29)", dt.date(2024, 2, 29), engines=ALL),
    Case("type_string", 'cast("42", type_string())', "42", engines=ALL),
    Case("type_int", "cast(\"'7'\", type_int())", 7, engines=ALL),
    Case("type_bigint", "cast(\"'9000000000'\", type_bigint())", 9_000_000_000, engines=ALL),
    Case("type_float", "cast(\"'0.5'\", type_float())", 0.5, engines=ALL),
    Case("type_numeric keeps six decimals", "cast(\"'12.3456789'\", type_numeric())", Decimal("12.345679"), engines=ALL),
    Case("type_boolean", "cast(\"'true'\", type_boolean())", True, engines=ALL),
    Case("type_timestamp", "cast(\"'2024-01-02 03:04:05'\", type_timestamp())", dt.datetime(2024, 1, 2, 3, 4, 5), engines=ALL),
    Case("current_timestamp is now", 'datediff("cast(\'2020-01-01\' as date)", current_timestamp(), "year")',
         lambda v: v >= 5, engines=ALL),
    Case("current_timestamp_in_utc_backcompat is within a day of local time",
         'datediff(current_timestamp_backcompat(), current_timestamp_in_utc_backcompat(), "hour")',
         lambda v: abs(v) <= 14),
    Case("concat", "concat([\"'a'\", \"'-'\", \"'b'\"])", "a-b", engines=ALL),
    Case("concat with NULL is NULL", "concat([\"'a'\", \"null\"])", None),
    Case("hash is md5 hex", "hash(\"'datanet'\")", hashlib.md5(b"datanet").hexdigest(), engines=ALL),
    Case("hash of a number hashes its text", "hash(42)", hashlib.md5(b"42").hexdigest()),
    Case("hash of NULL", 'hash("null")', None),
    Case("split_part", "split_part(\"'a,b,c'\", \"','\", 2)", "b", engines=ALL),
    Case("split_part last", "split_part(\"'a,b,c'\", \"','\", -1)", "c", engines=ALL),
    Case("split_part second from the end", "split_part(\"'a,b,c'\", \"','\", -2)", "b"),
    Case("split_part negative, long delimiter", "split_part(\"'a--b--c'\", \"'--'\", -1)", "c"),
    Case("split_part of NULL", "split_part(\"null\", \"','\", 1)", None),
    Case("position", "position(\"'c'\", \"'abc'\")", 3, engines=ALL),
    Case("position absent", "position(\"'z'\", \"'abc'\")", 0),
    Case("replace", "replace(\"'a-b-c'\", \"'-'\", \"'+'\")", "a+b+c", engines=ALL),
    Case("right", "right(\"'abcdef'\", 3)", "def", engines=ALL),
    Case("right of zero characters", "right(\"'abcdef'\", 0)", ""),
    Case("length", "length(\"'abcd'\")", 4, engines=ALL),
    Case("string_literal of an escaped text", "string_literal(escape_single_quotes(\"it's\"))",
         "it's", engines=ALL),
    Case("cast_bool_to_text", 'cast_bool_to_text("1 = 1")', "true", engines=ALL),
    Case("cast_bool_to_text of NULL", 'cast_bool_to_text("cast(null as boolean)")', None),
    Case("safe_cast of a good value", "safe_cast(\"'12'\", type_int())", 12, engines=ALL),
    Case("safe_cast of a bad value is NULL", "safe_cast(\"'twelve'\", type_int())", None, engines=NOT_PG),
    Case("cast", "cast(\"'2024-02-29'\", \"date\")", dt.date(2024, 2, 29)),
    Case("equals", 'equals("1", "1")', True),
    Case("listagg with order and delimiter", "listagg(\"x\", \"'-'\", \"order by o desc\")", "c-b-a",
         rows=True, engines=ALL),
    Case("listagg first two", "listagg(\"x\", \"','\", \"order by o\", 2)", "a,b", rows=True),
    Case("any_value", 'any_value("o > 0")', True, rows=True, engines=ALL),
    Case("bool_or", 'bool_or("b")', True, rows=True, engines=ALL),
    Case("bool_or all false", 'bool_or("o > 10")', False, rows=True),
    Case("array_construct", "array_construct([1, 2, 3])", [1, 2, 3], engines=ALL),
    Case("array_construct empty", "array_construct([])", []),
    Case("array_append", "array_append(array_construct([1, 2]), 3)", [1, 2, 3], engines=ALL),
    Case("array_concat", "array_concat(array_construct([1]), array_construct([2, 3]))", [1, 2, 3], engines=ALL),
]


def call_macro(macros: dict[str, Callable[..., Any]], call: str) -> Any:
    """Evaluate a call of the macros (arguments: literals or nested macro calls)."""
    def value(node: ast.expr) -> Any:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id.removesuffix("_")  # except_(): `except` is Python's keyword
            return macros[name](*[value(arg) for arg in node.args])
        if isinstance(node, ast.List):
            return [value(item) for item in node.elts]
        return ast.literal_eval(node)
    return value(ast.parse(call, mode="eval").body)


def golden_text(macros: dict[str, Callable[..., Any]], calls: list[tuple[str, str]]) -> str:
    """The golden file of one dialect: `-- title:`, `-- call:`, then the SQL, per call."""
    blocks = [f"-- title: {title}\n-- call: {call}\n{call_macro(macros, call)}\n"
              for title, call in calls]
    return "\n".join(blocks)


def parse_golden(text: str) -> list[tuple[str, str, str]]:
    """(title, call, sql) of each block of a golden file."""
    found = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        title = lines[0].removeprefix("-- title: ")
        call = lines[1].removeprefix("-- call: ")
        found.append((title, call, "\n".join(lines[2:])))
    return found


def matches(value: Any, expected: Any) -> bool:
    """Engine values against the case's: dates may come back as midnight timestamps,
    numbers as Decimal or float, arrays as tuples or lists."""
    if callable(expected):
        return expected(value)
    if isinstance(expected, dt.date) and not isinstance(expected, dt.datetime) \
            and isinstance(value, dt.datetime):
        return value.time() == dt.time(0) and value.date() == expected
    if isinstance(expected, list) and value is not None:
        return list(value) == expected
    if isinstance(expected, (int, float, Decimal)) and not isinstance(expected, bool) \
            and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)) == Decimal(str(expected))
    return value == expected


# calls shown in the golden files besides the executed cases: every macro appears there
GOLDEN_EXTRA = [
    ("type_string", "type_string()"), ("type_timestamp", "type_timestamp()"),
    ("type_int", "type_int()"), ("type_bigint", "type_bigint()"), ("type_float", "type_float()"),
    ("type_numeric", "type_numeric()"), ("type_boolean", "type_boolean()"),
    ("current_timestamp", "current_timestamp()"),
    ("current_timestamp_backcompat", "current_timestamp_backcompat()"),
    ("current_timestamp_in_utc_backcompat", "current_timestamp_in_utc_backcompat()"),
    ("escape_single_quotes", "escape_single_quotes(\"it's\")"),
    ("except", "except_()"), ("intersect", "intersect()"),
    ("listagg without order", "listagg(\"x\")"),
    ("date_trunc on a column", 'date_trunc("day", "ordered_at")'),
    ("dateadd with a column interval", 'dateadd("day", "days_late", "ordered_at")'),
    ("generate_series", "generate_series(5)"),
    ("date_spine by month", f'date_spine("month", "{_d("2023-11-01")}", "{_d("2024-03-01")}")'),
]
GOLDEN_CALLS = [(case.title, case.call) for case in CASES if "listagg first" not in case.title] \
    + GOLDEN_EXTRA
