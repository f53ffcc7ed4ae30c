"""History in the warehouse (`history: {warehouse: true}`) on DuckDB: written at the end of real
runs, read back by `status` and the anomaly test, retention applied to both stores, and never
written by a `--mock` run."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from run.helpers import db_path, query, run, write

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.cli.main import cli
from datanet_sql.config.project import project_spec
from datanet_sql.errors import ConfigError
from datanet_sql.observe.anomaly_test import day_of
from datanet_sql.observe.state import StateStore, TableMetrics
from datanet_sql.observe.warehouse_history import WarehouseHistory
from datanet_sql.run.results import RunResults
from observe.helpers import set_orders, shop

HISTORY = "history: {warehouse: true, schema: dn_history, retention_days: 30}\n"
ANOMALY = """
    tests:
      - anomaly: {metrics: [row_count]}
"""
DAY = 86400


def shared(root: Path, rows: int = 1000, extra: str = "") -> Path:
    shop(root, rows=rows, extra=extra)
    write(root, "datanet.yml", "name: proj\ntarget: dev\n" + HISTORY)
    return root


def publish(root: Path, days: list[int], rows: list[int]) -> None:
    """Runs of other team members: model.orders measured `days` ago, written to the warehouse."""
    adapter = DuckDBAdapter({"path": str(db_path(root))})
    try:
        for age, count in zip(days, rows, strict=True):
            at = time.time() - age * DAY
            run = RunResults("build", "dev", started_at=at, status="success")
            WarehouseHistory(adapter, "dn_history").publish(
                run, f"other-{age}", [TableMetrics("model.orders", count, measured_at=at)],
                cutoff=0)
    finally:
        adapter.close()


def status_json(root: Path) -> dict:
    result = CliRunner().invoke(cli, ["status", "--project-dir", str(root), "--output", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_build_writes_its_run_nodes_and_measurements_to_the_warehouse(tmp_path: Path) -> None:
    root = shared(tmp_path)
    assert run(root, "build").success
    assert query(root, "select command, target, status from dn_history.runs") == \
        [("build", "dev", "success")]
    nodes = dict(query(root, "select unique_id, status from dn_history.node_runs"))
    assert nodes["model.orders"] == "success" and nodes["test.not_null_orders_id"] == "pass"
    assert dict(query(root, "select unique_id, row_count from dn_history.table_metrics")) == \
        {"model.orders": 1000, "source.raw.orders": 1000}
    [(keys,)] = query(root, "select count(distinct run_id) from (select run_id from "
                            "dn_history.runs union all select run_id from dn_history.node_runs "
                            "union all select run_id from dn_history.table_metrics)")
    assert keys == 1  # one run key (the invocation id) across the three tables
    # state.db keeps its own copy
    assert [m.row_count for m in StateStore(root / ".datanet/state.db").metrics(
        "model.orders", "dev")] == [1000]

    report = status_json(root)
    assert report["history"] == "target dev: warehouse schema dn_history (duckdb)"
    [dev] = report["targets"]
    assert dev["last_run"]["command"] == "build" and dev["last_run"]["counts"]["pass"] == 4


def test_the_anomaly_test_scores_against_the_shared_history(tmp_path: Path) -> None:
    root = shared(tmp_path, extra=ANOMALY)
    rng = random.Random(3)
    days = list(range(30, 0, -1))
    publish(root, days, [1000 + rng.randint(-30, 30) for _ in days])
    results = run(root, "build")  # state.db has nothing: 30 earlier runs come from the warehouse
    [test] = [r for r in results.results if r.name.startswith("anomaly_")]
    assert (test.status, test.message) == ("pass", "pass (30 earlier runs)")

    set_orders(root, rows=150, age_hours=1)
    results = run(root, "build")
    [test] = [r for r in results.results if r.name.startswith("anomaly_")]
    assert test.status == "warn" and test.message.startswith("row_count 150 outside expected")
    [(flagged,)] = query(root, "select flagged from dn_history.table_metrics where unique_id = "
                               "'model.orders' order by measured_at desc limit 1")
    assert json.loads(flagged) == ["row_count"]  # kept out of the next runs' training

    with duckdb.connect(str(db_path(root))) as con:  # forget it: `test` flags it again
        con.execute("update dn_history.table_metrics set flagged = '[]'")
    tested = CliRunner().invoke(cli, ["test", "--project-dir", str(root)])
    assert tested.exit_code == 0 and "WARN test anomaly_orders_row_count" in tested.output
    assert query(root, "select flagged from dn_history.table_metrics where unique_id = "
                       "'model.orders' and flagged != '[]'") == [('["row_count"]',)]
    [dev] = status_json(root)["targets"]
    assert dev["anomalous_metrics"] == [{"unique_id": "model.orders", "metric": "row_count",
                                         "kind": "level"}]


def test_retention_drops_old_runs_from_both_stores(tmp_path: Path) -> None:
    root = shared(tmp_path)
    publish(root, [45, 10], [900, 950])
    store = StateStore(root / ".datanet/state.db")
    store.record_metrics(None, "dev", [TableMetrics("model.orders", 9,
                                                    measured_at=time.time() - 45 * DAY)])
    assert run(root, "build").success
    kept = query(root, "select row_count from dn_history.table_metrics where unique_id = "
                       "'model.orders' order by measured_at")
    assert kept == [(950,), (1000,)]  # 45 days > retention_days: 30
    assert len(query(root, "select * from dn_history.runs")) == 2
    assert [m.row_count for m in store.metrics("model.orders", "dev")] == [1000]


def test_mock_runs_never_write_the_warehouse_history(tmp_path: Path) -> None:
    root = shared(tmp_path)
    assert run(root, "build").success
    cli_run = CliRunner().invoke(cli, ["profile", "--project-dir", str(root)])
    assert cli_run.exit_code == 0, cli_run.output
    cli_run = CliRunner().invoke(cli, ["build", "--mock", "--project-dir", str(root)])
    assert cli_run.exit_code == 0, cli_run.output
    assert query(root, "select command from dn_history.runs") == [("build",)]
    assert len(query(root, "select * from dn_history.table_metrics")) == 2
    mocked = StateStore(root / ".datanet/state.db").metrics("model.orders", "mock:mock")
    assert len(mocked) == 1  # the mock run's history stays local, under its own target


def test_settings_in_dbt_project_vars_are_validated_where_they_sit(tmp_path: Path) -> None:
    write(tmp_path, "dbt_project.yml", """
        name: shop
        vars:
          datanet:
            history: {warehouse: true, schema: team_history}
            calendar: [{date: 2026-12-25, name: Christmas, kind: public}]
        """)
    spec = project_spec(tmp_path)[0]
    assert spec.history.warehouse and spec.history.schema_ == "team_history"
    assert spec.calendar[0].kind == "public"

    write(tmp_path, "dbt_project.yml", """
        name: shop
        vars:
          datanet:
            history: {warehouse: true, keep_day: 3}
        """)
    with pytest.raises(ConfigError) as raised:
        project_spec(tmp_path)
    text = raised.value.render()
    assert "dbt_project.yml:4" in text and "unknown key 'keep_day'" in text
    assert "retention_days" in text


def test_keep_days_is_read_as_retention_days(tmp_path: Path) -> None:
    write(tmp_path, "datanet.yml", "name: p\nhistory: {keep_days: 3}\n")
    assert project_spec(tmp_path)[0].history.retention_days == 3


def test_backtest_replays_the_shared_history(tmp_path: Path) -> None:
    root = shared(tmp_path)
    rng = random.Random(4)
    days = list(range(30, 0, -1))
    # a month's 1st is compared only with other 1sts (none here): the drop is put on a day
    # that is not one, whatever today is (on the 7th, six days ago was the 1st)
    spike = next(d for d in range(6, 12) if day_of(time.time() - d * DAY).day != 1)
    publish(root, days, [150 if d == spike else 1000 + rng.randint(-30, 30) for d in days])
    out = tmp_path / "alerts.csv"
    result = CliRunner().invoke(cli, ["observe", "backtest", "--project-dir", str(root),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Replaying the history of target dev (target dev: warehouse schema dn_history" \
        in result.output
    assert out.read_text().splitlines() == ["table,run,metric",
                                            f"model.orders,other-{spike},row_count"]


def test_status_and_backtest_take_their_target_from_dbt_target(tmp_path: Path,
                                                                monkeypatch) -> None:
    """DBT_TARGET stands for --target in every command that takes one, as in dbt: a CI job
    exporting it reads the history of that target's warehouse, not the default's."""
    root = shared(tmp_path)
    write(root, "targets.yml", "dev: {type: duckdb, path: .datanet/dev.duckdb}\n"
                               "ci: {type: duckdb, path: .datanet/ci.duckdb}\n")
    monkeypatch.setenv("DBT_TARGET", "ci")
    built = CliRunner().invoke(cli, ["build", "--project-dir", str(root)])
    assert built.exit_code == 0, built.output
    assert (root / ".datanet/ci.duckdb").exists() and not (root / ".datanet/dev.duckdb").exists()
    assert status_json(root)["history"] == "target ci: warehouse schema dn_history (duckdb)"
    result = CliRunner().invoke(cli, ["observe", "backtest", "--project-dir", str(root),
                                      "--out", str(tmp_path / "alerts.csv")])
    assert result.exit_code == 0, result.output
    assert "Replaying the history of target ci (target ci: warehouse schema dn_history" \
        in result.output
