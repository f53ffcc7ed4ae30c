"""`backtest`: replay a metric history run by run and write the alerts the checks would raise.

Each decision sees only earlier runs. A run that alerted is kept out of later training, as
anomaly/incidents.py decides (three alerts in a row make a new normal instead).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

from datanet_sql.errors import ConfigError
from datanet_sql.observe.anomaly.calendar import Calendar, read_calendar
from datanet_sql.observe.anomaly.detector import score_series
from datanet_sql.observe.anomaly.incidents import kept_out
from datanet_sql.observe.anomaly.series import METRICS, Alert, Point

REQUIRED = ("table", "run", "run_date")


def backtest(metrics_csv: Path, tables_csv: Path, calendar_csv: Path | None, out_csv: Path,
             sensitivity: str = "medium") -> int:
    """Write `table,run,metric` per alert (`*`: the whole table went unmeasured) to out_csv;
    return the number of alert rows."""
    schedules = _schedules(Path(tables_csv))
    calendar = read_calendar(Path(calendar_csv)) if calendar_csv else Calendar()
    rows: list[tuple[str, int, str]] = []
    for table, runs in sorted(_histories(Path(metrics_csv)).items()):
        rows += _replay_table(table, runs, schedules.get(table), calendar, sensitivity)
    return write_alerts(Path(out_csv), rows)


def write_alerts(out_csv: Path, rows: list[tuple[str, int | str, str]]) -> int:
    """alerts.csv: `table,run,metric` per alert; returns the number of alerts."""
    with out_csv.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["table", "run", "metric"])
        writer.writerows(rows)
    return len(rows)


def _replay_table(table: str, runs: dict[int, dict[str, Point]], schedule: str | None,
                  calendar: Calendar, sensitivity: str) -> list[tuple[str, int, str]]:
    rows: list[tuple[str, int, str]] = []
    for run, points in sorted(runs.items()):
        if run > min(runs) and all(p.value is None for p in points.values()):
            rows.append((table, run, "*"))
    for metric in METRICS:
        series = [runs[r][metric] for r in sorted(runs)]
        rows += [(table, a.run, metric) for a in
                 replay_metric(metric, series, calendar, sensitivity, schedule)]
    return sorted(rows, key=lambda r: (r[1], r[2]))


def replay_metric(metric: str, series: list[Point], calendar: Calendar, sensitivity: str,
                  schedule: str | None) -> list[Alert]:
    """Score each point of one metric from the points before it, flagging as it goes."""
    alerts: list[Alert] = []
    for index, point in enumerate(series):
        earlier = series[:index]
        alert = score_series(metric, earlier, point, sensitivity=sensitivity,
                             calendar=calendar, schedule=schedule,
                             flagged=kept_out(earlier, (a.run for a in alerts)))
        if alert is not None:
            alerts.append(alert)
    return alerts


def _histories(path: Path) -> dict[str, dict[int, dict[str, Point]]]:
    """table -> run -> metric -> Point, from metrics.csv (an empty cell is a missing value)."""
    out: dict[str, dict[int, dict[str, Point]]] = defaultdict(dict)
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        _require(path, reader.fieldnames, REQUIRED)
        for line, row in enumerate(reader, start=2):
            run, date = _run_and_date(path, line, row)
            out[row["table"]][run] = {m: Point(run, date, _number(path, line, m, row.get(m)))
                                      for m in METRICS}
    return out


def _run_and_date(path: Path, line: int, row: dict[str, str]) -> tuple[int, dt.date]:
    try:
        return int(row["run"]), dt.date.fromisoformat(row["run_date"].strip())
    except ValueError:
        raise ConfigError(f"run {row['run']!r} / run_date {row['run_date']!r}: expected an "
                          "integer run and a YYYY-MM-DD date", file=path, line=line) from None


def _number(path: Path, line: int, metric: str, cell: str | None) -> float | None:
    if cell is None or cell.strip() == "":
        return None
    try:
        return float(cell)
    except ValueError:
        raise ConfigError(f"{metric} {cell!r} is not a number", file=path, line=line,
                          column=metric, hint="leave the cell empty for a missing value") \
            from None


def _schedules(path: Path) -> dict[str, str]:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        _require(path, reader.fieldnames, ("table",))
        return {row["table"]: (row.get("source_schedule") or "").strip() for row in reader}


def _require(path: Path, header: list[str] | None, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in (header or [])]
    if missing:
        raise ConfigError(f"missing column(s) {', '.join(missing)}", file=path, line=1,
                          hint=f"the header must name {', '.join(columns)}")
