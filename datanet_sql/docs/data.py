"""The docs site's data: every source, seed and model with its columns, tests, lineage,
history, measurements and alerts, in the compact shape the page reads (one object, node ids as
datanet names them), plus the project's status (`datanet status`'s data).

Column lineage is resolved here to `[node id, column]` pairs, so the page walks upstream
columns with lookups instead of parsing ids; a lineage entry whose node is not in the project
(a relation read directly) is kept as written with an empty column.
"""

from __future__ import annotations

import re
import time
from typing import Any

from datanet_sql.docs.history import SiteHistory
from datanet_sql.observe.anomaly.series import METRICS
from datanet_sql.observe.state import FRESHNESS
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Column, Node

SHOWN = ("source", "seed", "model")
ALERTED = ("warn", "fail")  # an anomaly test's statuses that are alerts (error: it broke)
# one reason of an anomaly test's message: "row_count 120 outside ..." or "id: null_rate ..."
_REASON = re.compile(rf"^(?:(?P<column>[^:;]+): )?(?P<metric>{'|'.join(METRICS)})\b")


def docs_data(manifest: Manifest, history: SiteHistory,
              status: dict[str, Any]) -> dict[str, Any]:
    """The object the page renders; history is per node id (observe/state.py's ids)."""
    shown = [node for node in manifest.in_order() if node.kind in SHOWN]
    ids = {node.unique_id for node in shown}
    tests = _tests_by_node(manifest, history.nodes)
    alerts = _alerts_by_node(manifest, history.nodes)
    return {
        "project": manifest.project_name,
        "generated_at": time.time(),
        "runs": history.runs,
        "status": _link_status(manifest, status, ids),
        "nodes": {node.unique_id: _node(node, ids, history, tests.get(node.unique_id, []),
                                        alerts.get(node.unique_id, []))
                  for node in shown},
    }


def _node(node: Node, ids: set[str], history: SiteHistory, tests: list[dict[str, Any]],
          alerts: list[dict[str, Any]]) -> dict[str, Any]:
    """A node's page data; its `source freshness` results are kept apart from its runs (the
    newest is the freshness shown, the rest would read as builds in the history chart)."""
    results = history.nodes.get(node.unique_id, [])
    checks = [r for r in results if r["command"] == FRESHNESS]
    return {
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
        "history": [r for r in results if r["command"] != FRESHNESS],
        "freshness": ({key: checks[-1][key] for key in ("status", "message", "at")}
                      if checks else None),
        "metrics": history.metrics.get(node.unique_id, []),
        "alerts": alerts,
    }


def compiled_sql(manifest: Manifest) -> dict[str, str]:
    """Each shown node's compiled SQL, kept out of `docs_data`: it is half the bytes of a large
    project's data and no first view needs it, so the page loads it after drawing."""
    return {node.unique_id: node.compiled_sql for node in manifest.in_order()
            if node.kind in SHOWN and node.compiled_sql}


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
    head, _, column = ref.rpartition(".")
    if head in ids:  # the common case, tried first: a 1,000-model project has 10,000 refs
        return [head, column]
    parts = ref.split(".")
    for cut in range(len(parts) - 2, 0, -1):
        head = ".".join(parts[:cut])
        if head in ids:
            return [head, ".".join(parts[cut:])]
    return [ref, ""]


def _link_status(manifest: Manifest, status: dict[str, Any], ids: set[str]) -> dict[str, Any]:
    """Each node `status` names gets the shown node it is about (a test's: the node it
    tests), so the front page links to that node's page."""
    for target in status.get("targets", []):
        for item in (*target["failed"], *target["late"], *target["anomalies"]):
            node = manifest.nodes.get(item["unique_id"])
            about = _attached(node) if node is not None and node.kind == "test" \
                else item["unique_id"]
            item["node"] = about if about in ids else None
    return status


def _attached(test: Node) -> str | None:
    """The node a data test tests."""
    return (test.test or {}).get("attached_node") or next(iter(test.depends_on), None)


def _alerts_by_node(manifest: Manifest,
                    history: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Every alert its anomaly tests raised in the runs kept, one entry per reason, with the
    metric (and column) it names so the page marks it on that metric's chart."""
    found: dict[str, list[dict[str, Any]]] = {}
    for test in manifest.of_kind("test"):
        attached = _attached(test)
        if (test.test or {}).get("name") != "anomaly" or attached is None:
            continue
        for result in history.get(test.unique_id, []):
            if result["status"] not in ALERTED:
                continue
            for reason in result["message"].split("; "):
                named = _REASON.match(reason)
                found.setdefault(attached, []).append({
                    "run": result["run"], "at": result["at"], "status": result["status"],
                    "metric": named["metric"] if named else None,
                    "column": named["column"] if named else None, "message": reason})
    return found


def _tests_by_node(manifest: Manifest,
                   history: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Each data test under the node it tests, with its latest recorded result."""
    found: dict[str, list[dict[str, Any]]] = {}
    for test in manifest.of_kind("test"):
        spec = test.test or {}
        attached = _attached(test)
        if attached is None:
            continue
        last = (history.get(test.unique_id) or [None])[-1]
        found.setdefault(attached, []).append({
            "name": test.name, "test": spec.get("name") or "", "column": spec.get("column"),
            "status": last["status"] if last else None,
            "message": last["message"] if last else "",
            "at": last["at"] if last else None})
    return found
