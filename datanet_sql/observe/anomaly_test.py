"""The `anomaly` data test: measure the table now and ask the learned detector whether each
asked metric is out of line with the table's recorded history on the same target.

    tests:
      - anomaly: {metrics: [row_count, null_rate, mean, p95], columns: [amount],
                  sensitivity: medium}

It warns by default (a learned band is a hint, not a contract); `severity: error` makes it
fail the run. History before the scored point only: when the newest recorded measurement is the
very data being tested (a `test` after a `build`), it is left out. The project's `calendar:`
of holidays is handed to the detector, and the metrics earlier runs flagged stay out of
training (unless they kept alerting: then the level moved, see anomaly/incidents.py). With
`history: {warehouse: true}` the history is the warehouse's, shared by the team.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import ConfigError, did_you_mean
from datanet_sql.observe.history import history_target
from datanet_sql.observe.measure import (
    MeasuredTable,
    aggregate_query,
    is_numeric,
    measure,
    measured_table,
    stat_names,
)
from datanet_sql.observe.settings import project_calendar
from datanet_sql.observe.state import StateStore, TableMetrics
from datanet_sql.observe.warehouse_history import WarehouseHistory
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.data_tests import TestOutcome

NAME = "anomaly"
DISTRIBUTION = ("mean", "median", "p50", "p95")
METRICS = ("row_count", "null_rate", "freshness", "column_count", *DISTRIBUTION)
SENSITIVITIES = ("low", "medium", "high")
_ARGUMENTS = {"metrics", "sensitivity", "columns"}


def compile_anomaly_test(test: Node, node: Node, column: str | None, args: dict[str, Any],
                         config: dict[str, Any], manifest: Manifest, ctx: Any) -> None:
    """Check the arguments and keep, as plain data, what the run needs to measure and score."""
    unknown = sorted(set(args) - _ARGUMENTS)
    if unknown:
        raise ConfigError(f"anomaly test: unknown argument(s) {unknown}",
                          hint="anomaly takes metrics: [...], columns: [...] and "
                               "sensitivity: low|medium|high")
    metrics = _metrics(args.get("metrics", ["row_count"]))
    sensitivity = str(args.get("sensitivity", "medium"))
    if sensitivity not in SENSITIVITIES:
        raise ConfigError(f"anomaly test: sensitivity {sensitivity!r}",
                          hint="use sensitivity: low | medium | high")
    if node.relation is None:
        raise ConfigError(f"{node.name} has no relation to measure",
                          hint=f"fix the error reported for {node.name}")
    if "severity" not in config:
        test.config["severity"] = "warn"
    stats = stat_names([m for m in metrics if m in DISTRIBUTION])
    columns = _columns(node, args.get("columns", [column] if column and stats else []), stats)
    table = measured_table(node, {c: stats for c in columns})
    if column is not None:  # a column's anomaly test watches that column's nulls
        table.keys = [column]
    history = ctx.project.spec.history
    test.test = {**(test.test or {}),
                 "args": {"metrics": metrics, "sensitivity": sensitivity, "columns": columns},
                 "measure": table.to_dict(), "target": history_target(ctx),
                 "state_db": str(ctx.project.state_dir / "state.db"),
                 # a mock session's warehouse is generated data: its history stays local
                 "warehouse_schema": history.schema_ if history.warehouse
                 and not ctx.sources_in_warehouse else None,
                 "calendar": {d.isoformat(): k for d, k in
                              project_calendar(ctx.project).kinds.items()},
                 "root": str(ctx.project.root), "dialect": manifest.dialect}
    # what the test reads, for compiled/ and `show`: the one aggregate query
    test.qualified_sql = aggregate_query(table, table.keys, manifest.dialect,
                                         table.stats).sql(manifest.dialect)


def _metrics(metrics: Any) -> list[str]:
    if isinstance(metrics, str):
        metrics = [metrics]
    wrong = [m for m in metrics if m not in METRICS] if isinstance(metrics, list) else [metrics]
    if wrong or not metrics:
        raise ConfigError(f"anomaly test: metrics {wrong or metrics!r} not known",
                          hint=f"choose among {', '.join(METRICS)}")
    return list(metrics)


def _columns(node: Node, columns: Any, stats: list[str]) -> list[str]:
    """The numeric columns whose distribution is scored: each must exist (when the compiler
    knows the node's columns) and not be of a known non-numeric type."""
    if isinstance(columns, str):
        columns = [columns]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ConfigError(f"anomaly test on {node.name}: columns {columns!r}",
                          hint="write columns: [amount, price]")
    if stats and not columns:
        raise ConfigError(f"anomaly test on {node.name}: {', '.join(stats)} need columns",
                          hint="add columns: [<numeric column>] (or put the test on a column)")
    if columns and not stats:
        raise ConfigError(f"anomaly test on {node.name}: columns {columns} but no "
                          "distribution metric", hint=f"add one of {', '.join(DISTRIBUTION)} "
                                                      "to metrics, or drop columns")
    for name in columns:
        found = node.column(name)
        if found is None and node.columns:
            raise ConfigError(f"anomaly test on {node.name}: no column {name!r}."
                              + did_you_mean(name, list(node.columns)), column=name,
                              hint="columns names numeric columns of the tested table")
        kind = (found.type or "UNKNOWN") if found else "UNKNOWN"
        if kind.upper() != "UNKNOWN" and not is_numeric(kind, "duckdb"):
            raise ConfigError(f"anomaly test on {node.name}: column {name!r} is {kind}, not a "
                              "number: mean and percentiles need numbers", column=name,
                              hint="score a numeric column, or cast it in the model")
    return list(columns)


def run_anomaly_test(adapter: Adapter, test: Node) -> TestOutcome:
    """Score the table as it is now against its history; each alert is one failure."""
    from datanet_sql.observe.anomaly import Calendar, Point, kept_out, score_series

    info = test.test or {}
    table = MeasuredTable.from_dict(info["measure"])
    now = measure(adapter, table, info["dialect"], Path(info["root"]))
    if now is None:
        raise ConfigError(f"{table.relation} does not exist", hint="run `datanet build` first")
    _require_stats(table, now)
    store = _history(adapter, info)
    history = store.metrics(table.unique_id, info["target"])
    recorded = history[-1] if history and _same_data(history[-1], now) else None
    if recorded is not None:
        history = history[:-1]
    calendar = Calendar({dt.date.fromisoformat(d): k for d, k in info["calendar"].items()})
    reasons: list[str] = []
    flags: list[str] = []
    for metric in info["args"]["metrics"]:
        for name, detector_metric, read in series_of(metric, now):
            points = [Point(i, day_of(m.measured_at), read(m)) for i, m in enumerate(history)]
            alerted = {i for i, m in enumerate(history) if detector_metric in m.flagged}
            point = Point(len(history), day_of(now.measured_at), read(now))
            alert = score_series(detector_metric, points, point, calendar=calendar,
                                 flagged=kept_out(points, alerted),
                                 sensitivity=info["args"]["sensitivity"])
            if alert is not None:
                reasons.append(f"{name}{alert.reason}")
                flags.append(detector_metric)
    if not reasons:
        return TestOutcome(rows=0, message=f"pass ({len(history)} earlier runs)", failures=0)
    if recorded is not None:  # the measurement is recorded already: flag it there
        store.flag(recorded, flags)
    return TestOutcome(rows=len(reasons), message="; ".join(reasons), failures=len(reasons),
                       should_warn=True, should_error=True, flags=flags)


def _history(adapter: Adapter, info: dict[str, Any]) -> StateStore | WarehouseHistory:
    schema = info["warehouse_schema"]
    return WarehouseHistory(adapter, schema) if schema else StateStore(Path(info["state_db"]))


def _require_stats(table: MeasuredTable, now: TableMetrics) -> None:
    """A column asked for its distribution that the warehouse table lacks (or holds as text)
    is an error naming it, not a metric quietly never scored."""
    missing = [c for c in table.stats if c.lower() not in {k.lower() for k in now.distribution}]
    if missing:
        raise ConfigError(f"{table.relation}: no numeric column {', '.join(missing)} to take "
                          f"{', '.join(table.stats[missing[0]])} of", column=missing[0],
                          hint="name numeric columns of the table in the anomaly test's "
                               "columns:")


def series_of(metric: str, now: TableMetrics) -> list[tuple[str, str, Any]]:
    """(what the alert is about, the detector's metric name, value of one measurement) for an
    asked metric, one per key column (null_rate) or measured column (distribution) of `now`;
    the detector's reason names the metric, so only a column is added."""
    if metric == "row_count":
        return [("", "row_count", lambda m: m.row_count)]
    if metric == "column_count":
        return [("", "column_count", lambda m: len(m.columns) or None)]
    if metric == "freshness":
        return [("", "freshness_lag_hours",
                 lambda m: None if m.loaded_at is None else (m.measured_at - m.loaded_at) / 3600)]
    if metric in DISTRIBUTION:  # the detector's `<column>_<stat>`, as in the backtest's CSV
        stat = stat_names([metric])[0]
        return [("", f"{column}_{stat}", lambda m, column=column, stat=stat:
                 _stat_of(m, column, stat)) for column in now.distribution]
    return [(f"{key}: ", "null_rate",
             lambda m, key=key: m.null_rates.get(key)) for key in now.null_rates]


def _stat_of(m: TableMetrics, column: str, stat: str) -> float | None:
    return (m.distribution.get(column) or {}).get(stat)


def _same_data(last: TableMetrics, now: TableMetrics) -> bool:
    return (last.row_count, last.null_rates, last.loaded_at, last.columns) == \
        (now.row_count, now.null_rates, now.loaded_at, now.columns)


def day_of(epoch: float) -> dt.date:
    """The UTC date of a measurement (the detector's weekdays and holidays)."""
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
