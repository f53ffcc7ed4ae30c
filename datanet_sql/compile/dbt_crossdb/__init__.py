"""dbt's cross-database macros (`dbt.dateadd`, `dbt.type_string`, ...) as Python functions.

dbt_utils, dbt_date and dbt_expectations call these through the `dbt` namespace; each is
written here once with sqlglot expressions, so one function serves every dialect datanet emits
and the SQL of each engine matches what dbt's adapter for that engine writes. Arguments arrive
as dbt passes them: SQL fragments as strings, date part names, Python lists and numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from datanet_sql.compile.compile_target import TARGET_DIALECTS
from datanet_sql.compile.dbt_crossdb import (
    aggregates,
    arrays,
    dates,
    operators,
    series,
    strings,
    types,
)
from datanet_sql.compile.dbt_crossdb.series import Evaluate, evaluate_on_duckdb
from datanet_sql.errors import UnsupportedSqlError

__all__ = ["DIALECTS", "Evaluate", "cross_database_macros", "macro_names"]

DIALECTS = tuple(dict.fromkeys(TARGET_DIALECTS.values()))

_BY_DIALECT = {
    "dateadd": dates.dateadd, "datediff": dates.datediff, "date_trunc": dates.date_trunc,
    "last_day": dates.last_day, "date": dates.date, "current_timestamp": dates.current_timestamp,
    "current_timestamp_backcompat": dates.current_timestamp_backcompat,
    "current_timestamp_in_utc_backcompat": dates.current_timestamp_in_utc_backcompat,
    "concat": strings.concat, "hash": strings.hash, "split_part": strings.split_part,
    "position": strings.position, "replace": strings.replace, "right": strings.right,
    "length": strings.length, "string_literal": strings.string_literal,
    "escape_single_quotes": strings.escape_single_quotes,
    "cast_bool_to_text": strings.cast_bool_to_text,
    "cast": types.cast, "safe_cast": types.safe_cast,
    "listagg": aggregates.listagg, "any_value": aggregates.any_value, "bool_or": aggregates.bool_or,
    "array_construct": arrays.array_construct, "array_append": arrays.array_append,
    "array_concat": arrays.array_concat,
    "except": operators.except_, "intersect": operators.intersect, "equals": operators.equals,
    "limit_zero": operators.limit_zero,
    "get_powers_of_two": series.get_powers_of_two, "generate_series": series.generate_series,
}
_NEEDS_EVALUATE = {"get_intervals_between": series.get_intervals_between,
                   "date_spine": series.date_spine}


def macro_names() -> frozenset[str]:
    """The names of the macros `cross_database_macros` writes (dbt's `macro.dbt.<name>`)."""
    return frozenset([*_BY_DIALECT, *_NEEDS_EVALUATE,
                      *(f"type_{portable}" for portable in types.PORTABLE_TYPES)])


def cross_database_macros(dialect: str, evaluate: Evaluate | None = None
                          ) -> dict[str, Callable[..., str | int]]:
    """dbt's macro name (without `dbt.`) -> a function writing that macro's SQL for `dialect`.

    `evaluate` runs a one-value SELECT on the target; `get_intervals_between` and `date_spine`
    need one number at compile time (dbt runs a query for it too). Without it, constant dates
    are evaluated on an in-memory DuckDB. `get_powers_of_two` and `get_intervals_between`
    return numbers, as in dbt; all others return SQL text.
    """
    if dialect not in DIALECTS:
        raise UnsupportedSqlError(f"dbt's cross-database macros have no {dialect!r} dialect",
                                  hint=f"datanet writes {', '.join(DIALECTS)}")
    run = evaluate or evaluate_on_duckdb(dialect)
    macros: dict[str, Callable[..., str | int]] = {
        name: partial(function, dialect) for name, function in _BY_DIALECT.items()}
    macros.update({name: partial(function, dialect, run) for name, function in _NEEDS_EVALUATE.items()})
    macros.update({f"type_{portable}": partial(types.type_name, dialect, portable)
                   for portable in types.PORTABLE_TYPES})
    return macros
