"""Materializations: how each step turns compiled SQL into warehouse objects via the adapter.

Every statement comes from the adapter's builders, so each warehouse spells them its own way.
A `table` is built under a temporary name and swapped in inside one transaction: a failure or
an interrupt leaves the previous table as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.compile.contracts import contract_enforced
from datanet_sql.config.duckdb_sources import reader_query
from datanet_sql.errors import ConfigError, RelationNotFoundError, RunFailedError, WarehouseError
from datanet_sql.ingest.files import resolve_path, scan_query
from datanet_sql.ingest.in_place import choose
from datanet_sql.project.nodes import MISSING_FAILS_READERS, READER, Node
from datanet_sql.project.seeds import seed_column_name
from datanet_sql.run.constraints import enforces, replace_constrained_table
from datanet_sql.run.foreign_keys import check_foreign_keys


@dataclass
class Outcome:
    rows: int | None = None
    message: str = ""
    failures: int | None = None  # tests: number of failing rows
    flags: list[str] = field(default_factory=list)  # anomaly tests: the metrics that alerted
    warning: bool = False  # done, with something the user must hear (the node's status: warn)
    response: dict[str, Any] | None = None  # the engine's report (dbt's adapter_response)


def query_of(node: Node, adapter: Adapter, incremental: bool = False) -> exp.Expression:
    """The compiled SQL as a tree, for statements that take the query apart (a merge on
    Spark selects from it, a snapshot describes it)."""
    sql = node.compiled_incremental_sql if incremental else node.compiled_sql
    return sqlglot.parse_one(sql or "", read=adapter.dialect)


def compiled_query(node: Node) -> exp.Expression:
    """The compiled SQL as it is, for a statement that only embeds it (`CREATE ... AS`, a
    subquery): parsing it back and generating it again cost as much as the rest of a run's
    bookkeeping (0.2-0.3 s of CPU per 100 models), for the same text.

    It can stand there unparsed because compile wrote it with sqlglot's generator in the
    target's dialect: one query, no `;`, comments as block comments (a `--` comment would
    swallow a closing parenthesis). `exp.Var` renders its text verbatim.
    """
    if not node.compiled_sql:
        raise RunFailedError(f"model '{node.name}' has no compiled SQL", model=node.name,
                             file=node.path, hint="run `datanet compile` and fix what it reports")
    return exp.Var(this=node.compiled_sql)


def built_rows(adapter: Adapter, node: Node, reported: int | None) -> int | None:
    """The rows of the table just built: what the build statement reported (DuckDB and
    Postgres count what a CREATE TABLE AS wrote), else counted with a query."""
    return reported if reported is not None else count_rows(adapter, node)


def count_rows(adapter: Adapter, node: Node) -> int | None:
    row = adapter.fetch_one(exp.select(exp.func("count", exp.Star())).from_(node.relation.table()))
    return int(row[0]) if row else None


def expose_source(adapter: Adapter, node: Node, root: str, in_warehouse: bool = False) -> Outcome:
    """File sources become readable relations: a view over the file on DuckDB, a load elsewhere.

    With `in_warehouse` (mock runs) the source is already a table: only check it is there.
    """
    path = None if in_warehouse else node.config.get("path")
    if node.config.get(READER) and not in_warehouse:
        return _expose_reader(adapter, node)
    if not path:
        if adapter.list_columns(node.relation) is None:
            if node.config.get(MISSING_FAILS_READERS):
                return Outcome(message=f"source table {node.relation} does not exist: the nodes "
                                       "reading it fail (dbt does not check sources)",
                               warning=True)
            raise RelationNotFoundError(f"source table {node.relation} does not exist",
                                        hint="check the source's `table:` or the warehouse")
        return Outcome(message="exists")
    try:
        chosen = choose(resolve_path(Path(root), path))
    except RelationNotFoundError as err:
        if not node.config.get(MISSING_FAILS_READERS):
            raise
        return Outcome(message=f"{err.message}: the nodes reading it fail (dbt does not "
                               "check sources)", warning=True)
    warnings = chosen.warnings(Path(root), path)
    if adapter.dialect == "duckdb":
        paths = chosen.duckdb_paths(adapter)
        adapter.replace_view(node.relation, scan_query(chosen.pattern, node.config["format"],
                                                        node.config.get("options"),
                                                        paths=paths))
        message = "view over file" if paths is None else chosen.listed_note(adapter, Path(root))
        return Outcome(message="\n".join([message, *warnings]), warning=bool(warnings))
    rows = adapter.load_file(node.relation, chosen.pattern, node.config["format"],
                             node.config.get("options"), paths=chosen.files)
    return Outcome(rows=rows, message="\n".join(["loaded", *warnings]), warning=bool(warnings))


def _expose_reader(adapter: Adapter, node: Node) -> Outcome:
    """A source read through a DuckDB table function call: a view over the call (load
    refused the call on other engines). A call that cannot read fails only its readers in a
    dbt project, as under dbt-duckdb."""
    try:
        adapter.replace_view(node.relation, reader_query(node.config[READER]))
    except WarehouseError as err:
        if not node.config.get(MISSING_FAILS_READERS):
            raise
        return Outcome(message=f"{node.config[READER]} does not read ({err.message}): the "
                               "nodes reading it fail", warning=True)
    return Outcome(message="view over a table function call")


def ingest_source(adapter: Adapter, node: Node, root: str, ledger_schema: str) -> Outcome:
    """A source table with `load:`: what has arrived since the last load, exactly once."""
    from datanet_sql.ingest.runner import load_node

    result = load_node(adapter, node, ledger_schema, Path(root))
    return Outcome(rows=result.rows, message="\n".join([f"ingested: {result.message}",
                                                        *result.warnings]),
                   warning=bool(result.warnings))


def expose_with_policy(adapter: Adapter, node: Node, root: str, in_warehouse: bool,
                       retries: int, backoff: float) -> Outcome:
    """Expose a source under its `on_source_outage` policy.

    retry: a few attempts with backoff, then the error. stale: the same, then the last good
    copy (kept after every successful read) stands in and the result says STALE. fail: once.
    """
    from datanet_sql.heal import with_outage_policy

    policy = str(node.config.get("on_source_outage") or "retry")
    last_good = node.relation.with_name(f"{node.relation.name}__last_good")

    def fallback() -> Outcome:
        if adapter.relation_kind(last_good) != "table":
            raise RelationNotFoundError(f"source {node.name} is unavailable and no last good "
                                        f"copy was kept yet", hint="restore the source")
        adapter.replace_view(node.relation, adapter.select_star(last_good))
        return Outcome(message=f"STALE: {node.name} unavailable, using the last good copy")

    try:
        result = with_outage_policy(lambda: expose_source(adapter, node, root, in_warehouse),
                                    policy, retries, backoff, fallback=fallback)
    except RelationNotFoundError as err:
        if node.config.get("moved_to"):
            from datanet_sql.compile.heal_step import moved_hint

            raise RelationNotFoundError(err.message, hint=moved_hint(node)) from None
        raise
    if policy == "stale" and not result.stale:
        adapter.replace_table(last_good, adapter.select_star(node.relation))
    if result.attempts > 1 and not result.stale:
        result.value.message += f" (after {result.attempts} attempts)"
    return result.value


def load_seed(adapter: Adapter, node: Node, root: str) -> Outcome:
    """A seed CSV as a table, with the types compile described (`column_types` honoured).

    On DuckDB the table is built from the very reader compile described (the declared types
    pinned in it). Other engines load the file into a staging table of a name unique to the
    load, then build the seed from it with the declared columns cast and the names
    `quote_columns: false` folds, in one swap: a value that does not cast fails the seed and
    leaves its previous table as it was.
    """
    path = resolve_path(Path(root), node.path)
    options = dict(node.config.get("options") or {})
    declared = node.config.get("column_types") or {}
    if adapter.dialect == "duckdb":  # names are kept as written: DuckDB ignores their case
        rows = adapter.replace_table(node.relation, scan_query(path, "csv", options, declared))
        return Outcome(rows=built_rows(adapter, node, rows), message="seeded")
    if not declared and node.config.get("quote_columns") is not False:
        return Outcome(rows=adapter.load_file(node.relation, path, "csv", options),
                       message="seeded")
    staging = adapter.temp_relation(node.relation)
    try:
        rows = adapter.load_file(staging, path, "csv", {**options, "text_columns": [*declared]})
        adapter.replace_table(node.relation, _cast_columns(adapter, node, staging, declared))
    except BaseException:
        with contextlib.suppress(Exception):  # the load's or the cast's error is the one to report
            adapter.execute(adapter.drop(staging))
        raise
    adapter.execute(adapter.drop(staging))
    return Outcome(rows=rows, message="seeded")


def _cast_columns(adapter: Adapter, node: Node, loaded: Relation,
                  declared: dict[str, str]) -> exp.Select:
    """SELECT every column of `loaded` under its seed name (`quote_columns`), the declared
    ones cast to their `column_types`."""
    projections = []
    for column in adapter.list_columns(loaded) or []:
        value: exp.Expression = exp.column(column.name, quoted=True)
        if column.name in declared:
            value = exp.cast(value, exp.DataType.build(str(declared[column.name]),
                                                       dialect=adapter.dialect))
        name = seed_column_name(node, column.name, adapter.dialect)
        projections.append(exp.alias_(value, name, quoted=True))
    return exp.select(*projections).from_(loaded.table())


def build_view(adapter: Adapter, node: Node) -> Outcome:
    adapter.replace_view(node.relation, compiled_query(node))
    return Outcome(message="created view")


def build_table(adapter: Adapter, node: Node) -> Outcome:
    rows = None
    if contract_enforced(node) and enforces(adapter):  # the engine checks the constraints
        replace_constrained_table(adapter, node, compiled_query(node))
    else:
        rows = adapter.replace_table(node.relation, compiled_query(node))
    return Outcome(rows=built_rows(adapter, node, rows), message="created table")


def build_incremental(adapter: Adapter, node: Node, full_refresh: bool) -> Outcome:
    """Merge, append or delete+insert the new rows; rebuild when the table is missing or on
    --full-refresh, unless the model says `full_refresh: false` (dbt: the config wins)."""
    if node.config.get("full_refresh") is not None:
        full_refresh = bool(node.config["full_refresh"])
    exists = adapter.relation_kind(node.relation) == "table"
    if full_refresh or not exists or not node.compiled_incremental_sql:
        outcome = build_table(adapter, node)
        outcome.message = "built incremental table (full)"
        return outcome
    before = count_rows(adapter, node) or 0
    strategy = str(node.config.get("incremental_strategy") or
                   ("merge" if node.config.get("unique_key") else "append"))
    with adapter.atomic():  # the new rows and the check of the foreign keys commit together
        adapter.transaction(_incremental_statements(adapter, node, strategy))
        if contract_enforced(node) and enforces(adapter):
            check_foreign_keys(adapter, node, node.relation)
    after = count_rows(adapter, node) or 0
    return Outcome(rows=after, message=f"{strategy}: {after - before:+d} rows")


def _incremental_statements(adapter: Adapter, node: Node, strategy: str) -> list[exp.Expression]:
    source = query_of(node, adapter, incremental=True)
    columns = list(node.columns)
    if strategy == "append":  # needs no key: only merge and delete+insert match rows
        return [adapter.insert_into(node.relation, source, columns)]
    if strategy == "merge":
        return adapter.merge_statements(node.relation, source, _unique_key(node), columns)
    if strategy == "delete+insert":
        return adapter.delete_insert_statements(node.relation, source, _unique_key(node),
                                                columns)
    raise ConfigError(f"incremental_strategy '{strategy}' is not one datanet runs (append, "
                      f"merge, delete+insert); the table is kept as it was", model=node.name,
                      file=node.path, hint="use one of those, or rebuild it in full with "
                      f"--full-refresh -s {node.name}")


def build_rejects(adapter: Adapter, node: Node, parent: Node) -> Outcome:
    """`<model>__rejects`: values no cleansing rule could parse; fails over max_reject_rate.

    Built before the model, so a model over its reject budget keeps its previous table.
    """
    relation = node.relation.with_name(f"{node.relation.name}__rejects")
    query = sqlglot.parse_one(node.compiled_rejects_sql or "", read=adapter.dialect)
    adapter.replace_table(relation, query)
    row = adapter.fetch_one(exp.select(exp.func("count", exp.Star())).from_(relation.table()))
    rejects = int(row[0]) if row else 0
    limit = node.config.get("max_reject_rate")
    if limit is not None and rejects:
        total = count_rows(adapter, parent) or 0
        rate = rejects / max(total, 1)
        if rate > float(limit):
            raise RunFailedError(
                f"{rejects} rejected values in {total} input rows ({rate:.1%}) exceed "
                f"max_reject_rate {float(limit):.1%}", model=node.name,
                hint=f"inspect {relation}, fix the rule options or raise max_reject_rate")
    return Outcome(rows=rejects, message=f"{rejects} rejects in {relation}" if rejects else "")


def _unique_key(node: Node) -> list[str]:
    key = node.config.get("unique_key")
    if not key:
        raise ConfigError(f"model '{node.name}' uses a merge strategy without unique_key",
                          file=node.path, model=node.name,
                          hint="set config(unique_key='id') or use incremental_strategy='append'")
    return [key] if isinstance(key, str) else list(key)
