from __future__ import annotations

import pytest

from datanet_sql.heal import diff as d
from datanet_sql.heal.contract import Contract, ContractColumn as Col, JsonPath
from datanet_sql.heal.types import retype_kind

BASE = "SELECT range AS id, 'c' || (range % 7) AS customer, range * 2.5 AS amount FROM range(50)"


def _ops(diff: d.SchemaDiff, kind: type) -> list:
    return [op for op in diff.ops if isinstance(op, kind)]


def test_no_change_no_ops(fp) -> None:
    assert not d.diff_contracts(fp(BASE), fp(BASE)).changed


def test_added_dropped_reordered(fp) -> None:
    old = fp(BASE)
    new = fp("SELECT range * 2.5 AS amount, range AS id, 1 AS extra FROM range(50)")
    diff = d.diff_contracts(old, new)
    assert [op.column for op in _ops(diff, d.Dropped)] == ["customer"]
    assert [op.column for op in _ops(diff, d.Added)] == ["extra"]
    assert _ops(diff, d.Reordered) and _ops(diff, d.Dropped)[0].destructive


def test_rename_matched_by_values_not_name(fp) -> None:
    old = fp(BASE)
    new = fp("SELECT range AS id, 'c' || (range % 7) AS buyer, range * 2.5 AS amount FROM range(50)")
    [op] = _ops(d.diff_contracts(old, new), d.Renamed)
    assert (op.column, op.new) == ("customer", "buyer") and op.confidence >= 0.8
    assert any("hash" in e.lower() for e in op.evidence) and not op.destructive


def test_never_renamed_by_name_alone(fp) -> None:
    old = fp(BASE)
    new = fp("SELECT range AS id, 'z' || (range % 3) AS customer_name, range * 2.5 AS amount "
             "FROM range(50)")
    diff = d.diff_contracts(old, new)
    assert not _ops(diff, d.Renamed) and [op.column for op in _ops(diff, d.Dropped)] == ["customer"]


def test_contract_without_fingerprint_never_matches_a_rename() -> None:
    old = Contract("raw", "t", (Col("customer", "VARCHAR"),), None)
    new = Contract("raw", "t", (Col("customer_name", "VARCHAR", top_hash="abcd1234"),), 5)
    assert _ops(d.diff_contracts(old, new), d.Dropped)


def test_recased_and_case_collision() -> None:
    old = Contract("raw", "t", (Col("amount", "INT"), Col("id", "INT")), 3)
    recased = Contract("raw", "t", (Col("AMOUNT", "INT"), Col("id", "INT")), 3)
    collide = Contract("raw", "t", (Col("Amount", "INT"), Col("amount", "INT"), Col("id", "INT")), 3)
    assert _ops(d.diff_contracts(old, recased), d.Recased)[0].new == "AMOUNT"
    [op] = _ops(d.diff_contracts(old, collide), d.CaseCollision)
    assert set(op.names) == {"Amount", "amount"} and op.destructive


def test_ambiguous_rename_when_two_candidates_match(fp) -> None:
    old = fp(BASE)
    new = fp("SELECT range AS id, 'c' || (range % 7) AS customer_a, 'c' || (range % 7) AS customer_b, "
             "range * 2.5 AS amount FROM range(50)")
    [op] = _ops(d.diff_contracts(old, new), d.AmbiguousRename)
    assert {n for n, _ in op.candidates} == {"customer_a", "customer_b"}


def test_unit_change_renamed_and_in_place(fp) -> None:
    old = fp(BASE)
    cents = fp("SELECT range AS id, 'c' || (range % 7) AS customer, range * 250 AS amount_cents "
               "FROM range(50)")
    [op] = _ops(d.diff_contracts(old, cents), d.UnitChanged)
    assert (op.column, op.new, op.factor) == ("amount", "amount_cents", 100.0)
    scaled = fp("SELECT range AS id, 'c' || (range % 7) AS customer, range * 2500 AS amount FROM range(50)")
    assert _ops(d.diff_contracts(old, scaled), d.UnitChanged)[0].factor == 1000.0


def test_swapped_columns_are_renames(fp) -> None:
    old = fp("SELECT range AS a, range * 100 AS b FROM range(30)")
    new = fp("SELECT range * 100 AS a, range AS b FROM range(30)")
    ops = {op.column: op.new for op in _ops(d.diff_contracts(old, new), d.Renamed)}
    assert ops == {"a": "b", "b": "a"}


def test_retyped_kinds() -> None:
    assert retype_kind("INTEGER", "BIGINT") == "widened"
    assert retype_kind("BIGINT", "INTEGER") == "narrowed"
    assert retype_kind("DOUBLE", "BIGINT") == "narrowed"
    assert retype_kind("DATE", "VARCHAR") == "to_text"
    assert retype_kind("VARCHAR", "DATE") == "text_to_typed"
    assert retype_kind("DATE", "TIMESTAMP") == "widened"
    assert retype_kind("DECIMAL(10,2)", "DECIMAL(18,2)") == "widened"
    assert retype_kind("DECIMAL(18,4)", "DECIMAL(18,2)") == "narrowed"
    assert retype_kind("BOOLEAN", "INTEGER") == "changed"


def test_json_key_moved_renamed_removed() -> None:
    def contract(*paths: tuple[str, str]) -> Contract:
        return Contract("raw", "t", (Col("j", "JSON", json_paths=tuple(
            JsonPath(p, "VARCHAR", h) for p, h in paths)),), 10)
    old = contract(("route.dest", "h1"), ("route.origin", "h2"), ("delay", "h3"))
    new = contract(("dest", "h1"), ("route.from", "h2"))
    ops = d.diff_contracts(old, new).ops
    assert d.JsonKeyMoved(column="j", path="route.dest", new_path="dest", confidence=0.95,
                          evidence=("same values hash h1",)) in ops
    assert any(isinstance(o, d.JsonKeyRenamed) and o.new_path == "route.from" for o in ops)
    assert d.JsonKeyRemoved(column="j", path="delay") in ops


def test_table_missing_and_empty(fp) -> None:
    old = fp(BASE)
    assert isinstance(d.diff_contracts(old, None).ops[0], d.TableMissing)
    empty = fp("SELECT * FROM (" + BASE + ") WHERE false")
    assert isinstance(d.diff_contracts(old, empty).table_ops()[0], d.TableEmpty)


def test_find_moved_table(fp) -> None:
    from datanet_sql.heal.diff import find_moved_table
    old = fp(BASE)
    moved = fp(BASE, "orders_v2")
    other = fp("SELECT range AS x FROM range(3)", "other")
    assert find_moved_table(old, {("raw", "orders_v2"): moved, ("raw", "other"): other}) == (
        ("raw", "orders_v2"), 1.0)
    assert find_moved_table(old, {("raw", "other"): other}) is None


def test_values_changed_form_under_the_same_name(fp) -> None:
    old = fp("SELECT 'Adelie' AS species, CASE WHEN range % 10 = 0 THEN NULL ELSE range END AS v "
             "FROM range(50)")
    new = fp("SELECT 'Adelie ' AS species, coalesce(CASE WHEN range % 10 = 0 THEN NULL ELSE range END, "
             "-1) AS v FROM range(50)")
    changed = {op.column for op in _ops(d.diff_contracts(old, new), d.ValuesChanged)}
    assert changed == {"species", "v"}


def test_hash_match_is_not_enough_when_nulls_were_filled(fp) -> None:
    old = fp("SELECT CASE WHEN range = 0 THEN NULL ELSE range % 5 + 10 END AS mass FROM range(200)")
    new = fp("SELECT coalesce(CASE WHEN range = 0 THEN NULL ELSE range % 5 + 10 END, 0) AS weight "
             "FROM range(200)")
    diff = d.diff_contracts(old, new)
    assert not _ops(diff, d.Renamed) or _ops(diff, d.Renamed)[0].confidence < 0.8


def test_rename_survives_new_rows(fp) -> None:
    old = fp("SELECT range AS id, 'N' || (1000 + range) AS tail FROM range(300)")
    new = fp("SELECT range AS id, 'N' || (1000 + range) AS tail_number FROM range(360)")
    [op] = _ops(d.diff_contracts(old, new), d.Renamed)
    assert op.new == "tail_number" and op.confidence >= 0.8


def test_added_rows_that_move_the_mean_are_not_a_unit_change() -> None:
    """A rescale moves every value; new rows leave an extreme where it was (10 stays the
    minimum), so 10..20 growing to 10..30 is new data, while 10..20 as 4.54..9.07 is kg."""
    from datanet_sql.heal.contract import ContractColumn
    from datanet_sql.heal.match import unit_factor

    old = ContractColumn("code", "BIGINT", min=10, max=20, mean=15.0)
    grown = ContractColumn("code", "BIGINT", min=10, max=30, mean=20.0)
    assert unit_factor(old, grown) is None
    in_kg = ContractColumn("code", "DOUBLE", min=4.536, max=9.072, mean=6.804)
    assert unit_factor(old, in_kg) == pytest.approx(0.4536)
