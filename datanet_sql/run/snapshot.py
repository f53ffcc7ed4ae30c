"""Run a snapshot: create its table on the first run, then record each run's changes.

A later run is one transaction: the staging table of changes, the columns the query gained,
the rows closed, the rows inserted and the staging table's drop all commit together, or none
does, so an error or an interrupt mid-way leaves the snapshot as the previous run left it. A
snapshot table is history that cannot be rebuilt from the source: a relation in its place that
is not a snapshot table is refused, never replaced.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation
from datanet_sql.compile.snapshots import settings_of
from datanet_sql.errors import ConfigError, RunFailedError
from datanet_sql.project.nodes import Node
from datanet_sql.run.materialize import Outcome, query_of
from datanet_sql.run.snapshot_sql import SnapshotSql

ENGINES = ("duckdb", "postgres", "spark")


def build_snapshot(adapter: Adapter, node: Node) -> Outcome:
    if adapter.dialect not in ENGINES:
        raise ConfigError(f"snapshot '{node.name}': snapshots run on {', '.join(ENGINES)}, "
                          f"not {adapter.dialect} yet", model=node.name,
                          hint="run snapshots on a DuckDB, Postgres or Spark target")
    sql = SnapshotSql(settings_of(node), adapter.dialect)
    relation = node.relation
    assert relation is not None, f"snapshot {node.name} has no relation after render"
    kind = adapter.relation_kind(relation)
    if kind is None:
        adapter.transaction([adapter.create_table_as(relation, sql.first_build(
            query_of(node, adapter)))])
        rows, _ = _counts(adapter, sql, relation)
        return Outcome(rows=rows, message="created snapshot table")
    return _record_changes(adapter, node, sql, _snapshot_table(adapter, node, sql, kind))


def _record_changes(adapter: Adapter, node: Node, sql: SnapshotSql,
                    table: list[ColumnInfo]) -> Outcome:
    """A later run: stage what changed since the last one, then apply it to the table (in
    place where the engine has transactions and UPDATE, else by a rebuild)."""
    relation = node.relation
    query = query_of(node, adapter)
    source = adapter.describe_query(query.sql(dialect=adapter.dialect))
    existing = [c.name for c in table]
    added = [c for c in source if c.name not in existing]
    if "dbt_is_deleted" in sql.settings.metas and sql.meta("dbt_is_deleted") not in existing:
        added.append(ColumnInfo(sql.meta("dbt_is_deleted"), "VARCHAR"))  # new_record set later
    rows_before, current_before = _counts(adapter, sql, relation)
    staging = adapter.temp_relation(relation)
    changes = adapter.create_table_as(staging, sql.changes(
        query, relation, [c.name for c in source], existing))
    staged = [c.name for c in source] + [sql.meta(meta) for meta in sql.settings.metas]
    if adapter.supports_transactions:
        _update_in_place(adapter, node, sql, changes, staging, staged, added)
    else:
        _rebuild(adapter, node, sql, changes, staging, staged, [
            *[(c.name, c.type, True) for c in table], *[(c.name, c.type, False) for c in added]])
    return _outcome(adapter, sql, relation, rows_before, current_before, len(added))


def _update_in_place(adapter: Adapter, node: Node, sql: SnapshotSql, changes: exp.Expression,
                     staging: Relation, staged: list[str], added: list[ColumnInfo]) -> None:
    """One transaction: add the new columns, stage the changes, close rows, insert rows."""
    relation = node.relation
    statements = [*[_add_column(adapter, relation, column) for column in added], changes,
                  sql.close_rows(relation, staging),
                  adapter.insert_into(relation, sql.inserted_rows(staging, staged), staged),
                  adapter.drop(staging)]
    with adapter.cleanup_on_failure(staging):
        adapter.transaction(statements)


def _rebuild(adapter: Adapter, node: Node, sql: SnapshotSql, changes: exp.Expression,
             staging: Relation, staged: list[str], table: list[tuple[str, str, bool]]) -> None:
    """Without transactions or UPDATE (Spark): stage the changes, write the whole new table
    under a temporary name, then swap it in by renames only, so the history is under one
    name or another at every moment (a failed rename puts the old table back)."""
    relation = node.relation
    rebuilt, backup = adapter.temp_relation(relation), adapter.temp_relation(relation)
    with adapter.cleanup_on_failure(staging, rebuilt):
        adapter.transaction([changes, adapter.create_table_as(
            rebuilt, sql.rebuilt(relation, staging, staged, table))])
        adapter.execute(adapter.rename(relation, backup.name))
        try:
            adapter.execute(adapter.rename(rebuilt, relation.name))
        except BaseException:
            adapter.execute(adapter.rename(backup, relation.name))
            raise
    adapter.transaction([adapter.drop(backup), adapter.drop(staging)])


def _outcome(adapter: Adapter, sql: SnapshotSql, relation: Relation, rows_before: int,
             current_before: int, added: int) -> Outcome:
    rows, current = _counts(adapter, sql, relation)
    inserted = rows - rows_before
    closed = current_before + inserted - current
    news = f", {added} new column{'s' if added != 1 else ''}" if added else ""
    return Outcome(rows=rows, message=f"{inserted} new, {closed} closed{news}")


def _snapshot_table(adapter: Adapter, node: Node, sql: SnapshotSql,
                    kind: str) -> list[ColumnInfo]:
    """The columns of the existing snapshot table; anything else in its place is refused."""
    columns = adapter.list_columns(node.relation) or []
    names = {c.name for c in columns}
    missing = [sql.meta(m) for m in ("dbt_scd_id", "dbt_valid_from", "dbt_valid_to")
               if sql.meta(m) not in names]
    if kind != "table" or missing:
        what = f"a {kind}" if kind != "table" else f"a table without {', '.join(missing)}"
        raise RunFailedError(f"snapshot '{node.name}': {node.relation} is {what}, not a "
                             f"snapshot table; it was left as it is", model=node.name,
                             hint="drop or rename it if it is not needed, or give the snapshot "
                                  "another alias or target_schema")
    return columns


def _add_column(adapter: Adapter, relation: Relation, column: ColumnInfo) -> exp.Alter:
    kind = exp.DataType.build(column.type, dialect=adapter.dialect, udt=True)
    return exp.Alter(this=relation.table(), kind="TABLE", actions=[
        exp.ColumnDef(this=exp.to_identifier(column.name, quoted=True), kind=kind)])


def _counts(adapter: Adapter, sql: SnapshotSql, relation: Relation) -> tuple[int, int]:
    row = adapter.fetch_one(sql.counts(relation))
    return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
