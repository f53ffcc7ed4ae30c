"""Golden rewrites: each heal's SQL per dialect, and its rows checked before/after on DuckDB.

The golden file `golden/<case>.sql` holds the model and the healed SQL in duckdb, postgres and
spark. Set DATANET_UPDATE_GOLDEN=1 to rewrite the files after an intended change (review the
diff). Rows: the healed model over the drifted table must equal the model over the original.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlglot import parse_one

from datanet_sql.heal.plan import plan_healing
from datanet_sql.heal.rewrite import apply_healing

GOLDEN = Path(__file__).parent / "golden"
DIALECTS = ("duckdb", "postgres", "spark")
ORDERS = ("SELECT range::INT AS id, 'c' || (range % 7) AS customer, round(range * 2.5, 2)::DOUBLE "
          "AS amount, DATE '2024-01-01' + (range * 3)::INT AS ordered_on, CASE WHEN range % 6 = 0 "
          "THEN NULL ELSE range % 4 END AS qty, (100 + range % 9)::VARCHAR AS store FROM range(60)")
O = "FROM raw.orders"

# name -> (drifted table built from prev.orders, model)
CASES: dict[str, tuple[str, str]] = {
    "rename": ("SELECT * RENAME (customer AS buyer) FROM prev.orders",
               f"SELECT customer, sum(amount) AS total {O} GROUP BY customer ORDER BY customer"),
    "recase": ("SELECT * RENAME (amount AS \"AMOUNT\") FROM prev.orders",
               f"SELECT id, amount {O} WHERE amount > 10 ORDER BY id"),
    "widen_integer": ("SELECT * REPLACE (id::BIGINT AS id) FROM prev.orders",
                      f"SELECT id, customer {O} ORDER BY id"),
    "number_to_text_with_tokens": (
        "SELECT * REPLACE (coalesce(qty::VARCHAR, 'N/A') AS qty) FROM prev.orders",
        f"SELECT customer, sum(qty) AS qty, count(qty) AS n {O} GROUP BY 1 ORDER BY 1"),
    "date_to_text_with_format": (
        "SELECT * REPLACE (strftime(ordered_on, '%d.%m.%Y') AS ordered_on) FROM prev.orders",
        f"SELECT date_trunc('month', ordered_on) AS month, count(*) AS n {O} "
        "WHERE ordered_on < DATE '2024-06-01' GROUP BY 1 ORDER BY 1"),
    "text_to_typed": ("SELECT * REPLACE (store::INT AS store) FROM prev.orders",
                      f"SELECT store, count(*) AS n {O} WHERE store LIKE '10%' GROUP BY store ORDER BY store"),
    "swapped_columns": ("SELECT * RENAME (amount AS qty, qty AS amount) FROM prev.orders",
                        f"SELECT id, amount, qty {O} ORDER BY id"),
    "select_star_added_reordered": (
        "SELECT amount, id, customer, qty, store, ordered_on, 'new' AS channel FROM prev.orders",
        f"SELECT * {O} ORDER BY id"),
    "select_star_renamed": ("SELECT * RENAME (customer AS client) FROM prev.orders",
                            f"SELECT o.* {O} AS o ORDER BY o.id"),
    "cte_and_subquery": (
        "SELECT * RENAME (amount AS order_amount) FROM prev.orders",
        f"WITH big AS (SELECT id, customer, amount {O} WHERE amount > 50) SELECT customer, "
        "max(amount) AS top FROM big WHERE id IN (SELECT id FROM raw.orders WHERE amount < 120) "
        "GROUP BY customer ORDER BY customer"),
    "decimal_comma_text": (
        "SELECT * REPLACE (replace(amount::VARCHAR, '.', ',') AS amount) FROM prev.orders",
        f"SELECT customer, sum(amount) AS total {O} GROUP BY 1 ORDER BY 1"),
    "rename_in_having": (
        "SELECT * RENAME (qty AS quantity) FROM prev.orders",
        f"SELECT customer, count(*) AS n {O} GROUP BY customer HAVING sum(qty) > 10 "
        "ORDER BY max(qty), customer"),
    "timestamp_to_text": (
        "SELECT * REPLACE (strftime(ordered_on::TIMESTAMP + INTERVAL 90 MINUTE, '%Y-%m-%d %H:%M:%S') "
        "AS ordered_on) FROM prev.orders",
        f"SELECT id, ordered_on {O} ORDER BY id"),
}
JSON_BEFORE = ("SELECT range AS id, json_object('customer', json_object('id', range % 5, "
               "'name', 'n' || (range % 5)))::JSON AS payload FROM range(40)")
JSON_AFTER = ("SELECT id, json_object('buyer_id', payload->'customer'->'id', 'customer', "
              "json_object('name', payload->'customer'->>'name'))::JSON AS payload FROM prev.orders")
JSON_MODEL = ("SELECT payload->'customer'->>'id' AS customer_id, count(*) AS n "
              "FROM raw.orders GROUP BY 1 ORDER BY 1")


def _golden_text(name: str, model: str, healed) -> str:
    parts = [f"-- title: {name}", "-- model:", model]
    for dialect in DIALECTS:
        parts += [f"-- dialect: {dialect}", healed.sql(dialect=dialect, pretty=True)]
    return "\n".join(parts) + "\n"


def _heal(adapter, fp, before: str, after: str, model_sql: str):
    adapter.execute("CREATE SCHEMA IF NOT EXISTS prev")
    adapter.execute(f"CREATE OR REPLACE TABLE prev.orders AS {before}")
    contract = fp("SELECT * FROM prev.orders", "orders")
    model = parse_one(model_sql, read="duckdb")
    expected = adapter.fetch(model)
    live = fp(after, "orders")
    key = ("raw", "orders")
    plan = plan_healing("m", model, {"raw.orders": key}, {key: contract}, {key: live})
    assert plan.ok, plan.summary()
    assert plan.heals, plan.summary()
    healed = apply_healing(model, plan)
    return model, expected, healed


def _check(name: str, model_sql: str, expected, healed, adapter) -> None:
    assert adapter.fetch(healed) == expected
    path = GOLDEN / f"{name}.sql"
    text = _golden_text(name, model_sql, healed)
    if os.environ.get("DATANET_UPDATE_GOLDEN") or not path.exists():
        path.write_text(text)
    assert path.read_text() == text


@pytest.mark.parametrize("name", sorted(CASES))
def test_rewrite(name: str, adapter, fp) -> None:
    after, model_sql = CASES[name]
    _, expected, healed = _heal(adapter, fp, ORDERS, after, model_sql)
    _check(name, model_sql, expected, healed, adapter)


def test_json_key_moved(adapter, fp) -> None:
    _, expected, healed = _heal(adapter, fp, JSON_BEFORE, JSON_AFTER, JSON_MODEL)
    _check("json_key_moved", JSON_MODEL, expected, healed, adapter)
