"""Source freshness on DuckDB: dbt's warn_after / error_after, filter, file times, exit codes
and target/sources.json."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from click.testing import CliRunner
from run.helpers import write

from datanet_sql.cli.main import cli
from observe.helpers import SOURCES, set_orders, shop


def freshness(root: Path) -> tuple[int, str, dict]:
    result = CliRunner().invoke(cli, ["source", "freshness", "--project-dir", str(root)])
    sources = json.loads((root / "target" / "sources.json").read_text())
    return result.exit_code, result.output, sources


def by_table(sources: dict) -> dict[str, dict]:
    return {r["unique_id"].rsplit(".", 1)[-1]: r for r in sources["results"]}


def test_fresh_source_passes_and_old_file_warns(tmp_path: Path) -> None:
    root = shop(tmp_path, age_hours=1)
    old = time.time() - 3600
    os.utime(root / "data" / "events.csv", (old, old))  # a file source: graded by its mtime
    code, output, sources = freshness(root)
    assert code == 0
    assert "1 of 2 START freshness of raw.orders" in output
    assert "1 of 2 PASS freshness of raw.orders: last loaded 1.0h ago [in " in output
    assert "WARN freshness of raw.events: last loaded 1.0h ago, more than 1 minute(s)" in output
    results = by_table(sources)
    assert sources["metadata"]["dbt_schema_version"].endswith("/sources/v3.json")
    assert results["orders"]["status"] == "pass"
    assert results["orders"]["unique_id"] == "source.proj.raw.orders"
    assert 3590 < results["orders"]["max_loaded_at_time_ago_in_s"] < 3700
    assert results["orders"]["criteria"]["warn_after"] == {"count": 12, "period": "hour"}
    assert results["events"]["status"] == "warn"


def test_stale_source_warns_then_errors_with_exit_code_1(tmp_path: Path) -> None:
    root = shop(tmp_path, age_hours=13)
    code, output, sources = freshness(root)
    assert code == 0 and by_table(sources)["orders"]["status"] == "warn"
    assert "more than 12 hour(s)" in output
    set_orders(root, rows=10, age_hours=36)
    code, output, sources = freshness(root)
    assert code == 1 and by_table(sources)["orders"]["status"] == "error"
    assert "ERROR freshness of raw.orders: last loaded 1.5d ago, more than 1 day(s)" in output
    assert "source freshness failed: raw.orders" in output


def test_filter_limits_the_rows_considered(tmp_path: Path) -> None:
    root = shop(tmp_path, age_hours=1)
    write(root, "sources/raw.yml", SOURCES.replace(
        "error_after: {count: 1, period: day}",
        "error_after: {count: 1, period: day}\n      filter: id > 100000"))
    code, _, sources = freshness(root)
    assert code == 1  # no row passes the filter: nothing says when it was loaded
    assert by_table(sources)["orders"]["status"] == "error"


def test_bad_period_is_a_one_line_config_error(tmp_path: Path) -> None:
    root = shop(tmp_path)
    write(root, "sources/raw.yml", SOURCES.replace("period: hour", "period: week"))
    result = CliRunner().invoke(cli, ["source", "freshness", "--project-dir", str(root)])
    assert result.exit_code == 1
    assert "freshness.warn_after: {'count': 12, 'period': 'week'}" in result.output
    assert "sources/raw.yml" in result.output and "period: minute|hour|day" in result.output
    assert "Traceback" not in result.output
