"""The docs site's data: every source, seed and model with its columns, tests, lineage and
history, in the compact shape the page reads (one object, node ids as datanet names them).

Column lineage is resolved here to `[node id, column]` pairs, so the page walks upstream
columns with lookups instead of parsing ids; a lineage entry whose node is not in the project
(a relation read directly) is kept as written with an empty column.
"""

from __future__ import annotations

import time
from typing import Any

from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Column, Node

SHOWN = ("source", "seed", "model")


def docs_data(manifest: Manifest, runs: list[dict[str, Any]],
              history: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The object the page renders; `history` is per node id (observe/state.py's ids)."""
    shown = [node for node in manifest.in_order() if node.kind in SHOWN]
    ids = {node.unique_id for node in shown}
    tests = _tests_by_node(manifest, history)
    return {
        "project": manifest.project_name,
        "generated_at": time.time(),
        "runs": runs,
        "nodes": {node.unique_id: _node(node, ids, tests.get(node.unique_id, []),
                                        history.get(node.unique_id, []))
                  for node in shown},
    }


def _node(node: Node, ids: set[str], tests: list[dict[str, Any]],
          history: list[dict[str, Any]]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": node.name, "kind": node.kind, "path": node.path,
        "relation": ".".join(part for part in (node.relation.schema, node.relation.name) if part)
        if node.relation is not None else None,
        "materialized": node.materialized if node.kind == "model" else None,
        "description": node.description or "",
        "tags": list(node.tags),
        "parents": [uid for uid in node.depends_on if uid in ids],
        "columns": [_column(col, ids) for top in node.columns.values()
                    for col in top.flattened()],
        "tests": tests,
        "history": history,
    }
    if node.compiled_sql:
        entry["sql"] = node.compiled_sql
    return entry


def _column(col: Column, ids: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"name": col.name, "type": col.type or ""}
    if col.description:
        data["description"] = col.description
    if col.semantic:
        data["semantic"] = col.semantic
    if col.pii:
        data["pii"] = True
    if col.lineage:
        data["lineage"] = [_split(ref, ids) for ref in col.lineage]
    return data


def _split(ref: str, ids: set[str]) -> list[str]:
    """`source.raw.orders.amount` -> ["source.raw.orders", "amount"]: the longest prefix that
    is a node id (column names may hold dots: nested fields)."""
    parts = ref.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        head = ".".join(parts[:cut])
        if head in ids:
            return [head, ".".join(parts[cut:])]
    return [ref, ""]


def _tests_by_node(manifest: Manifest,
                   history: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Each data test under the node it tests, with its latest recorded result."""
    found: dict[str, list[dict[str, Any]]] = {}
    for test in manifest.of_kind("test"):
        spec = test.test or {}
        attached = spec.get("attached_node") or next(iter(test.depends_on), None)
        if attached is None:
            continue
        last = (history.get(test.unique_id) or [None])[-1]
        found.setdefault(attached, []).append({
            "name": test.name, "test": spec.get("name") or "", "column": spec.get("column"),
            "status": last["status"] if last else None,
            "message": last["message"] if last else "",
            "at": last["at"] if last else None})
    return found
