"""Run history in the warehouse (`history: {warehouse: true, schema: datanet_history}`), so a
team shares what each member's runs measured: the anomaly tests, `status` and the backtest of
anyone on the same warehouse read the same history.

Three tables in their own schema, the same shape as state.db's: `runs`, `node_runs` and
`table_metrics`. A run is written at its end in one transaction (its row, its node results,
its measurements, and the retention's deletes), so a reader never sees half a run. Runs are
keyed by the invocation id (a UUID), since each member's state.db numbers its runs from 1.
Only engines with transactions and DELETE keep it (DuckDB, Postgres); every statement is a
sqlglot expression written in the engine's dialect.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import ConfigError
from datanet_sql.observe.state import (
    FRESHNESS,
    METRIC_COLUMNS,
    TableMetrics,
    flags_by_table,
    latest_flags_query,
)
from datanet_sql.run.results import RunResults

_TEXT, _REAL, _INT = "text", "double", "bigint"
_RUN_COLUMNS = {"run_id": _TEXT, "command": _TEXT, "target": _TEXT, "started_at": _REAL,
                "elapsed": _REAL, "status": _TEXT, "message": _TEXT}
_NODE_COLUMNS = {"run_id": _TEXT, "unique_id": _TEXT, "kind": _TEXT, "status": _TEXT,
                 "rows": _INT, "duration": _REAL, "bytes": _INT, "message": _TEXT}
_METRIC_TYPES = {"run_id": _TEXT, "target": _TEXT, "unique_id": _TEXT, "measured_at": _REAL,
                 "row_count": _INT, "loaded_at": _REAL}
TABLES = {"runs": _RUN_COLUMNS, "node_runs": _NODE_COLUMNS,
          "table_metrics": {c: _METRIC_TYPES.get(c, _TEXT) for c in METRIC_COLUMNS}}


class WarehouseHistory:
    """The history tables in `schema` of the warehouse `adapter` is connected to."""

    def __init__(self, adapter: Adapter, schema: str) -> None:
        if not adapter.supports_transactions:
            raise ConfigError(f"history: warehouse: true is not supported on {adapter.dialect}"
                              " (it needs transactions and DELETE)",
                              file="datanet.yml",
                              hint="keep the history in .datanet/state.db on this target "
                                   "(history: {warehouse: false})")
        self.adapter, self.schema = adapter, schema

    def describe(self) -> str:
        return f"warehouse schema {self.schema} ({self.adapter.dialect})"

    def _table(self, name: str) -> exp.Table:
        return Relation(name, self.schema).table()

    def _create(self) -> list[exp.Expression]:
        statements: list[exp.Expression] = [self.adapter.create_schema(self.schema)]
        for name, columns in TABLES.items():
            schema = exp.Schema(this=self._table(name), expressions=[
                exp.ColumnDef(this=exp.to_identifier(column, quoted=True),
                              kind=exp.DataType.build(kind))
                for column, kind in columns.items()])
            statements.append(exp.Create(this=schema, kind="TABLE", exists=True))
        return statements

    def _insert(self, name: str, rows: list[tuple[Any, ...]]) -> list[exp.Expression]:
        if not rows:
            return []
        return [self.adapter.insert_into(Relation(name, self.schema), exp.values(rows),
                                         list(TABLES[name]))]

    def publish(self, run: RunResults, run_key: str, metrics: list[TableMetrics],
                cutoff: float) -> None:
        """Write one finished run, and drop what is older than `cutoff` (epoch seconds)."""
        nodes = [(run_key, r.unique_id, r.kind, r.status, r.rows, r.duration, r.bytes,
                  r.message) for r in run.results]
        statements = self._create()
        statements += self._insert("runs", [(run_key, run.command, run.target, run.started_at,
                                             run.duration, run.status, run.message)])
        statements += self._insert("node_runs", nodes)
        statements += self._insert("table_metrics", [m.row(run_key, run.target)
                                                     for m in metrics])
        statements += self._retention(cutoff)
        self.adapter.transaction(statements)

    def _retention(self, cutoff: float) -> list[exp.Expression]:
        before = exp.Literal.number(cutoff)
        old_runs = exp.select("run_id").from_(self._table("runs")).where(
            exp.column("started_at") < before)
        return [exp.delete(self._table("node_runs"), exp.column("run_id").isin(query=old_runs)),
                exp.delete(self._table("runs"), exp.column("started_at") < before),
                exp.delete(self._table("table_metrics"), exp.column("measured_at") < before)]

    def exists(self) -> bool:
        return self.adapter.list_columns(Relation("table_metrics", self.schema)) is not None

    def metrics(self, unique_id: str, target: str, limit: int = 400) -> list[TableMetrics]:
        """A table's measurements on one target, oldest first (the last `limit`)."""
        if not self.exists():
            return []
        query = (exp.select(*METRIC_COLUMNS).from_(self._table("table_metrics"))
                 .where(exp.column("unique_id").eq(unique_id))
                 .where(exp.column("target").eq(target))
                 .order_by(exp.column("measured_at").desc()).limit(limit))
        _, rows = self.adapter.fetch(query)
        return [TableMetrics.from_row(tuple(row)) for row in reversed(rows)]

    def tables(self, target: str) -> list[str]:
        """Every table with a measurement on `target`, by unique_id."""
        if not self.exists():
            return []
        _, rows = self.adapter.fetch(
            exp.select("unique_id").distinct().from_(self._table("table_metrics"))
            .where(exp.column("target").eq(target)).order_by("unique_id"))
        return [str(row[0]) for row in rows]

    def flag(self, measurement: TableMetrics, metrics: list[str]) -> None:
        """Mark metrics of a recorded measurement as incidents (kept out of later training)."""
        flagged = measurement.with_flags(metrics)
        update = exp.update(self._table("table_metrics"), {"flagged": exp.convert(flagged)},
                            where=exp.and_(
                                exp.column("unique_id").eq(measurement.unique_id),
                                exp.column("target").eq(measurement.target),
                                exp.column("measured_at").eq(measurement.measured_at)))
        self.adapter.transaction([update])

    def latest_flags(self, target: str) -> dict[str, list[str]]:
        """Table unique_id -> the metrics flagged on its newest measurement on `target`."""
        if not self.exists():
            return {}
        _, rows = self.adapter.fetch(latest_flags_query(self._table("table_metrics"), target))
        return flags_by_table([tuple(row) for row in rows])

    def last_runs(self, freshness: bool = False) -> list[dict[str, Any]]:
        """The newest run of each target with its node results (state.db's `last_runs`)."""
        if not self.exists():
            return []
        command = exp.column("command").eq(FRESHNESS)
        newest = (exp.select("target", exp.func("MAX", exp.column("started_at")).as_("at"))
                  .from_(self._table("runs"))
                  .where(command if freshness else exp.not_(command)).group_by("target"))
        query = (exp.select(*[exp.column(c, "r") for c in _RUN_COLUMNS])
                 .from_(exp.alias_(self._table("runs"), "r"))
                 .join(exp.alias_(exp.Subquery(this=newest), "n"),
                       on=exp.and_(exp.column("target", "r").eq(exp.column("target", "n")),
                                   exp.column("started_at", "r").eq(exp.column("at", "n"))))
                 .order_by(exp.column("target", "r")))
        names, rows = self.adapter.fetch(query)
        return [dict(zip(names, row, strict=True)) | {"nodes": self._nodes(row[0])}
                for row in rows]

    def _nodes(self, run_key: str) -> list[dict[str, Any]]:
        query = (exp.select(*[c for c in _NODE_COLUMNS if c != "run_id"])
                 .from_(self._table("node_runs")).where(exp.column("run_id").eq(run_key)))
        names, rows = self.adapter.fetch(query)
        return [dict(zip(names, row, strict=True)) for row in rows]
