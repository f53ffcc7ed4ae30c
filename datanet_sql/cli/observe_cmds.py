"""`datanet observe ...`: commands about what the data did over time (the backtest here)."""

from __future__ import annotations

from pathlib import Path

import click

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
def observe() -> None:
    """Anomaly checks over a metric history."""


@observe.command()
@click.option("--metrics", "metrics_csv", type=_FILE, required=True,
              help="metrics.csv: table, run, run_date, weekday, row_count, null_rate, "
                   "freshness_lag_hours, amount_mean, amount_p50, amount_p95, column_count.")
@click.option("--tables", "tables_csv", type=_FILE, required=True,
              help="tables.csv: table, materialization, source_schedule.")
@click.option("--calendar", "calendar_csv", type=_FILE, default=None,
              help="calendar.csv of holidays: date, name, kind.")
@click.option("--out", "out_csv", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="alerts.csv to write: table, run, metric.")
@click.option("--sensitivity", type=click.Choice(["low", "medium", "high"]),
              default="medium", show_default=True,
              help="Band width: low alerts least (6 robust sigmas), high most (3.5).")
def backtest(metrics_csv: Path, tables_csv: Path, calendar_csv: Path | None, out_csv: Path,
             sensitivity: str) -> None:
    """Replay a metric history run by run and write the alerts the checks would have raised."""
    from datanet_sql.observe.anomaly import backtest as run_backtest

    count = run_backtest(metrics_csv, tables_csv, calendar_csv, out_csv, sensitivity)
    click.echo(f"{count} alert(s) written to {out_csv}")


COMMANDS = [observe]
