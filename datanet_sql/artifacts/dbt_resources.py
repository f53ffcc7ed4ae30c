"""Exposures, metrics, semantic models, saved queries and groups in dbt's manifest v12 shapes.

Each is written as the user wrote it, with the fields dbt fills in for every resource (ids,
paths, fqn, config, depends_on) and dbt's defaults for the kind, so tools that read dbt's
manifest (docs sites, lineage, the semantic layer's readers) find them where dbt puts them.
"""

from __future__ import annotations

import time
from pathlib import PurePosixPath
from typing import Any

from datanet_sql.artifacts.ids import dbt_unique_id
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import jsonable
from datanet_sql.project.resources import Resource

# the manifest's top-level key of each resource type
SECTION = {"exposure": "exposures", "metric": "metrics", "semantic_model": "semantic_models",
           "saved_query": "saved_queries", "group": "groups"}
_DEFAULTS: dict[str, dict[str, Any]] = {
    "exposure": {"label": None, "maturity": None, "url": None, "description": "", "meta": {},
                 "tags": []},
    "metric": {"label": None, "description": "", "type_params": {}, "filter": None,
               "metadata": None, "time_granularity": None, "meta": {}, "tags": [],
               "group": None},
    "semantic_model": {"label": None, "description": None, "defaults": None, "entities": [],
                       "measures": [], "dimensions": [], "metadata": None,
                       "primary_entity": None, "group": None},
    "saved_query": {"label": None, "description": None, "query_params": {}, "exports": [],
                    "metadata": None, "group": None},
    "group": {"description": None},
}


def dbt_resources(manifest: Manifest) -> dict[str, dict[str, Any]]:
    """The five top-level sections, each by dbt unique id."""
    sections: dict[str, dict[str, Any]] = {section: {} for section in SECTION.values()}
    for resource in manifest.resources:
        entry = resource_entry(resource, manifest)
        sections[SECTION[resource.kind]][entry["unique_id"]] = entry
    return sections


def group_map(manifest: Manifest) -> dict[str, list[str]]:
    """dbt's `group_map`: each group's models."""
    found: dict[str, list[str]] = {}
    for node in manifest.in_order("model"):
        if node.config.get("group"):
            found.setdefault(str(node.config["group"]), []).append(
                dbt_unique_id(node.unique_id, manifest))
    return found


def resource_entry(resource: Resource, manifest: Manifest) -> dict[str, Any]:
    """One resource (exposure, metric, ...) as manifest.json holds it."""
    package = manifest.project_name
    entry: dict[str, Any] = {
        "name": resource.name, "resource_type": resource.kind, "package_name": package,
        "path": resource.path.split("/", 1)[-1], "original_file_path": resource.path,
        "unique_id": dbt_unique_id(resource.unique_id, manifest),
    }
    if resource.kind == "group":
        return {**entry, **_DEFAULTS["group"], **jsonable(resource.data)}
    # dbt lists a parent once, however often `depends_on:` names it
    nodes = list(dict.fromkeys(dbt_unique_id(uid, manifest) for uid in resource.depends_on))
    # dbt: the folders of its YAML file under the resource path, then the name
    folders = PurePosixPath(resource.path).parts[1:-1]
    entry.update({"fqn": [package, *folders, resource.name], "created_at": time.time(),
                  "config": {"enabled": True, **jsonable(resource.data.get("config") or {})},
                  "unrendered_config": {}, "refs": [], "sources": [], "metrics": [],
                  **_DEFAULTS[resource.kind],
                  **jsonable({k: v for k, v in resource.data.items() if k != "config"}),
                  "depends_on": {"macros": [], "nodes": nodes}})
    if resource.kind == "metric":
        entry.update(_metric_fields(entry))
        params = entry["type_params"]
        if not nodes:  # dbt: a derived or ratio metric depends on its metrics, a simple one on
            # the semantic model of its measure
            entry["depends_on"]["nodes"] = _metric_ids(
                [*params["metrics"], params["numerator"], params["denominator"]], manifest) \
                or _measure_owners(entry, manifest)
    if resource.kind == "saved_query" and not nodes:  # dbt: on the metrics it queries
        entry["depends_on"]["nodes"] = _metric_ids(
            (entry.get("query_params") or {}).get("metrics") or [], manifest)
    return entry


def _metric_ids(written: list[Any], manifest: Manifest) -> list[str]:
    """dbt's ids of the metrics named (`revenue` or `{name: revenue}`) that exist."""
    names = [m.get("name") if isinstance(m, dict) else m for m in written]
    known = {r.name for r in manifest.resources if r.kind == "metric"}
    return list(dict.fromkeys(dbt_unique_id(f"metric.{name}", manifest)
                              for name in names if name in known))


def _measure_owners(entry: dict[str, Any], manifest: Manifest) -> list[str]:
    measures = {m["name"] for m in entry["type_params"]["input_measures"] if m}
    return [dbt_unique_id(r.unique_id, manifest) for r in manifest.resources
            if r.kind == "semantic_model" and
            measures & {m.get("name") for m in r.data.get("measures") or []}]


_TYPE_PARAMS = {"measure": None, "input_measures": [], "numerator": None, "denominator": None,
                "expr": None, "window": None, "grain_to_date": None, "metrics": [],
                "conversion_type_params": None, "cumulative_type_params": None}


def _metric_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """A metric's `type_params` and `filter` in the shapes dbt parses them into (templates
    walk them: `metric.type_params.measure.name`, `metric.type_params.window | tojson`)."""
    params = {**_TYPE_PARAMS, **(entry.get("type_params") or {})}
    measure = params["measure"]
    if isinstance(measure, str):
        params["measure"] = {"name": measure, "filter": None, "alias": None,
                             "join_to_timespine": False, "fill_nulls_with": None}
    if params["measure"] and not params["input_measures"]:
        params["input_measures"] = [params["measure"]]
    window = params["window"]
    if isinstance(window, str) and len(window.split()) == 2 and window.split()[0].isdigit():
        count, unit = window.split()
        params["window"] = {"count": int(count), "granularity": unit.lower().rstrip("s")}
    where = entry.get("filter")
    filters = [where] if isinstance(where, str) else where if isinstance(where, list) else None
    return {"type_params": params,
            "filter": {"where_filters": [{"where_sql_template": f} for f in filters]}
            if filters else where}
