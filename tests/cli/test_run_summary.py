"""The run summary tells the time the user waited and only claims heals that were built."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _starter(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    assert _datanet("init", root).exit_code == 0
    return root


def test_the_summary_time_includes_compiling(tmp_path: Path) -> None:
    root = _starter(tmp_path)
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    match = re.search(r"build on dev in ([\d.]+)s \(compile ([\d.]+)s, run ([\d.]+)s\)",
                      result.stdout)
    assert match, result.stdout
    total, compiled, ran = map(float, match.groups())
    assert abs(total - compiled - ran) < 0.02 and compiled > 0


def test_a_healed_model_that_then_failed_is_not_listed_as_healed(tmp_path: Path) -> None:
    root = _starter(tmp_path)
    assert _datanet("build", "--project-dir", root).exit_code == 0  # records the contract
    data = root / "data" / "orders.csv"
    data.write_text(data.read_text().replace("amount", "order_total", 1))  # healable rename
    model = root / "models" / "staging" / "stg_orders.sql"
    model.write_text("{{ config(materialized='table') }}\n" + model.read_text().replace(
        "lower(trim(status)) as status",
        "cast(cast(status as integer) as varchar) as status"))  # fails at run time
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "ERROR model stg_orders" in result.stdout
    assert "HEALED stg_orders" not in result.stdout
    results = json.loads((root / ".datanet" / "run_results.json").read_text())
    stg = next(r for r in results["results"] if r["name"] == "stg_orders")
    assert stg["status"] == "error" and stg["heals"]  # the heal was applied, the build failed


def test_a_heal_says_its_evidence_once(tmp_path: Path) -> None:
    root = _starter(tmp_path)
    assert _datanet("build", "--project-dir", root).exit_code == 0
    data = root / "data" / "orders.csv"
    data.write_text(data.read_text().replace("amount", "order_total", 1))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    healed = [line for line in result.stdout.splitlines() if line.startswith("HEALED")]
    assert len(healed) == 1 and healed[0].count("name similarity") == 1
    assert "read order_total AS amount" in healed[0]
