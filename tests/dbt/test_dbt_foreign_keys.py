"""dbt's foreign_key constraints on contracted tables: checked in the build's transaction on
DuckDB and Postgres (a breaking row fails the model with the engine's message, the old table
stays), the parent built first and never blocked when it is rebuilt; bad keys are errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from dbt_project_helpers import datanet, dbt_project, rows
from hooks_helpers import PG, pg_schema

from datanet_sql.compile.pipeline import compile_project
from datanet_sql.run.mocking import _declared_links

CUSTOMERS = "select 1 as id, 'eu' as region union all select 2, 'us'"
MORE_CUSTOMERS = "{{ config(materialized='table') }}\n" + CUSTOMERS + " union all select 3, 'eu'"
CONTRACT = {"materialized": "table", "contract": {"enforced": True}}


def files(orders: str, **key: object) -> dict[str, object]:
    """customers (id, region) and orders, whose customer_id must be a customer's id (a
    column-level key) and (customer_id, region) a customer's (id, region) (a model-level one)."""
    column_key = {"type": "foreign_key", "to": "ref('customers')", "to_columns": ["id"], **key}
    return {
        "models/customers.sql": "{{ config(materialized='table') }}\n" + CUSTOMERS,
        "models/orders.sql": orders,
        "models/schema.yml": {"models": [{
            "name": "orders", "config": CONTRACT,
            "constraints": [{"type": "foreign_key", "name": "orders_customer_region",
                             "columns": ["customer_id", "region"],
                             "to": "ref('customers')", "to_columns": ["id", "region"]}],
            "columns": [
                {"name": "order_id", "data_type": "integer"},
                {"name": "customer_id", "data_type": "integer", "constraints": [column_key]},
                {"name": "region", "data_type": "varchar"}]}]},
    }


def error_of(root: Path, name: str) -> str:
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    return next(r["message"] for r in results if r["unique_id"] == f"model.p.{name}")


GOOD = "select 10 as order_id, 1 as customer_id, 'eu' as region union all select 11, null, 'us'"
ORPHAN = GOOD + " union all select 12, 3, 'eu'"
WRONG_REGION = GOOD + " union all select 13, 2, 'eu'"


def test_rows_with_a_parent_build_and_the_parent_is_built_first(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", files(GOOD))
    result = datanet(root, "build")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.orders order by 1") == [(10, 1, "eu"), (11, None, "us")]
    ordered = datanet(root, "ls", "--resource-type", "model", "-s", "+orders", "--output", "name")
    assert ordered.output.split() == ["customers", "orders"]
    (root / "models" / "customers.sql").write_text(MORE_CUSTOMERS)
    assert datanet(root, "build", "-s", "customers").exit_code == 0  # a swap, not blocked


@pytest.mark.parametrize("orders, message", [
    (ORPHAN, ('violates foreign key constraint "orders_customer_id_fkey": Key (customer_id)=(3) '
             'is not present in table "main.customers"')),
    (WRONG_REGION, ('violates foreign key constraint "orders_customer_region": Key '
                   '(customer_id, region)=(2, eu) is not present in table "main.customers"')),
])
def test_a_row_without_a_parent_fails_and_keeps_the_old_table(tmp_path: Path, orders: str,
                                                              message: str) -> None:
    root = dbt_project(tmp_path / "p", files(GOOD))
    assert datanet(root, "build").exit_code == 0
    (root / "models" / "orders.sql").write_text(orders)
    result = datanet(root, "build")
    assert result.exit_code == 1 and "ERROR model orders" in result.output
    assert message in error_of(root, "orders") and "Traceback" not in result.output
    assert rows(root, "select count(*) from main.orders") == [(2,)]
    assert not rows(root, "select * from information_schema.tables "
                          "where table_name like 'orders__dn_%'")


def test_an_incremental_run_is_checked_too(tmp_path: Path) -> None:
    layout = files("{{ config(materialized='incremental') }}\n" + GOOD +
                   "\n{% if is_incremental() %} union all select 12, 3, 'eu' {% endif %}")
    root = dbt_project(tmp_path / "p", layout)
    assert datanet(root, "build").exit_code == 0
    result = datanet(root, "build")
    assert result.exit_code == 1 and "Key (customer_id)=(3)" in error_of(root, "orders")
    assert rows(root, "select count(*) from main.orders") == [(2,)]


@pytest.mark.parametrize("key, message", [
    ({"to": None, "to_columns": [], "expression": "main.customers (id)"},
     ("a foreign_key constraint written as `expression:`, which datanet does not read; write "
     "`to: ref('customers')` and `to_columns: [id]`")),
    ({"to_columns": ["idd"]}, ("foreign key orders_customer_id_fkey names column 'idd', which "
                              "model 'customers' does not have. Did you mean 'id'")),
    ({"to_columns": ["id", "region"]}, "names 2 `to_columns:` for 1 column(s)"),
    ({"to": "ref('ghost')"}, "foreign key (customer_id) -> ref('ghost'), which is ephemeral"),
    ({"to": "ref('custmers')"}, ("model 'orders' reads ref('custmers'), which does not exist. "
                                "Did you mean 'customers'")),
])
def test_a_key_datanet_cannot_read_is_an_error_naming_the_yaml(tmp_path: Path, key: dict,
                                                                message: str) -> None:
    layout = {**files(GOOD, **key),
              "models/ghost.sql": "{{ config(materialized='ephemeral') }}\nselect 1 as id"}
    result = datanet(dbt_project(tmp_path / "p", layout), "compile")
    assert result.exit_code == 1
    assert "models/schema.yml" in result.output and message in result.output


def test_postgres_checks_the_key_and_rebuilds_the_parent(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", files(GOOD), {**PG, "schema": schema})
        result = datanet(root, "build")
        assert result.exit_code == 0, result.output
        (root / "models" / "orders.sql").write_text(ORPHAN)
        assert datanet(root, "build").exit_code == 1
        assert (f'Key (customer_id)=(3) is not present in table "{schema}.customers"'
                in error_of(root, "orders"))
        (root / "models" / "customers.sql").write_text(MORE_CUSTOMERS)
        result = datanet(root, "build")  # the parent swapped in, then the child passes
        assert result.exit_code == 0, result.output
        assert conn.execute(f'select count(*) from "{schema}".orders').fetchone() == (3,)


def test_mocks_keep_a_declared_key_intact(tmp_path: Path) -> None:
    """A one-column key whose columns pass through from sources is a foreign key the mock
    generator keeps (as a relationships test is), so a `build --mock` passes its check."""
    root = tmp_path / "p"
    (root / "data").mkdir(parents=True)
    (root / "data" / "customers.csv").write_text("id\n1\n2\n")
    (root / "data" / "orders.csv").write_text("order_id,customer_id\n10,1\n")
    layout = {
        "datanet.yml": "name: p\n",
        "sources/raw.yml": yaml.safe_dump({"sources": [{"name": "raw", "tables": [
            {"name": "customers", "path": "data/customers.csv"},
            {"name": "orders", "path": "data/orders.csv"}]}]}),
        "models/customers.sql": "select id from {{ source('raw', 'customers') }}",
        "models/orders.sql": "select order_id, customer_id from {{ source('raw', 'orders') }}",
        "models/schema.yml": yaml.safe_dump({"models": [{
            "name": "orders", "config": CONTRACT, "columns": [
                {"name": "order_id", "data_type": "integer"},
                {"name": "customer_id", "data_type": "integer", "constraints": [
                    {"type": "foreign_key", "to": "ref('customers')", "to_columns": ["id"]}]}]}]}),
    }
    for path, text in layout.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    manifest = compile_project(root, write=False)[0]
    assert _declared_links(manifest) == [("raw.orders.customer_id", "raw.customers.id")]
