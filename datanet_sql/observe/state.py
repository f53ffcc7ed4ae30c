"""The state database (.datanet/state.db, SQLite): every run and every node result in it.

SQLite from the standard library: readable by any tool, and independent of the warehouse the
project builds into. A run is recorded when it starts (`running`), so a process killed with -9
leaves a run that visibly did not finish; the next run on the same target marks it
`interrupted` once its process is gone. Runs of other targets may write at the same time:
SQLite serialises them (a writer waits up to 30 s for another).

Schema version 2 (SQLite's `user_version`) adds per-table measurements (`table_metrics`: row
count, null rates of key columns, newest loaded-at value, columns and types) and node bytes;
version 3 adds distribution statistics of numeric columns and the metrics an anomaly test
flagged on a measurement (kept out of later training). An older file is migrated when first
opened, keeping its runs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp

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
create table if not exists table_metrics (
    run_id integer references runs(run_id), target text, unique_id text, measured_at real,
    row_count integer, null_rates text, loaded_at real, columns text);
create index if not exists table_metrics_by_node on table_metrics(unique_id, target, run_id);
"""
SCHEMA_VERSION = 3
# added after the first release: a state.db written before gets them on first open
_ADDED_COLUMNS = {"runs": {"status": "text", "pid": "integer", "message": "text"},
                  "node_runs": {"bytes": "integer"},
                  "table_metrics": {"distribution": "text", "flagged": "text"}}
METRIC_COLUMNS = ("run_id", "target", "unique_id", "measured_at", "row_count", "null_rates",
                   "loaded_at", "columns", "distribution", "flagged")
FRESHNESS = "source freshness"  # the command whose runs grade sources, not build tables
_DIED = "its process ended before the run was recorded (killed?)"


@dataclass
class TableMetrics:
    """One measurement of a source or model table, taken after a run (or by a test's history).

    `loaded_at` is the newest value of the table's `loaded_at_field` (or its files' newest
    modification time), as epoch seconds; None when the table has neither. `distribution`
    holds {column: {stat: value}} (stats mean, p50, p95); `flagged` the detector metrics an
    anomaly test alerted on for this measurement."""

    unique_id: str
    row_count: int | None
    null_rates: dict[str, float] = field(default_factory=dict)
    loaded_at: float | None = None
    columns: dict[str, str] = field(default_factory=dict)
    measured_at: float = field(default_factory=time.time)
    run_id: int | None = None
    target: str = ""
    distribution: dict[str, dict[str, float | None]] = field(default_factory=dict)
    flagged: list[str] = field(default_factory=list)

    def row(self, run_id: int | str | None, target: str) -> tuple[Any, ...]:
        """The values of one history row, in METRIC_COLUMNS order (JSON for the mappings)."""
        return (run_id, target, self.unique_id, self.measured_at, self.row_count,
                json.dumps(self.null_rates), self.loaded_at, json.dumps(self.columns),
                json.dumps(self.distribution), json.dumps(self.flagged))

    def with_flags(self, metrics: list[str]) -> str:
        """The `flagged` column's JSON once `metrics` are flagged too."""
        return json.dumps(sorted(set(self.flagged) | set(metrics)))

    @staticmethod
    def from_row(row: tuple[Any, ...]) -> TableMetrics:
        """The inverse of `row` (a row selected in METRIC_COLUMNS order)."""
        run, target, uid, at, count, nulls, loaded, columns, distribution, flagged = row
        return TableMetrics(uid, count, json.loads(nulls or "{}"), loaded,
                            json.loads(columns or "{}"), at, run, target,
                            json.loads(distribution or "{}"), json.loads(flagged or "[]"))


def latest_flags_query(table: exp.Table, target: str) -> exp.Select:
    """unique_id and flagged of each table's newest measurement by a build on `target` (a
    freshness check's measurement has no row count, and flags nothing)."""
    built = exp.and_(exp.column("target").eq(target), exp.column("row_count").is_(exp.null()).not_())
    newest = (exp.select("unique_id", exp.func("MAX", exp.column("measured_at")).as_("at"))
              .from_(table.copy()).where(built).group_by("unique_id"))
    return (exp.select(exp.column("unique_id", "t"), exp.column("flagged", "t"))
            .from_(exp.alias_(table.copy(), "t"))
            .join(exp.alias_(exp.Subquery(this=newest), "n"), on=exp.and_(
                exp.column("unique_id", "t").eq(exp.column("unique_id", "n")),
                exp.column("measured_at", "t").eq(exp.column("at", "n"))))
            .where(exp.column("target", "t").eq(target)))


def flags_by_table(rows: list[tuple[Any, ...]]) -> dict[str, list[str]]:
    """The rows of latest_flags_query as {unique_id: flagged metrics}, flagged ones only."""
    flags = {uid: json.loads(flagged or "[]") for uid, flagged in rows}
    return {uid: metrics for uid, metrics in sorted(flags.items()) if metrics}


class StateStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30)
        if con.execute("pragma user_version").fetchone()[0] < SCHEMA_VERSION:
            self._migrate(con)
        return con

    @staticmethod
    def _migrate(con: sqlite3.Connection) -> None:
        """Bring a new or older file to SCHEMA_VERSION: tables created, columns added."""
        con.executescript(_SCHEMA)
        for table, columns in _ADDED_COLUMNS.items():
            present = {row[1] for row in con.execute(f"pragma table_info({table})")}
            for name, kind in columns.items():
                if name not in present:
                    con.execute(f"alter table {table} add column {name} {kind}")
        con.execute(f"pragma user_version = {SCHEMA_VERSION}")
        con.commit()

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
                "insert into node_runs (run_id, unique_id, kind, status, rows, duration, "
                "message, bytes) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, r.unique_id, r.kind, r.status, r.rows, r.duration, r.message,
                  r.bytes) for r in results.results])

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


    def record_metrics(self, run_id: int | None, target: str, metrics: list[TableMetrics],
                       forget_before: float | None = None) -> None:
        """Keep measurements of tables (run_id None: written by a backfill or a test); with
        `forget_before`, apply the retention (see `forget_before`) in the same transaction:
        each commit waits for the disk, so a run commits once for its history."""
        with self._connect() as con:
            con.executemany(
                f"insert into table_metrics ({', '.join(METRIC_COLUMNS)}) values "
                f"({', '.join('?' for _ in METRIC_COLUMNS)})",
                [m.row(run_id, target) for m in metrics])
            if forget_before is not None:
                self._forget(con, forget_before)

    def metrics(self, unique_id: str, target: str, limit: int = 400) -> list[TableMetrics]:
        """A table's measurements on one target, oldest first (the last `limit`)."""
        with self._connect() as con:
            rows = con.execute(
                f"select {', '.join(METRIC_COLUMNS)} from table_metrics where unique_id = ? "
                "and target = ? order by measured_at desc limit ?",
                (unique_id, target, limit)).fetchall()
        return [TableMetrics.from_row(row) for row in reversed(rows)]

    def tables(self, target: str) -> list[str]:
        """Every table with a measurement on `target`, by unique_id."""
        with self._connect() as con:
            rows = con.execute("select distinct unique_id from table_metrics where target = ? "
                               "order by unique_id", (target,)).fetchall()
        return [uid for (uid,) in rows]

    def flag(self, measurement: TableMetrics, metrics: list[str]) -> None:
        """Mark metrics of a recorded measurement as incidents (kept out of later training)."""
        with self._connect() as con:
            con.execute("update table_metrics set flagged = ? where unique_id = ? and "
                        "target = ? and measured_at = ?",
                        (measurement.with_flags(metrics), measurement.unique_id, measurement.target, measurement.measured_at))

    def latest_flags(self, target: str) -> dict[str, list[str]]:
        """Table unique_id -> the metrics flagged on its newest measurement on `target`."""
        with self._connect() as con:
            rows = con.execute(latest_flags_query(exp.table_("table_metrics"), target)
                               .sql("sqlite")).fetchall()
        return flags_by_table(rows)

    def forget_before(self, cutoff: float) -> int:
        """Drop runs started and measurements taken before `cutoff` (epoch seconds): the
        retention of `history: {retention_days: N}`. Returns the number of runs dropped."""
        with self._connect() as con:
            return self._forget(con, cutoff)

    @staticmethod
    def _forget(con: sqlite3.Connection, cutoff: float) -> int:
        old = [r[0] for r in con.execute("select run_id from runs where started_at < ? "
                                         "and coalesce(status, '') != 'running'", (cutoff,))]
        con.executemany("delete from node_runs where run_id = ?", [(r,) for r in old])
        con.executemany("delete from runs where run_id = ?", [(r,) for r in old])
        con.execute("delete from table_metrics where measured_at < ?", (cutoff,))
        return len(old)

    def last_runs(self, freshness: bool = False) -> list[dict[str, Any]]:
        """The newest run of each target, with its node results: of `source freshness` with
        `freshness`, else of the building and testing commands."""
        test = "=" if freshness else "!="
        with self._connect() as con:
            con.row_factory = sqlite3.Row
            runs = [dict(r) for r in con.execute(
                "select * from runs where run_id in (select max(run_id) from runs where "
                f"command {test} ? group by target) order by target", (FRESHNESS,))]
            for run in runs:
                run["nodes"] = [dict(r) for r in con.execute(
                    "select unique_id, kind, status, rows, duration, bytes, message "
                    "from node_runs where run_id = ? order by rowid", (run["run_id"],))]
        return runs
