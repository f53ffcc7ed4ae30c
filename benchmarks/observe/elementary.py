"""Elementary's default anomaly method, implemented from its documentation, as the baseline.

Per metric: a training set of the values in the last 14 days (`training_period` default) that
*includes* the point being scored (`exclude_detection_period_from_training` defaults to false),
at least 7 values (`min_training_set_size`), expected range mean ± 3 standard deviations
(`anomaly_sensitivity` default 3), both directions, no seasonality (none unless configured).
column_count uses Elementary's `schema_changes` test: any change alerts.

    python benchmarks/observe/elementary.py --metrics metrics.csv --out alerts.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import statistics
from collections import defaultdict
from pathlib import Path

NUMERIC = ("row_count", "null_rate", "freshness_lag_hours", "amount_mean", "amount_p50",
           "amount_p95")
TRAINING_DAYS, MIN_TRAINING, SENSITIVITY = 14, 7, 3.0


def alerts(rows: list[dict[str, str]]) -> list[tuple[str, int, str]]:
    by_table: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_table[row["table"]].append(row)
    found = []
    for table, series in by_table.items():
        series.sort(key=lambda r: int(r["run"]))
        for metric in NUMERIC:
            found += [(table, run, metric) for run in _zscore_alerts(series, metric)]
        found += [(table, run, "column_count") for run in _schema_changes(series)]
    return sorted(found)


def _zscore_alerts(series: list[dict[str, str]], metric: str) -> list[int]:
    points = [(dt.date.fromisoformat(r["run_date"]), int(r["run"]), float(r[metric]))
              for r in series if r[metric] != ""]
    out = []
    for date, run, value in points:
        window = [v for d, _, v in points if date - dt.timedelta(days=TRAINING_DAYS) < d <= date]
        if len(window) < MIN_TRAINING:
            continue
        mean, std = statistics.fmean(window), statistics.pstdev(window)
        if std > 0 and abs(value - mean) / std > SENSITIVITY:
            out.append(run)
    return out


def _schema_changes(series: list[dict[str, str]]) -> list[int]:
    values = [(int(r["run"]), r["column_count"]) for r in series if r["column_count"] != ""]
    return [run for (_, before), (run, now) in itertools.pairwise(values)
            if now != before]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--metrics", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    main_for(args.metrics, args.out)


def main_for(metrics_csv: Path, out_csv: Path) -> None:
    """Write the baseline's alerts for metrics_csv to out_csv (table, run, metric)."""
    with metrics_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    with out_csv.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["table", "run", "metric"])
        writer.writerows(alerts(rows))


if __name__ == "__main__":
    main()
