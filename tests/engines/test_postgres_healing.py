"""Healing a project whose source is a Postgres table: the first run records the table's
contract (fingerprinted in Postgres), then the table changes upstream (a column renamed, a
column widened, a column dropped) and the next run heals the model, or refuses it, exactly as
it does for file and DuckDB sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import yaml
from click.testing import CliRunner

from datanet_sql.cli.main import cli
from pg_source_project import PG_DSN, pg_source_project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    accounts = ("SELECT g::int AS id, 'acct ' || g AS name, (g * 1.5)::numeric(10,2) AS balance, "
                "DATE '2024-01-01' + g AS opened_on, "
                "CASE WHEN g % 3 = 0 THEN 'gold' ELSE 'basic' END AS tier "
                "FROM generate_series(1, 60) g")
    models = {  # tables: Postgres views pin their columns' types
        "rich": "{{ config(materialized='table') }}\n"
                "select id, name, balance, opened_on from {{ source('crm', 'accounts') }}\n"
                "where balance > 30\n",
        "tiers": "{{ config(materialized='table') }}\n"
                 "select tier, count(*) as n from {{ source('crm', 'accounts') }} group by tier\n",
    }
    with pg_source_project(tmp_path, accounts, models, "on_schema_change: heal\n") as made:
        yield made


def _run(root: Path) -> tuple[int, str, dict]:
    result = CliRunner().invoke(cli, ["run", "--project-dir", str(root)])
    results = json.loads((root / ".datanet" / "run_results.json").read_text())
    return result.exit_code, result.output, {r["name"]: r for r in results["results"]}


def _rows(root: Path, model: str) -> tuple[list[str], list[str]]:
    result = CliRunner().invoke(cli, ["show", model, "--project-dir", str(root), "--limit",
                                      "1000", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    return lines[0].split(","), sorted(lines[1:])


def _alter(crm: str, *statements: str) -> None:
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        for statement in statements:
            con.execute(statement.replace("{t}", f'"{crm}".accounts'))


def _first_run(root: Path) -> tuple[list[str], list[str]]:
    code, output, results = _run(root)
    assert code == 0, output
    contract = yaml.safe_load((root / "profiles" / "crm.accounts.yml").read_text())
    columns = {c["name"]: c for c in contract["columns"]}
    assert contract["row_count"] == 60 and list(columns) == \
        ["id", "name", "balance", "opened_on", "tier"]
    assert columns["id"]["unique"] is True and columns["balance"]["top_hash"]
    return _rows(root, "rich")


def test_renamed_and_widened_columns_are_healed_with_the_same_rows(project: tuple[Path, str]
                                                                   ) -> None:
    root, crm = project
    header, before = _first_run(root)
    assert header == ["id", "name", "balance", "opened_on"] and len(before) == 40
    _alter(crm, "ALTER TABLE {t} RENAME COLUMN balance TO account_balance",
           "ALTER TABLE {t} ALTER COLUMN id TYPE bigint")
    code, output, results = _run(root)
    assert code == 0, output
    heals = results["rich"]["heals"]
    assert any("renamed to account_balance" in h for h in heals), heals
    assert any("id" in h and "BIGINT" in h.upper() for h in heals), heals
    assert "HEALED rich" in output
    assert _rows(root, "rich") == (header, before)  # same output columns, same rows
    compiled = (root / ".datanet" / "compiled" / "pg" / "rich.sql").read_text()
    assert compiled.startswith("-- healed:") and '"account_balance"' in compiled
    contract = (root / "profiles" / "crm.accounts.yml").read_text()
    assert "account_balance" not in contract  # a changed source keeps its contract


def test_a_dropped_column_refuses_only_the_model_that_reads_it(project: tuple[Path, str]) -> None:
    root, crm = project
    _first_run(root)
    _alter(crm, "ALTER TABLE {t} DROP COLUMN opened_on")
    code, output, results = _run(root)
    assert code == 1
    assert results["rich"]["status"] == "error"
    message = results["rich"]["message"]
    assert "crm.accounts.opened_on" in message and "datanet heal --accept crm.accounts" in message
    assert results["tiers"]["status"] == "success"


def test_a_column_turned_to_text_is_parsed_back_without_failing_on_bad_values(
        project: tuple[Path, str]) -> None:
    """Postgres has no TRY_CAST: the heal's conversion is guarded, so the one value that does
    not parse becomes NULL (as on DuckDB) instead of failing the model. (The column had a
    missing value before: one that never had any and turns up with 'N/A' is refused.)"""
    root, crm = project
    _alter(crm, "UPDATE {t} SET balance = NULL WHERE id = 3")
    header, before = _first_run(root)
    _alter(crm, "ALTER TABLE {t} ALTER COLUMN balance TYPE text",
           "UPDATE {t} SET balance = 'N/A' WHERE id = 7",
           "UPDATE {t} SET balance = 'unknown' WHERE id = 50")
    code, output, results = _run(root)
    assert code == 0, output
    assert any("balance" in h and "text" in h for h in results["rich"]["heals"])
    assert _rows(root, "rich") == (header, [r for r in before if not r.startswith("50,")])


def test_the_contract_follows_new_rows_and_the_next_compile_sees_them(
        project: tuple[Path, str]) -> None:
    """A table cannot say cheaply whether its values changed: each run fingerprints it again
    after building, so the contract (and the fingerprint the next compile compares) is current."""
    root, crm = project
    _first_run(root)
    _alter(crm, "INSERT INTO {t} SELECT g, 'acct ' || g, g * 1.5, DATE '2024-01-01' + g, "
                "'basic' FROM generate_series(61, 80) g")
    code, output, results = _run(root)
    assert code == 0 and not results["rich"].get("heals"), output
    contract = yaml.safe_load((root / "profiles" / "crm.accounts.yml").read_text())
    assert contract["row_count"] == 80
    assert len(_rows(root, "rich")[1]) == 60
