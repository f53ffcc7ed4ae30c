"""The `anomaly` data test: measure the table now and ask the learned detector whether each
asked metric is out of line with the table's recorded history on the same target.

    tests:
      - anomaly: {metrics: [row_count, null_rate, freshness], sensitivity: medium}

It warns by default (a learned band is a hint, not a contract); `severity: error` makes it
fail the run. History before the scored point only: when the newest recorded measurement is the
very data being tested (a `test` after a `build`), it is left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import ConfigError
from datanet_sql.observe.history import history_target
from datanet_sql.observe.measure import MeasuredTable, aggregate_query, measure, measured_table
from datanet_sql.observe.state import StateStore, TableMetrics
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.data_tests import TestOutcome

NAME = "anomaly"
METRICS = ("row_count", "null_rate", "freshness", "column_count")
SENSITIVITIES = ("low", "medium", "high")
_ARGUMENTS = {"metrics", "sensitivity"}


def compile_anomaly_test(test: Node, node: Node, column: str | None, args: dict[str, Any],
                         config: dict[str, Any], manifest: Manifest, ctx: Any) -> None:
    """Check the arguments and keep, as plain data, what the run needs to measure and score."""
    unknown = sorted(set(args) - _ARGUMENTS)
    if unknown:
        raise ConfigError(f"anomaly test: unknown argument(s) {unknown}",
                          hint="anomaly takes metrics: [...] and sensitivity: low|medium|high")
    metrics = args.get("metrics", ["row_count"])
    if isinstance(metrics, str):
        metrics = [metrics]
    wrong = [m for m in metrics if m not in METRICS] if isinstance(metrics, list) else [metrics]
    if wrong or not metrics:
        raise ConfigError(f"anomaly test: metrics {wrong or metrics!r} not known",
                          hint=f"choose among {', '.join(METRICS)}")
    sensitivity = str(args.get("sensitivity", "medium"))
    if sensitivity not in SENSITIVITIES:
        raise ConfigError(f"anomaly test: sensitivity {sensitivity!r}",
                          hint="use sensitivity: low | medium | high")
    if node.relation is None:
        raise ConfigError(f"{node.name} has no relation to measure",
                          hint=f"fix the error reported for {node.name}")
    if "severity" not in config:
        test.config["severity"] = "warn"
    table = measured_table(node)
    if column is not None:  # a column's anomaly test watches that column's nulls
        table.keys = [column]
    test.test = {**(test.test or {}), "args": {"metrics": metrics, "sensitivity": sensitivity},
                 "measure": table.to_dict(), "target": history_target(ctx),
                 "state_db": str(ctx.project.state_dir / "state.db"),
                 "root": str(ctx.project.root), "dialect": manifest.dialect}
    # what the test reads, for compiled/ and `show`: the one aggregate query
    test.qualified_sql = aggregate_query(table, table.keys, manifest.dialect).sql(
        manifest.dialect)


def run_anomaly_test(adapter: Adapter, test: Node) -> TestOutcome:
    """Score the table as it is now against its history; each alert is one failure."""
    try:
        from datanet_sql.observe.anomaly import Point, score_series
    except ImportError:
        raise ConfigError("the anomaly detector (datanet_sql.observe.anomaly) is not in this "
                          "build", hint="update datanet, or remove the anomaly test") from None
    info = test.test or {}
    table = MeasuredTable.from_dict(info["measure"])
    now = measure(adapter, table, info["dialect"], Path(info["root"]))
    if now is None:
        raise ConfigError(f"{table.relation} does not exist", hint="run `datanet build` first")
    history = StateStore(Path(info["state_db"])).metrics(table.unique_id, info["target"])
    if history and _same_data(history[-1], now):
        history = history[:-1]
    reasons: list[str] = []
    for metric in info["args"]["metrics"]:
        for name, detector_metric, read in _series(metric, table, now):
            points = [Point(i, _day(m.measured_at), read(m)) for i, m in enumerate(history)]
            point = Point(len(history), _day(now.measured_at), read(now))
            alert = score_series(detector_metric, points, point,
                                 sensitivity=info["args"]["sensitivity"])
            if alert is not None:
                reasons.append(f"{name}{alert.reason}")
    if reasons:
        return TestOutcome(rows=len(reasons), message="; ".join(reasons),
                           failures=len(reasons), should_warn=True, should_error=True)
    return TestOutcome(rows=0, message=f"pass ({len(history)} earlier runs)", failures=0)


def _series(metric: str, table: MeasuredTable, now: TableMetrics) -> list[tuple[str, str, Any]]:
    """(what the alert is about, the detector's metric name, value of one measurement) for an
    asked metric; the detector's reason names the metric, so only a column is added."""
    if metric == "row_count":
        return [("", "row_count", lambda m: m.row_count)]
    if metric == "column_count":
        return [("", "column_count", lambda m: len(m.columns) or None)]
    if metric == "freshness":
        return [("", "freshness_lag_hours",
                 lambda m: None if m.loaded_at is None else (m.measured_at - m.loaded_at) / 3600)]
    return [(f"{key}: ", "null_rate",
             lambda m, key=key: m.null_rates.get(key)) for key in now.null_rates]


def _same_data(last: TableMetrics, now: TableMetrics) -> bool:
    return (last.row_count, last.null_rates, last.loaded_at, last.columns) == \
        (now.row_count, now.null_rates, now.loaded_at, now.columns)


def _day(epoch: float) -> dt.date:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
