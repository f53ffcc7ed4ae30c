"""The `anomaly` data test on DuckDB: 30 days of history written through the state API, then
real builds: quiet on a normal volume, a warning naming the metric on a volume drop."""

from __future__ import annotations

import random
import time
from pathlib import Path

from click.testing import CliRunner
from run.helpers import run

from datanet_sql.cli.main import cli
from datanet_sql.observe.state import StateStore, TableMetrics
from observe.helpers import set_orders, shop

ANOMALY = """
    tests:
      - anomaly: {metrics: [row_count, null_rate], sensitivity: medium}
"""


def with_history(root: Path, days: int = 30) -> None:
    """A month of daily measurements of model.orders around 1,000 rows, no nulls."""
    rng = random.Random(7)
    now = time.time()
    StateStore(root / ".datanet" / "state.db").record_metrics(None, "dev", [
        TableMetrics("model.orders", 1000 + rng.randint(-30, 30), {"id": 0.0, "customer": 0.0},
                     measured_at=now - (days - day) * 86400) for day in range(days)])


def anomaly_result(results) -> tuple[str, str]:
    [test] = [r for r in results.results if r.name.startswith("anomaly_")]
    return test.status, test.message


def test_normal_volume_passes_and_a_drop_warns(tmp_path: Path) -> None:
    root = shop(tmp_path, rows=1000, extra=ANOMALY)
    with_history(root)
    results = run(root, "build")
    assert anomaly_result(results) == ("pass", "pass (30 earlier runs)")

    set_orders(root, rows=120, age_hours=1)
    results = run(root, "build")
    status, message = anomaly_result(results)
    assert status == "warn" and results.success  # warn by default: the run still succeeds
    assert message.startswith("row_count 120 outside expected ")
    assert "null_rate" not in message

    result = CliRunner().invoke(cli, ["test", "--project-dir", str(root)])
    assert result.exit_code == 0  # the same build tested again: its own record left out
    assert "WARN test anomaly_orders_row_count__null_rate__medium: row_count 120 outside expected " in result.output


def test_null_rate_jump_fails_with_severity_error(tmp_path: Path) -> None:
    extra = ANOMALY.replace("sensitivity: medium}", "sensitivity: high, severity: error}")
    root = shop(tmp_path, rows=1000, extra=extra)
    with_history(root)
    set_orders(root, rows=1000, age_hours=1, null_customers=300)
    results = run(root, "build")
    status, message = anomaly_result(results)
    assert status == "fail" and not results.success
    assert message.startswith("customer: null_rate 0.3 outside expected ")


def test_unknown_metric_is_a_one_line_error(tmp_path: Path) -> None:
    root = shop(tmp_path, extra=ANOMALY.replace("null_rate]", "volume]"))
    results = run(root, "build")
    status, message = anomaly_result(results)
    assert status == "error"
    assert "anomaly test: metrics ['volume'] not known" in message
    assert "row_count, null_rate, freshness, column_count" in message
