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
from datanet_sql.errors import ConfigError, did_you_mean
from datanet_sql.project.manifest import Manifest

MOCK_DATABASE = "mock.duckdb"


def profiles_dir(ctx: CompileContext) -> Path:
    return ctx.project.root / ctx.project.spec.paths.profiles


def profile_project(manifest: Manifest, ctx: CompileContext,
                    chosen: set[str]) -> list[tuple[Path, Any]]:
    """Profile the chosen sources (statistics in SQL, models from a sample) into profiles/;
    returns each file written with its TableProfile."""
    from datanet_sql.profile import load_profile, profile_path, profile_tables, save_profile

    groups: dict[int, tuple[Any, dict[tuple[str, str], Any], dict[tuple[str, str], Any],
                            dict[tuple[str, str], Any]]] = {}
    for node in manifest.in_order("source"):
        target = sampled_relation(ctx, node) if node.unique_id in chosen else None
        if target is None:
            continue
        adapter, relation, _ = target
        key = tuple(node.name.split(".", 1))
        _, relations, semantics, disclosures = groups.setdefault(id(adapter),
                                                                 (adapter, {}, {}, {}))
        relations[key] = relation
        semantics[key] = {c.name: c.semantic for c in node.columns.values() if c.semantic}
        disclosures[key] = _disclosure(node, semantics[key], ctx)
    written: list[tuple[Path, Any]] = []
    for adapter, relations, semantics, disclosures in groups.values():
        for profile in profile_tables(adapter, relations, semantics, disclosures,
                                      sample_rows=ctx.project.spec.profiling.sample_rows):
            path = profile_path(profiles_dir(ctx), profile.source, profile.table)
            if path.exists():
                _keep_confirmed(profile, load_profile(path))
            written.append((save_profile(profile, path), profile))
    _record_contracts(manifest, ctx, chosen)
    return written


def _disclosure(node: Any, semantics: dict[str, str], ctx: CompileContext) -> Any:
    """The source's `profiling:` as a Disclosure; personal data declared public is an error."""
    from datanet_sql.profile.disclosure import disclosure

    declared = (node.config.get("profiling") or {}).get("columns") or {}
    unknown = [name for name in declared if name not in node.columns]
    if unknown:
        raise ConfigError(
            f"source '{node.name}' declares `profiling:` for column '{unknown[0]}', which the "
            f"table does not have", file=node.path, line=node.line,
            hint=did_you_mean(unknown[0], node.columns).strip() or
            f"its columns: {', '.join(node.columns)}")
    found, refused = disclosure(node.config.get("profiling"), semantics, list(node.columns),
                                ctx.project.spec.profiling.min_category_count)
    if refused:
        name = refused[0]
        raise ConfigError(
            f"source column '{node.name}.{name}' is declared `public` but holds personal data "
            f"({semantics[name]}): its values are never written to a profile",
            file=node.path, line=node.line,
            hint=f"remove `profiling: {{public: true}}` from column '{name}', or set its "
                 f"`semantic:` if '{semantics[name]}' is wrong")
    return found


def _record_contracts(manifest: Manifest, ctx: CompileContext, chosen: set[str]) -> None:
    """The healing contract (value fingerprint) joins each new profile, so the next run finds
    its contract in place instead of rewriting a freshly committed file."""
    from datanet_sql.compile.heal_step import ContractBook
    from datanet_sql.run.contracts import accept, fingerprintable

    book = ContractBook(manifest, ctx)
    for node in manifest.in_order("source"):
        wanted = node.unique_id in chosen and fingerprintable(ctx, node)
        live = book.live(node) if wanted else None
        if live is not None:
            accept(book, node, live)


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
                scale: float | None = None, seed: int = 0,
                manifest: Manifest | None = None) -> dict[str, Any]:
    """Arrow tables keyed by `source.table`, generated from the committed profiles.

    With a compiled `manifest`, the project's declared tests shape the mocks too: accepted
    values and relationships traced back through lineage to the source columns they constrain.
    """
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
    accepted: dict[str, list[Any]] = {}
    if manifest is not None:
        accepted = declared_accepted_values(manifest)
        _add_declared_foreign_keys(chosen, manifest)
    return generate_mock(chosen, rows=rows, scale=scale, seed=seed, accepted_values=accepted)


def source_column(manifest: Manifest, node_id: str, column: str | None) -> str | None:
    """`source.table.column` a model column passes through from (a chain of single lineage)."""
    seen = 0
    while column is not None and seen < 50:
        node = manifest.nodes.get(node_id)
        if node is None:
            return None
        if node.kind == "source":
            return f"{node.name}.{column}"
        lineage = node.columns[column].lineage if column in node.columns else []
        if len(lineage) != 1:
            return None
        node_id, _, column = lineage[0].rpartition(".")
        seen += 1
    return None


def declared_accepted_values(manifest: Manifest) -> dict[str, list[Any]]:
    """accepted_values tests, as constraints on the source columns they trace back to."""
    accepted: dict[str, list[Any]] = {}
    for test in manifest.of_kind("test"):
        spec = test.test or {}
        if spec.get("name") != "accepted_values":
            continue
        target = source_column(manifest, spec["attached_node"], spec.get("column"))
        if target is not None:
            accepted[target] = list(spec["args"].get("values") or [])
    return accepted


def _add_declared_foreign_keys(profiles: list[Any], manifest: Manifest) -> None:
    """relationships tests become foreign keys the mock keeps intact."""
    by_name = {p.name: p for p in profiles}
    for test in manifest.of_kind("test"):
        spec = test.test or {}
        if spec.get("name") != "relationships" or len(test.depends_on) < 2:
            continue
        child = source_column(manifest, spec["attached_node"], spec.get("column"))
        field = spec["args"].get("field") or spec.get("column")
        parent = source_column(manifest, test.depends_on[1], field)
        if child is None or parent is None:
            continue
        child_table, _, child_col = child.rpartition(".")
        parent_table, _, parent_col = parent.rpartition(".")
        profile = by_name.get(child_table)
        if profile is None or parent_table not in by_name or parent_table == child_table:
            continue
        foreign = list(profile.keys.get("foreign") or [])
        if not any(fk.get("columns") == [child_col] for fk in foreign):
            foreign.append({"columns": [child_col], "references": parent_table,
                            "to": [parent_col]})
            profile.keys = {**profile.keys, "foreign": foreign}


def write_tables(ctx: CompileContext, adapter: Any, tables: dict[str, Any]) -> list[str]:
    """Load mock tables where the project's source() calls will look for them, each column
    cast to the type its profile recorded (nested and typed columns keep their real types)."""
    from datanet_sql.profile import load_profiles

    types = {p.name: {c.name: c.type for c in p.columns if c.type}
             for p in load_profiles(profiles_dir(ctx))}
    shared = adapter.dialect != "duckdb"
    relations = {f"{t.source.name}.{t.table.name}":
                 source_relation(t.source, t.table, ctx.schema, shared)
                 for t in ctx.project.source_tables}
    written = []
    for name, table in tables.items():
        relation = relations[name]
        adapter.execute(adapter.create_schema(relation.schema))
        adapter.load_arrow(relation, table)
        _cast_to_profile(adapter, relation, types.get(name, {}))
        written.append(str(relation))
    return written


def _cast_to_profile(adapter: Any, relation: Any, types: dict[str, str]) -> None:
    from sqlglot import exp

    live = adapter.list_columns(relation) or []
    if all(types.get(c.name, c.type).upper() == c.type.upper() for c in live):
        return
    projections = [exp.alias_(exp.cast(exp.column(c.name, quoted=True),
                                       exp.DataType.build(types[c.name], dialect=adapter.dialect)),
                              c.name, quoted=True) if c.name in types
                   else exp.column(c.name, quoted=True) for c in live]
    adapter.replace_table(relation, exp.select(*projections).from_(relation.table()))


def prepare_mock_warehouse(ctx: CompileContext, rows: int | None = None,
                           scale: float | None = None, seed: int = 0,
                           manifest: Manifest | None = None) -> dict[str, Any]:
    """A fresh DuckDB under .datanet/ holding a mock of every source; returns its target."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    path = ctx.project.state_dir / MOCK_DATABASE
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    target = {"name": "mock", "type": "duckdb", "path": str(path), "schema": "main"}
    adapter = DuckDBAdapter(target)
    try:
        write_tables(ctx, adapter, mock_tables(ctx, rows=rows, scale=scale, seed=seed,
                                               manifest=manifest))
    finally:
        adapter.close()
    return target
