"""Which earlier alerts stay out of training: a past incident must not widen the band, unless
a metric kept alerting for RUN_OF_NEW_NORMAL measured runs in a row: then the level really
moved, and those runs are the new normal, not an alert storm. Shared by the backtest (which
alerts as it replays) and the anomaly test (which reads the flags earlier runs recorded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from datanet_sql.observe.anomaly.series import Point

RUN_OF_NEW_NORMAL = 3


def kept_out(points: Sequence[Point], alerted: Iterable[int]) -> set[int]:
    """The runs of `points` (in order) that alerted, minus streaks of RUN_OF_NEW_NORMAL or
    more alerts; an unmeasured run neither extends nor breaks a streak."""
    alerted = set(alerted)
    out: set[int] = set()
    streak: list[int] = []
    for point in points:
        if point.run in alerted:
            streak.append(point.run)
        elif point.value is not None:
            out.update(streak if len(streak) < RUN_OF_NEW_NORMAL else ())
            streak = []
    out.update(streak if len(streak) < RUN_OF_NEW_NORMAL else ())
    return out
