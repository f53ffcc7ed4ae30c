"""Contracts read from real profiles (datanet_sql.profile) heal against live fingerprints."""

from __future__ import annotations

import pytest
import yaml
from sqlglot import exp, parse_one

from datanet_sql.heal import contract_from_profile, live_contract, plan_healing, apply_healing

learn = pytest.importorskip("datanet_sql.profile.learn")
model_io = pytest.importorskip("datanet_sql.profile.model")

ORDERS = ("SELECT range AS order_id, 'c' || (range % 7) AS customer, "
          "CASE WHEN range % 2 = 0 THEN 'paid' ELSE 'shipped' END AS status, range * 2.5 AS amount "
          "FROM range(200)")
MODEL = ("SELECT customer, status, sum(amount) AS total FROM raw.orders GROUP BY ALL "
         "ORDER BY ALL")


def test_profile_file_is_the_contract(adapter, tmp_path) -> None:
    adapter.execute(f"CREATE TABLE raw.orders AS {ORDERS}")
    profile = learn.profile_table(adapter, exp.table_("orders", db="raw"), "raw", "orders")
    path = model_io.save_profile(profile, tmp_path / "raw.orders.yml")
    contract = contract_from_profile(yaml.safe_load(path.read_text()))
    model = parse_one(MODEL, read="duckdb")
    expected = adapter.fetch(model)
    adapter.execute("CREATE OR REPLACE TABLE raw.orders AS SELECT * RENAME (status AS order_status, "
                    f"customer AS client) FROM ({ORDERS})")
    live = live_contract(adapter, exp.table_("orders", db="raw"), source="raw", table="orders")
    key = ("raw", "orders")
    plan = plan_healing("m", model, {"raw.orders": key}, {key: contract}, {key: live})
    assert plan.ok, plan.summary()
    assert adapter.fetch(apply_healing(model, plan)) == expected
