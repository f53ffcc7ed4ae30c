"""The anomaly test hands the project's `calendar:` and the incidents earlier runs flagged to the
detector (real builds on DuckDB): a holiday dip seen on earlier holidays does not alert, and
flagged incidents stay out of training."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

from run.helpers import run, write

from datanet_sql.observe.state import StateStore, TableMetrics
from observe.helpers import shop

DAY = 86400
ANOMALY = """
    tests:
      - anomaly: {metrics: [row_count]}
"""
PAST_HOLIDAYS = (50, 36, 22, 8)  # days ago; a weekday other than today's


def history(root: Path, value: dict[int, int], days: int = 56,
            flagged: frozenset[int] = frozenset()) -> None:
    """Daily measurements of model.orders `days` back: `value[d]` rows d days ago, else ~1,000;
    the row counts of days in `flagged` were flagged by an earlier anomaly test."""
    rng = random.Random(9)
    now = time.time()
    StateStore(root / ".datanet" / "state.db").record_metrics(None, "dev", [
        TableMetrics("model.orders", value.get(d, 1000) + rng.randint(-15, 15),
                     measured_at=now - d * DAY, flagged=["row_count"] if d in flagged else [])
        for d in range(days, 0, -1)])


def day(days_ago: int) -> str:
    return (dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=days_ago)).isoformat()


def holiday_project(root: Path, calendar: str) -> Path:
    shop(root, rows=400, extra=ANOMALY)
    write(root, "datanet.yml", f"name: proj\ntarget: dev\n{calendar}")
    history(root, {d: 400 for d in PAST_HOLIDAYS})
    return root


def anomaly_of(root: Path) -> tuple[str, str]:
    [test] = [r for r in run(root, "build").results if r.name.startswith("anomaly_")]
    return test.status, test.message


def test_a_holiday_dip_like_earlier_holidays_does_not_alert(tmp_path: Path) -> None:
    days = ", ".join(f"{{date: {day(d)}, name: h{d}, kind: public}}"
                     for d in (*PAST_HOLIDAYS, 0))
    root = holiday_project(tmp_path / "listed", f"calendar: [{days}]\n")
    assert anomaly_of(root) == ("pass", "pass (56 earlier runs)")

    rows = "\n".join(f"{day(d)},h{d},public" for d in (*PAST_HOLIDAYS, 0))
    root = holiday_project(tmp_path / "file", "calendar: holidays.csv\n")
    write(root, "holidays.csv", f"date,name,kind\n{rows}\n")
    assert anomaly_of(root) == ("pass", "pass (56 earlier runs)")


def test_the_same_dip_alerts_without_the_calendar(tmp_path: Path) -> None:
    status, message = anomaly_of(holiday_project(tmp_path, ""))
    assert status == "warn" and message.startswith("row_count 400 outside expected ")


def test_a_missing_calendar_file_names_the_setting(tmp_path: Path) -> None:
    status, message = anomaly_of(holiday_project(tmp_path, "calendar: nope.csv\n"))
    assert status == "error"
    assert "datanet.yml" in message and "calendar: nope.csv does not exist" in message


def test_flagged_incidents_stay_out_of_training(tmp_path: Path) -> None:
    incidents = frozenset(d for d in range(1, 22) if d % 3)  # two in three of three weeks
    root = shop(tmp_path / "unflagged", rows=400, extra=ANOMALY)
    history(root, {d: 400 for d in incidents}, days=28)
    status, _ = anomaly_of(root)
    assert status == "pass"  # unflagged, the incidents look like the normal level

    root = shop(tmp_path / "flagged", rows=400, extra=ANOMALY)
    history(root, {d: 400 for d in incidents}, days=28, flagged=incidents)
    status, message = anomaly_of(root)
    assert status == "warn" and message.startswith("row_count 400 outside expected 9")
