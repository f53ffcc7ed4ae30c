"""dbt's classic jaffle_shop, moved over with datanet.yml + targets.yml only, builds with
`datanet build` and its marts hold what dbt's SQL means, computed here in plain Python."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from run.helpers import FIXTURES, query, run, statuses

SEEDS = FIXTURES / "jaffle_shop" / "seeds"
METHODS = ["credit_card", "coupon", "bank_transfer", "gift_card"]


def _read(name: str) -> list[dict[str, str]]:
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected_orders() -> list[tuple]:
    """orders.sql: one row per order with the amount paid per method and in total (dollars)."""
    paid: dict[int, dict[str, float]] = defaultdict(lambda: dict.fromkeys(METHODS, 0.0))
    for p in _read("raw_payments"):
        paid[int(p["order_id"])][p["payment_method"]] += int(p["amount"]) / 100
    rows = []
    for o in _read("raw_orders"):
        oid = int(o["id"])
        amounts = [paid[oid][m] for m in METHODS] if oid in paid else [None] * 4
        total = sum(amounts) if oid in paid else None
        rows.append((oid, int(o["user_id"]), o["order_date"], o["status"], *amounts, total))
    return sorted(rows)


def expected_customers() -> list[tuple]:
    """customers.sql: first/last order, order count and lifetime value per customer."""
    orders = _read("raw_orders")
    owner = {int(o["id"]): int(o["user_id"]) for o in orders}
    value: dict[int, float] = defaultdict(float)
    for p in _read("raw_payments"):
        value[owner[int(p["order_id"])]] += int(p["amount"]) / 100
    rows = []
    for c in _read("raw_customers"):
        cid = int(c["id"])
        dates = sorted(o["order_date"] for o in orders if int(o["user_id"]) == cid)
        rows.append((cid, c["first_name"], c["last_name"], dates[0] if dates else None,
                     dates[-1] if dates else None, len(dates) or None, value.get(cid)))
    return sorted(rows)


def _approx(rows: list[tuple]) -> list[tuple]:
    return [tuple(pytest.approx(v) if isinstance(v, float) else v for v in row) for row in rows]


def test_build_passes_and_marts_match_dbt_logic(jaffle: Path) -> None:
    results = run(jaffle, "build", threads=4)
    assert results.success, [(r.name, r.message) for r in results.failed]
    states = statuses(results)
    assert states["customers"] == states["orders"] == "success"
    assert sum(1 for r in results.results if r.kind == "test" and r.status == "pass") == 20
    orders = query(jaffle, "select order_id, customer_id, order_date::varchar, status, "
                           "credit_card_amount, coupon_amount, bank_transfer_amount, "
                           "gift_card_amount, amount from orders order by order_id")
    assert orders == _approx(expected_orders())
    customers = query(jaffle, "select customer_id, first_name, last_name, first_order::varchar, "
                              "most_recent_order::varchar, number_of_orders, "
                              "customer_lifetime_value from customers order by customer_id")
    assert customers == _approx(expected_customers())
    # the fixture covers a customer with no orders (nulls from the left joins)
    assert any(row[3] is None for row in customers)


def test_seed_types_are_inferred(jaffle: Path) -> None:
    run(jaffle, "seed")
    types = dict(query(jaffle, "select column_name, data_type from information_schema.columns "
                               "where table_name = 'raw_orders'"))
    assert types == {"id": "BIGINT", "user_id": "BIGINT", "order_date": "DATE",
                     "status": "VARCHAR"}
