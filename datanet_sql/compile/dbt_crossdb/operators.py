"""dbt's set operators and `equals`: the keyword or comparison each engine wants."""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.compile.dbt_crossdb.fragments import render, sql


def except_(dialect: str) -> str:
    """BigQuery has no bare EXCEPT; dbt writes EXCEPT DISTINCT there, the same rows."""
    return "except distinct" if dialect == "bigquery" else "except"


def intersect(dialect: str) -> str:
    return "intersect distinct" if dialect == "bigquery" else "intersect"


def limit_zero(dialect: str) -> str:
    """`limit 0`: a query's columns without its rows (dbt's `limit_zero`, the same on every
    engine datanet writes)."""
    return "limit 0"


def equals(dialect: str, expr1: object, expr2: object) -> str:
    """`(a = b)`, dbt's default (its `enable_truthy_nulls_equals_macro` flag is off)."""
    tree = exp.Paren(this=exp.EQ(this=sql(expr1, dialect, "equals"), expression=sql(expr2, dialect, "equals")))
    return render(tree, dialect, "equals")
