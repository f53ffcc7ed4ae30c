"""dbt's `foreign_key` constraints (dbt 1.9's `to: ref('customers')` with `to_columns: [id]`;
column-level, or model-level with `columns:`), resolved to the parent node.

The model depends on its parent, as in dbt, so the parent is built first. The key is not
written into the table (a parent rebuilt by swapping in a new table would be blocked by a
key pointing at the old one, and DuckDB cannot add one later): the runner checks it when the
model's table is built, inside the build's transaction (`run/foreign_keys.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datanet_sql.errors import ConfigError, did_you_mean
from datanet_sql.project.foreign_key import ForeignKey
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

_NEW_SYNTAX = "write `to: ref('customers')` and `to_columns: [id]` (dbt 1.9's syntax)"


Locate = Callable[[str, Node], str]  # `ref('m')` / `source('s', 't')` -> the parent's node id


def resolve_foreign_keys(node: Node, manifest: Manifest, locate: Locate) -> list[ForeignKey]:
    """The model's foreign keys with their parents (found by the resolve pass's `locate`); a
    key that cannot be read is an error naming the model's YAML."""
    if node.spec is None:
        return []
    written = [([col.name], c) for col in node.column_specs for c in col.constraints
               if c.type == "foreign_key"]
    written += [(list(c.columns), c) for c in node.spec.constraints if c.type == "foreign_key"]
    return [_resolve(node, manifest, locate, columns, spec) for columns, spec in written]


def _resolve(node: Node, manifest: Manifest, locate: Locate, columns: list[str],
             spec: Any) -> ForeignKey:
    where: dict[str, Any] = {"file": node.spec_path or node.path, "line": node.spec_line,
                             "model": node.name}
    if not spec.to:
        said = " written as `expression:`, which datanet does not read;" if spec.expression \
            else " has no `to:`;"
        raise ConfigError(f"model '{node.name}': a foreign_key constraint{said} {_NEW_SYNTAX}",
                          **where)
    if not columns:
        raise ConfigError(f"model '{node.name}': a model-level foreign_key constraint needs "
                          f"`columns:`", hint="list the model's columns the key is made of",
                          **where)
    if len(spec.to_columns) != len(columns):
        raise ConfigError(f"model '{node.name}': foreign key ({', '.join(columns)}) -> "
                          f"{spec.to} names {len(spec.to_columns)} `to_columns:` for "
                          f"{len(columns)} column(s)", hint=_NEW_SYNTAX, **where)
    parent = locate(str(spec.to), node)
    if manifest.nodes[parent].kind == "model" and \
            manifest.nodes[parent].materialized == "ephemeral":
        raise ConfigError(f"model '{node.name}': foreign key ({', '.join(columns)}) -> "
                          f"{spec.to}, which is ephemeral: it has no table to look keys up in",
                          hint="materialize the parent as a table or view", **where)
    relation = manifest.nodes[parent].relation
    assert relation is not None, f"{parent} has no relation after render"
    name = spec.name or f"{node.name}_{'_'.join(columns)}_fkey"
    return ForeignKey(name, tuple(columns), parent, relation, tuple(spec.to_columns))


def check_foreign_key_columns(node: Node, manifest: Manifest) -> None:
    """After annotate: each key's columns are the model's, its `to_columns` the parent's."""
    where: dict[str, Any] = {"file": node.spec_path or node.path, "line": node.spec_line,
                             "model": node.name}
    for key in node.foreign_keys:
        parent = manifest.nodes[key.parent]
        for owner, names in ((node, key.columns), (parent, key.to_columns)):
            missing = next((n for n in names if owner.columns and owner.column(n) is None), None)
            if missing is not None:
                raise ConfigError(f"model '{node.name}': foreign key {key.name} names column "
                                  f"'{missing}', which {owner.kind} '{owner.name}' does not "
                                  f"have." + did_you_mean(missing, list(owner.columns)),
                                  column=missing, **where)
