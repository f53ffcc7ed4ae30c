"""Distribution metrics (mean, median/p50, p95) of numeric columns on DuckDB: recorded by real
runs for `profile_metrics:` and the anomaly tests' `columns:`, scored by the anomaly test, shown
by `status`; wrong columns are errors naming them."""

from __future__ import annotations

import json
import logging
import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from run.helpers import run, write, write_project

from datanet_sql.cli.main import cli
from datanet_sql.observe.state import StateStore, TableMetrics

DAY = 86400


def payments(root: Path, datanet_yml: str = "", anomaly: str = "") -> Path:
    """A CSV of 1,000 payments (amount 0.5..99.5, mean 50) and a table model over it."""
    write_project(root, {
        "datanet.yml": "name: proj\ntarget: dev\n" + datanet_yml,
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - {name: payments, path: data/payments.csv}\n",
        "models/payments.sql": "{{ config(materialized='table') }}\n"
                               "select id, method, amount from {{ source('raw', 'payments') }}",
        "models/payments.yml": "models:\n  - name: payments\n" + anomaly,
    })
    set_amounts(root)
    return root


def set_amounts(root: Path, surcharge: float = 0.0) -> None:
    """Amounts 0.5..99.5; `surcharge` added to every other payment (a shifted distribution)."""
    lines = ["id,method,amount"] + [f"{i},card,{i % 100 + 0.5 + surcharge * (i % 2)}"
                                    for i in range(1000)]
    write(root, "data/payments.csv", "\n".join(lines) + "\n")


def with_history(root: Path, days: int = 30) -> None:
    """A month of daily measurements of model.payments: 1,000 rows, amount mean ~50, p95 ~95."""
    rng = random.Random(5)
    now = time.time()
    StateStore(root / ".datanet" / "state.db").record_metrics(None, "dev", [
        TableMetrics("model.payments", 1000 + rng.randint(-20, 20), measured_at=now - d * DAY,
                     distribution={"amount": {"mean": 50 + rng.uniform(-1, 1),
                                              "p95": 95 + rng.uniform(-1.5, 1.5)}})
        for d in range(days, 0, -1)])


def anomaly_of(results) -> tuple[str, str]:
    [test] = [r for r in results.results if r.name.startswith("anomaly_")]
    return test.status, test.message


TABLE_TEST = """
    tests:
      - anomaly: {metrics: [row_count, mean, p95], columns: [amount]}
"""


def test_a_shifted_distribution_warns_and_is_flagged(tmp_path: Path) -> None:
    root = payments(tmp_path, anomaly=TABLE_TEST)
    with_history(root)
    assert anomaly_of(run(root, "build")) == ("pass", "pass (30 earlier runs)")

    set_amounts(root, surcharge=100)
    status, message = anomaly_of(run(root, "build"))
    assert status == "warn"
    assert message.startswith("amount_mean 100 outside expected ")
    assert "amount_p95 " in message and "row_count" not in message

    newest = StateStore(root / ".datanet/state.db").metrics("model.payments", "dev")[-1]
    assert newest.distribution == {"amount": {"mean": 100.0, "p95": pytest.approx(189.6, 0.01)}}
    assert newest.flagged == ["amount_mean", "amount_p95"]

    report = CliRunner().invoke(cli, ["status", "--project-dir", str(root)])
    assert "ANOMALOUS dev model.payments (distribution: amount_mean, amount_p95)" in \
        report.output
    [dev] = json.loads(CliRunner().invoke(cli, ["status", "--project-dir", str(root),
                                                "--output", "json"]).output)["targets"]
    assert {m["kind"] for m in dev["anomalous_metrics"]} == {"distribution"}


def test_a_column_test_scores_its_own_column_median(tmp_path: Path) -> None:
    column_test = ("    columns:\n      - name: amount\n        tests:\n"
                   "          - anomaly: {metrics: [median]}\n")
    root = payments(tmp_path, anomaly=column_test)
    run(root, "build")
    [first] = StateStore(root / ".datanet/state.db").metrics("model.payments", "dev")
    assert first.distribution == {"amount": {"p50": 50.0}}


def test_profile_metrics_are_recorded_for_every_table_with_the_column(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = "profile_metrics: {columns: [amount, method, price], metrics: [mean, median]}\n"
    root = payments(tmp_path, datanet_yml=settings)
    with caplog.at_level(logging.WARNING, logger="datanet_sql"):
        assert run(root, "build").success
    store = StateStore(root / ".datanet/state.db")
    for uid in ("model.payments", "source.raw.payments"):
        [measured] = store.metrics(uid, "dev")
        assert measured.distribution == {"amount": {"mean": 50.0, "p50": 50.0}}  # method: text
    assert "datanet.yml: profile_metrics column(s) method, price: no measured table" in \
        caplog.text


@pytest.mark.parametrize(("args", "expected"), [
    ("{metrics: [mean], columns: [amont]}", "no column 'amont'. Did you mean 'amount'?"),
    ("{metrics: [mean], columns: [method]}", "column 'method' is VARCHAR, not a number"),
    ("{metrics: [p95]}", "p95 need columns"),
    ("{metrics: [row_count], columns: [amount]}", "columns ['amount'] but no distribution"),
])
def test_wrong_columns_are_errors_naming_them(tmp_path: Path, args: str, expected: str) -> None:
    root = payments(tmp_path, anomaly=f"    tests:\n      - anomaly: {args}\n")
    status, message = anomaly_of(run(root, "build"))
    assert status == "error" and expected in message


def test_backtest_replays_the_local_history_with_its_distributions(tmp_path: Path) -> None:
    root = payments(tmp_path)
    with_history(root)
    StateStore(root / ".datanet" / "state.db").record_metrics(7, "dev", [TableMetrics(
        "model.payments", 1000, measured_at=time.time(),
        distribution={"amount": {"mean": 100.0, "p95": 96.0}})])
    out = tmp_path / "alerts.csv"
    result = CliRunner().invoke(cli, ["observe", "backtest", "--project-dir", str(root),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "(.datanet/state.db)" in result.output
    assert out.read_text().splitlines() == ["table,run,metric", "model.payments,7,amount_mean"]
