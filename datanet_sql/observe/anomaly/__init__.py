"""Learned anomaly checks: robust, seasonal baselines per metric, and a run-by-run backtest."""

from __future__ import annotations

from datanet_sql.observe.anomaly.backtest import backtest
from datanet_sql.observe.anomaly.calendar import Calendar, read_calendar
from datanet_sql.observe.anomaly.detector import SENSITIVITY, score_series
from datanet_sql.observe.anomaly.incidents import kept_out
from datanet_sql.observe.anomaly.series import METRICS, Alert, Point

__all__ = ["METRICS", "SENSITIVITY", "Alert", "Calendar", "Point", "backtest", "kept_out",
           "read_calendar", "score_series"]
