"""The expected value of a metric on each weekday, learned from detrended normal days.

Sigma comes from changes between the same weekdays a week apart (a weekly pattern does not
inflate it, a slow trend barely moves it; a median of two or three points would understate
it). A weekday has its own centre only when its median clearly differs from the recent median
of every weekday's recent median (a weekend dip is learned); otherwise that overall median,
steadier than a few same-weekday points, is used.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from datanet_sql.observe.anomaly.robust import median, step_sigma
from datanet_sql.observe.anomaly.series import Point

MIN_PER_WEEKDAY = 2      # earlier runs on the scored weekday before it may alert
WEEKDAY_EVIDENCE = 3.0   # standard errors a weekday median must differ by to be its own
FEW_STEPS = 4.0          # sigma from n week-apart changes is widened by (1 + FEW_STEPS / n)
RECENT = 28


@dataclass(frozen=True)
class WeeklyBaseline:
    """Per-weekday values (already detrended to the scored date), and the noise sigma."""

    by_day: dict[int, list[float]]
    overall: float
    sigma: float

    def seen(self, weekday: int) -> bool:
        return len(self.by_day.get(weekday, [])) >= MIN_PER_WEEKDAY

    def centre(self, weekday: int) -> float:
        same = self.by_day.get(weekday, [])
        if not same:
            return self.overall
        own = median(same)
        evident = abs(own - self.overall) > WEEKDAY_EVIDENCE * self.sigma / math.sqrt(len(same))
        return own if evident else self.overall


def weekly_baseline(normal: list[Point], projected: list[float]) -> WeeklyBaseline:
    by_day: dict[int, list[float]] = {}
    for p, v in zip(normal, projected, strict=True):
        by_day.setdefault(p.run_date.weekday(), []).append(v)
    steps = [b - a for vs in by_day.values() for a, b in itertools.pairwise(vs)]
    sigma = step_sigma(steps) * (1 + FEW_STEPS / len(steps)) if steps else 0.0
    recent: dict[int, list[float]] = {}
    for p, v in list(zip(normal, projected, strict=True))[-RECENT:]:
        recent.setdefault(p.run_date.weekday(), []).append(v)
    return WeeklyBaseline(by_day, median([median(vs) for vs in recent.values()]), sigma)
