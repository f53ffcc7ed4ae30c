"""A tiny stand-in for the learned detector (datanet_sql.observe.anomaly, built in another
branch): median and MAD of the earlier points, seven of them at least. Installed only when the
real detector is absent, so the anomaly test's wiring is tested either way."""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import types
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    run: int
    run_date: dt.date
    value: float | None


@dataclass(frozen=True)
class Alert:
    metric: str
    run: int
    value: float | None
    expected: tuple[float, float]
    reason: str


def score_series(metric: str, history: list[Point], point: Point, *, sensitivity: str = "medium",
                 calendar: object = None, flagged: frozenset[int] = frozenset(),
                 schedule: str | None = None) -> Alert | None:
    values = [p.value for p in history if p.value is not None and p.run not in flagged]
    if point.value is None or len(values) < 7:
        return None
    centre = statistics.median(values)
    spread = max(statistics.median(abs(v - centre) for v in values) * 1.4826 * 4.5,
                 abs(centre) * 0.1, 0.01)
    low, high = centre - spread, centre + spread
    if low <= point.value <= high:
        return None
    return Alert(metric, point.run, point.value, (low, high),
                 f"{metric} {point.value:g} outside expected {low:.4g}..{high:.4g}")


def install() -> None:
    """Put the stand-in in place of datanet_sql.observe.anomaly when that is not importable."""
    try:
        import datanet_sql.observe.anomaly  # noqa: F401
    except ImportError:
        module = types.ModuleType("datanet_sql.observe.anomaly")
        module.Point, module.Alert, module.score_series = Point, Alert, score_series
        sys.modules["datanet_sql.observe.anomaly"] = module
