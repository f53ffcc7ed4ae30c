"""Run history for the docs site, read from .datanet/state.db in one query per table.

observe/state.py writes the file; its per-node `history()` and `metrics()` open a connection
per call, which costs seconds on a 1,000-model project, so the site reads the same tables in
bulk here. The file opens read-only, and a missing file or table (a project never run, a
state.db written before a table existed) gives empty history rather than an error: the site
still shows the project.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RUNS_SHOWN = 30  # per node and for the project: enough for a trend, small on 1,000 models
METRICS_SHOWN = 60  # measurements per table charted: two months of daily runs


@dataclass
class SiteHistory:
    """What state.db holds for the site: the project's latest runs (newest first), each
    node's latest results and each table's latest measurements (oldest first)."""

    runs: list[dict[str, Any]] = field(default_factory=list)
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    metrics: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def read_history(state_db: Path, target: str) -> SiteHistory:
    """The history of the file; measurements of `target` only (observe/history.py's name of
    it: a mock run's `<target>:mock` never mixes into the warehouse's charts)."""
    if not state_db.is_file():
        return SiteHistory()
    con = sqlite3.connect(f"file:{state_db}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in con.execute("select name from sqlite_master where "
                                                "type = 'table'")}
        history = SiteHistory()
        if "runs" in tables:
            history.runs = _runs(con)
            if "node_runs" in tables:
                history.nodes = _node_runs(con)
        if "table_metrics" in tables:
            history.metrics = _metrics(con, target)
    except sqlite3.DatabaseError:  # a state.db of another shape: show the project anyway
        return SiteHistory()
    finally:
        con.close()
    return history


def _runs(con: sqlite3.Connection) -> list[dict[str, Any]]:
    present = {row[1] for row in con.execute("pragma table_info(runs)")}
    status = "status" if "status" in present else \
        "case success when 1 then 'success' else 'error' end"
    rows = con.execute(f"select run_id, command, target, started_at, elapsed, {status} "
                       "from runs order by run_id desc limit ?", (RUNS_SHOWN,)).fetchall()
    return [{"run": r[0], "command": r[1], "target": r[2], "started_at": r[3],
             "elapsed": round(r[4] or 0, 3), "status": r[5]} for r in rows]


def _node_runs(con: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    rows = con.execute(
        "select unique_id, run_id, started_at, command, status, rows, duration, message from ("
        " select n.unique_id, n.run_id, r.started_at, r.command, n.status, n.rows, n.duration,"
        " n.message, row_number() over (partition by n.unique_id order by n.run_id desc)"
        " as recent from node_runs n join runs r using (run_id)) where recent <= ? "
        "order by unique_id, run_id", (RUNS_SHOWN,)).fetchall()
    found: dict[str, list[dict[str, Any]]] = {}
    for uid, run, started, command, status, count, duration, message in rows:
        found.setdefault(uid, []).append({
            "run": run, "at": started, "command": command, "status": status, "rows": count,
            "duration": round(duration or 0, 4), "message": (message or "")[:300]})
    return found


def _metrics(con: sqlite3.Connection, target: str) -> dict[str, list[dict[str, Any]]]:
    """Per table: run, time, row count, null rate per key column and freshness lag in hours
    (measurement time minus the newest loaded-at value), as the charts plot them."""
    rows = con.execute(
        "select unique_id, run_id, measured_at, row_count, null_rates, loaded_at from ("
        " select *, row_number() over (partition by unique_id order by measured_at desc)"
        " as recent from table_metrics where target = ?) where recent <= ? "
        "order by unique_id, measured_at", (target, METRICS_SHOWN)).fetchall()
    found: dict[str, list[dict[str, Any]]] = {}
    for uid, run, at, count, nulls, loaded_at in rows:
        found.setdefault(uid, []).append({
            "run": run, "at": at, "rows": count, "nulls": json.loads(nulls or "{}"),
            "lag_h": None if loaded_at is None else round((at - loaded_at) / 3600, 3)})
    return found
