"""dbt's `target/catalog.json` (catalog v1): every relation's columns and types.

dbt fills it by querying the warehouse's information schema; datanet already knows each
column's type from compiling (checked against the warehouse for table sources), so the catalog
is written from the manifest and needs no connection. dbt-ecosystem tools (dbt docs readers,
data catalogs' dbt importers) read it beside manifest.json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.artifacts.ids import TARGET_DIR, database_of, dbt_unique_id, metadata
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

CATALOG_SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json"
_NO_STATS = {"has_stats": {"id": "has_stats", "label": "Has Stats?", "value": False,
                           "include": False, "description": "Indicates whether there are "
                           "statistics for this table"}}


def to_catalog(manifest: Manifest, invocation_id: str) -> dict[str, Any]:
    database = database_of(manifest.target)
    nodes: dict[str, Any] = {}
    sources: dict[str, Any] = {}
    for node in manifest.in_order("source", "seed", "model"):
        if node.relation is None or node.materialized == "ephemeral" and node.kind == "model":
            continue  # no relation in the warehouse
        uid = dbt_unique_id(node.unique_id, manifest)
        (sources if node.kind == "source" else nodes)[uid] = _entry(node, uid, database,
                                                                    manifest)
    return {"metadata": metadata(CATALOG_SCHEMA, invocation_id), "nodes": nodes,
            "sources": sources, "errors": None}


def write_catalog(manifest: Manifest, project_root: Path, invocation_id: str) -> Path:
    path = project_root / TARGET_DIR / "catalog.json"
    atomic.write_json(path, to_catalog(manifest, invocation_id))
    return path


def _entry(node: Node, uid: str, database: str | None, manifest: Manifest) -> dict[str, Any]:
    relation = node.relation
    assert relation is not None
    kind = "table" if node.kind in ("source", "seed") or node.materialized in (
        "table", "incremental", "snapshot") else "view"
    return {
        "metadata": {"type": kind.upper() if kind == "view" else "BASE TABLE",
                     "schema": relation.schema or manifest.target.get("schema") or "main",
                     "name": relation.name, "database": database, "comment": None,
                     "owner": None},
        "columns": {name: {"type": col.type or "UNKNOWN", "index": index, "name": name,
                           "comment": col.description or None}
                    for index, (name, col) in enumerate(node.columns.items(), start=1)},
        "stats": _NO_STATS, "unique_id": uid,
    }
