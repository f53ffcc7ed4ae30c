"""Robust statistics for the baselines: median, MAD and the Theil-Sen slope.

Medians rather than means so one past incident or holiday cannot drag a baseline (a mean and
standard deviation, Elementary's default, are moved by the very outliers they should find).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this is its standard deviation


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def step_sigma(steps: Sequence[float]) -> float:
    """The noise sigma of a series from its differences: the difference of two independent
    draws has sigma times sqrt(2), and the median of its absolute value is 0.6745 of that."""
    return MAD_TO_SIGMA * median([abs(s) for s in steps]) / math.sqrt(2) if steps else 0.0


def theil_sen_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Median of pairwise slopes: a slow trend is learned even when a few points are outliers."""
    slopes = [(ys[j] - ys[i]) / (xs[j] - xs[i])
              for i in range(len(xs)) for j in range(i + 1, len(xs)) if xs[j] != xs[i]]
    return median(slopes) if slopes else 0.0
