"""Semantic types and PII carried through expressions of the compiler's lineage."""

from __future__ import annotations

import pytest
import sqlglot
from sqlglot import exp
from sqlglot.optimizer.qualify import qualify

from datanet_sql.semantics import is_pii, propagate

BASE = {"email": "email", "first_name": "person_name", "last_name": "person_name", "amount": "money",
        "ordered_at": "timestamp", "status": "categorical", "zip": "postal_code", "street": "address",
        "city": "city", "customer_id": "identifier", "discount": "percent"}
PII = {"email", "first_name", "last_name", "zip", "street"}


def lookup(col: exp.Column) -> str | None:
    return BASE.get(col.name)


def lookup_pii(col: exp.Column) -> bool:
    return col.name in PII


@pytest.mark.parametrize(("sql", "expected"), [
    ("lower(trim(email))", "email"),
    ("upper(status)", "categorical"),
    ("coalesce(email, 'unknown')", "email"),
    ("cast(zip as varchar)", "postal_code"),
    ("count(email)", "numeric_measure"),
    ("count(distinct email)", "numeric_measure"),
    ("sum(amount)", "money"),
    ("avg(amount)", "money"),
    ("max(ordered_at)", "timestamp"),
    ("min(email)", "email"),
    ("sum(customer_id)", "numeric_measure"),
    ("first_name || ' ' || last_name", "person_name"),
    ("concat(first_name, ' ', last_name)", "person_name"),
    ("concat_ws(', ', street, city, zip)", "address"),
    ("case when status = 'paid' then 'ok' else 'open' end", "categorical"),
    ("case when amount > 100 then amount else 0 end", "money"),
    ("case when status = 'x' then email else lower(email) end", "email"),
    ("row_number() over (order by ordered_at)", "identifier"),
    ("rank() over (partition by customer_id order by amount)", "numeric_measure"),
    ("lag(amount) over (partition by customer_id order by ordered_at)", "money"),
    ("sum(amount) over (partition by customer_id)", "money"),
    ("amount * 1.2 - 3", "money"),
    ("amount / amount", "percent"),
    ("date_trunc('month', ordered_at)", "timestamp"),
    ("cast(ordered_at as date)", "date"),
    ("extract(year from ordered_at)", "year"),
    ("year(ordered_at)", "year"),
    ("month(ordered_at)", "numeric_measure"),
    ("42", None),
])
def test_propagate(sql: str, expected: str | None) -> None:
    assert propagate(sqlglot.parse_one(sql, read="duckdb"), lookup) == expected


@pytest.mark.parametrize(("sql", "expected"), [
    ("lower(email)", True),
    ("first_name || ' ' || last_name", True),
    ("count(email)", False),
    ("count(distinct email)", False),
    ("row_number() over (partition by email order by ordered_at)", False),
    ("case when email like '%@gmail.com' then 'gmail' else 'other' end", True),
    ("sum(amount)", False),
])
def test_pii_flows(sql: str, expected: bool) -> None:
    assert is_pii(sqlglot.parse_one(sql, read="duckdb"), lookup_pii) is expected


def test_propagation_through_ctes_and_joins() -> None:
    """Leaves of a qualified query with a CTE and a join resolve to base columns of two tables."""
    schema = {"customers": {"customer_id": "int", "email": "text", "first_name": "text", "last_name": "text"},
              "orders": {"order_id": "int", "customer_id": "int", "amount": "double"}}
    base = {("customers", "email"): "email", ("customers", "first_name"): "person_name",
            ("customers", "last_name"): "person_name", ("orders", "amount"): "money"}
    sql = """
        WITH c AS (SELECT customer_id, lower(email) AS email, first_name, last_name FROM customers)
        SELECT c.email, c.first_name || ' ' || c.last_name AS full_name, sum(o.amount) AS revenue,
               count(o.order_id) AS orders
        FROM c JOIN orders AS o ON o.customer_id = c.customer_id
        GROUP BY 1, 2
    """
    from sqlglot.lineage import lineage

    query = qualify(sqlglot.parse_one(sql, read="duckdb"), schema=schema, dialect="duckdb")
    out = {}
    for name in ("email", "full_name", "revenue", "orders"):
        node = lineage(name, query, schema=schema, dialect="duckdb")
        tables = {leaf.name.split(".")[-1].strip('"'): leaf.source.name for leaf in node.walk() if not leaf.downstream}

        def leaf_lookup(col: exp.Column, tables=tables) -> str | None:
            return base.get((tables.get(col.name, col.table), col.name))

        expr = _inline(node)
        out[name] = propagate(expr, leaf_lookup)
    assert out == {"email": "email", "full_name": "person_name", "revenue": "money", "orders": "numeric_measure"}


def _inline(node) -> exp.Expression:
    """Replace each column of the node's expression by its upstream expression (CTE inlining)."""
    expr = node.expression.this if isinstance(node.expression, exp.Alias) else node.expression
    expr = expr.copy()
    for child in node.downstream:
        if isinstance(child.expression, exp.Table):
            continue
        inner = _inline(child)
        target = child.name.split(".")[-1].strip('"')
        for col in list(expr.find_all(exp.Column)):
            if col.name == target and col is not expr:
                col.replace(inner.copy())
        if isinstance(expr, exp.Column) and expr.name == target:
            expr = inner.copy()
    return expr
