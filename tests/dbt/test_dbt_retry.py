"""`datanet retry`: the failed and skipped nodes of the last run, again, with its options."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

SHOP = Path(__file__).parents[1] / "fixtures" / "projects" / "dbt_shop"
VARS = "{payment_methods: [credit_card, coupon, bank_transfer, gift_card]}"


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _ran(result: Result) -> list[str]:
    """`model customers`, `test unique_...`: the nodes a command's progress lines name."""
    return sorted(" ".join(line.split()[2:4]) for line in result.output.splitlines()
                  if line.strip()[:1].isdigit() and "/" in line.split()[0])


def test_retry_runs_what_failed_or_was_skipped_with_the_same_vars(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    first = _datanet("build", "--project-dir", root, "--vars", VARS)
    assert first.exit_code == 1  # the CRM's table is not in the warehouse yet
    assert "ERROR source crm.customer_notes" in first.output
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb")) as con:  # the CRM writes its table
        con.execute("create schema crm; create table crm.customer_notes as select 1 as "
                    "customer_id, 'vip' as note, timestamp '2024-01-01' as noted_at")
    again = _datanet("retry", "--project-dir", root)
    assert again.exit_code == 0, again.output
    assert _ran(again) == ["model customers", "model stg_customer_notes",
                           "source crm.customer_notes", "test not_null_customers_customer_id",
                           "test relationships_orders_customer_id__customer_id__ref_customers_",
                           "test unique_customers_customer_id"]
    record = json.loads((root / ".datanet" / "run_results.json").read_text())
    assert record["command"] == "build" and record["args"]["vars"] == VARS
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb")) as con:
        assert con.execute("select count(*) from main.customers").fetchone()[0] > 0
    nothing = _datanet("retry", "--project-dir", root)
    assert nothing.exit_code == 0
    assert "Nothing to retry: the last build on dev succeeded." in nothing.output


def test_retry_without_a_previous_run_or_after_another_command_says_why(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    missing = _datanet("retry", "--project-dir", root)
    assert missing.exit_code == 1
    assert "no run to retry: .datanet/run_results.json does not exist" in missing.output
    (root / ".datanet").mkdir()
    (root / ".datanet" / "run_results.json").write_text("{not json")
    broken = _datanet("retry", "--project-dir", root)
    assert broken.exit_code == 1 and "cannot read the last run's record" in broken.output


def test_a_run_killed_before_recording_nodes_is_repeated_as_asked(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    (root / ".datanet").mkdir()
    (root / ".datanet" / "run_results.json").write_text(json.dumps(
        {"command": "seed", "target": "dev", "status": "running", "results": [],
         "args": {"select": ["raw_orders"], "exclude": []}}))
    result = _datanet("retry", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _ran(result) == ["seed raw_orders"]
