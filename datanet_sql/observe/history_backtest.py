"""`datanet observe backtest` over the project's own history (state.db, or the warehouse's
history schema when the project keeps it there) instead of a metrics.csv: every measured table
of a target replayed run by run with every metric its measurements hold, so sensitivity can be
tuned on the project's real past before its anomaly tests are turned on.
"""

from __future__ import annotations

from pathlib import Path

from datanet_sql.observe.anomaly.backtest import replay_metric, write_alerts
from datanet_sql.observe.anomaly.calendar import Calendar
from datanet_sql.observe.anomaly.series import Point
from datanet_sql.observe.anomaly_test import DISTRIBUTION, day_of, series_of
from datanet_sql.observe.measure import iso_utc
from datanet_sql.observe.reader import History
from datanet_sql.observe.state import TableMetrics

ALL_METRICS = ("row_count", "null_rate", "freshness", "column_count",
               *[m for m in DISTRIBUTION if m != "median"])


def backtest_history(store: History, target: str, calendar: Calendar, out_csv: Path,
                     sensitivity: str = "medium") -> int:
    """Write `table,run,metric` per alert the checks would have raised on `target`'s history
    (`run`: the run id, or the measurement's time when a test or backfill wrote it)."""
    rows: list[tuple[str, int | str, str]] = []
    for uid in store.tables(target):
        # a freshness check's measurement counts no rows: it is not a run of the table
        history = [m for m in store.metrics(uid, target) if m.row_count is not None]
        for metric in ALL_METRICS if history else ():
            for label, detector_metric, read in series_of(metric, history[-1]):
                points = [Point(i, day_of(m.measured_at), read(m))
                          for i, m in enumerate(history)]
                rows += [(uid, _run(history[alert.run]), _name(label, detector_metric))
                         for alert in replay_metric(detector_metric, points, calendar,
                                                    sensitivity, None)]
    return write_alerts(out_csv, rows)


def _run(measurement: TableMetrics) -> int | str:
    if measurement.run_id is not None:
        return measurement.run_id
    return iso_utc(measurement.measured_at) or ""


def _name(label: str, metric: str) -> str:
    """`null_rate(customer)` for a key column's null rate, else the detector's metric."""
    column = label.rstrip(": ")
    return f"{metric}({column})" if column else metric
