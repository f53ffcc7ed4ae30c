"""The data of the anomaly checks: one measured point, one alert, and what each metric is.

Metrics are decided by kind, never by table: a *rate* lives in [0, 1] (its noise floor is
absolute), a *level* is a positive quantity whose noise scales with it (volume, amounts), a
*lag* only alarms when late, and *schema* alarms on any change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

METRIC_KINDS = {
    "row_count": "level", "null_rate": "rate", "freshness_lag_hours": "lag",
    "amount_mean": "level", "amount_p50": "level", "amount_p95": "level",
    "column_count": "schema",
}
METRICS = tuple(METRIC_KINDS)
DISTRIBUTION_SUFFIXES = ("_mean", "_p50", "_p95")


def metric_kind(metric: str) -> str:
    """The kind of a metric for a reader: `distribution` for `<column>_<stat>` (scored as a
    level), else its METRIC_KINDS entry."""
    if metric.endswith(DISTRIBUTION_SUFFIXES):
        return "distribution"
    return METRIC_KINDS.get(metric, "level")


@dataclass(frozen=True)
class Point:
    """One metric of one table at one run; `value` is None when it was not measured."""

    run: int
    run_date: dt.date
    value: float | None


@dataclass(frozen=True)
class Alert:
    """A point outside its expected band, with the band and a sentence saying why."""

    metric: str
    run: int
    value: float | None
    expected: tuple[float, float]
    reason: str
