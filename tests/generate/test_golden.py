"""Golden compiled SQL per dialect for the example models; UPDATE_GOLDEN=1 rewrites the files.

The same queries also run on DuckDB here, so a golden file never freezes SQL that fails.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlglot.errors import ErrorLevel

from datanet_sql.generate import fence_stages
from generate import sample_model

GOLDEN = Path(__file__).parent / "golden"
DIALECTS = ("duckdb", "postgres", "spark", "snowflake", "bigquery")
QUERIES = {
    "stg_customers": sample_model.stg_customers,
    "stg_customers__rejects": sample_model.stg_customers_rejects,
    "customers_by_month": sample_model.customers_by_month,
}


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("query", sorted(QUERIES))
def test_golden_sql(query: str, dialect: str) -> None:
    expression = QUERIES[query]()
    if dialect == "postgres":
        expression = fence_stages(expression)
    sql = expression.sql(dialect=dialect, pretty=True, unsupported_level=ErrorLevel.RAISE) + "\n"
    path = GOLDEN / f"{query}.{dialect}.sql"
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sql)
    assert sql == path.read_text(), f"{path.name} changed; rerun with UPDATE_GOLDEN=1 if intended"


def test_example_models_run_on_duckdb(duck) -> None:
    columns = ", ".join(f"{c} VARCHAR" for c in sample_model.COLUMNS)
    duck.execute(f"CREATE TABLE raw_customers ({columns})")
    duck.executemany(
        f"INSERT INTO raw_customers VALUES ({', '.join('?' * len(sample_model.COLUMNS))})",
        sample_model.RAW_CUSTOMERS,
    )
    duck.execute(f"CREATE TABLE stg_customers AS {sample_model.stg_customers().sql('duckdb')}")
    rows = duck.execute(
        "SELECT customer_id, email, phone, signup_date, country, plan, lifetime_value, "
        "lifetime_value_currency, discount, active FROM stg_customers ORDER BY 1"
    ).fetchall()
    assert rows == [
        (
            "1",
            "ann@example.com",
            "+14155550101",
            date(2024, 1, 5),
            "US",
            "Pro",
            Decimal("1234.50"),
            "USD",
            0.15,
            True,
        ),
        (
            "2",
            None,
            "+14155550102",
            date(2024, 1, 20),
            "DE",
            "Free",
            Decimal("1234.50"),
            "EUR",
            0.1,
            False,
        ),
        (
            "3",
            "cy@example.org",
            "+14155550103",
            date(2024, 1, 25),
            "GB",
            "Pro",
            Decimal("-12.00"),
            None,
            None,
            True,
        ),
        ("4", None, None, date(2024, 2, 7), "FR", "Free", Decimal("5.00"), "EUR", 0.05, False),
    ]
    rejects = duck.execute(sample_model.stg_customers_rejects().sql("duckdb")).fetchall()
    assert rejects == [
        ("stg_customers", "2", "email", "bob@example", "email", "not a valid e-mail address")
    ]
    summary = duck.execute(
        sample_model.customers_by_month().sql("duckdb") + " ORDER BY ALL"
    ).fetchall()
    assert summary[-1][:3] == (None, None, 4)  # the rollup's grand total row
