"""`--defer`: unselected parents are read from the relations the state manifest points at.

As in dbt: a parent that the run does not build is read from where the state's manifest says
it was built, when it does not exist in the current target (always, with `--favor-state`).
The state's relations are another schema of the same warehouse, or on DuckDB another database
file, attached read-only: the file of a target of targets.yml whose name the manifest gives as
its database, or `<database>.duckdb` beside the manifest; with `--mock`, the mock warehouse
saved beside it (`mock.duckdb`), which is what a CI job building on mocks keeps from main.
The selected nodes' compiled SQL is rewritten with sqlglot to read those relations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.artifacts.ids import database_of
from datanet_sql.errors import ConfigError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.state.prior import PriorNode, PriorState

ATTACHED = "datanet_state"  # the catalog name a deferred DuckDB file is attached as
_DEFERRABLE = ("model", "seed", "snapshot")
_SQL_FIELDS = ("compiled_sql", "compiled_incremental_sql", "compiled_rejects_sql")


@dataclass(frozen=True)
class Deferral:
    """What --defer was asked to do (the CLI builds it; the run applies it)."""

    state: PriorState
    favor_state: bool = False
    mock: bool = False
    targets: tuple[tuple[str, str], ...] = ()  # (database name, file) of DuckDB targets


@dataclass(frozen=True)
class Deferred:
    read: dict[str, str]  # each deferred parent's name -> the relation now read
    # views built over an attached file: they resolve only while it is attached (in runs
    # with --defer), so the run says so
    attached_views: list[str]


def defer(manifest: Manifest, chosen: set[str], deferral: Deferral,
          adapter: Adapter) -> Deferred:
    """Point the chosen nodes at the state's relations of the parents they do not build."""
    parents = {p for uid in chosen for p in manifest.nodes[uid].depends_on
               if p not in chosen and manifest.nodes[p].kind in _DEFERRABLE}
    moved: dict[tuple[str, str], exp.Table] = {}
    shown: dict[str, str] = {}
    for uid in sorted(parents):
        node, prior = manifest.nodes[uid], deferral.state.nodes.get(uid)
        if prior is None or prior.materialized == "ephemeral" or node.relation is None:
            continue
        if not deferral.favor_state and adapter.list_columns(node.relation) is not None:
            continue
        table = _state_table(prior, manifest, deferral, adapter)
        moved[(node.relation.schema or "", node.relation.name)] = table
        shown[node.name] = table.sql(dialect=adapter.dialect)
    views = [manifest.nodes[uid].name for uid in sorted(chosen) if moved and
             _rewrite(manifest.nodes[uid], moved, adapter.dialect) and
             manifest.nodes[uid].materialized == "view"]
    return Deferred(shown, views)


def _state_table(prior: PriorNode, manifest: Manifest, deferral: Deferral,
                 adapter: Adapter) -> exp.Table:
    database, schema, name = prior.relation
    catalog = None
    if deferral.mock or database and database != database_of(manifest.target):
        catalog = _attach(str(database), deferral, adapter)
    return exp.table_(str(name), db=str(schema) if schema else None, catalog=catalog,
                      quoted=True)


def _attach(database: str, deferral: Deferral, adapter: Adapter) -> str:
    """Attach the state's DuckDB file read-only (once) and return its catalog name."""
    if adapter.dialect != "duckdb":
        raise ConfigError(f"--defer: the state's relations are in database '{database}', and "
                          f"reading another database is supported on DuckDB only",
                          hint="build the state in the same database (another schema), or "
                               "defer on a DuckDB target")
    path = _database_file(database, deferral)
    attached = {row[0] for row in adapter.fetch("SELECT database_name FROM duckdb_databases()")[1]}
    if ATTACHED not in attached:
        adapter.execute(f"ATTACH '{_quoted(path)}' AS {ATTACHED} (READ_ONLY)")
    return ATTACHED


def _database_file(database: str, deferral: Deferral) -> Path:
    folder = deferral.state.folder
    name = "mock" if deferral.mock else database
    candidates = [folder / f"{name}.duckdb"]
    if not deferral.mock:
        candidates += [Path(path) for db, path in deferral.targets if db == database]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        raise ConfigError(f"--defer: the state's relations are in DuckDB database '{name}', "
                          f"and no file of it was found (looked for "
                          f"{', '.join(str(c) for c in candidates)})",
                          hint=f"save {name}.duckdb beside the state's manifest.json, or "
                               "define a target whose path is that file")
    return found


def _quoted(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def _rewrite(node: Node, moved: dict[tuple[str, str], exp.Table], dialect: str) -> bool:
    """Every read of a deferred parent's relation in the node's compiled SQL, replaced;
    whether one of them is now in an attached database."""
    attached = False

    def swap(table: exp.Expression) -> exp.Expression:
        nonlocal attached
        if not isinstance(table, exp.Table):
            return table
        target = moved.get((table.db, table.name))
        if target is None:
            return table
        attached = attached or bool(target.catalog)
        new = target.copy()
        for key, value in table.args.items():
            if key not in ("this", "db", "catalog") and value:
                new.set(key, value)
        return new

    for field in _SQL_FIELDS:
        sql = getattr(node, field)
        if sql:
            tree = exp.maybe_parse(sql, dialect=dialect)
            setattr(node, field, tree.transform(swap).sql(dialect=dialect))
    return attached
