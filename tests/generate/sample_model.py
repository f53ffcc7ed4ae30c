"""The example project's declarative models, as the compiler would hand them to generate/."""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.generate import (
    aggregate_query,
    cleanse_query,
    dedupe_query,
    plan_column,
    rejects_query,
)

RAW_CUSTOMERS = [
    # customer_id, email, phone, signup_date, country, plan, lifetime_value, discount, active, updated_at
    (
        "1",
        " Ann@Example.com",
        "(415) 555-0101",
        "05/01/2024",
        "us",
        "Pro",
        "$1,234.50",
        "15%",
        "yes",
        "2024-02-01 10:00",
    ),
    (
        "2",
        "bob@example",
        "415.555.0102",
        "2024-01-20",
        "DE",
        "free",
        "1.234,50 €",
        "0.1",
        "N",
        "2024-02-01 11:00",
    ),
    (
        "3",
        "cy@example.org",
        "+1 415 555 0103",
        "25/01/2024",
        "gb ",
        "PRO",
        "(12.00)",
        "n/a",
        "true",
        "2024-02-02 09:00",
    ),
    (
        "3",
        "cy@example.org",
        "+1 415 555 0103",
        "25/01/2024",
        "GB",
        "Pro",
        "-12",
        "",
        "1",
        "2024-02-03 09:00",
    ),
    ("4", "N/A", "n/a", "7 Feb 2024", "fr", "Free", "EUR 5", "5 %", "0", "1706950000"),
]
COLUMNS = [
    "customer_id",
    "email",
    "phone",
    "signup_date",
    "country",
    "plan",
    "lifetime_value",
    "discount",
    "active",
    "updated_at",
]
SEMANTICS = {
    "customer_id": "identifier",
    "email": "email",
    "phone": "phone",
    "signup_date": "date",
    "country": "country_code",
    "plan": "categorical",
    "lifetime_value": "money",
    "discount": "percent",
    "active": "boolean",
    "updated_at": "timestamp",
}
AGGREGATE = {
    "dimensions": ["country", {"name": "signup_month", "expr": "signup_date"}],
    "time_dimension": "signup_month",
    "grain": "month",
    "measures": [
        {"name": "customers", "agg": "count_distinct", "expr": "customer_id"},
        {"name": "revenue", "agg": "sum", "expr": "lifetime_value"},
        {"name": "median_value", "agg": "median", "expr": "lifetime_value"},
        {"name": "p90_value", "agg": "percentile", "expr": "lifetime_value", "percentile": 0.9},
        {
            "name": "active_customers",
            "agg": "count",
            "expr": "CASE WHEN active THEN customer_id END",
        },
        {"name": "active_share", "ratio": ["active_customers", "customers"]},
    ],
    "filters": ["lifetime_value IS NOT NULL"],
    "totals": "rollup",
}


def plans() -> dict:
    samples = {c: [row[i] for row in RAW_CUSTOMERS] for i, c in enumerate(COLUMNS)}
    return {
        c: plan_column(c, SEMANTICS[c], "VARCHAR", samples[c])
        for c in COLUMNS
        if c != "customer_id"
    }


def stg_customers() -> exp.Select:
    """cleanse: auto, then dedupe: {key: [customer_id], keep: latest, order_by: updated_at}."""
    column_plans = plans()
    cleansed = cleanse_query(exp.table_("raw_customers"), column_plans, ["customer_id"])
    names = ["customer_id"] + [n for p in column_plans.values() for n in p.output_names]
    spec = {"key": ["customer_id"], "keep": "latest", "order_by": "updated_at"}
    return dedupe_query(cleansed, spec, names)


def stg_customers_rejects() -> exp.Select:
    return rejects_query(exp.table_("raw_customers"), plans(), ["customer_id"], "stg_customers")


def customers_by_month() -> exp.Select:
    return aggregate_query(exp.table_("stg_customers"), AGGREGATE, "duckdb")
