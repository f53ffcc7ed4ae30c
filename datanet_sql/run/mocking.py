"""Profiles and mock data at the project level: `datanet profile`, `datanet mock`, `--mock` runs.

`run --mock` / `build --mock` generate every source from its committed profile into a fresh
mock warehouse (a DuckDB file under .datanet/) and build the whole project there: CI needs no
warehouse credentials and no production data. Where mocks may go is mock_place's decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.semantics_step import sampled_relation
from datanet_sql.errors import ConfigError, RelationNotFoundError, SelectionError, did_you_mean
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.mock_place import WarehousePlace, claim, register, warehouse_place

if TYPE_CHECKING:
    from datanet_sql.profile.model import TableProfile


def profiles_dir(ctx: CompileContext) -> Path:
    return ctx.project.root / ctx.project.spec.paths.profiles


def profile_project(manifest: Manifest, ctx: CompileContext,
                    chosen: set[str]) -> list[tuple[Path, Any]]:
    """Profile the chosen sources (statistics in SQL, models from a sample) into profiles/;
    returns each file written with its TableProfile."""
    from datanet_sql.profile import load_profile, profile_path, profile_tables, save_profile

    groups: dict[int, tuple[Any, dict[tuple[str, str], Any], dict[tuple[str, str], Any],
                            dict[tuple[str, str], Any]]] = {}
    nodes: dict[tuple[str, str], Node] = {}
    for node in manifest.in_order("source"):
        target = sampled_relation(ctx, node) if node.unique_id in chosen else None
        if target is None:
            continue
        adapter, relation, _ = target
        key = tuple(node.name.split(".", 1))
        nodes[key] = node
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
            _nested_fields(profile, nodes[(profile.source, profile.table)])
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
    from datanet_sql.run.contracts import fingerprintable

    book = ContractBook(manifest, ctx)
    for node in manifest.in_order("source"):
        wanted = node.unique_id in chosen and fingerprintable(ctx, node)
        live = book.live(node) if wanted else None
        if live is not None:
            book.accept(node, live)


def _nested_fields(profile: TableProfile, node: Node) -> None:
    """The fields of each STRUCT or JSON column as the compile inferred them: a postal code
    inside an address makes the address personal data in the profile as in `ls --columns`."""
    from datanet_sql.profile.model import field_entry

    for column in profile.columns:
        found = node.column(column.name)
        if found is None or not found.fields:
            continue
        column.fields = [field_entry(path, f.type, f.semantic, f.confidence, f.pii)
                         for path, f in found.fields.items()]
        column.pii = column.pii or any(f.pii for f in found.fields.values())


def _keep_confirmed(profile: Any, previous: Any) -> None:
    """A semantic type a person confirmed survives re-profiling, as do other layers' keys."""
    for column in profile.columns:
        old = previous.column(column.name)
        if old is not None and old.confirmed:
            column.semantic, column.confirmed = old.semantic, True
        if old is not None:
            column.extra = {**old.extra, **column.extra}
    profile.extra = {**previous.extra, **profile.extra}


def mock_tables(ctx: CompileContext, select: Iterable[str] = (), rows: int | None = None,
                scale: float | None = None, seed: int = 0,
                manifest: Manifest | None = None) -> dict[str, Any]:
    """Arrow tables keyed by `source.table`, generated from the committed profiles.

    `select` names source tables (`raw.orders`), whole sources (`raw`) or either as
    `source:...`; a selector that matches no source table is an error. With a compiled
    `manifest`, the project's declared tests shape the mocks too: accepted values and
    relationships traced back through lineage to the source columns they constrain.
    """
    from datanet_sql.mock import generate_mock
    from datanet_sql.profile import load_profiles

    directory = profiles_dir(ctx)
    profiles = load_profiles(directory) if directory.is_dir() else []
    wanted = selected_tables([f"{t.source.name}.{t.table.name}"
                              for t in ctx.project.source_tables], select)
    missing = sorted(wanted - {p.name for p in profiles})
    if missing:
        raise ConfigError(f"no profile for source table{'s' if len(missing) > 1 else ''} "
                          f"{', '.join(missing)}", file=str(directory),
                          hint="run `datanet profile` where the real data is, and commit profiles/")
    chosen = [p for p in profiles if p.name in wanted]
    for profile in chosen:
        _require_recipe(profile, directory)
    accepted: dict[str, list[Any]] = {}
    if manifest is not None:
        accepted = declared_accepted_values(manifest)
        _add_declared_foreign_keys(chosen, manifest)
    return generate_mock(chosen, rows=rows, scale=scale, seed=seed, accepted_values=accepted)


def selected_tables(names: list[str], select: Iterable[str]) -> set[str]:
    """The `source.table` names the selectors pick (all without selectors)."""
    terms = [term for selector in select for term in selector.split()]
    if not terms:
        return set(names)
    chosen: set[str] = set()
    for term in terms:
        body = term.removeprefix("source:")
        matched = {n for n in names if n == body or n.split(".", 1)[0] == body}
        if not matched:
            raise SelectionError(
                f"--select '{term}' matches no source table." + did_you_mean(body, names),
                hint=f"source tables: {', '.join(names) or 'none'} (or a source's name)")
        chosen |= matched
    return chosen


def _require_recipe(profile: TableProfile, directory: Path) -> None:
    """A mock needs each column's learned distribution; a profile `run` wrote holds only the
    healing contract (statistics, no distribution), from which a mock would be a guess. (An
    empty table has nothing to learn: its mock is empty.)"""
    from datanet_sql.profile import profile_path

    bare = [c.name for c in profile.columns if not c.distribution] if profile.row_count else []
    if bare:
        raise ConfigError(
            f"the profile of {profile.name} holds no mock recipe for column"
            f"{'s' if len(bare) > 1 else ''} {', '.join(bare)} (only the healing contract "
            f"a run records)", file=profile_path(directory, profile.source, profile.table),
            hint=f"run `datanet profile --select source:{profile.name}` where the real data "
                 f"is, and commit profiles/")


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


def _declared_links(manifest: Manifest) -> list[tuple[str | None, str | None]]:
    """(child, parent) source columns of each relationships test and one-column foreign_key
    constraint whose columns pass through from sources."""
    links = []
    for test in manifest.of_kind("test"):
        spec = test.test or {}
        if spec.get("name") == "relationships" and len(test.depends_on) >= 2:
            field = spec["args"].get("field") or spec.get("column")
            links.append((source_column(manifest, spec["attached_node"], spec.get("column")),
                          source_column(manifest, test.depends_on[1], field)))
    links += [(source_column(manifest, node.unique_id, key.columns[0]),
               source_column(manifest, key.parent, key.to_columns[0]))
              for node in manifest.models() for key in node.foreign_keys
              if len(key.columns) == 1]
    return links


def _add_declared_foreign_keys(profiles: list[Any], manifest: Manifest) -> None:
    """relationships tests and foreign_key constraints become foreign keys the mock keeps
    intact."""
    by_name = {p.name: p for p in profiles}
    for child, parent in _declared_links(manifest):
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


def write_tables(ctx: CompileContext, adapter: Adapter, place: WarehousePlace,
                 tables: dict[str, Any]) -> list[str]:
    """Load mock tables into their place (see mock_place), each column cast to the type its
    profile recorded (nested and typed columns keep their real types).

    Every relation is claimed, and recorded as a mock's, before the first is written: a
    refusal writes nothing, and a write that fails halfway leaves relations the next mock may
    replace.
    """
    from datanet_sql.profile import load_profiles

    types = {p.name: {c.name: c.type for c in p.columns if c.type}
             for p in load_profiles(profiles_dir(ctx))}
    relations = [place.relations[name] for name in tables]
    claim(adapter, relations)
    for schema in {str(r.schema) for r in relations}:
        adapter.execute(adapter.create_schema(schema))
    register(adapter, relations)
    for name, relation in zip(tables, relations):
        adapter.load_arrow(relation, tables[name])
        _cast_to_profile(adapter, relation, types.get(name, {}))
    return [str(r) for r in relations]


def write_to_warehouse(ctx: CompileContext,
                       tables: dict[str, Any]) -> tuple[WarehousePlace, list[str]]:
    """`datanet mock` without --out: into the mock warehouse, or `<schema>_mock` of a shared
    warehouse target; returns the place and the relations written."""
    from datanet_sql.adapters.registry import adapter_for

    place = warehouse_place(ctx, in_target=True)
    adapter = adapter_for(place.target["name"], place.target)
    try:
        return place, write_tables(ctx, adapter, place, tables)
    finally:
        adapter.close()


def _cast_to_profile(adapter: Adapter, relation: Relation, types: dict[str, str]) -> None:
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
    """A fresh mock warehouse holding a mock of every source; returns its target."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    place = warehouse_place(ctx)
    tables = mock_tables(ctx, rows=rows, scale=scale, seed=seed, manifest=manifest)
    path = Path(place.target["path"])
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    adapter = DuckDBAdapter(place.target)
    try:
        write_tables(ctx, adapter, place, tables)
    finally:
        adapter.close()
    return place.target


def existing_mock_warehouse(ctx: CompileContext) -> dict[str, Any]:
    """The mock warehouse's target, when a mock run or `datanet mock` has filled it with a
    mock of every source (models compile against those)."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    place = warehouse_place(ctx)
    if not Path(place.target["path"]).exists():
        raise RelationNotFoundError(
            f"there is no mock warehouse yet ({place.target['path']})",
            hint="run `datanet build --mock` (or `datanet mock`) first")
    adapter = DuckDBAdapter(place.target)
    try:
        missing = [name for name, relation in place.relations.items()
                   if adapter.list_columns(relation) is None]
    finally:
        adapter.close()
    if missing:
        raise RelationNotFoundError(
            f"the mock warehouse ({place.target['path']}) holds no mock of "
            f"{', '.join(missing)}", hint="run `datanet build --mock`, or `datanet mock` "
                                          "without --select")
    return place.target
