"""Profiles and mock data at the project level: `datanet profile`, `datanet mock`, `--mock` runs.

`run --mock` / `build --mock` generate every source from its committed profile into a fresh
DuckDB under .datanet/ and build the whole project there: CI needs no warehouse credentials
and no production data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.passes.load import source_relation
from datanet_sql.compile.semantics_step import sampled_relation
from datanet_sql.errors import ConfigError
from datanet_sql.project.manifest import Manifest

MOCK_DATABASE = "mock.duckdb"


def profiles_dir(ctx: CompileContext) -> Path:
    return ctx.project.root / ctx.project.spec.paths.profiles


def profile_project(manifest: Manifest, ctx: CompileContext, chosen: set[str]) -> list[Path]:
    """Profile the chosen sources (statistics in SQL, models from a sample) into profiles/."""
    from datanet_sql.profile import load_profile, profile_path, profile_tables, save_profile

    groups: dict[int, tuple[Any, dict[tuple[str, str], Any], dict[tuple[str, str], Any]]] = {}
    for node in manifest.in_order("source"):
        target = sampled_relation(ctx, node) if node.unique_id in chosen else None
        if target is None:
            continue
        adapter, relation, _ = target
        key = tuple(node.name.split(".", 1))
        _, relations, semantics = groups.setdefault(id(adapter), (adapter, {}, {}))
        relations[key] = relation
        semantics[key] = {c.name: c.semantic for c in node.columns.values() if c.semantic}
    written: list[Path] = []
    k = ctx.project.spec.profiling.min_category_count
    for adapter, relations, semantics in groups.values():
        for profile in profile_tables(adapter, relations, semantics, k=k,
                                      sample_rows=ctx.project.spec.profiling.sample_rows):
            path = profile_path(profiles_dir(ctx), profile.source, profile.table)
            if path.exists():
                _keep_confirmed(profile, load_profile(path))
            written.append(save_profile(profile, path))
    return written


def _keep_confirmed(profile: Any, previous: Any) -> None:
    """A semantic type a person confirmed survives re-profiling, as do other layers' keys."""
    for column in profile.columns:
        old = previous.column(column.name)
        if old is not None and old.confirmed:
            column.semantic, column.confirmed = old.semantic, True
        if old is not None:
            column.extra = {**old.extra, **column.extra}
    profile.extra = {**previous.extra, **profile.extra}


def mock_tables(ctx: CompileContext, select: set[str] | None = None, rows: int | None = None,
                scale: float | None = None, seed: int = 0) -> dict[str, Any]:
    """Arrow tables keyed by `source.table`, generated from the committed profiles."""
    from datanet_sql.mock import generate_mock
    from datanet_sql.profile import load_profiles

    directory = profiles_dir(ctx)
    profiles = load_profiles(directory) if directory.is_dir() else []
    wanted = {f"{t.source.name}.{t.table.name}" for t in ctx.project.source_tables}
    missing = sorted(wanted - {p.name for p in profiles})
    if missing:
        raise ConfigError(f"no profile for source table{'s' if len(missing) > 1 else ''} "
                          f"{', '.join(missing)}", file=str(directory),
                          hint="run `datanet profile` where the real data is, and commit profiles/")
    chosen = [p for p in profiles if p.name in wanted and (select is None or p.name in select)]
    return generate_mock(chosen, rows=rows, scale=scale, seed=seed)


def write_tables(ctx: CompileContext, adapter: Any, tables: dict[str, Any]) -> list[str]:
    """Load mock tables where the project's source() calls will look for them."""
    shared = adapter.dialect != "duckdb"
    relations = {f"{t.source.name}.{t.table.name}":
                 source_relation(t.source, t.table, ctx.schema, shared)
                 for t in ctx.project.source_tables}
    written = []
    for name, table in tables.items():
        relation = relations[name]
        adapter.execute(adapter.create_schema(relation.schema))
        adapter.load_arrow(relation, table)
        written.append(str(relation))
    return written


def prepare_mock_warehouse(ctx: CompileContext, rows: int | None = None,
                           scale: float | None = None, seed: int = 0) -> dict[str, Any]:
    """A fresh DuckDB under .datanet/ holding a mock of every source; returns its target."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    path = ctx.project.state_dir / MOCK_DATABASE
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    target = {"name": "mock", "type": "duckdb", "path": str(path), "schema": "main"}
    adapter = DuckDBAdapter(target)
    try:
        write_tables(ctx, adapter, mock_tables(ctx, rows=rows, scale=scale, seed=seed))
    finally:
        adapter.close()
    return target
