"""dbt's generic data tests (and two of datanet's) as sqlglot queries returning failing rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlglot
from sqlglot import exp

Builder = Callable[[exp.Table, "str | None", dict[str, Any], str], exp.Select]


def _col(name: str | None) -> exp.Column:
    return exp.column(name or "", quoted=True)


def not_null(rel: exp.Table, column: str | None, args: dict[str, Any], dialect: str) -> exp.Select:
    return exp.select("*").from_(rel, copy=False).where(_col(column).is_(exp.null()), copy=False)


def unique(rel: exp.Table, column: str | None, args: dict[str, Any], dialect: str) -> exp.Select:
    target = _key_expression(column, args, dialect)
    count = exp.Count(this=exp.Star())
    return (exp.select(exp.alias_(target, "unique_field"), exp.alias_(count, "n_records"))
            .from_(rel, copy=False)
            .where(exp.Not(this=exp.Is(this=target.copy(), expression=exp.null())), copy=False)
            .group_by(target.copy(), copy=False)
            .having(exp.GT(this=count.copy(), expression=exp.Literal.number(1)), copy=False))


def accepted_values(rel: exp.Table, column: str | None, args: dict[str, Any],
                    dialect: str) -> exp.Select:
    values = args.get("values") or []
    quote = args.get("quote", True)
    literals = [exp.Literal.string(str(v)) if quote else exp.convert(v) for v in values]
    return (exp.select(exp.alias_(_col(column), "value_field"),
                       exp.alias_(exp.Count(this=exp.Star()), "n_records"))
            .from_(rel, copy=False).where(exp.Not(this=_col(column).isin(*literals)), copy=False)
            .group_by(_col(column), copy=False))


def relationships(rel: exp.Table, column: str | None, args: dict[str, Any],
                  dialect: str) -> exp.Select:
    parent: exp.Table = args["_to_table"]
    field = args.get("field") or column
    child_col = exp.column(column or "", table="child", quoted=True)
    parent_col = exp.column(field, table="parent", quoted=True)
    return (exp.select(exp.alias_(child_col, "from_field"))
            .from_(rel.copy().as_("child"), copy=False)
            .join(parent.copy().as_("parent"), on=child_col.copy().eq(parent_col), join_type="left",
                  copy=False)
            .where(exp.and_(exp.Not(this=child_col.copy().is_(exp.null())),
                            parent_col.copy().is_(exp.null())), copy=False))


def expression(rel: exp.Table, column: str | None, args: dict[str, Any],
               dialect: str) -> exp.Select:
    condition = sqlglot.parse_one(str(args.get("expression")), read=dialect)
    if column and args.get("_column_prefix", True) and "expression" in args and \
            not any(isinstance(n, exp.Column) for n in condition.walk()):
        condition = sqlglot.parse_one(f"{column} {args['expression']}", read=dialect)
    return exp.select("*").from_(rel, copy=False).where(exp.Not(this=exp.paren(condition)),
                                                        copy=False)


def row_count(rel: exp.Table, column: str | None, args: dict[str, Any],
              dialect: str) -> exp.Select:
    count = exp.Count(this=exp.Star())
    bounds: list[exp.Expression] = []
    low = args.get("min", args.get("min_value"))
    high = args.get("max", args.get("max_value"))
    if low is not None:
        bounds.append(exp.LT(this=count.copy(), expression=exp.convert(low)))
    if high is not None:
        bounds.append(exp.GT(this=count.copy(), expression=exp.convert(high)))
    having = exp.or_(*bounds) if bounds else exp.false()
    return exp.select(exp.alias_(count, "row_count")).from_(rel, copy=False).having(having,
                                                                                    copy=False)


def _key_expression(column: str | None, args: dict[str, Any], dialect: str) -> exp.Expression:
    combo = args.get("combination_of_columns")
    if combo:
        return exp.func("concat_ws", exp.Literal.string("|"), *[_col(c) for c in combo])
    if column and not column.replace("_", "").isalnum():
        return sqlglot.parse_one(column, read=dialect)
    return _col(column)


BUILDERS: dict[str, Builder] = {
    "not_null": not_null,
    "unique": unique,
    "accepted_values": accepted_values,
    "relationships": relationships,
    "expression": expression,
    "expression_is_true": expression,
    "row_count": row_count,
    "unique_combination_of_columns": unique,
}
