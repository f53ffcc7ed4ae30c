"""Seeded simulated metric histories for the anomaly checks, with the truth of every incident.

Written before the detector was tuned. Each table gets weekly seasonality (some with a weekend
dip: a decoy), a slow trend (decoy), holidays from a calendar (decoy: volume falls), month
starts (decoy: volume jumps on some tables), noise, a flat metric (column_count, and a null
rate of zero on some tables), and injected incidents of every kind: volume drop and spike, null
burst, late load, distribution shift, schema change. Two stages use different seeds *and*
different parameters: `dev` (tune on it) and `heldout` (only scored).

    python benchmarks/observe/generate.py --stage dev --out ../observe_dev
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

METRICS = ("row_count", "null_rate", "freshness_lag_hours", "amount_mean", "amount_p50",
           "amount_p95", "column_count")
INCIDENT_KINDS = ("volume_drop", "volume_spike", "null_burst", "late_load",
                  "distribution_shift", "schema_change")
INCIDENT_METRICS = {"volume_drop": ("row_count",), "volume_spike": ("row_count",),
                    "null_burst": ("null_rate",), "late_load": ("freshness_lag_hours",),
                    "distribution_shift": ("amount_mean", "amount_p50", "amount_p95"),
                    "schema_change": ("column_count",)}


@dataclass(frozen=True)
class Stage:
    """The parameters of one set: the held-out set differs in all of them, not only the seed."""

    seed: int
    tables: int
    runs: int
    start: dt.date
    noise: tuple[float, float]          # relative noise range of volume and amounts
    weekend_dip: tuple[float, float]    # weekend volume factor range (tables with a dip)
    trend: tuple[float, float]          # relative growth per run
    incidents_per_table: tuple[int, int]
    magnitude: tuple[float, float]      # incident size scale


STAGES = {
    "dev": Stage(11, 24, 120, dt.date(2025, 1, 6), (0.02, 0.08), (0.4, 0.7), (-0.002, 0.004),
                 (2, 4), (1.0, 1.0)),
    "heldout": Stage(4242, 30, 150, dt.date(2025, 8, 4), (0.03, 0.10), (0.5, 0.8),
                     (-0.003, 0.006), (2, 5), (0.8, 1.3)),
    # written after tuning, scored once: incidents at 30-60 % of the size of the others
    "heldout_small": Stage(777, 30, 150, dt.date(2026, 2, 2), (0.02, 0.09), (0.45, 0.75),
                           (-0.003, 0.005), (2, 5), (0.3, 0.6)),
}


def holidays(start: dt.date, runs: int, rng: random.Random) -> list[tuple[dt.date, str, str]]:
    """A few public holidays and one company shutdown kind, spread over the period."""
    days = sorted(rng.sample(range(20, runs - 2), k=max(3, runs // 30)))
    kinds = ["public"] * (len(days) - 1) + ["shutdown"]
    rng.shuffle(kinds)
    return [(start + dt.timedelta(days=d), f"holiday_{i}", k) for i, (d, k) in
            enumerate(zip(days, kinds, strict=True))]


def simulate(stage: Stage, out: Path) -> None:
    rng = random.Random(stage.seed)
    cal = holidays(stage.start, stage.runs, rng)
    holiday_dates = {d for d, _, _ in cal}
    out.mkdir(parents=True, exist_ok=True)
    metric_rows, table_rows, truth_rows = [], [], []
    for t in range(stage.tables):
        name = f"t{t:02d}"
        materialization = rng.choice(["table", "table", "incremental", "view"])
        schedule = rng.choice(["daily", "daily", "hourly", "weekdays"])
        table_rows.append({"table": name, "materialization": materialization,
                           "source_schedule": schedule})
        incidents = _incidents(stage, rng, holiday_dates)
        for run, kind in sorted(incidents.items()):
            for metric in INCIDENT_METRICS[kind]:
                truth_rows.append({"table": name, "run": run, "metric": metric, "kind": kind})
        metric_rows += _table_series(stage, rng, name, materialization, schedule,
                                     holiday_dates, incidents)
    _write(out / "metrics.csv", ["table", "run", "run_date", "weekday", *METRICS], metric_rows)
    _write(out / "tables.csv", ["table", "materialization", "source_schedule"], table_rows)
    _write(out / "calendar.csv", ["date", "name", "kind"],
           [{"date": d.isoformat(), "name": n, "kind": k} for d, n, k in cal])
    _write(out / "truth.csv", ["table", "run", "metric", "kind"], truth_rows)


def _incidents(stage: Stage, rng: random.Random, holiday_dates: set[dt.date]) -> dict[int, str]:
    """Runs (after a warm-up of 21, never on a holiday, 3 apart) and the kind of each."""
    count = rng.randint(*stage.incidents_per_table)
    chosen: dict[int, str] = {}
    while len(chosen) < count:
        run = rng.randint(21, stage.runs - 1)
        date = stage.start + dt.timedelta(days=run)
        if date in holiday_dates or any(abs(run - r) < 3 for r in chosen):
            continue
        chosen[run] = rng.choice(INCIDENT_KINDS)
    return chosen


def _table_series(stage: Stage, rng: random.Random, name: str, materialization: str,
                  schedule: str, holiday_dates: set[dt.date],
                  incidents: dict[int, str]) -> list[dict[str, object]]:
    base = rng.choice([800, 5_000, 40_000, 250_000])
    noise = rng.uniform(*stage.noise)
    dip = rng.uniform(*stage.weekend_dip) if rng.random() < 0.6 else 1.0
    trend = rng.uniform(*stage.trend) if rng.random() < 0.5 else 0.0
    month_jump = rng.uniform(1.5, 2.5) if rng.random() < 0.4 else 1.0
    holiday_factor = rng.uniform(0.2, 0.6) if rng.random() < 0.6 else 1.0
    null_base = 0.0 if rng.random() < 0.3 else rng.uniform(0.005, 0.08)
    amount_mu = rng.uniform(2.0, 5.0)
    lag_base = {"hourly": 1.0, "daily": 6.0, "weekdays": 8.0}[schedule]
    columns = rng.randint(5, 30)
    rows, cumulative = [], 0
    mag = rng.uniform(*stage.magnitude)
    for run in range(stage.runs):
        date = stage.start + dt.timedelta(days=run)
        kind = incidents.get(run)
        volume = base * (1 + trend * run) * (dip if date.weekday() >= 5 else 1.0)
        volume *= month_jump if date.day == 1 else 1.0
        volume *= holiday_factor if date in holiday_dates else 1.0
        volume *= math.exp(rng.gauss(0, noise))
        if kind == "volume_drop":
            volume *= max(0.05, 1 - rng.uniform(0.45, 0.9) * mag)
        elif kind == "volume_spike":
            volume *= 1 + rng.uniform(0.8, 2.5) * mag
        null_rate = max(0.0, null_base * (1 + rng.gauss(0, 0.1))) if null_base else 0.0
        if kind == "null_burst":
            null_rate = min(1.0, null_rate + rng.uniform(0.1, 0.4) * mag)
        lag = lag_base * math.exp(rng.gauss(0, 0.15))
        if schedule == "weekdays" and date.weekday() in (5, 6, 0):
            lag += 24.0 * (date.weekday() - 4 if date.weekday() >= 5 else 3)
        if kind == "late_load":
            lag += rng.uniform(12, 48) * mag
        mu = amount_mu + 0.5 * trend * run + rng.gauss(0, noise / 2)
        shift = rng.uniform(0.35, 0.9) * mag * rng.choice([-1, 1]) if kind == "distribution_shift" else 0
        mean = math.exp(mu + shift + 0.5)
        if kind == "schema_change":
            columns += rng.choice([-2, -1, 1, 1, 2])
        cumulative += int(volume)
        rows.append({
            "table": name, "run": run, "run_date": date.isoformat(),
            "weekday": date.strftime("%a"),
            "row_count": cumulative if materialization == "incremental" else int(volume),
            "null_rate": round(null_rate, 5), "freshness_lag_hours": round(lag, 2),
            "amount_mean": round(mean, 3), "amount_p50": round(math.exp(mu + shift), 3),
            "amount_p95": round(math.exp(mu + shift + 1.645), 3), "column_count": columns,
        })
        if rng.random() < 0.01 and kind is None:  # a missing measurement: empty cells
            rows[-1].update({m: "" for m in ("null_rate", "amount_p95")})
    return rows


def _write(path: Path, fields: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", choices=sorted(STAGES), required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    simulate(STAGES[args.stage], args.out)


if __name__ == "__main__":
    main()
