"""Aggregation on DuckDB: grains, every measure kind, ratio safety, filters, rollup/cube."""

from __future__ import annotations

import pytest
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from datanet_sql.errors import ConfigError
from datanet_sql.generate import aggregate_query


@pytest.fixture()
def orders(duck):
    duck.execute("""CREATE TABLE orders AS SELECT i AS order_id, i % 2 AS customer_id, i * 10 AS amount,
                    TIMESTAMP '2024-01-30 12:00' + to_days(i) AS ordered_at FROM range(6) r(i)""")
    return duck


MEASURES = [
    {"name": "revenue", "agg": "sum", "expr": "amount"},
    {"name": "orders", "agg": "count"},
    {"name": "customers", "agg": "count_distinct", "expr": "customer_id"},
    {"name": "mean", "agg": "avg", "expr": "amount"},
    {"name": "low", "agg": "min", "expr": "amount"},
    {"name": "high", "agg": "max", "expr": "amount"},
    {"name": "mid", "agg": "median", "expr": "amount"},
    {"name": "p90", "agg": "percentile", "expr": "amount", "percentile": 0.9},
    {"name": "zero", "agg": "sum", "expr": "amount * 0"},
    {"name": "per_order", "ratio": ["revenue", "orders"]},
    {"name": "per_zero", "ratio": ["revenue", "zero"]},
]


def test_month_grain_and_every_measure(orders) -> None:
    spec = {"dimensions": ["ordered_at"], "grain": "month", "measures": MEASURES}
    sql = aggregate_query(exp.table_("orders"), spec, "duckdb").sql("duckdb") + " ORDER BY 1"
    rows = orders.execute(sql).fetchall()
    assert [r[0].month for r in rows] == [1, 2]
    jan = rows[0]
    assert jan[1:9] == (10, 2, 2, 5.0, 0, 10, 5.0, 9.0)
    assert jan[10] == 5.0 and jan[11] is None  # ratio, and division by zero gives NULL


def test_time_dimension_expression_filters_and_rollup(orders) -> None:
    spec = {
        "dimensions": ["customer_id", {"name": "day", "expr": "CAST(ordered_at AS DATE)"}],
        "grain": "week",
        "filters": ["amount > 0"],
        "totals": "rollup",
        "measures": [{"name": "revenue", "agg": "sum", "expr": "amount"}],
    }
    rows = orders.execute(
        aggregate_query(exp.table_("orders"), spec, "duckdb").sql("duckdb")
    ).fetchall()
    assert (None, None, 150) in rows and all(r[2] > 0 for r in rows)


@pytest.mark.parametrize("dialect", ["postgres", "spark", "snowflake", "bigquery"])
def test_percentile_and_grain_per_dialect(dialect: str) -> None:
    spec = {
        "dimensions": ["ordered_at"],
        "grain": "quarter",
        "totals": "cube",
        "measures": MEASURES,
    }
    sql = aggregate_query(exp.table_("orders"), spec, "duckdb").sql(
        dialect, unsupported_level=ErrorLevel.RAISE
    )
    expected = {
        "postgres": "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY amount)",
        "spark": "PERCENTILE_APPROX(amount, 0.9)",
        "snowflake": "PERCENTILE_CONT(0.9) WITHIN GROUP",
        "bigquery": "PERCENTILE_CONT(0.9) WITHIN GROUP",
    }[dialect]
    assert expected in sql and "CUBE" in sql and "NULLIF(COUNT(*), 0)" in sql


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"dimensions": ["customer_id"], "grain": "month"}, "needs a timestamp dimension"),
        ({"dimensions": ["ordered_at"], "grain": "hour"}, "not one of"),
        ({"measures": [{"name": "x", "agg": "mode", "expr": "a"}]}, "agg 'mode'"),
        ({"measures": [{"name": "r", "ratio": ["a", "b"]}]}, "ratio needs"),
        ({"dimensions": ["a"], "totals": "grouping sets"}, "rollup or cube"),
    ],
)
def test_bad_specs(spec: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        aggregate_query(exp.table_("orders"), spec, "duckdb")
