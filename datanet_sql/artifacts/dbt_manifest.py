"""datanet's Manifest as dbt's manifest v12 (`target/manifest.json`).

Every node keeps dbt's fields with dbt's defaults; datanet's column lineage, semantic types,
PII flags, heals and refusals go into `meta.datanet` (of the node and of each column), where
dbt-ecosystem readers pass them through untouched.
"""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path, PurePosixPath
from typing import Any

from datanet_sql.artifacts.dbt_resources import dbt_resources, group_map, resource_entry
from datanet_sql.artifacts.ids import (
    MANIFEST_SCHEMA,
    TARGET_DIR,
    database_of,
    dbt_unique_id,
    metadata,
)
from datanet_sql.compile.contracts import contract_enforced
from datanet_sql.compile.versions import written_version
from datanet_sql.config.model_config import TEST_DEFAULTS
from datanet_sql.config.specs import ConstraintSpec
from datanet_sql.fs import atomic
from datanet_sql.project.fqn import LocalPath, file_in_package, fqn, local_path
from datanet_sql.project.macro_calls import direct_macros, hook_texts, test_macros
from datanet_sql.project.macros import macros_called
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Column, Node, jsonable

_RESOURCE = {"model": "model", "seed": "seed", "test": "test", "source": "source",
             "snapshot": "snapshot", "analysis": "analysis"}


def to_dbt_manifest(manifest: Manifest, invocation_id: str) -> dict[str, Any]:
    package = manifest.project_name
    database = database_of(manifest.target)
    nodes: dict[str, Any] = {}
    sources: dict[str, Any] = {}
    for node in manifest.in_order():
        if node.kind not in _RESOURCE:
            continue
        entry = _node(node, manifest, package, database)
        (sources if node.kind == "source" else nodes)[entry["unique_id"]] = entry
    nodes.update(manifest.operations)  # the on-run hooks, as dbt lists them
    parents = {uid: entry["depends_on"].get("nodes", []) for uid, entry in nodes.items()}
    parents.update({uid: [] for uid in sources})
    ids = {uid: dbt_unique_id(uid, manifest) for uid in manifest.nodes}  # once per node
    ids.update({uid: dbt_unique_id(uid, manifest) for node in manifest.nodes.values()
                for uid in node.depends_on if uid not in ids})
    children = {ids[uid]: [ids[c] for c in kids]
                for uid, kids in manifest.children().items() if ids[uid] in parents}
    children.update({uid: [] for uid in manifest.operations})
    head = metadata(MANIFEST_SCHEMA, invocation_id)
    head.update({"project_name": package,
                 "project_id": hashlib.md5(package.encode()).hexdigest(),
                 "user_id": None, "send_anonymous_usage_stats": False,
                 "adapter_type": manifest.target.get("type", "duckdb"),
                 "quoting": {"database": True, "schema": True, "identifier": True}})
    return {"metadata": head, "nodes": nodes, "sources": sources,
            "macros": {uid: _macro(uid, path, sql, manifest.macros)
                       for uid, (path, sql) in manifest.macros.items()},
            "docs": {},
            **dbt_resources(manifest), "selectors": {}, "disabled": {},
            "parent_map": parents, "child_map": children, "group_map": group_map(manifest),
            "unit_tests": {dbt_unique_id(node.unique_id, manifest): _unit_test(node, manifest)
                           for node in manifest.in_order("unit_test")}}


def _unit_test(node: Node, manifest: Manifest) -> dict[str, Any]:
    """dbt's unit test definition: the YAML entry as written, where it is, what it tests."""
    package = manifest.project_name
    written = node.spec.model_dump(mode="json", exclude={"config"}, exclude_none=True)
    return {**written, "resource_type": "unit_test", "package_name": package,
            "path": PurePosixPath(node.path).name, "original_file_path": node.path,
            "unique_id": dbt_unique_id(node.unique_id, manifest),
            "fqn": fqn(node, package, manifest.roots_of(node)),
            "depends_on": {"macros": [], "nodes": [dbt_unique_id(d, manifest)
                                                   for d in node.depends_on]},
            "config": {"tags": node.tags, "meta": node.config.get("meta", {}), "enabled": True},
            "description": node.description or ""}


def _macro(uid: str, path: str, sql: str,
           macros: dict[str, tuple[str, str]]) -> dict[str, Any]:
    _, package, name = uid.split(".", 2)
    return {"name": name, "resource_type": "macro", "package_name": package,
            "path": path, "original_file_path": path, "unique_id": uid, "macro_sql": sql,
            "depends_on": {"macros": [m for m in macros_called(sql, macros) if m != uid]},
            "description": "", "meta": {}, "docs": {"show": True, "node_color": None},
            "patch_path": None, "arguments": [], "created_at": 0.0,
            "supported_languages": None}


def write_dbt_manifest(manifest: Manifest, project_root: Path, invocation_id: str) -> Path:
    path = project_root / TARGET_DIR / "manifest.json"
    atomic.write_json(path, to_dbt_manifest(manifest, invocation_id))
    return path


def node_entry(node: Node, manifest: Manifest) -> dict[str, Any]:
    """One node as manifest.json holds it: also what templates see as `model` and in
    `graph.nodes` / `graph.sources` (packages walk them: depends_on, fqn, test_metadata)."""
    return _node(node, manifest, manifest.project_name, database_of(manifest.target))


def _node(node: Node, manifest: Manifest, package: str, database: str | None) -> dict[str, Any]:
    """The fields dbt writes for every resource, then the ones of its kind."""
    # a package's nodes: the path inside the package, as dbt
    original = local_path(node, manifest.roots_of(node))
    package = node.package or package
    schema = node.relation.schema if node.relation and node.kind != "test" else \
        manifest.target.get("schema")
    if node.kind == "test":  # dbt's test schema: generate_schema_name of its schema config
        schema = node.audit.schema if node.audit is not None else \
            f"{schema or 'main'}_{node.config.get('schema') or 'dbt_test__audit'}"
    entry: dict[str, Any] = {
        "database": database, "schema": schema or "main",
        "name": node.name if node.kind != "source" else node.name.split(".", 1)[-1],
        "resource_type": _RESOURCE[node.kind], "package_name": package,
        "path": _path(node, original), "original_file_path": original.path,
        "unique_id": dbt_unique_id(node.unique_id, manifest),
        "fqn": fqn(node, package, manifest.roots_of(node)),
        "description": node.description or "", "tags": node.tags,
        "columns": {name: _column(col, next((c.constraints for c in node.column_specs
                                              if c.name == name), []))
                    for name, col in node.columns.items()},
        "meta": {**jsonable(_user_meta(node)), "datanet": _node_extras(node)},
        "created_at": time.time(),
        "relation_name": _relation_name(node, database),
        "config": _config(node), "unrendered_config": {},
        "patch_path": _patch_path(node, package),
    }
    if node.kind == "source":
        entry.update(_source_fields(node))
    else:
        entry.update(_executable_fields(node, manifest))
    return entry


def _executable_fields(node: Node, manifest: Manifest) -> dict[str, Any]:
    """Seeds, models and tests; dbt's schema allows each kind its own fields and no others."""
    depends = [dbt_unique_id(uid, manifest) for uid in _parents_in_dbts_order(node)]
    macros = _macro_dependencies(node, manifest)
    fields: dict[str, Any] = {
        "alias": node.audit.name if node.audit is not None else
        str(node.config.get("alias") or node.name) if node.kind == "test" or
        node.relation is None else node.relation.name,
        "checksum": _checksum(node), "raw_code": node.raw_text.strip(),  # dbt strips files
        "docs": {"show": True, "node_color": None}, "group": node.config.get("group"),
        "build_path": None,
    }
    if node.kind == "seed":
        return {**fields, "depends_on": {"macros": []}, "root_path": None}
    fields.update({
        "language": "python" if node.is_python else "sql", "refs": [], "sources": [], "metrics": [],
        "depends_on": {"macros": macros, "nodes": depends},
        "compiled_path": node.compiled_path, "compiled": node.compiled_sql is not None,
        "compiled_code": node.compiled_sql, "extra_ctes_injected": True, "extra_ctes": [],
        "contract": {"enforced": contract_enforced(node), "alias_types": True,
                     "checksum": None},
    })
    for uid in node.depends_on:
        kind, _, rest = uid.partition(".")
        if kind == "source":
            fields["sources"].append(rest.split(".", 1))
        elif kind in ("model", "seed", "snapshot"):
            parent = manifest.nodes.get(uid)
            version = parent.version if parent is not None else None
            fields["refs"].append({"name": parent.spec.name if parent and version else rest,
                                   "package": None,
                                   "version": written_version(parent.spec, version)
                                   if parent and version else None})
    if node.kind == "test":
        return {**fields, **_test_fields(node, manifest)}
    if node.kind == "snapshot":
        return fields
    return {**fields, **_model_fields(node)}


def _macro_dependencies(node: Node, manifest: Manifest) -> list[str]:
    """dbt's `depends_on.macros`: the macros the node calls itself (`project/macro_calls.py`);
    a generic test's are its test macro's."""
    own = list(dict.fromkeys([node.package or manifest.project_name, manifest.project_name]))
    test = node.test or {}
    if node.kind == "test" and test.get("name") not in (None, "singular"):
        return test_macros(str(test["name"]), test.get("namespace"), manifest.macros, own)
    return direct_macros([node.raw_text, *hook_texts(node.config)], manifest.macros, own,
                         dbt_macro_names(), manifest.target)


@functools.cache
def dbt_macro_names() -> frozenset[str]:
    """The macros of dbt's own namespace datanet has (`macro.dbt.<name>` in dbt's graph)."""
    from datanet_sql.compile.dbt_crossdb import macro_names
    from datanet_sql.compile.dbt_jinja.registry import CONTEXT_MACROS

    naming = ("generate_schema_name", "generate_alias_name", "generate_database_name")
    return macro_names() | frozenset(CONTEXT_MACROS) | frozenset(naming)


def _model_fields(node: Node) -> dict[str, Any]:
    """Governance: access, constraints and a versioned model's name, version and alias."""
    spec = node.spec
    fields: dict[str, Any] = {
        "access": node.config.get("access") or "protected",
        "constraints": [dbt_constraint(c, column_level=False) for c in spec.constraints]
        if spec else [], "version": written_version(spec, node.version) if spec else None,
        "latest_version": written_version(spec, node.latest_version) if spec else None,
        "deprecation_date": _timestamp(spec.deprecation_date) if spec else None}
    if node.version is not None:
        fields.update({"name": spec.name, "alias": node.relation.name if node.relation
                       else node.name})
    return fields


def _timestamp(value: Any) -> str | None:
    """A date as dbt writes it: a UTC timestamp (`2024-01-01T00:00:00+00:00`)."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)).isoformat()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).isoformat()
    return None if value is None else str(value)


def _user_meta(node: Node) -> dict[str, Any]:
    """`meta:` as the project wrote it: the node's YAML entry under its config's."""
    written = getattr(node.spec, "meta", None) if node.spec is not None else None
    return {**(written if isinstance(written, dict) else {}),
            **(node.config.get("meta") or {})}


def _test_fields(node: Node, manifest: Manifest) -> dict[str, Any]:
    test = node.test or {}
    if test.get("name") == "singular":  # dbt's singular tests carry no generic test's fields
        return {}
    attached = test.get("attached_node")
    return {"column_name": test.get("column"), "file_key_name": None,
            "attached_node": dbt_unique_id(attached, manifest) if attached else None,
            "test_metadata": {"name": test.get("name"), "namespace": test.get("namespace"),
                              "kwargs": _test_kwargs(test, manifest)}}


def _test_kwargs(test: dict[str, Any], manifest: Manifest) -> dict[str, Any]:
    """dbt's `test_metadata.kwargs`: the arguments, `column_name` when the test is on a
    column, and `model` as the Jinja dbt renders it (`{{ get_where_subquery(ref('m')) }}`)."""
    kwargs = jsonable(dict(test.get("args", {})))
    if test.get("column") is not None:
        kwargs["column_name"] = test["column"]
    tested = manifest.nodes.get(test.get("attached_node") or "")
    if tested is None:
        return kwargs
    if tested.kind == "source":
        call = "source('{}', '{}')".format(*tested.name.split(".", 1))
    else:
        call = f"ref('{tested.spec.name if tested.version is not None else tested.name}')"
    kwargs["model"] = f"{{{{ get_where_subquery({call}) }}}}"
    return kwargs


def _parents_in_dbts_order(node: Node) -> list[str]:
    """A generic test's parents as dbt lists them: those its arguments name (`to:`,
    `compare_model:`) first, the tested node last (datanet keeps the tested node first)."""
    attached = (node.test or {}).get("attached_node")
    if node.kind != "test" or attached not in node.depends_on:
        return list(node.depends_on)
    return [uid for uid in node.depends_on if uid != attached] + [attached]


def _source_fields(node: Node) -> dict[str, Any]:
    source_name, _, table = node.name.partition(".")
    source = node.source_spec
    return {"source_name": source_name,
            "source_description": getattr(source, "description", None) or "",
            "loader": getattr(source, "loader", None) or "",
            "identifier": node.relation.name if node.relation else table,
            "quoting": {}, "loaded_at_field": node.config.get("loaded_at_field"),
            "freshness": _freshness(node.config.get("freshness")), "external": None,
            "source_meta": jsonable(getattr(source, "meta", None) or {})}


def _freshness(written: Any) -> dict[str, Any]:
    """A source's `freshness:` (its table's, else its source's) in dbt's shape (every key,
    unset ones null, as dbt 1.9 writes a source without one)."""
    written = written if isinstance(written, dict) else {}
    empty = {"count": None, "period": None}
    return {"warn_after": {**empty, **(written.get("warn_after") or {})},
            "error_after": {**empty, **(written.get("error_after") or {})},
            "filter": written.get("filter")}


def _column(col: Column, constraints: list[Any]) -> dict[str, Any]:
    extras = {key: value for key, value in col.to_dict().items()
              if key not in ("name", "type", "description")}
    return {"name": col.name, "description": col.description or "", "meta": {"datanet": extras},
            "data_type": col.type, "constraints": [dbt_constraint(c, column_level=True)
                                                   for c in constraints], "quote": None,
            "tags": [], "granularity": None}


def dbt_constraint(constraint: ConstraintSpec, column_level: bool) -> dict[str, Any]:
    """A constraint in dbt's shape: every field, unset ones null (dbt-project-evaluator
    prints them); a column's carries no `columns`."""
    return constraint.model_dump(exclude={"columns"} if column_level else None)


def _node_extras(node: Node) -> dict[str, Any]:
    extras: dict[str, Any] = {"unique_id": node.unique_id}
    for key in ("healing", "error", "notes"):
        if getattr(node, key):
            extras[key] = jsonable(getattr(node, key))
    return extras


# dbt's config of a model-like node (models, seeds, snapshots, on-run hooks) before the
# project's and the node's own
NODE_CONFIG_DEFAULTS: dict[str, Any] = {
    "alias": None, "schema": None, "database": None, "persist_docs": {}, "post-hook": [],
    "pre-hook": [], "quoting": {}, "column_types": {}, "full_refresh": None,
    "on_schema_change": "ignore", "grants": {}, "packages": [],
    "docs": {"show": True, "node_color": None},
    "contract": {"enforced": False, "alias_types": True}, "group": None}


def _config(node: Node) -> dict[str, Any]:
    config: dict[str, Any] = {"enabled": True, "tags": node.tags, "meta": {}}
    if node.kind in ("model", "seed", "snapshot"):
        config.update({"materialized": node.materialized, **NODE_CONFIG_DEFAULTS,
                       "access": "protected"})
    elif node.kind == "test":
        config.update({"materialized": "test", "severity": "ERROR", "store_failures": None,
                       "store_failures_as": None, "where": None, "limit": None,
                       **TEST_DEFAULTS})
    config.update(jsonable({k: v for k, v in node.config.items() if k != "tags"}))
    if node.kind == "model":
        config["contract"] = {"enforced": contract_enforced(node), "alias_types": True}
    if node.kind == "test":
        config["severity"] = str(config.get("severity", "error")).upper()
    return config


def _relation_name(node: Node, database: str | None) -> str | None:
    if node.relation is None or node.kind == "test" or node.materialized == "ephemeral":
        return None
    parts = [database, node.relation.schema, node.relation.name]
    return ".".join(f'"{part}"' for part in parts if part)


def _checksum(node: Node) -> dict[str, str]:
    """dbt's: the sha256 of the node's file, stripped (a seed's from load, or its path when
    it is too big to hash); a generic test has no file of its own."""
    if _is_generic_test(node):
        return {"name": "none", "checksum": ""}
    if node.kind == "seed":
        return {"name": "sha256", "checksum": node.checksum} if node.checksum else \
            {"name": "path", "checksum": local_path(node).path}
    text = (node.raw_text or node.compiled_sql or "").strip()
    return {"name": "sha256", "checksum": hashlib.sha256(text.encode()).hexdigest()}


def _is_generic_test(node: Node) -> bool:
    return node.kind == "test" and (node.test or {}).get("name") not in (None, "singular")


def _path(node: Node, original: LocalPath) -> str:
    """dbt's `path`: inside the resource folder; a source's is its YAML file's, a generic
    test's the SQL file dbt makes up for it (`<test name>.sql`), an analysis' under
    `analysis/`."""
    if node.kind == "source":
        return original.path
    if node.kind == "analysis":  # dbt's quirk: its compiled folder's name
        return f"analysis/{original.in_folder}"
    return f"{node.name}.sql" if _is_generic_test(node) else original.in_folder


def _patch_path(node: Node, package: str) -> str | None:
    """The YAML file that describes a model, seed or snapshot, as dbt writes it:
    `<package>://models/schema.yml`."""
    if node.spec_path is None or node.kind in ("source", "test"):
        return None
    return f"{package}://{file_in_package(node.spec_path, bool(node.package)).path}"


# the keys of dbt's `ls --output json` that datanet's own record of a node lacks (its
# `unique_id` and `depends_on` stay datanet's: `dbt_unique_id` is dbt's id)
_LS_KEYS = ("package_name", "original_file_path", "alias", "tags", "fqn", "source_name")


def ls_fields(node: Node | Any, manifest: Manifest) -> dict[str, Any]:
    """What `datanet ls --output json` adds to a node's (or a resource's) own record: dbt's
    `ls` keys it lacks and dbt's id, so a script written against `dbt ls` finds them."""
    from datanet_sql.project.resources import Resource

    entry = resource_entry(node, manifest) if isinstance(node, Resource) else \
        _unit_test(node, manifest) if node.kind == "unit_test" else \
        node_entry(node, manifest) if node.kind in _RESOURCE else None
    if entry is None:  # an on-run hook: dbt's ls does not list them
        return {}
    return {"dbt_unique_id": entry["unique_id"],
            **{key: entry[key] for key in _LS_KEYS if key in entry}}
