"""dbt's series macros: get_powers_of_two, generate_series, get_intervals_between, date_spine.

`generate_series(n)` is a cross join of n-bit digit tables, which every engine runs. The number
of periods a date spine spans must be known when the SQL is written (it sets how many digit
tables to join), so `get_intervals_between` runs one `SELECT datediff(...)` at compile time, as
dbt does through `statement`: on the target when the caller hands in an evaluator, else on an
in-memory DuckDB after transpiling (enough for the constant dates spines are built from).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import sqlglot
from sqlglot import exp

from datanet_sql.compile.dbt_crossdb import fragments
from datanet_sql.compile.dbt_crossdb.dates import dateadd_tree, datediff_tree
from datanet_sql.compile.dbt_crossdb.fragments import integer, render, sql
from datanet_sql.errors import DatanetError, TemplateError, WarehouseError

Evaluate = Callable[[str], object]
"""Runs a one-row, one-column SELECT written in the target's dialect; returns its value."""


def evaluate_on_duckdb(dialect: str) -> Evaluate:
    """An evaluator for constant expressions: transpile to DuckDB, run in memory."""
    def evaluate(query: str) -> object:
        import duckdb

        text = sqlglot.transpile(query, read=dialect, write="duckdb")[0]
        with duckdb.connect() as connection:
            try:
                row = connection.execute(text).fetchone()
            except duckdb.Error as error:
                raise WarehouseError(str(error)) from None
        return row[0] if row else None
    return evaluate


def get_powers_of_two(dialect: str, upper_bound: object) -> int:
    """How many binary digits count up to `upper_bound` (dbt returns at least 1)."""
    bound = integer(upper_bound, "get_powers_of_two", "upper_bound")
    if bound <= 0:
        raise TemplateError(f"dbt.get_powers_of_two: upper bound must be positive, got {bound}")
    return max(1, (bound - 1).bit_length())


def _series_select(dialect: str, upper_bound: int) -> exp.Select:
    """SELECT generated_number 1..upper_bound, ordered, from digit tables p0..pn-1."""
    digits = get_powers_of_two(dialect, upper_bound)
    bit = exp.union(exp.select(exp.alias_(exp.Literal.number(0), "generated_number")),
                    exp.select(exp.Literal.number(1)), distinct=False)
    total: exp.Expression = exp.Literal.number(1)
    for i in reversed(range(digits)):
        term = exp.Mul(this=exp.column("generated_number", table=f"p{i}"),
                       expression=exp.Pow(this=exp.Literal.number(2), expression=exp.Literal.number(i)))
        total = exp.Add(this=term, expression=total)
    numbers = exp.select(exp.alias_(total, "generated_number")).from_(exp.table_("p").as_("p0"))
    for i in range(1, digits):
        numbers = numbers.join(exp.table_("p").as_(f"p{i}"), join_type="cross")
    bounded = exp.LTE(this=exp.column("generated_number"), expression=exp.Literal.number(upper_bound))
    return (exp.select("*").from_("unioned").where(bounded)
            .order_by("generated_number", dialect=dialect)
            .with_("p", as_=bit).with_("unioned", as_=numbers))


def generate_series(dialect: str, upper_bound: object) -> str:
    bound = integer(upper_bound, "generate_series", "upper_bound")
    return render(_series_select(dialect, bound), dialect, "generate_series")


def get_intervals_between(dialect: str, evaluate: Evaluate, start_date: object,
                          end_date: object, datepart: object) -> int:
    """How many `datepart` boundaries lie between the two dates, computed now."""
    unit = fragments.datepart(datepart, "get_intervals_between")
    diff = datediff_tree(dialect, unit, sql(start_date, dialect, "get_intervals_between"),
                         sql(end_date, dialect, "get_intervals_between"))
    query = render(exp.select(diff), dialect, "get_intervals_between")
    try:
        value = evaluate(query)
    except DatanetError as error:  # adapters raise WarehouseError, as the DuckDB one here
        raise TemplateError(f"dbt.get_intervals_between({start_date!r}, {end_date!r}) could not "
                            f"be computed: {error.message.splitlines()[0]}",
                            hint="the dates of a date spine must be constants or "
                                 "expressions the target can evaluate alone") from None
    if not isinstance(value, (int, float, Decimal)):
        raise TemplateError(f"dbt.get_intervals_between({start_date!r}, {end_date!r}) gave "
                            f"{value!r}, not a number (is a date NULL?)")
    return int(value)


def date_spine(dialect: str, evaluate: Evaluate, datepart: object, start_date: object,
               end_date: object) -> str:
    """One row per `datepart` from start_date (included) to end_date (excluded), column
    `date_<datepart>`, as dbt's date_spine."""
    unit = fragments.datepart(datepart, "date_spine")
    periods = get_intervals_between(dialect, evaluate, start_date, end_date, unit)
    if periods <= 0:
        raise TemplateError(f"dbt.date_spine: end_date {end_date!r} is not after start_date "
                            f"{start_date!r} by at least one {unit}")
    offset = exp.Sub(this=exp.column("generated_number"), expression=exp.Literal.number(1))
    period = dateadd_tree(dialect, unit, offset, sql(start_date, dialect, "date_spine"))
    column = f"date_{unit}"
    all_periods = exp.select(exp.alias_(period, column)).from_("rawdata")
    before_end = exp.LTE(this=exp.column(column), expression=sql(end_date, dialect, "date_spine"))
    series = _series_select(dialect, periods)
    tree = exp.select("*").from_("filtered")
    for cte in series.args.pop("with_").expressions:  # one flat WITH: no CTE nested in a CTE
        tree = tree.with_(cte.alias, as_=cte.this)
    tree = (tree.with_("rawdata", as_=series)
            .with_("all_periods", as_=all_periods)
            .with_("filtered", as_=exp.select("*").from_("all_periods").where(before_end)))
    return render(tree, dialect, "date_spine")
