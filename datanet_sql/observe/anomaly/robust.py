"""Robust statistics for the baselines: median, MAD and the Theil-Sen slope.

Medians rather than means so one past incident or holiday cannot drag a baseline (a mean and
standard deviation, Elementary's default, are moved by the very outliers they should find).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this is its standard deviation


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def mad_sigma(values: Sequence[float]) -> float:
    """The standard deviation a normal sample with this median absolute deviation would have."""
    centre = median(values)
    return MAD_TO_SIGMA * median([abs(v - centre) for v in values])


def theil_sen_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Median of pairwise slopes: a slow trend is learned even when a few points are outliers."""
    slopes = [(ys[j] - ys[i]) / (xs[j] - xs[i])
              for i in range(len(xs)) for j in range(i + 1, len(xs)) if xs[j] != xs[i]]
    return median(slopes) if slopes else 0.0
