"""After a run: measure the tables it built (and the sources they read) into the state
database, and drop what is older than the project's retention (`history: {retention_days: N}`);
with `history: {warehouse: true}`, also write the run to the warehouse's history schema.

Runs on mock data are recorded under `<target>:mock`, so learning from history never mixes
generated data with the warehouse's, and never in the warehouse: a mock must not write where
real data lives.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.adapters.base import ColumnInfo
from datanet_sql.compile.cache import digest
from datanet_sql.errors import DatanetError
from datanet_sql.observe.measure import (
    MeasuredTable,
    measure_many,
    measured_table,
    merge_stats,
    stat_names,
)
from datanet_sql.observe.state import StateStore, TableMetrics
from datanet_sql.observe.warehouse_history import WarehouseHistory
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.results import RunResults

MEASURED_KINDS = ("model", "seed", "source")
# a view model is not counted: counting re-runs its whole query (the tables built from it are
# measured); an ephemeral model has no relation
UNMEASURED = ("view", "ephemeral")
LOG = logging.getLogger("datanet_sql")

if TYPE_CHECKING:  # the session module imports this one
    from datanet_sql.run.session import Session


def history_target(ctx: Any) -> str:
    """The name a compile context's (a session's) history is kept under."""
    name = str(ctx.target["name"])
    return f"{name}:mock" if ctx.sources_in_warehouse else name


def shared_history(session: Session) -> WarehouseHistory | None:
    """The warehouse history a session reads and writes, or None: not configured, a mock
    session (its warehouse is a throwaway DuckDB of generated data), or one running unit tests
    alone in memory (its target is one datanet cannot run on here)."""
    spec = session.ctx.project.spec.history
    if not spec.warehouse or session.ctx.sources_in_warehouse or session.unit_tests_only:
        return None
    return WarehouseHistory(session.adapter, spec.schema_)


def record_history(session: Session, results: RunResults, run_id: int) -> list[TableMetrics]:
    """Measure every table the run built successfully and every source upstream of one; the
    metrics an anomaly test of this run alerted on are flagged on its table's measurement."""
    manifest = session.manifest
    built = {r.unique_id for r in results.results if r.status == "success"}
    chosen = set(built)
    for uid in built:
        chosen.update(d for d in manifest.nodes[uid].depends_on
                      if d in manifest.nodes and manifest.nodes[d].kind == "source")
    flags = _flags(manifest, results)
    profile = session.ctx.project.spec.profile_metrics
    project_stats = {c: stat_names(profile.metrics) for c in profile.columns} if profile else {}
    tested = _tested_stats(manifest)
    tables = [measured_table(node, merge_stats(project_stats, tested.get(uid, {})))
              for uid in manifest.order if uid in chosen and _measured(node := manifest.nodes[uid])]
    metrics = _measure(session, tables)
    for measured in metrics:
        measured.flagged = flags.get(measured.unique_id, [])
    _warn_unmatched(session, project_stats, metrics)
    store = StateStore(session.ctx.project.state_dir / "state.db")
    store.record_metrics(run_id, history_target(session.ctx), metrics,
                         forget_before=retention_cutoff(session))
    return metrics


def _measured(node: Node) -> bool:
    """Whether the history measures this node's relation once it is built."""
    return node.kind in MEASURED_KINDS and node.relation is not None and \
        not (node.kind == "model" and node.materialized in UNMEASURED)


def _measure(session: Session, tables: list[MeasuredTable]) -> list[TableMetrics]:
    """The tables' measurements; a table the warehouse refuses to measure is warned about,
    not a failed run (nor is a catalog that cannot be read: then nothing is measured)."""
    def failed(table: MeasuredTable, err: DatanetError) -> None:
        LOG.warning("history: could not measure %s: %s", table.unique_id, err.message)

    try:
        return measure_many(session.adapter, tables, session.manifest.dialect,
                            session.ctx.project.root, failed, FileSourceRows(session))
    except DatanetError as err:
        LOG.warning("history: could not list the columns of the %d tables to measure: %s",
                    len(tables), err.message)
        return []


class FileSourceRows:
    """The measured rows of file sources (views over files), kept in the compile cache by
    their files' names, sizes and modification times, the signature the compiler already
    trusts for their schemas, samples and fingerprints: re-reading every file a run read was
    most of the history's time on a project whose files had not changed. Tables, views over
    warehouse tables, loaded (`load:`) and missing sources are measured every time."""

    NAMESPACE = "history_rows"

    def __init__(self, session: Session) -> None:
        self.ctx = session.ctx
        self.nodes = session.manifest.nodes

    def key(self, table: MeasuredTable, query: exp.Select, columns: list[ColumnInfo]
            ) -> str | None:
        from datanet_sql.compile.source_schemas import file_signature

        node = self.nodes.get(table.unique_id)
        config = node.config if node is not None else {}
        if node is None or node.kind != "source" or not config.get("path") or \
                config.get("missing") or self.ctx.sources_in_warehouse:
            return None
        try:
            _, files = file_signature(self.ctx, node, config["path"], config["format"],
                                      config["options"])
        except DatanetError:  # the files are gone: the warehouse says what it reads now
            return None
        return digest(files, query.sql(), [(c.name, c.type) for c in columns],
                      config.get("column_types"))

    def get(self, table: MeasuredTable, key: str) -> Sequence[Any] | None:
        return self.ctx.cache.get(self.NAMESPACE, table.unique_id, key)

    def put(self, table: MeasuredTable, key: str, row: Sequence[Any]) -> None:
        self.ctx.cache.put(self.NAMESPACE, table.unique_id, key, tuple(row))


def _tested_stats(manifest: Manifest) -> dict[str, dict[str, list[str]]]:
    """Table unique_id -> {column: stats} its anomaly tests score (recorded for every run, so
    the tests have a history to score against)."""
    asked: dict[str, dict[str, list[str]]] = {}
    for node in manifest.in_order("test"):
        table = (node.test or {}).get("measure")  # absent when the test was refused
        if (node.test or {}).get("name") == "anomaly" and table is not None:
            asked[table["unique_id"]] = merge_stats(asked.get(table["unique_id"], {}),
                                                    table.get("stats", {}))
    return asked


def _warn_unmatched(session: Session, project_stats: dict[str, list[str]],
                    metrics: list[TableMetrics]) -> None:
    """profile_metrics naming a column no measured table has as a number is said, not dropped."""
    found = {column.lower() for m in metrics for column in m.distribution}
    missing = sorted(c for c in project_stats if c.lower() not in found)
    if missing and metrics:
        LOG.warning("%s: profile_metrics column(s) %s: no measured table of this run has a "
                    "numeric column of that name, nothing recorded for them",
                    session.ctx.project.config_file, ", ".join(missing))


def _flags(manifest: Manifest, results: RunResults) -> dict[str, list[str]]:
    """Table unique_id -> the detector metrics its anomaly tests alerted on in this run."""
    flags: dict[str, list[str]] = {}
    for result in results.results:
        test = manifest.nodes[result.unique_id].test if result.flags else None
        if test is not None:
            flags.setdefault(test["measure"]["unique_id"], []).extend(result.flags)
    return flags


def retention_cutoff(session: Session) -> float:
    """Epoch seconds before which runs and measurements are dropped."""
    return time.time() - session.ctx.project.spec.history.retention_days * 86400


def share_run(session: Session, results: RunResults, metrics: list[TableMetrics]) -> None:
    """Write a finished run to the warehouse history when the project keeps one there. A
    failure warns (the run itself succeeded) and names the schema; state.db has the run."""
    try:
        shared = shared_history(session)
        if shared is not None:
            shared.publish(results, session.ctx.invocation_id, metrics,
                           retention_cutoff(session))
    except DatanetError as err:
        schema = session.ctx.project.spec.history.schema_
        LOG.warning("history: the run was not written to the warehouse schema %s (it is in "
                    ".datanet/state.db): %s", schema, err.render())
