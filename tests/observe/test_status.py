"""`datanet status` after real runs: last run per target, failures, late sources, as text and
JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from run.helpers import run, write

from datanet_sql.cli.main import cli
from observe.helpers import shop


def status(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["status", "--project-dir", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_status_before_any_run(tmp_path: Path) -> None:
    root = shop(tmp_path)
    assert "No runs recorded yet" in status(root)
    assert json.loads(status(root, "--output", "json")) == {"history": ".datanet/state.db",
                                                            "targets": []}


def test_status_names_failures_and_late_sources(tmp_path: Path) -> None:
    root = shop(tmp_path, age_hours=30)
    write(root, "models/broken.sql", "select nope from {{ ref('orders') }}")
    write(root, "models/orders.yml", "models:\n  - name: orders\n    columns:\n      - name: "
                                      "id\n        tests: [not_null]\n")
    run(root, "build", ("orders",))
    CliRunner().invoke(cli, ["source", "freshness", "--project-dir", str(root)])

    report = json.loads(status(root, "--output", "json"))
    [dev] = report["targets"]
    assert dev["target"] == "dev"
    assert dev["last_run"]["command"] == "build" and dev["last_run"]["status"] == "success"
    assert dev["last_run"]["counts"] == {"success": 2, "pass": 1}
    assert [n["unique_id"] for n in dev["late"]] == ["source.raw.orders"]
    assert dev["late"][0]["status"] == "error" and "more than 1 day(s)" in dev["late"][0]["message"]

    run(root, "run")  # broken fails now
    text = status(root)
    assert "datanet status" in text
    assert "FAILED dev model.broken (error):" in text
    assert "LATE dev source.raw.orders (error): last loaded 1.3d ago" in text
    dev = json.loads(status(root, "--output", "json"))["targets"][0]
    assert dev["last_run"]["status"] == "error"
    assert [n["unique_id"] for n in dev["failed"]] == ["model.broken"]
