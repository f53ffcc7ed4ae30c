"""target/manifest.json and target/run_results.json follow dbt's schemas (manifest v12,
run_results v6): dbt's own artifact parser reads them, with datanet's extras in `meta`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from dbt_artifacts_parser.parser import parse_manifest_v12, parse_run_results_v6

from datanet_sql.cli.main import cli


def _datanet(*args: str) -> int:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False).exit_code


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    assert _datanet("init", str(root)) == 0
    return root


def _artifacts(root: Path) -> tuple:
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    results = json.loads((root / "target" / "run_results.json").read_text())
    return manifest, parse_manifest_v12(manifest), parse_run_results_v6(results)


def test_a_build_writes_artifacts_dbts_parser_reads(project: Path) -> None:
    assert _datanet("build", "--project-dir", str(project)) == 0
    raw, manifest, results = _artifacts(project)
    assert manifest.metadata.project_name == "shop"
    model = manifest.nodes["model.shop.customer_orders"]
    assert model.resource_type == "model"
    assert model.fqn == ["shop", "marts", "customer_orders"]
    assert model.depends_on.nodes == ["model.shop.stg_orders", "seed.shop.order_statuses"]
    assert model.relation_name == '"dev"."main"."customer_orders"'
    assert model.config.materialized == "table"
    assert "source.shop.raw.orders" in manifest.sources
    assert "model.shop.customer_orders" in raw["child_map"]["model.shop.stg_orders"]
    test = manifest.nodes["test.shop.unique_stg_orders_order_id.e3b841c71a"]
    assert test.test_metadata.name == "unique" and test.column_name == "order_id"
    assert test.attached_node == "model.shop.stg_orders"
    statuses = {r.unique_id: r.status.value for r in results.results}
    assert statuses["model.shop.customer_orders"] == "success"
    assert statuses["test.shop.unique_stg_orders_order_id.e3b841c71a"] == "pass"
    assert not any(uid.startswith("source.") for uid in statuses)
    assert raw["metadata"]["invocation_id"] == results.metadata.invocation_id


def test_datanet_extras_ride_in_meta(project: Path) -> None:
    assert _datanet("build", "--project-dir", str(project)) == 0
    raw, _, _ = _artifacts(project)
    amount = raw["nodes"]["model.shop.stg_orders"]["columns"]["amount"]
    assert amount["meta"]["datanet"]["lineage"] == ["source.raw.orders.amount"]
    assert "semantic" in amount["meta"]["datanet"] and "pii" in amount["meta"]["datanet"]


def test_a_failing_model_is_an_error_and_its_tests_skipped(project: Path) -> None:
    model = project / "models" / "marts" / "customer_orders.sql"
    model.write_text(model.read_text().replace("count(*) as order_count",
                                               "sum(cast(orders.status as integer)) as order_count"))
    assert _datanet("build", "--project-dir", str(project)) == 1
    _, _, results = _artifacts(project)
    statuses = {r.unique_id: r.status.value for r in results.results}
    assert statuses["model.shop.stg_orders"] == "success"
    assert statuses["model.shop.customer_orders"] == "error"
    assert statuses["test.shop.unique_customer_orders_customer_id.0e9f6da4ce"] == "skipped"
