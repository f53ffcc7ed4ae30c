"""`datanet observe ...`: commands about what the data did over time (the backtest here)."""

from __future__ import annotations

from pathlib import Path

import click

from datanet_sql.cli.options import project_dir_option, target_option

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
def observe() -> None:
    """Anomaly checks over a metric history."""


@observe.command()
@project_dir_option
@target_option("Without --metrics: the target whose history is replayed.")
@click.option("--metrics", "metrics_csv", type=_FILE, default=None,
              help="metrics.csv: table, run, run_date, weekday, row_count, null_rate, "
                   "freshness_lag_hours, amount_mean, amount_p50, amount_p95, column_count. "
                   "Without it, the project's own history is replayed.")
@click.option("--tables", "tables_csv", type=_FILE, default=None,
              help="tables.csv: table, materialization, source_schedule (with --metrics).")
@click.option("--calendar", "calendar_csv", type=_FILE, default=None,
              help="calendar.csv of holidays: date, name, kind (default: the project's "
                   "calendar: when replaying its history).")
@click.option("--out", "out_csv", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="alerts.csv to write: table, run, metric.")
@click.option("--sensitivity", type=click.Choice(["low", "medium", "high"]),
              default="medium", show_default=True,
              help="Band width: low alerts least (6 robust sigmas), high most (3.5).")
def backtest(project_dir: Path, target: str | None, metrics_csv: Path | None,
             tables_csv: Path | None, calendar_csv: Path | None, out_csv: Path,
             sensitivity: str) -> None:
    """Replay a metric history run by run and write the alerts the checks would have raised:
    a metrics.csv, or the project's own recorded history."""
    if metrics_csv is not None:
        from datanet_sql.observe.anomaly import backtest as run_backtest

        if tables_csv is None:
            raise click.UsageError("--metrics needs --tables (table, materialization, "
                                   "source_schedule)")
        count = run_backtest(metrics_csv, tables_csv, calendar_csv, out_csv, sensitivity)
    else:
        count = _backtest_project(project_dir, target, calendar_csv, out_csv, sensitivity)
    click.echo(f"{count} alert(s) written to {out_csv}")


def _backtest_project(root: Path, target: str | None, calendar_csv: Path | None,
                      out_csv: Path, sensitivity: str) -> int:
    from datanet_sql.config.project import load_project
    from datanet_sql.observe.anomaly import read_calendar
    from datanet_sql.observe.history_backtest import backtest_history
    from datanet_sql.observe.reader import open_history
    from datanet_sql.observe.settings import project_calendar

    project = load_project(root, target)
    calendar = read_calendar(calendar_csv) if calendar_csv else project_calendar(project)
    with open_history(project.root, project.target_name) as (store, where):
        click.echo(f"Replaying the history of target {project.target_name} ({where})")
        return backtest_history(store, project.target_name, calendar, out_csv, sensitivity)


COMMANDS = [observe]
