"""`score_series`: decide whether one point of one metric is an anomaly, from earlier points only.

The expected value is the median of comparable earlier points (same weekday when the history
has enough of each weekday; same kind of special day for holidays and month starts) after
removing a robust trend, so a slowly moving level is not an incident. The band's width is the
MAD of the residuals, floored per metric kind so a flat metric (MAD 0) alerts on a real change
but not on rounding. Past flagged incidents and the scored point never enter training.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from datanet_sql.errors import ConfigError
from datanet_sql.observe.anomaly.baseline import weekly_baseline
from datanet_sql.observe.anomaly.calendar import Calendar
from datanet_sql.observe.anomaly.robust import median, theil_sen_slope
from datanet_sql.observe.anomaly.series import METRIC_KINDS, Alert, Point

SENSITIVITY = {"low": 6.0, "medium": 4.5, "high": 3.5}  # band half-width in robust sigmas
MIN_HISTORY = 7         # clean earlier points before a metric may alert
WINDOW = 56             # earlier points a baseline looks at (eight weeks of daily runs)
TREND_WINDOW = 28
SPECIAL_WIDENING = 1.5  # special days have few examples: a wider band
SCHEDULE_HOURS = {"hourly": 1.0, "daily": 24.0, "weekdays": 24.0, "weekly": 168.0}


@dataclass(frozen=True)
class _Space:
    """How a metric kind is compared: in log space (levels), or as is (rates, lags)."""

    log: bool
    floor: float      # the least band sigma, in comparison units
    upward_only: bool


def score_series(metric: str, history: Sequence[Point], point: Point, *,
                 sensitivity: str = "medium", calendar: Calendar | None = None,
                 flagged: set[int] | frozenset[int] = frozenset(),
                 schedule: str | None = None) -> Alert | None:
    """Decide one point from earlier points only (never the scored one)."""
    if sensitivity not in SENSITIVITY:
        raise ConfigError(f"sensitivity {sensitivity!r} is not one of low, medium, high",
                          hint="use sensitivity: low | medium | high")
    earlier = [p for p in history if p.run < point.run and p.value is not None]
    if point.value is None or not earlier:
        return None
    if METRIC_KINDS.get(metric) == "schema":
        return _schema_change(metric, earlier, point)
    clean = [p for p in earlier if p.run not in flagged][-WINDOW:]
    return _outside_band(metric, clean, point, SENSITIVITY[sensitivity],
                         calendar or Calendar(), schedule)


def _schema_change(metric: str, earlier: list[Point], point: Point) -> Alert | None:
    """Any change of the column count is an alert; the new count is then the normal one."""
    before, now = _measured(earlier[-1]), _measured(point)
    if now == before:
        return None
    return Alert(metric, point.run, now, (before, before),
                 f"{metric} changed from {before:g} to {now:g}")


def _space(metric: str, schedule: str | None, values: list[float]) -> _Space:
    """How to compare a metric (any metric not named in METRIC_KINDS, such as an anomaly
    test's `<column>_mean`, is a level)."""
    kind = METRIC_KINDS.get(metric, "level")
    if kind == "rate":
        return _Space(log=False, floor=0.002, upward_only=True)
    if kind == "lag":  # lateness under a tenth of the load interval is noise
        return _Space(log=False, floor=SCHEDULE_HOURS.get(schedule or "", 24.0) / 10,
                      upward_only=True)
    if any(v < 0 for v in values):  # a signed level (a balance, a temperature): as is, with
        # the log space's 2 % floor taken of its typical size
        return _Space(log=False, floor=0.02 * median([abs(v) for v in values]) or 1e-9,
                      upward_only=False)
    return _Space(log=True, floor=0.02, upward_only=False)


def _outside_band(metric: str, clean: list[Point], point: Point, k: float, calendar: Calendar,
                  schedule: str | None) -> Alert | None:
    space = _space(metric, schedule, [_measured(p) for p in [*clean, point]])
    series, value = _comparable(clean, point, space)
    if series is None or value is None:
        return None
    kinds = {p.run: calendar.day_kind(p.run_date) for p in series}
    kind = calendar.day_kind(point.run_date)
    normal = [p for p in series if kinds[p.run] == "normal"]
    if len(normal) < MIN_HISTORY:
        return None
    baseline = weekly_baseline(normal, _detrended(normal, point))
    weekday = point.run_date.weekday()
    if not baseline.seen(weekday):
        return None
    centre, sigma = baseline.centre(weekday), baseline.sigma
    if kind != "normal":
        effects = [v - baseline.centre(p.run_date.weekday()) for p, v in
                   zip(series, _detrended(series, point, normal), strict=True)
                   if kinds[p.run] == kind]
        if not effects:
            return None  # a special day never seen before: learn it, do not guess
        centre, sigma = centre + median(effects), sigma * SPECIAL_WIDENING
    sigma = max(sigma, space.floor)
    low, high = centre - k * sigma, centre + k * sigma
    if value <= high and (space.upward_only or value >= low):
        return None
    band = (_back(low, space), _back(high, space))
    return Alert(metric, point.run, point.value, band,
                 f"{metric} {point.value:g} outside expected {band[0]:.4g}..{band[1]:.4g} "
                 f"({kind} day, {len(normal)} earlier runs)")


def _comparable(clean: list[Point], point: Point,
                space: _Space) -> tuple[list[Point] | None, float | None]:
    """Points in comparison units. A cumulative series (never falling: an incremental table)
    is compared by its increments, since a bad load barely moves a running total."""
    values = [_measured(p) for p in clean]
    if len(clean) >= MIN_HISTORY and all(b >= a for a, b in itertools.pairwise(values))  \
            and clean[-1].run == point.run - 1:
        steps = [Point(b.run, b.run_date, _measured(b) - _measured(a))
                 for a, b in itertools.pairwise(clean) if b.run == a.run + 1]
        step = _measured(point) - values[-1]
        return [_to(p, space) for p in steps], _unit(step, space)
    return [_to(p, space) for p in clean], _unit(point.value, space)


def _unit(value: float | None, space: _Space) -> float | None:
    if value is None:
        return None
    return math.log1p(max(value, 0.0)) if space.log else value


def _to(p: Point, space: _Space) -> Point:
    return Point(p.run, p.run_date, _unit(p.value, space))


def _back(value: float, space: _Space) -> float:
    return math.expm1(value) if space.log else value


def _detrended(points: list[Point], at: Point, fit: list[Point] | None = None) -> list[float]:
    """Each value moved along the robust trend of recent normal points to the scored date."""
    recent = (fit or points)[-TREND_WINDOW:]
    xs = [float(p.run) for p in recent]
    slope = theil_sen_slope(xs, [_measured(p) for p in recent])
    return [_measured(p) + slope * (at.run - p.run) for p in points]


def _measured(p: Point) -> float:
    """The value of a point that score_series kept (it drops unmeasured points first)."""
    assert p.value is not None
    return p.value
