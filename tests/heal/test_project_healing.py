"""Healing end to end: the example project rebuilt after its raw files change on disk.

A first build records the contracts; then the upstream export changes (headers re-cased, a
column renamed, a column dropped, a file gone) and the next build heals, refuses or falls back
exactly where it must, with every other model still built.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from run.helpers import copy_built

from datanet_sql.cli.main import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"


def _build(root: Path, *args: str) -> tuple[int, str, dict]:
    result = CliRunner().invoke(cli, ["build", "--project-dir", str(root), *args])
    results = json.loads((root / ".datanet" / "run_results.json").read_text())
    return result.exit_code, result.output, {r["name"]: r for r in results["results"]}


def _rows(root: Path, model: str) -> list[str]:
    result = CliRunner().invoke(cli, ["show", model, "--project-dir", str(root), "--limit",
                                      "100000", "--format", "csv"])
    assert result.exit_code == 0, result.output
    return sorted(result.output.splitlines()[1:])


def _rewrite_csv(path: Path, rename: dict[str, str], drop: str | None = None) -> None:
    """The same export with headers renamed and one column left out."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, name in enumerate(rows[0]) if name != drop]
    rows[0] = [rename.get(name, name) for name in rows[0]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])


@pytest.fixture(scope="module")
def built_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example after its first build, made once: the contracts every test starts from."""
    root = tmp_path_factory.mktemp("heal") / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".datanet", "profiles"))
    code, output, _ = _build(root)
    assert code == 0, output
    assert (root / "profiles" / "raw.payments.yml").exists()  # the first run recorded it
    return root


@pytest.fixture
def shop(built_shop: Path, tmp_path: Path) -> Path:
    """A copy of the built example of the test's own, without the compile cache: the cache
    names the first copy's files, so the test's next command compiles its own."""
    return copy_built(built_shop, tmp_path / "shop")


def test_recased_and_renamed_columns_are_healed_with_the_same_rows(shop: Path) -> None:
    before = _rows(shop, "stg_payments")
    _rewrite_csv(shop / "data" / "payments.csv",
                 {"payment_id": "PAYMENT_ID", "method": "METHOD", "paid_at": "paid_timestamp"})
    code, output, results = _build(shop)
    assert code == 0, output
    heals = results["stg_payments"]["heals"]
    assert any("re-cased to PAYMENT_ID" in h for h in heals)
    assert any("renamed to paid_timestamp" in h for h in heals)
    assert "HEALED stg_payments" in output
    assert _rows(shop, "stg_payments") == before
    compiled = (shop / ".datanet" / "compiled" / "dev" / "stg_payments.sql").read_text()
    assert compiled.startswith("-- healed:")


def test_a_dropped_column_refuses_only_the_models_that_read_it(shop: Path) -> None:
    _rewrite_csv(shop / "data" / "payments.csv", {}, drop="method")
    code, _, results = _build(shop)
    assert code == 1
    assert results["stg_payments"]["status"] == "error"
    assert "raw.payments.method" in results["stg_payments"]["message"]
    assert "datanet heal --accept raw.payments" in results["stg_payments"]["message"]
    assert results["int_order_payments"]["status"] == "skipped"
    assert results["stg_products"]["status"] == "success"  # the others still build
    plan = CliRunner().invoke(cli, ["heal", "--plan", "--project-dir", str(shop)])
    assert "REFUSED" in plan.output and "method" in plan.output


def test_stale_policy_uses_the_last_good_copy_when_a_source_disappears(shop: Path) -> None:
    config = shop / "datanet.yml"
    config.write_text(config.read_text().replace("on_schema_change: heal",
                                                 "on_schema_change: heal\non_source_outage: stale"))
    code, output, _ = _build(shop)  # keeps the last good copies
    assert code == 0, output
    before = _rows(shop, "stg_products")
    (shop / "data" / "products.parquet").unlink()
    code, output, results = _build(shop)
    assert code == 0, output
    assert results["raw.products"]["message"].startswith("STALE")
    assert "STALE" in output
    assert _rows(shop, "stg_products") == before


def test_a_renamed_export_file_is_found_by_its_values(shop: Path) -> None:
    (shop / "data" / "payments.csv").rename(shop / "data" / "payments_2024.csv")
    result = CliRunner().invoke(cli, ["compile", "--project-dir", str(shop)])
    assert result.exit_code == 1
    assert "refused: raw.payments: the table is missing" in result.output
    assert "raw.payments seems to have moved to data/payments_2024.csv" in result.output


def test_a_declarative_model_keeps_its_output_columns_when_its_source_renames_one(
        shop: Path) -> None:
    """stg_customers (declarative, cleanse: auto) passes `city` through; the export renames it
    `town`: the model still outputs `city` with the same rows, so dim_customers builds."""
    before = _rows(shop, "dim_customers")
    _rewrite_csv(shop / "data" / "customers.csv", {"city": "town"})
    code, output, results = _build(shop)
    assert code == 0, output
    assert "HEALED stg_customers: raw.customers.city: column city was renamed to town" in output
    assert results["dim_customers"]["status"] == "success"
    assert _rows(shop, "dim_customers") == before


def test_a_declarative_rename_is_refused_under_fail(shop: Path) -> None:
    config = shop / "datanet.yml"
    config.write_text(config.read_text().replace("on_schema_change: heal",
                                                 "on_schema_change: fail"))
    _rewrite_csv(shop / "data" / "customers.csv", {"city": "town"})
    code, _, results = _build(shop)
    assert code == 1
    assert results["stg_customers"]["status"] == "error"
    assert "refused (on_schema_change: fail): raw.customers.city: column city was renamed to " \
           "town" in results["stg_customers"]["message"]
    assert results["stg_orders"]["status"] == "success"  # the rest still builds
