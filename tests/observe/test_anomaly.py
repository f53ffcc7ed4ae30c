"""Learned anomaly checks: each metric kind alerts on an injected incident and stays quiet on a
weekly dip, a holiday, a slow trend and a flat metric; decisions use earlier points only; the
`datanet observe backtest` command replays a CSV history."""

from __future__ import annotations

import csv
import datetime as dt
import math
import random

import pytest
from click.testing import CliRunner

from datanet_sql.cli.main import cli
from datanet_sql.errors import ConfigError
from datanet_sql.observe.anomaly import Calendar, Point, score_series
from datanet_sql.observe.anomaly.backtest import replay_metric

START = dt.date(2025, 1, 6)  # a Monday
HOLIDAYS = {START + dt.timedelta(days=30): "public", START + dt.timedelta(days=65): "public"}
CALENDAR = Calendar(HOLIDAYS)


def day(run: int) -> dt.date:
    return START + dt.timedelta(days=run)


def volume(run: int, rng: random.Random, *, trend: float = 0.0) -> float:
    """Rows of a table with a weekend dip, a holiday slump and 3 % noise."""
    value = 10_000 * (1 + trend * run) * (0.5 if day(run).weekday() >= 5 else 1.0)
    value *= 0.3 if day(run) in HOLIDAYS else 1.0
    return round(value * math.exp(rng.gauss(0, 0.03)))


def series(make, runs: int = 70, seed: int = 1) -> list[Point]:
    rng = random.Random(seed)
    return [Point(run, day(run), make(run, rng)) for run in range(runs)]


METRIC_CASES = {
    "row_count": (volume, 2_000.0),
    "null_rate": (lambda run, rng: round(0.02 + rng.gauss(0, 0.002), 4), 0.30),
    "freshness_lag_hours": (lambda run, rng: round(3 + rng.gauss(0, 0.3), 2), 30.0),
    "amount_mean": (lambda run, rng: round(50 * math.exp(rng.gauss(0, 0.03)), 2), 95.0),
    "column_count": (lambda run, rng: 12.0, 13.0),
}


@pytest.mark.parametrize("metric", sorted(METRIC_CASES))
def test_each_check_alerts_on_an_injected_incident(metric: str) -> None:
    make, incident = METRIC_CASES[metric]
    history = series(make, runs=50)
    alert = score_series(metric, history, Point(50, day(50), incident), calendar=CALENDAR)
    assert alert is not None and alert.metric == metric and alert.run == 50
    assert not alert.expected[0] <= incident <= alert.expected[1]
    assert metric in alert.reason


@pytest.mark.parametrize("metric", sorted(METRIC_CASES))
def test_no_alert_over_a_clean_history_with_weekly_dips_and_holidays(metric: str) -> None:
    make, _ = METRIC_CASES[metric]
    assert replay_metric(metric, series(make, runs=90), CALENDAR, "medium", "daily") == []


def test_weekend_dip_and_second_holiday_are_learned() -> None:
    history = series(volume, runs=65)
    saturday = next(r for r in range(40, 65) if day(r).weekday() == 5)
    assert score_series("row_count", history[:saturday], history[saturday]) is None
    holiday = Point(65, day(65), 3_000.0)  # the second public holiday: learned from the first
    assert score_series("row_count", history, holiday, calendar=CALENDAR) is None
    assert score_series("row_count", history, Point(65, day(65), 300.0),
                        calendar=CALENDAR) is not None
    # without the calendar the same slump is a volume drop
    assert score_series("row_count", history, holiday) is not None


def test_scored_point_and_flagged_incidents_are_kept_out_of_training() -> None:
    history = series(volume, runs=50)
    point = Point(50, day(50), 2_000.0)
    polluted = [*history, point, Point(50, day(50), 2_000.0)]
    assert score_series("row_count", polluted, point) == score_series("row_count", history,
                                                                       point)
    # past incidents of the same low value widen nothing once flagged
    weekdays = [p.run for p in history if p.run > 20 and day(p.run).weekday() == day(50).weekday()]
    dirty = [Point(p.run, p.run_date, 2_000.0) if p.run in weekdays else p for p in history]
    assert score_series("row_count", dirty, point, flagged=set(weekdays)) is not None


def test_minimum_history_and_a_slow_trend() -> None:
    history = series(volume, runs=6)
    assert score_series("row_count", history, Point(6, day(6), 1.0)) is None
    growing = series(lambda run, rng: volume(run, rng, trend=0.005), runs=120)
    assert replay_metric("row_count", growing, CALENDAR, "medium", "daily") == []


def test_flat_metric_alerts_on_change_only() -> None:
    zeros = series(lambda run, rng: 0.0, runs=40)
    assert replay_metric("null_rate", zeros, Calendar(), "high", None) == []
    assert score_series("null_rate", zeros, Point(40, day(40), 0.001)) is None
    assert score_series("null_rate", zeros, Point(40, day(40), 0.05)) is not None


def test_sensitivity_widens_or_narrows_the_band() -> None:
    history = series(METRIC_CASES["amount_mean"][0], runs=50)
    bands = {s: score_series("amount_mean", history, Point(50, day(50), 1e6), sensitivity=s)
             for s in ("low", "medium", "high")}
    widths = {s: a.expected[1] - a.expected[0] for s, a in bands.items() if a}
    assert widths["low"] > widths["medium"] > widths["high"]
    with pytest.raises(ConfigError, match="sensitivity 'extreme'"):
        score_series("amount_mean", history, Point(50, day(50), 1.0), sensitivity="extreme")


def write_history(folder, rows: list[dict]) -> None:
    fields = ["table", "run", "run_date", "weekday", "row_count", "null_rate",
              "freshness_lag_hours", "amount_mean", "amount_p50", "amount_p95", "column_count"]
    with (folder / "metrics.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(rows)
    (folder / "tables.csv").write_text("table,materialization,source_schedule\n"
                                       "orders,table,daily\n")
    (folder / "calendar.csv").write_text("date,name,kind\n2025-02-05,founders day,public\n")


def test_backtest_command_writes_alerts(tmp_path) -> None:
    rng = random.Random(3)
    rows = []
    for run in range(40):
        rows.append({"table": "orders", "run": run, "run_date": day(run).isoformat(),
                     "weekday": day(run).strftime("%a"), "row_count": volume(run, rng),
                     "null_rate": 0.0, "column_count": 9 if run < 33 else 10,
                     "freshness_lag_hours": 40.0 if run == 36 else 2.0})
    rows[25]["row_count"] = 100  # a Wednesday load that lost its rows
    rows[28] = {k: rows[28][k] for k in ("table", "run", "run_date", "weekday")}  # unmeasured
    write_history(tmp_path, rows)
    out = tmp_path / "alerts.csv"
    result = CliRunner().invoke(cli, [
        "observe", "backtest", "--metrics", str(tmp_path / "metrics.csv"),
        "--tables", str(tmp_path / "tables.csv"), "--calendar", str(tmp_path / "calendar.csv"),
        "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines() == [
        "table,run,metric", "orders,25,row_count", "orders,28,*", "orders,33,column_count",
        "orders,36,freshness_lag_hours"]
    assert "4 alert(s) written" in result.output


def test_backtest_names_the_bad_cell(tmp_path) -> None:
    write_history(tmp_path, [{"table": "orders", "run": 0, "run_date": "2025-01-06",
                              "row_count": "many"}])
    result = CliRunner().invoke(cli, [
        "observe", "backtest", "--metrics", str(tmp_path / "metrics.csv"),
        "--tables", str(tmp_path / "tables.csv"), "--out", str(tmp_path / "a.csv")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'metrics.csv'}:2: row_count 'many' is not a number" in result.output
    assert "Traceback" not in result.output
