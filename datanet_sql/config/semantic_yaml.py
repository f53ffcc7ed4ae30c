"""Read the exposures, metrics, semantic models, saved queries and groups of a schema file.

Checked lightly, the way dbt's parser refuses them: each entry is a mapping with a `name`
(unique per kind), plus the keys without which dbt would not load it (a group's `owner`, a
semantic model's `model`, an exposure's `type` and `owner`, a metric's `type`). The rest is
kept as written, for the manifest and `ls`.
"""

from __future__ import annotations

from typing import Any

from datanet_sql.config.yamlfile import YamlDocument
from datanet_sql.errors import ConfigError
from datanet_sql.project.resources import SECTIONS, Resource

_REQUIRED = {"group": ("owner",), "semantic_model": ("model",), "exposure": ("type", "owner"),
             "metric": ("type",), "saved_query": ()}
EXPOSURE_TYPES = ("dashboard", "notebook", "analysis", "ml", "application")


def read_resources(doc: YamlDocument, file: str) -> list[Resource]:
    """Every resource of the file, in the order written."""
    found: list[Resource] = []
    for section, kind in SECTIONS.items():
        entries = doc.data.get(section) or []
        for i, entry in enumerate(entries):
            found.append(_resource(kind, entry, file, doc.line_of([section, i]) or 1))
    return found


def model_resources(model: Any, doc: YamlDocument, file: str,
                    loc: tuple[str | int, ...]) -> list[Resource]:
    """dbt's latest spec, written on a model: `semantic_model: true` (or a mapping) makes a
    semantic model of it, and its `metrics:` are metrics."""
    line = doc.line_of(list(loc)) or 1
    found: list[Resource] = []
    semantic = model.semantic_model
    if semantic is True or (isinstance(semantic, dict) and semantic.get("enabled", True)):
        data = semantic if isinstance(semantic, dict) else {}
        found.append(Resource("semantic_model", str(data.get("name") or model.name), file, line,
                              {**data, "model": f"ref('{model.name}')"}))
    for i, metric in enumerate(model.metrics):
        found.append(_resource("metric", metric, file,
                               doc.line_of([*loc, "metrics", i]) or line))
    return found


def _resource(kind: str, entry: Any, file: str, line: int) -> Resource:
    what = kind.replace("_", " ")
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ConfigError(f"a {what} must be a mapping with a `name:`", file=file, line=line)
    name = entry["name"]
    missing = [key for key in _REQUIRED[kind] if not entry.get(key)]
    if missing:
        raise ConfigError(f"{what} '{name}' has no `{missing[0]}:`", file=file, line=line,
                          hint=f"dbt requires `{missing[0]}:` on every {what}")
    if kind == "exposure" and entry["type"] not in EXPOSURE_TYPES:
        raise ConfigError(f"exposure '{name}': type {entry['type']!r} is not one of "
                          f"{', '.join(EXPOSURE_TYPES)}", file=file, line=line)
    return Resource(kind, name, file, line, entry)


def check_unique(resources: list[Resource]) -> None:
    """Two resources of one kind with one name: an error naming both places."""
    seen: dict[str, Resource] = {}
    for resource in resources:
        first = seen.setdefault(resource.unique_id, resource)
        if first is not resource:
            raise ConfigError(f"{resource.kind.replace('_', ' ')} '{resource.name}' is defined "
                              f"twice (also {first.path}:{first.line})", file=resource.path,
                              line=resource.line)
