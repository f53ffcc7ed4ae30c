"""The state database (.datanet/state.db, SQLite): every run and every node result in it.

SQLite from the standard library: readable by any tool, and independent of the warehouse the
project builds into. A run is recorded when it starts (`running`), so a process killed with -9
leaves a run that visibly did not finish; the next run on the same target marks it
`interrupted` once its process is gone. Runs of other targets may write at the same time:
SQLite serialises them (a writer waits up to 30 s for another).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from datanet_sql.fs.lock import process_alive
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
# added after the first release: a state.db written before gets them on first open
_RUN_COLUMNS = {"status": "text", "pid": "integer", "message": "text"}
_DIED = "its process ended before the run was recorded (killed?)"


class StateStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30)
        con.executescript(_SCHEMA)
        present = {row[1] for row in con.execute("pragma table_info(runs)")}
        for name, kind in _RUN_COLUMNS.items():
            if name not in present:
                con.execute(f"alter table runs add column {name} {kind}")
        return con

    def begin(self, results: RunResults) -> int:
        """Record a run as `running`; runs of its target left `running` by a process that is
        gone are marked `interrupted`. Returns the new run's id."""
        with self._connect() as con:
            self._close_abandoned(con, results.target)
            cursor = con.execute(
                "insert into runs (command, target, started_at, elapsed, success, status, pid, "
                "message) values (?, ?, ?, 0, 0, 'running', ?, '')",
                (results.command, results.target, results.started_at, results.pid))
        return int(cursor.lastrowid or 0)

    def finish(self, run_id: int, results: RunResults) -> None:
        """The run's final status and every node result it has."""
        with self._connect() as con:
            con.execute("update runs set target = ?, elapsed = ?, success = ?, status = ?, "
                        "message = ? where run_id = ?",
                        (results.target, results.duration, int(results.success), results.status,
                         results.message, run_id))
            con.executemany(
                "insert into node_runs values (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, r.unique_id, r.kind, r.status, r.rows, r.duration, r.message)
                 for r in results.results])

    def _close_abandoned(self, con: sqlite3.Connection, target: str) -> None:
        rows = con.execute("select run_id, pid from runs where status = 'running' and "
                           "target = ?", (target,)).fetchall()
        dead = [run_id for run_id, pid in rows if pid != os.getpid() and not process_alive(pid)]
        con.executemany("update runs set status = 'interrupted', message = ? where run_id = ?",
                        [(_DIED, run_id) for run_id in dead])

    def history(self, unique_id: str, limit: int = 20) -> list[tuple]:
        """(run_id, status, rows, duration) of a node's most recent runs, newest first."""
        with self._connect() as con:
            return con.execute(
                "select run_id, status, rows, duration from node_runs where unique_id = ? "
                "order by run_id desc limit ?", (unique_id, limit)).fetchall()

