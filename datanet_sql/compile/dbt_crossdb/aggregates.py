"""dbt's aggregate macros: listagg, any_value, bool_or.

`listagg`'s `order_by_clause` arrives as dbt users write it (`"order by x desc"`); it is parsed
in the target's dialect, so the ordering (and where NULLs go) is the one the user wrote.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.compile.dbt_crossdb.fragments import integer, render, sql
from datanet_sql.errors import TemplateError, UnsupportedSqlError

# LISTAGG(x, d) WITHIN GROUP (ORDER BY ..); Spark has it from version 4
_WITHIN_GROUP = {"snowflake", "redshift", "trino", "spark"}
_SLICED_ARRAY = {"duckdb", "postgres"}  # limit_num: the first n of an ordered ARRAY_AGG


def _order(clause: object, dialect: str) -> exp.Order | None:
    """`order by a desc, b` -> its ORDER BY node; anything else is an error."""
    if clause is None or not str(clause).strip():
        return None
    try:
        query = sqlglot.parse_one(f"SELECT 1 {clause}", read=dialect)
    except ParseError:
        query = None
    order = query.args.get("order") if isinstance(query, exp.Select) else None
    if order is None or {k for k, v in query.args.items() if v} - {"expressions", "order"}:
        raise TemplateError(f"dbt.listagg: order_by_clause {str(clause)!r} is not an ORDER BY clause",
                            hint="write it as dbt does, e.g. \"order by order_date desc\"")
    return order


def _ordered(measure: exp.Expression, order: exp.Order | None) -> exp.Expression:
    return exp.Order(this=measure, expressions=order.expressions) if order else measure


def listagg(dialect: str, measure: object, delimiter_text: object = "','",
            order_by_clause: object = None, limit_num: object = None) -> str:
    """The measure's values joined by the delimiter, in the given order, the first `limit_num`."""
    value, delimiter = sql(measure, dialect, "listagg"), sql(delimiter_text, dialect, "listagg")
    order = _order(order_by_clause, dialect)
    limit = integer(limit_num, "listagg", "limit_num") if limit_num is not None else None
    if limit is not None:
        return render(_limited(dialect, value, delimiter, order, limit), dialect, "listagg")
    if dialect in _WITHIN_GROUP:
        tree: exp.Expression = exp.Anonymous(this="LISTAGG", expressions=[value, delimiter])
        if order:
            tree = exp.WithinGroup(this=tree, expression=order)
    else:
        tree = exp.GroupConcat(this=_ordered(value, order), separator=delimiter)
    return render(tree, dialect, "listagg")


def _limited(dialect: str, value: exp.Expression, delimiter: exp.Expression,
             order: exp.Order | None, limit: int) -> exp.Expression:
    if dialect in _SLICED_ARRAY:
        first = exp.Bracket(this=exp.Paren(this=exp.ArrayAgg(this=_ordered(value, order))),
                            expressions=[exp.Slice(this=exp.Literal.number(1),
                                                   expression=exp.Literal.number(limit))], offset=1)
        return exp.ArrayToString(this=first, expression=delimiter)
    if dialect == "bigquery":
        return exp.GroupConcat(this=exp.Limit(this=_ordered(value, order),
                                              expression=exp.Literal.number(limit)),
                               separator=delimiter)
    raise UnsupportedSqlError(f"dbt.listagg: limit_num is not supported on {dialect} yet",
                              hint="drop limit_num, or filter the rows before aggregating")


def any_value(dialect: str, expression: object) -> str:
    """Any one value of the group. Postgres has ANY_VALUE only from version 16 (and dbt's MIN
    fails on booleans), so there it is the first element of ARRAY_AGG."""
    value = sql(expression, dialect, "any_value")
    tree: exp.Expression = exp.AnyValue(this=value)
    if dialect == "postgres":
        tree = exp.Bracket(this=exp.Paren(this=exp.ArrayAgg(this=value)),
                           expressions=[exp.Literal.number(1)], offset=1)
    return render(tree, dialect, "any_value")


def bool_or(dialect: str, expression: object) -> str:
    return render(exp.LogicalOr(this=sql(expression, dialect, "bool_or")), dialect, "bool_or")
