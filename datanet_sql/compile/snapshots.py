"""Snapshots as nodes: `{% snapshot %}` blocks of the snapshot folders and YAML-defined ones.

A snapshot is a node of kind `snapshot` (`snapshot.<name>`) whose SQL is the block's SELECT
(or `select * from <relation>` for one defined in YAML). It goes through the same passes as a
model: render (its `config()` calls), parse, resolve (its refs and sources, and models may
ref() it), annotate (its query's columns, plus the meta columns the snapshot table adds, so
the models reading it are checked against the real table) and emit. The runner keeps its
history (`run/snapshot.py`).
"""

from __future__ import annotations

import re
from typing import Any

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.passes.load import (
    kind_folder_config,
    merge_config,
    package_name_at,
    specs_by_name,
)
from datanet_sql.config.project import Located, ProjectFile
from datanet_sql.config.snapshot_config import SnapshotSettings, snapshot_settings
from datanet_sql.errors import ConfigError
from datanet_sql.project.nodes import Column, Node

_RELATION = re.compile(r"""^\s*(ref|source)\s*\(.*\)\s*$""", re.DOTALL)


def snapshot_nodes(ctx: CompileContext) -> tuple[list[Node], list[str]]:
    """Every snapshot of the project, and warnings for YAML entries that describe none."""
    project = ctx.project
    specs = specs_by_name(project.snapshot_specs, "snapshot")
    nodes: list[Node] = []
    env = None
    for file in project.snapshots:
        if "snapshot" not in file.text:
            continue
        if env is None:  # Jinja is imported only for a project that has snapshot files
            from datanet_sql.compile.snapshot_block import snapshot_blocks
            from datanet_sql.config.sandbox import sandbox

            env = sandbox()
        for name, line in snapshot_blocks(env, file.text, file.path):
            spec = specs.pop(name, None)
            if spec is not None and spec.spec.relation is not None:
                raise ConfigError(f"snapshot '{name}' is defined twice: in {file.path} and by "
                                  f"`relation:` in YAML", file=spec.path, line=spec.line,
                                  hint="remove one of them")
            nodes.append(_block_node(name, file, line, spec, ctx))
    warnings = []
    for name, located in specs.items():
        if located.spec.relation is None:
            warnings.append(f"{located.path}:{located.line}: snapshot '{name}' is described but "
                            f"has no `relation:` and no {{% snapshot {name} %}} block; ignored")
            continue
        nodes.append(_yaml_node(located, ctx))
    return nodes, warnings


def _block_node(name: str, file: ProjectFile, line: int, spec: Located | None,
                ctx: CompileContext) -> Node:
    node = Node(f"snapshot.{name}", name, "snapshot", file.path, line, raw_text=file.text,
                checksum=file.checksum, package=package_name_at(ctx, file.path))
    node.config = _config(ctx, file.path, spec)
    if spec is not None:
        _describe(node, spec)
    return node


def _yaml_node(located: Located, ctx: CompileContext) -> Node:
    """dbt 1.9's YAML snapshot: `relation: ref('m')` (or a source) snapshotted as it is."""
    spec = located.spec
    if not _RELATION.match(spec.relation):
        raise ConfigError(f"snapshot '{spec.name}': relation `{spec.relation}` is not a ref() "
                          f"or a source()", file=located.path, line=located.line,
                          model=spec.name,
                          hint="write relation: ref('model') or relation: source('src', 'table')")
    text = f"select * from {{{{ {spec.relation.strip()} }}}}"
    node = Node(f"snapshot.{spec.name}", spec.name, "snapshot", located.path, located.line,
                raw_text=text, checksum=digest(spec.model_dump(mode="json")),
                package=package_name_at(ctx, located.path))
    node.config = _config(ctx, located.path, located)
    _describe(node, located)
    return node


def _config(ctx: CompileContext, path: str, spec: Located | None) -> dict[str, Any]:
    """dbt's precedence: `snapshots:` folder config (a package's own, then the project's) <
    the YAML entry's `config:` (< the block's `config()`, merged by the render pass)."""
    config = kind_folder_config(ctx, "snapshots", path)
    if spec is not None:
        merge_config(config, {k.lstrip("+"): v for k, v in spec.spec.config.items()})
    config["materialized"] = "snapshot"
    return config


def _describe(node: Node, located: Located) -> None:
    node.description = located.spec.description
    node.column_specs = list(located.spec.columns)
    node.spec = located.spec
    node.spec_path, node.spec_line = located.path, located.line


def snapshot_relation(node: Node, named: Relation) -> Relation:
    """Where the snapshot table lives: in `target_schema` as written (dbt's older key), else
    where a model of its name and config would (`named`: `schema`, `alias` and the project's
    generate_schema_name/generate_alias_name, as dbt 1.9 does)."""
    target_schema = node.config.get("target_schema")
    return Relation(named.name, str(target_schema)) if target_schema else named


def settings_of(node: Node) -> SnapshotSettings:
    """The snapshot's checked settings (a ConfigError names the snapshot and the key)."""
    return snapshot_settings(node.config, name=node.name, file=node.spec_path or node.path,
                             line=node.line)


def add_meta_columns(node: Node) -> None:
    """The columns the snapshot table has besides its query's: the dbt_* meta columns, typed
    as the runner writes them (validity timestamps have the type of `updated_at`)."""
    settings = settings_of(node)
    stamp = "TIMESTAMP"
    if settings.strategy == "timestamp":
        found = node.column(str(settings.updated_at))
        stamp = (found.type if found is not None else None) or stamp
    types = {"dbt_scd_id": "VARCHAR", "dbt_updated_at": stamp, "dbt_valid_from": stamp,
             "dbt_valid_to": stamp, "dbt_is_deleted": "VARCHAR"}
    for meta in settings.metas:
        name = settings.column(meta)
        if node.column(name) is not None:
            raise ConfigError(f"snapshot '{node.name}': its query has a column '{name}', the "
                              f"name of a meta column the snapshot adds", column=name,
                              hint="rename that column in the query, or the meta column with "
                                   "snapshot_meta_column_names")
        node.columns[name] = Column(name, types[meta])
