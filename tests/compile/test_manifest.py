"""manifest.json and what the annotate pass puts in it: dependencies, config, typed columns,
column-level lineage, `SELECT *` expanded, ephemeral models inlined, incremental variants.
The compiled SQL is also executed on DuckDB, so it is checked for meaning, not only text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from compile_helpers import FIXTURES, copy_project, run_cli

from datanet_sql.compile.pipeline import compile_project
from datanet_sql.project.manifest import Manifest


def _compiled(root: Path) -> dict[str, Any]:
    result = run_cli("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    return json.loads((root / ".datanet" / "manifest.json").read_text())


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("man") / "mini")


@pytest.fixture(scope="module")
def shop_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(FIXTURES / "dbt_shop", tmp_path_factory.mktemp("man") / "dbt_shop")


@pytest.fixture(scope="module")
def mini(mini_root: Path) -> dict[str, Any]:
    return _compiled(mini_root)


@pytest.fixture(scope="module")
def shop(shop_root: Path) -> dict[str, Any]:
    return _compiled(shop_root)


def test_metadata_and_order(mini: dict[str, Any]) -> None:
    assert mini["metadata"]["project"] == "mini"
    assert mini["metadata"]["dialect"] == "duckdb" and mini["metadata"]["target"] == "dev"
    order = list(mini["nodes"])
    for node in mini["nodes"].values():  # topological: every dependency comes first
        assert all(order.index(dep) < order.index(node["unique_id"])
                   for dep in node["depends_on"])


def test_model_dependencies_config_and_columns(mini: dict[str, Any]) -> None:
    node = mini["nodes"]["model.customer_revenue"]
    assert node["depends_on"] == ["model.stg_orders", "model.stg_customers"]
    assert node["config"]["materialized"] == "table" and node["config"]["tags"] == ["finance"]
    assert node["description"] == "Revenue per customer."
    assert node["compiled_path"] == ".datanet/compiled/dev/customer_revenue.sql"
    types = {name: col["type"] for name, col in node["columns"].items()}
    assert types == {"customer_id": "INTEGER", "name": "VARCHAR", "email": "VARCHAR",
                     "shipped_amount": "DOUBLE", "returned_amount": "DOUBLE", "orders": "BIGINT"}
    assert mini["nodes"]["model.stg_orders"]["config"]["materialized"] == "view"  # folder config


def test_column_lineage(mini: dict[str, Any]) -> None:
    cols = mini["nodes"]["model.customer_revenue"]["columns"]
    assert cols["shipped_amount"]["lineage"] == ["model.stg_orders.amount",
                                                 "model.stg_orders.status"]
    assert cols["orders"]["lineage"] == ["model.stg_orders.order_id"]
    assert cols["email"]["lineage"] == ["model.stg_customers.email"]
    staged = mini["nodes"]["model.stg_customers"]["columns"]
    assert staged["customer_id"]["type"] == "INTEGER"   # DuckDB's own names, as for sources
    assert staged["customer_id"]["lineage"] == ["source.raw.customers.id"]
    assert mini["nodes"]["model.stg_orders"]["columns"]["amount"]["lineage"] == \
        ["source.raw.orders.amount"]


def test_sources_and_seeds_typed_from_files(mini: dict[str, Any], shop: dict[str, Any]) -> None:
    orders = mini["nodes"]["source.raw.orders"]
    assert orders["relation"] == "raw.orders"
    assert {n: c["type"] for n, c in orders["columns"].items()} == {
        "order_id": "BIGINT", "customer_id": "BIGINT", "amount": "DOUBLE",
        "status": "VARCHAR", "ordered_at": "TIMESTAMP"}
    assert shop["nodes"]["seed.raw_orders"]["columns"]["order_date"]["type"] == "DATE"
    notes = shop["nodes"]["source.crm.customer_notes"]  # a warehouse table: declared in YAML
    assert notes["relation"] == "crm.customer_notes"
    assert [c["type"] for c in notes["columns"].values()] == ["integer", "varchar", "timestamp"]


def test_data_tests_in_manifest(mini: dict[str, Any]) -> None:
    tests = {n["name"]: n for n in mini["nodes"].values() if n["resource_type"] == "test"}
    assert set(tests) == {"no_negative_amounts",
                          "accepted_values_stg_orders_status__shipped__returned__placed",
                          "relationships_stg_orders_customer_id__customer_id__ref_stg_customers_",
                          "unique_customer_revenue_customer_id",
                          "not_null_customer_revenue_customer_id",
                          "expression_customer_revenue_orders__orders_0"}
    rel = tests["relationships_stg_orders_customer_id__customer_id__ref_stg_customers_"]
    assert rel["depends_on"] == ["model.stg_orders", "model.stg_customers"]
    assert rel["config"]["severity"] == "warn"
    assert rel["path"] == "models/marts/schema.yml"
    assert rel["test"] == {"name": "relationships", "attached_node": "model.stg_orders",
                           "column": "customer_id",
                           "args": {"to": "ref('stg_customers')", "field": "customer_id"},
                           "namespace": None, "hash": "430bf21500",
                           "verdict": {"fail_calc": "COUNT(*)", "warn_if": "failures <> 0",
                                       "error_if": "failures <> 0", "limit": None}}
    assert rel["compiled_path"] == ".datanet/compiled/dev/tests.sql"
    assert rel["compiled_sql"].startswith("SELECT")
    assert tests["no_negative_amounts"]["depends_on"] == ["model.stg_orders"]


def test_select_star_is_expanded(mini_root: Path, shop_root: Path, mini: dict, shop: dict) -> None:
    for root, model in [(mini_root, "customer_revenue"), (shop_root, "stg_customers"),
                        (shop_root, "orders")]:
        sql = (root / ".datanet" / "compiled" / "dev" / f"{model}.sql").read_text()
        assert "*" not in sql.replace("COUNT(*)", ""), sql
    sql = (shop_root / ".datanet" / "compiled" / "dev" / "stg_customers.sql").read_text()
    assert '"raw_customers"."first_name" AS "first_name"' in sql
    assert list(shop["nodes"]["model.stg_customers"]["columns"]) == \
        ["customer_id", "first_name", "last_name"]


def test_ephemeral_model_is_inlined_as_cte(shop_root: Path, shop: dict[str, Any]) -> None:
    compiled = shop_root / ".datanet" / "compiled" / "dev"
    assert not (compiled / "stg_customer_notes.sql").exists()
    node = shop["nodes"]["model.stg_customer_notes"]
    assert node["config"]["materialized"] == "ephemeral" and "compiled_path" not in node
    sql = (compiled / "customers.sql").read_text()
    assert sql.startswith('WITH "__dn_eph_stg_customer_notes" AS (')
    assert 'FROM "crm"."customer_notes" AS "customer_notes"' in sql
    assert "main.stg_customer_notes" not in sql and '"main"."stg_customer_notes"' not in sql
    # the ephemeral model is inlined, so lineage reaches through it to what it reads
    notes = shop["nodes"]["model.stg_customer_notes"]["columns"]
    assert notes["last_noted_at"]["lineage"] == ["source.crm.customer_notes.noted_at"]
    assert notes["note_count"]["type"] == "BIGINT"


def test_incremental_model_has_two_variants(shop_root: Path, shop: dict[str, Any]) -> None:
    manifest, _ = compile_project(shop_root, write=False)
    node = manifest.nodes["model.order_events"]
    assert node.materialized == "incremental" and node.config["unique_key"] == "order_id"
    assert "WHERE" not in node.compiled_sql
    assert 'FROM "main"."order_events" AS "order_events"' in node.compiled_incremental_sql
    assert '"stg_orders"."order_date" > (' in node.compiled_incremental_sql
    text = (shop_root / ".datanet" / "compiled" / "dev" / "order_events.sql").read_text()
    first, second = text.split("-- when the table exists (is_incremental()):")
    assert first.strip() == node.compiled_sql and second.strip() == node.compiled_incremental_sql


def test_var_loop_and_macro_rendered(shop_root: Path, shop: dict[str, Any]) -> None:
    cols = list(shop["nodes"]["model.orders"]["columns"])
    assert cols[4:8] == ["credit_card_amount", "coupon_amount", "bank_transfer_amount",
                         "gift_card_amount"]
    sql = (shop_root / ".datanet" / "compiled" / "dev" / "stg_payments.sql").read_text()
    assert 'ROUND(1.0 * "source"."amount" / 100, 2) AS "amount"' in sql


def test_compiled_sql_runs_on_duckdb(shop_root: Path, shop: dict[str, Any]) -> None:
    """Build every node of dbt_shop from its compiled SQL and run every data test: all pass."""
    manifest: Manifest = compile_project(shop_root, write=False)[0]
    con = duckdb.connect()
    con.execute("create schema crm")
    con.execute("create table crm.customer_notes as select 1 as customer_id, 'vip' as note, "
                "timestamp '2024-01-01' as noted_at")
    failures = {}
    for node in manifest.in_order():
        if node.kind == "seed":
            types = node.config.get("column_types") or {}
            con.execute(f"create table {node.relation} as select * from read_csv(?, header=true"
                        + (", types={" + ", ".join(f"'{k}': '{v}'" for k, v in types.items())
                           + "}" if types else "") + ")", [str(shop_root / node.path)])
        elif node.kind == "model" and node.materialized != "ephemeral":
            con.execute(f"create table {node.relation} as {node.compiled_sql}")
        elif node.kind == "test":
            failures[node.name] = len(con.execute(node.compiled_sql).fetchall())
    assert len(failures) == 17 and not any(failures.values()), failures
    assert con.execute("select customer_id, customer_lifetime_value, note_count from "
                       "main.customers order by 1 limit 2").fetchall() == [(1, 35.0, 1),
                                                                          (2, 6.0, 0)]
    assert con.execute("select credit_card_amount, gift_card_amount, amount from main.orders "
                       "where order_id = 7").fetchall() == [(23.0, 16.0, 39.0)]
