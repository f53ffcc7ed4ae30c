"""`datanet source freshness` (dbt's command, output and exit codes) and `datanet status`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from datanet_sql.cli.options import (
    parse_vars,
    project_dir_option,
    project_options,
    target_option,
)
from datanet_sql.cli.output import console, print_table
from datanet_sql.errors import RunFailedError

_STYLE = {"pass": "green", "warn": "yellow", "error": "red", "runtime error": "red"}


@click.group()
def source() -> None:
    """Commands on sources (dbt's `source freshness`)."""


@source.command()
@project_options
@click.option("--select", "-s", multiple=True, help="Sources to check (dbt selection syntax).")
@click.option("--exclude", multiple=True, help="Sources to leave out.")
def freshness(project_dir: Path, target: str | None, vars_text: str | None,
              select: tuple[str, ...], exclude: tuple[str, ...]) -> None:
    """Check each source's `freshness:` and write target/sources.json: exit 1 when one is past
    its error_after (or could not be checked), 0 when the worst is a warning."""
    from datanet_sql.observe.source_freshness import source_freshness
    from datanet_sql.run.session import open_session

    session = open_session(project_dir, target, parse_vars(vars_text))
    try:
        results = source_freshness(session, select, exclude, _started)
    finally:
        session.close()
    for index, result in enumerate(results, 1):
        style = _STYLE[result.status]
        console().print(f"{index} of {len(results)} [{style}]{result.status.upper()}[/{style}] "
                      f"freshness of {result.node.name}: {result.message} "
                      f"\\[in {result.duration:.2f}s]", markup=True, highlight=False)
    if not results:
        click.echo("No sources with freshness: nothing to check.")
    bad = [r.node.name for r in results if r.status in ("error", "runtime error")]
    if bad:
        raise RunFailedError(f"source freshness failed: {', '.join(bad)}",
                             hint="details in target/sources.json")


def _started(node: Any, index: int, total: int) -> None:
    click.echo(f"{index} of {total} START freshness of {node.name}")


@click.command()
@project_dir_option
@target_option("The target whose warehouse holds the history (history: {warehouse: true}).")
@click.option("--output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: the whole status as one JSON object.")
def status(project_dir: Path, target: str | None, output: str) -> None:
    """What ran last on each target, what failed, what is late and what is anomalous."""
    from datanet_sql.observe.status import project_status

    report = project_status(project_dir.resolve(), target)
    if output == "json":
        click.echo(json.dumps(report, indent=1))
        return
    if not report["targets"]:
        click.echo(f"No runs recorded yet in {report['history']}: `datanet build` records one.")
        return
    rows = []
    for entry in report["targets"]:
        last = entry["last_run"] or {}
        counts = ", ".join(f"{n} {s}" for s, n in sorted(last.get("counts", {}).items()))
        rows.append([entry["target"], last.get("command", "-"), last.get("status", "-"),
                     last.get("started_at", "-"), counts, len(entry["failed"]),
                     len(entry["late"]), len(entry["anomalies"])])
    print_table(["target", "last run", "status", "started", "nodes", "failed", "late",
                 "anomalous"], rows, title=f"datanet status (history: {report['history']})")
    for entry in report["targets"]:
        for label, style, key in (("FAILED", "red", "failed"), ("LATE", "yellow", "late"),
                                  ("ANOMALY", "magenta", "anomalies")):
            for node in entry[key]:
                console().print(f"[{style}]{label}[/{style}] {entry['target']} "
                              f"{node['unique_id']} ({node['status']}): {node['message']}",
                              markup=True, highlight=False)
        _print_metrics(entry)


def _print_metrics(entry: dict[str, Any]) -> None:
    """One line per table whose newest measurement has flagged metrics, grouped by kind."""
    by_table: dict[str, dict[str, list[str]]] = {}
    for flag in entry["anomalous_metrics"]:
        by_table.setdefault(flag["unique_id"], {}).setdefault(flag["kind"], []).append(
            flag["metric"])
    for uid, kinds in by_table.items():
        what = "; ".join(f"{kind}: {', '.join(metrics)}" for kind, metrics in kinds.items())
        console().print(f"[magenta]ANOMALOUS[/magenta] {entry['target']} {uid} ({what})",
                        markup=True, highlight=False)


COMMANDS = [source, status]
