"""The state database (.datanet/state.db, SQLite): every run and every node result in it.

SQLite from the standard library: one writer (the CLI process, after the run), readable by any
tool, and independent of the warehouse the project builds into.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datanet_sql.run.results import RunResults

_SCHEMA = """
create table if not exists runs (
    run_id integer primary key autoincrement, command text, target text,
    started_at real, elapsed real, success integer);
create table if not exists node_runs (
    run_id integer references runs(run_id), unique_id text, kind text, status text,
    rows integer, duration real, message text);
create index if not exists node_runs_by_node on node_runs(unique_id, run_id);
"""


class StateStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path)
        con.executescript(_SCHEMA)
        return con

    def record(self, results: RunResults) -> int:
        with self._connect() as con:
            cursor = con.execute(
                "insert into runs (command, target, started_at, elapsed, success) "
                "values (?, ?, ?, ?, ?)",
                (results.command, results.target, results.started_at, results.duration,
                 int(results.success)))
            run_id = int(cursor.lastrowid or 0)
            con.executemany(
                "insert into node_runs values (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, r.unique_id, r.kind, r.status, r.rows, r.duration, r.message)
                 for r in results.results])
        return run_id

    def history(self, unique_id: str, limit: int = 20) -> list[tuple]:
        """(run_id, status, rows, duration) of a node's most recent runs, newest first."""
        with self._connect() as con:
            return con.execute(
                "select run_id, status, rows, duration from node_runs where unique_id = ? "
                "order by run_id desc limit ?", (unique_id, limit)).fetchall()
