from __future__ import annotations

import json

import pytest
from sqlglot import parse_one

from datanet_sql.errors import DatanetError
from datanet_sql.heal.contract import Contract, ContractColumn as Col
from datanet_sql.heal.plan import HealPolicy, plan_healing
from datanet_sql.heal.rewrite import apply_healing

KEY = ("raw", "orders")
READS = {"raw.orders": KEY}
BASE = ("SELECT range AS id, 'c' || (range % 7) AS customer, range * 2.5 AS amount, "
        "lpad((range % 40)::VARCHAR, 5, '0') AS zip FROM range(50)")
MODEL = parse_one("SELECT id, customer, amount FROM raw.orders", read="duckdb")


def _plan(fp, after: str, model=MODEL, policy=None, before: str = BASE):
    contract, live = fp(before, "orders"), fp(after, "orders")
    return plan_healing("stg_orders", model, READS, {KEY: contract}, {KEY: live}, policy)


def test_refusal_names_source_column_change_and_options(fp) -> None:
    plan = _plan(fp, "SELECT range AS id, 'c' || (range % 7) AS customer FROM range(50)")
    [refusal] = plan.refusals
    assert (refusal.source, refusal.table, refusal.column) == ("raw", "orders", "amount")
    assert "dropped" in refusal.message() and "stg_orders" in refusal.message()
    assert any("datanet heal --accept raw.orders" in o for o in refusal.options)
    with pytest.raises(DatanetError, match="amount was dropped"):
        apply_healing(MODEL, plan)


def test_unread_changes_are_notes_not_refusals(fp) -> None:
    plan = _plan(fp, "SELECT range AS id, 'c' || (range % 7) AS customer, range * 2.5 AS amount, "
                 "1 AS extra FROM range(50)")
    assert plan.ok and not plan.heals
    assert any("zip was dropped" in n for n in plan.notes)
    assert any("extra" in n for n in plan.notes)
    assert apply_healing(MODEL, plan).sql() == MODEL.sql()


def test_a_changed_source_recalls_how_its_contract_was_loaded(fp) -> None:
    from dataclasses import replace

    note = "header on row 3, 2 title row(s) above it skipped"
    contract = replace(fp(BASE, "orders"), load_notes=(note,))
    live = fp("SELECT range AS id, 'c' || (range % 7) AS customer, range * 2.5 AS amount, "
              "1 AS extra FROM range(50)", "orders")
    plan = plan_healing("stg_orders", MODEL, READS, {KEY: contract}, {KEY: live})
    assert "raw.orders: as last loaded: header on row 3, 2 title row(s) above it skipped" \
        in plan.notes
    unchanged = plan_healing("stg_orders", MODEL, READS, {KEY: contract}, {KEY: contract})
    assert not any("as last loaded" in n for n in unchanged.notes)


def test_threshold_refuses_weak_heals(fp) -> None:
    after = ("SELECT range AS id, 'c' || (range % 7) AS buyer, range * 2.5 AS amount, "
             "lpad((range % 40)::VARCHAR, 5, '0') AS zip FROM range(50)")
    assert _plan(fp, after).ok
    strict = _plan(fp, after, policy=HealPolicy(threshold=0.99))
    assert "below the threshold" in strict.refusals[0].reason


def test_warn_builds_unread_changes_and_stops_read_ones(fp) -> None:
    renamed = ("SELECT range AS id, 'c' || (range % 7) AS buyer, range * 2.5 AS amount, "
               "lpad((range % 40)::VARCHAR, 5, '0') AS zip FROM range(50)")
    plan = _plan(fp, renamed, policy="warn")
    assert not plan.ok and "warn" in plan.refusals[0].reason and not plan.heals
    added = BASE.replace(" FROM range", ", 1 AS extra FROM range")
    star = parse_one("SELECT * FROM raw.orders", read="duckdb")
    ok = _plan(fp, added, model=star, policy="warn")
    assert ok.ok and apply_healing(star, ok).sql() == star.sql()


def test_fail_refuses_any_change(fp) -> None:
    plan = _plan(fp, BASE.replace(" FROM range", ", 1 AS extra FROM range"), policy="fail")
    assert not plan.ok and "fail" in plan.refusals[0].reason


def test_leading_zeros_lost_is_refused(fp) -> None:
    model = parse_one("SELECT zip FROM raw.orders", read="duckdb")
    plan = _plan(fp, "SELECT * REPLACE (zip::INT AS zip) FROM (" + BASE + ")", model=model)
    assert "no longer read back" in plan.refusals[0].reason


def test_case_collision_and_empty_source_are_refused() -> None:
    contract = Contract("raw", "orders", (Col("amount", "INT", top_hash="aa"),), 10)
    collide = Contract("raw", "orders", (Col("Amount", "INT"), Col("amount", "INT")), 10)
    model = parse_one("SELECT amount FROM raw.orders", read="duckdb")
    plan = plan_healing("m", model, READS, {KEY: contract}, {KEY: collide})
    assert "differ only by case" in plan.refusals[0].change
    empty = Contract("raw", "orders", (Col("amount", "INT"),), 0)
    plan = plan_healing("m", model, READS, {KEY: contract}, {KEY: empty})
    assert "empty" in plan.refusals[0].change
    plan = plan_healing("m", model, READS, {KEY: contract}, {KEY: None})
    assert "missing" in plan.refusals[0].change


def test_unqualified_columns_in_a_join_belong_to_the_source_that_has_them(fp) -> None:
    customers = fp("SELECT 'c' || range AS customer, 'name' || range AS name FROM range(7)", "customers")
    model = parse_one("SELECT id, name, amount FROM raw.orders JOIN raw.customers USING (customer)",
                      read="duckdb")
    contract = fp(BASE, "orders")
    live = fp("SELECT * RENAME (amount AS order_amount) FROM (" + BASE + ")", "orders")
    reads = {**READS, "raw.customers": ("raw", "customers")}
    plan = plan_healing("m", model, reads, {KEY: contract, ("raw", "customers"): customers},
                        {KEY: live, ("raw", "customers"): customers})
    healed = apply_healing(model, plan).sql("duckdb")
    assert '"order_amount" AS amount' in healed and "name" in healed


def test_plan_is_data(fp) -> None:
    plan = _plan(fp, "SELECT * RENAME (customer AS buyer) FROM (" + BASE + ")")
    data = json.loads(json.dumps(plan.to_dict()))
    assert data["ok"] and data["heals"][0]["action"] == "rename"
    assert "buyer" in plan.summary()
    before = MODEL.sql()
    apply_healing(MODEL, plan)
    assert MODEL.sql() == before   # the input expression is never mutated


def test_contract_less_source_is_recorded_not_checked(fp) -> None:
    live = fp(BASE, "orders")
    plan = plan_healing("m", MODEL, READS, {}, {KEY: live})
    assert plan.ok and "no contract yet" in plan.notes[0]


def test_policy_per_source(fp) -> None:
    added = BASE.replace(" FROM range", ", 1 AS extra FROM range")
    plan = _plan(fp, added, policy={KEY: "fail"})
    assert not plan.ok and plan.policy_for(KEY).on_schema_change == "fail"
    assert _plan(fp, added, policy={("raw", "other"): "fail"}).ok


def test_resolve_policy_most_specific_first() -> None:
    from datanet_sql.heal import resolve_on_schema_change
    assert resolve_on_schema_change(None, "warn", "fail") == "warn"
    assert resolve_on_schema_change(None, None, None) == "heal"


def test_public_api() -> None:
    import datanet_sql.heal as heal
    assert all(hasattr(heal, name) for name in heal.__all__)


def test_new_column_that_would_make_a_join_ambiguous_is_qualified(fp) -> None:
    customers = fp("SELECT 'c' || range AS customer, 'name' || range AS name FROM range(7)", "customers")
    model = parse_one("SELECT name, amount FROM raw.orders AS o JOIN raw.customers AS c "
                      "ON o.customer = c.customer", read="duckdb")
    contract = fp(BASE, "orders")
    live = fp(BASE.replace(" FROM range", ", 'x' AS name FROM range"), "orders")
    reads = {**READS, "raw.customers": ("raw", "customers")}
    plan = plan_healing("m", model, reads, {KEY: contract, ("raw", "customers"): customers},
                        {KEY: live, ("raw", "customers"): customers})
    healed = apply_healing(model, plan).sql("duckdb")
    assert healed.startswith("SELECT c.name AS name, amount")
