"""Contracts and constraints: columns checked at compile time, constraints enforced by DuckDB
and Postgres on a table created from the contract, the old table kept when a row breaks one."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from dbt_project_helpers import datanet, dbt_project, rows

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def _contracted(sql: str, **model: object) -> dict[str, object]:
    return {
        "models/customers.sql": "select 7 as id union all select 8 union all select 3",
        "models/orders.sql": sql,
        "models/schema.yml": {"models": [{
            "name": "orders", "config": {"materialized": "table", "contract": {"enforced": True}},
            "constraints": [{"type": "check", "name": "positive", "expression": "amount > 0"}],
            "columns": [
                {"name": "order_id", "data_type": "integer",
                 "constraints": [{"type": "not_null"}, {"type": "primary_key"}]},
                {"name": "amount", "data_type": "numeric(10, 2)"},
                {"name": "customer_id", "data_type": "integer", "constraints": [
                    {"type": "foreign_key", "to": "ref('customers')", "to_columns": ["id"]}]}],
            **model}]},
    }


GOOD = "select 1 as order_id, 9.5 as amount, 7 as customer_id"
DUPLICATE = ("select 1 as order_id, 9.5 as amount, 7 as customer_id union all "
             "select 1, 3.0, 8")


def test_a_contracted_table_carries_its_declared_types_and_constraints(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", _contracted(GOOD))
    result = datanet(root, "build")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.orders") == [(1, 9.5, 7)]
    assert rows(root, "select data_type from information_schema.columns where "
                      "table_name = 'orders' order by ordinal_position") == \
        [("INTEGER",), ("DECIMAL(10,2)",), ("INTEGER",)]
    constraints = {r[0] for r in rows(root, "select constraint_type from "
                                            "duckdb_constraints() where table_name = 'orders'")}
    assert {"PRIMARY KEY", "NOT NULL", "CHECK"} <= constraints
    assert "not enforced" not in result.output  # the foreign key too: run/foreign_keys.py


def test_a_primary_key_violation_fails_the_model_and_keeps_the_old_table(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", _contracted(GOOD))
    assert datanet(root, "build").exit_code == 0
    (root / "models" / "orders.sql").write_text(DUPLICATE)
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert "ERROR model orders" in result.output and "Traceback" not in result.output
    assert rows(root, "select * from main.orders") == [(1, 9.5, 7)]
    assert not rows(root, "select * from information_schema.tables "
                          "where table_name like 'orders__dn_%'")


def test_a_check_constraint_is_enforced(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", _contracted(
        "select 1 as order_id, -2.0 as amount, 7 as customer_id"))
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert "ERROR model orders" in result.output and "CHECK((amount > 0))" in result.output
    assert not rows(root, "select * from information_schema.tables where table_name = 'orders'")


def test_a_broken_contract_is_a_compile_error_naming_model_and_column(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", _contracted(
        "select 1 as order_id, 9.5 as amount, 'x' as customer_id"))
    result = datanet(root, "compile")
    assert result.exit_code == 1
    assert ("models/schema.yml:2: model 'orders' breaks its contract: column 'customer_id' is "
            "VARCHAR, the contract says INT") in result.output
    root = dbt_project(tmp_path / "q", _contracted("select 1 as order_id, 9.5 as amount"))
    result = datanet(root, "compile")
    assert "column 'customer_id' is declared but the model does not return it" in result.output
    root = dbt_project(tmp_path / "r", _contracted(GOOD.replace(" from", "") + ", 2 as extra"))
    assert "it returns column 'extra', which the contract does not declare" in \
        datanet(root, "compile").output


def test_a_contracted_view_is_checked_and_its_constraints_warn(tmp_path: Path) -> None:
    files = _contracted("select 1 as order_id, 9.5 as amount, 'x' as customer_id")
    files["models/schema.yml"]["models"][0]["config"]["materialized"] = "view"  # type: ignore
    result = datanet(dbt_project(tmp_path / "p", files), "compile")
    assert "breaks its contract: column 'customer_id'" in result.output
    assert "primary_key constraint on order_id is not enforced on a view" in result.output
    files["models/schema.yml"]["models"][0]["config"]["materialized"] = "ephemeral"  # type: ignore
    result = datanet(dbt_project(tmp_path / "q", files), "compile")
    assert result.exit_code == 0  # dbt builds it too
    assert "model 'orders' is ephemeral: its contract is not enforced (as in dbt)" in \
        result.output


def test_constraints_without_a_contract_warn(tmp_path: Path) -> None:
    files = _contracted(GOOD)
    del files["models/schema.yml"]["models"][0]["config"]["contract"]  # type: ignore
    result = datanet(dbt_project(tmp_path / "p", files), "build")
    assert result.exit_code == 0
    assert "constraints take effect only with `contract: {enforced: true}`" in result.output


@pytest.fixture
def pg_schema() -> str:
    name = f"dn_contract_{uuid.uuid4().hex[:8]}"
    yield name
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def test_postgres_enforces_the_primary_key_and_keeps_the_old_table(tmp_path: Path,
                                                                   pg_schema: str) -> None:
    output = {"type": "postgres", "host": "127.0.0.1", "port": 5432, "user": "postgres",
              "pass": "", "dbname": "test", "schema": pg_schema}
    root = dbt_project(tmp_path / "p", _contracted(GOOD), output)
    result = datanet(root, "build")
    assert result.exit_code == 0, result.output
    (root / "models" / "orders.sql").write_text(DUPLICATE)
    for _ in range(2):  # the second build meets the constraints the first swap left
        result = datanet(root, "build")
        assert result.exit_code == 1 and "duplicate key" in result.output
    with psycopg.connect(PG_DSN) as con:
        assert con.execute(f'select * from "{pg_schema}".orders').fetchall() == [(1, 9.5, 7)]
        kinds = {r[0] for r in con.execute(
            "select constraint_type from information_schema.table_constraints "
            "where table_schema = %s and table_name = 'orders'", [pg_schema]).fetchall()}
    assert {"PRIMARY KEY", "CHECK"} <= kinds
    (root / "models" / "orders.sql").write_text(GOOD.replace("9.5", "4.25"))
    assert datanet(root, "build").exit_code == 0  # a rebuild over the constrained table


def test_a_contract_set_in_config_or_folder_config_is_enforced(tmp_path: Path) -> None:
    files = _contracted("{{ config(contract={'enforced': true}) }}\n"
                        "select 1 as order_id, 9.5 as amount, 'x' as customer_id")
    del files["models/schema.yml"]["models"][0]["config"]["contract"]  # type: ignore
    assert "breaks its contract: column 'customer_id'" in \
        datanet(dbt_project(tmp_path / "p", files), "compile").output
    root = dbt_project(tmp_path / "q", files)
    (root / "models" / "orders.sql").write_text(DUPLICATE)
    project = (root / "dbt_project.yml").read_text()
    (root / "dbt_project.yml").write_text(project + "models:\n  p:\n    +contract:\n"
                                                    "      enforced: true\n")
    result = datanet(root, "build")
    assert result.exit_code == 1 and "PRIMARY KEY or UNIQUE constraint" in result.output


def test_an_incremental_run_that_breaks_the_key_keeps_the_table(tmp_path: Path) -> None:
    files = _contracted("{{ config(materialized='incremental') }}\n" + GOOD +
                        "\n{% if is_incremental() %} union all select 2, 1.0, 3 {% endif %}")
    root = dbt_project(tmp_path / "p", files)
    assert datanet(root, "build").exit_code == 0
    result = datanet(root, "build")  # appends (1, ...) again: a duplicate key
    assert result.exit_code == 1 and "ERROR model orders" in result.output
    assert rows(root, "select * from main.orders") == [(1, 9.5, 7)]
