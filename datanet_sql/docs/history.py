"""Run history for the docs site, read from .datanet/state.db in one query per table.

observe/state.py writes the file; its per-node `history()` opens a connection per call, which
costs seconds on a 1,000-model project, so the site reads the same tables in bulk here. The
file opens read-only, and a missing file or table (a project never run, a state.db written
before a table existed) gives empty history rather than an error: the site still shows the
project.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

RUNS_SHOWN = 30  # per node and for the project: enough for a trend, small on 1,000 models


def read_history(state_db: Path) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """(the project's latest runs, newest first; each node's latest results, oldest first)."""
    if not state_db.is_file():
        return [], {}
    con = sqlite3.connect(f"file:{state_db}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in con.execute("select name from sqlite_master where "
                                                "type = 'table'")}
        runs = _runs(con) if "runs" in tables else []
        nodes = _node_runs(con) if "node_runs" in tables and "runs" in tables else {}
    except sqlite3.DatabaseError:  # a state.db of another shape: show the project anyway
        return [], {}
    finally:
        con.close()
    return runs, nodes


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
        "select unique_id, run_id, started_at, status, rows, duration, message from ("
        " select n.unique_id, n.run_id, r.started_at, n.status, n.rows, n.duration, n.message,"
        " row_number() over (partition by n.unique_id order by n.run_id desc) as recent"
        " from node_runs n join runs r using (run_id)) where recent <= ? "
        "order by unique_id, run_id", (RUNS_SHOWN,)).fetchall()
    found: dict[str, list[dict[str, Any]]] = {}
    for uid, run, started, status, count, duration, message in rows:
        found.setdefault(uid, []).append({
            "run": run, "at": started, "status": status, "rows": count,
            "duration": round(duration or 0, 4), "message": (message or "")[:300]})
    return found
