"""dbt's on-run hooks as nodes: `operation.<owner>.<owner>-on-run-start-<index>`.

dbt 1.9 parses each on-run-start / on-run-end hook of the project and of every installed
package into a node of resource type `operation`: manifest.json lists it under `nodes`, and so
does `graph.nodes`, which packages walk (dbt-project-evaluator's `stg_nodes` has a row for each
and its DAG models join on them). Its config is the project's `models:` config at fqn
`[owner, "hooks", name]`, its tags start with the hook's kind, and its schema and alias come
from generate_schema_name / generate_alias_name as any node's do, so a project macro reading
`node.tags[0]` names the schema `..._on-run-start_...` as under dbt. These entries describe the
hooks only: they are run by `run/run_hooks.py`, never planned as nodes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from datanet_sql.adapters.base import Relation
from datanet_sql.artifacts.dbt_manifest import NODE_CONFIG_DEFAULTS, dbt_macro_names
from datanet_sql.compile.hook_render import run_hook_owners
from datanet_sql.config.dbt_packages import RUN_HOOK_KEYS
from datanet_sql.errors import ConfigError, DatanetError
from datanet_sql.project.macro_calls import direct_macros
from datanet_sql.project.nodes import jsonable

if TYPE_CHECKING:
    from datanet_sql.compile.context import CompileContext

# (name, config, the node as the naming macros see it) -> where the node would be built
Namer = Callable[[str, dict[str, Any], Callable[[], dict[str, Any]]], Relation]


def operation_entries(ctx: CompileContext, namer: Namer, macros: Collection[str],
                      database: str | None) -> dict[str, dict[str, Any]]:
    """Each on-run hook's manifest entry by dbt's unique id, in dbt's order (the packages'
    by name, then the project's; on-run-start before on-run-end): none for a datanet.yml
    project, whose hooks dbt never sees. `macros` are the `macro.<package>.<name>` ids the
    hooks' `depends_on.macros` are resolved against."""
    from datanet_sql.compile.passes.load import folder_config

    if not ctx.project.dbt_mode:
        return {}
    entries: dict[str, dict[str, Any]] = {}
    for key in RUN_HOOK_KEYS:
        for owner, texts, file in run_hook_owners(ctx, key):
            if not any(isinstance(t, str) and t.strip() for t in texts):
                continue  # as render_run_hooks: an owner with no hook to run has no node
            for index, text in enumerate(texts):
                if not isinstance(text, str):
                    continue  # refused, naming the file, when the hooks render
                name = f"{owner}-{key}-{index}"
                config = folder_config(ctx.project.spec.models, owner, f"models/hooks/{name}.sql")
                entry = _entry(owner, key, index, text, config, database)
                entry["depends_on"]["macros"] = direct_macros(
                    [text], macros, list(dict.fromkeys([owner, ctx.project.name])),
                    dbt_macro_names(), ctx.target)
                try:
                    relation = namer(name, config, lambda entry=entry: entry)
                except DatanetError as err:
                    raise ConfigError(f"{key} {index + 1} of {owner}: naming its node: "
                                      f"{err.message}", file=file, hint=err.hint) from None
                entry.update(schema=relation.schema, alias=relation.name)
                entries[entry["unique_id"]] = entry
    return entries


def _entry(owner: str, key: str, index: int, text: str, config: dict[str, Any],
           database: str | None) -> dict[str, Any]:
    """The entry before naming: what generate_schema_name is shown of the hook."""
    name = f"{owner}-{key}-{index}"
    tags = config.get("tags") or []
    tags = [tags] if isinstance(tags, str) else list(tags)
    written = jsonable({k: v for k, v in config.items() if k != "tags"})
    return {
        "database": database, "schema": None, "name": name, "resource_type": "operation",
        "package_name": owner, "path": f"hooks/{name}.sql",
        "original_file_path": "./dbt_project.yml",  # dbt's, for a package's hook too
        "unique_id": f"operation.{owner}.{name}", "fqn": [owner, "hooks", name], "alias": name,
        "checksum": {"name": "sha256", "checksum": hashlib.sha256(text.encode()).hexdigest()},
        "tags": [key, *(t for t in tags if t != key)], "description": "", "columns": {},
        "meta": {}, "group": None, "docs": {"show": True, "node_color": None},
        "patch_path": None, "build_path": None, "unrendered_config": {},
        "created_at": time.time(), "relation_name": None, "raw_code": text,
        "language": "sql", "refs": [], "sources": [], "metrics": [],
        "depends_on": {"macros": [], "nodes": []}, "compiled_path": None,
        "contract": {"enforced": False, "alias_types": True, "checksum": None},
        "index": index,
        "config": {"enabled": True, "tags": tags, "meta": {}, "materialized": "view",
                   **NODE_CONFIG_DEFAULTS, **written},
    }
