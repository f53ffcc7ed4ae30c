"""Where mock data goes: decided here and only here, and never where real data lives.

Every mock is written to one of three places:

- the mock warehouse: a DuckDB file, `.datanet/mock.duckdb`, that holds mocks and what is built
  on them and nothing else. `build --mock` (and `run`/`test`/`seed --mock`) builds there, and
  `datanet mock` on a DuckDB target writes there, each source where `source()` finds it;
- on a shared warehouse target (Postgres, Spark), the schema `<target schema>_mock`, one table
  `<source>__<table>` per source table;
- files under `mock --out DIR`.

Guards, so that no path can overwrite real rows: a mock warehouse file that a target of
targets.yml uses as its database is refused; a mock schema that a source's real relation lives
in is refused; a mock replaces only a relation a mock wrote (each mock schema lists those in
`_datanet_mocks`), any other existing relation in its place is refused; a mock file that a
file source's `path:` would read, or one in a seed folder, is refused.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.passes.load import source_relation
from datanet_sql.config.targets import duckdb_targets
from datanet_sql.errors import ConfigError

MOCK_DATABASE = "mock.duckdb"
MOCK_SCHEMA_SUFFIX = "_mock"
REGISTRY = "_datanet_mocks"  # in each schema mocks write to: the tables they wrote
_REFUSED_HINT = "write the mocks elsewhere (`datanet mock --out DIR`), or drop that relation " \
                "yourself if you know it holds no real data"


@dataclass(frozen=True)
class WarehousePlace:
    """The target mocks are written through, and each source table's mock relation in it."""

    target: dict[str, Any]
    relations: dict[str, Relation]  # `source.table` -> relation


def mock_warehouse(ctx: CompileContext) -> dict[str, Any]:
    """The mock warehouse's target: a DuckDB file under .datanet/ that no target uses."""
    path = ctx.project.state_dir / MOCK_DATABASE
    clash = _duckdb_targets_at(ctx, path)
    if clash:
        raise ConfigError(f"target '{clash[0]}' uses {path}, the file datanet keeps mock data "
                          f"in (`build --mock` deletes and rewrites it)", file="targets.yml",
                          hint=f"give target '{clash[0]}' another `path:`")
    return {"name": "mock", "type": "duckdb", "path": str(path), "schema": "main"}


def warehouse_place(ctx: CompileContext, in_target: bool = False) -> WarehousePlace:
    """Where mock source tables go: the mock warehouse, where `source()` reads them in a mock
    run; or, `in_target` on a shared warehouse, the target's `<schema>_mock` schema."""
    tables = {f"{t.source.name}.{t.table.name}": t for t in ctx.project.source_tables}
    if not in_target or ctx.target["type"] == "duckdb":
        return WarehousePlace(mock_warehouse(ctx), {
            name: source_relation(t.source, t.table, "main", shared=False)
            for name, t in tables.items()})
    schema = f"{ctx.schema}{MOCK_SCHEMA_SUFFIX}"
    real = {source_relation(t.source, t.table, ctx.schema, shared=True): name
            for name, t in tables.items()}
    for relation, name in real.items():
        if relation.schema == schema:
            raise ConfigError(f"source '{name}' is the real relation {relation}, in {schema}, "
                              f"the schema mocks of target '{ctx.target['name']}' go to",
                              hint="rename the target's `schema:`, or use "
                                   "`datanet mock --out DIR`")
    return WarehousePlace(ctx.target, {name: Relation(f"{t.source.name}__{t.table.name}", schema)
                                       for name, t in tables.items()})


def claim(adapter: Adapter, relations: Iterable[Relation]) -> None:
    """Refuse, before anything is written, when a relation exists that no mock wrote."""
    for schema, wanted in _by_schema(relations).items():
        written = _registered(adapter, schema)
        for relation in wanted:
            if relation.name not in written and adapter.relation_kind(relation) is not None:
                raise ConfigError(f"refusing to write mock data into {relation}: it exists and "
                                  f"was not written by a mock, so it may hold real data",
                                  hint=_REFUSED_HINT)


def register(adapter: Adapter, relations: Iterable[Relation]) -> None:
    """Record the relations mocks wrote, so the next mock may replace them (and only them)."""
    import pyarrow as pa

    for schema, wrote in _by_schema(relations).items():
        names = sorted(_registered(adapter, schema) | {r.name for r in wrote})
        adapter.load_arrow(Relation(REGISTRY, schema), pa.table({"name": pa.array(names,
                                                                                  pa.string())}))


def file_place(ctx: CompileContext, names: Iterable[str], out: Path, fmt: str) -> dict[str, Path]:
    """`<out>/<source>.<table>.<fmt>` per table; refused where a file source would read it, or
    in a seed folder (a CSV there would be loaded as a real seed)."""
    files = {name: out / f"{name}.{fmt}" for name in names}
    root = ctx.project.root.resolve()
    for folder in ctx.project.spec.paths.seeds:
        if (root / folder).resolve() in (out.resolve(), *out.resolve().parents):
            raise ConfigError(f"refusing to write mock data to {out}: it is in the seed folder "
                              f"{folder}/, whose files `datanet seed` loads as real tables",
                              hint="choose an --out folder outside the project's folders")
    for located in ctx.project.source_tables:
        pattern = located.table.path
        if not pattern:
            continue
        full = Path(pattern) if Path(pattern).is_absolute() else root / pattern
        full_pattern = str(full / "*") if full.is_dir() else str(full)
        for path in files.values():
            if fnmatch.fnmatch(str(path.resolve()), full_pattern):
                raise ConfigError(f"refusing to write mock data to {path}: source "
                                  f"'{located.source.name}.{located.table.name}' reads "
                                  f"`{pattern}`, so the mock would become its real data",
                                  file=located.path, line=located.line,
                                  hint="choose an --out folder no source reads")
    return files


def _by_schema(relations: Iterable[Relation]) -> dict[str, list[Relation]]:
    grouped: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:
        grouped[str(relation.schema)].append(relation)
    return grouped


def _registered(adapter: Adapter, schema: str) -> set[str]:
    from sqlglot import exp

    registry = Relation(REGISTRY, schema)
    if adapter.relation_kind(registry) is None:
        return set()
    _, rows = adapter.fetch(exp.select(exp.column("name", quoted=True)).from_(registry.table()))
    return {str(row[0]) for row in rows}


def _duckdb_targets_at(ctx: CompileContext, path: Path) -> list[str]:
    """Targets of targets.yml whose DuckDB database is the file `path`."""
    return [name for name, resolved in duckdb_targets(ctx.project.root).items()
            if Path(resolved["path"]).resolve() == path.resolve()]
