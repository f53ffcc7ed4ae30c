"""dbt's selection syntax: `model`, `+model`, `model+`, `2+model`, `tag:x`, `path:models/x`,
`source:raw`, `resource_type:seed`, space-separated unions, comma intersections, `--exclude`.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable

from datanet_sql.errors import SelectionError, did_you_mean
from datanet_sql.project.manifest import Manifest

_TERM = re.compile(r"^(?P<up>\d*\+)?(?P<body>[^+]+?)(?P<down>\+\d*)?$")


def select_nodes(manifest: Manifest, select: Iterable[str] | None,
                 exclude: Iterable[str] | None = None) -> set[str]:
    """Unique ids matched by the selectors minus the excluded ones (all nodes when no select)."""
    chosen = _union(manifest, select) if _has(select) else set(manifest.nodes)
    if _has(exclude):
        chosen -= _union(manifest, exclude)
    return chosen


def _has(values: Iterable[str] | None) -> bool:
    return bool(values) and any(v.strip() for v in values or [])


def _union(manifest: Manifest, selectors: Iterable[str] | None) -> set[str]:
    result: set[str] = set()
    for selector in selectors or []:
        for term in selector.split():
            parts = [_term(manifest, p) for p in term.split(",")]
            result |= set.intersection(*parts)
    return result


def _term(manifest: Manifest, term: str) -> set[str]:
    match = _TERM.match(term.strip())
    if match is None:
        raise SelectionError(f"cannot read the selector '{term}'",
                             hint="examples: my_model, +my_model, my_model+, tag:nightly")
    matched = _method(manifest, match.group("body"))
    if not matched:
        names = sorted({n.name for n in manifest.nodes.values()})
        raise SelectionError(f"the selector '{term}' matches nothing." +
                             did_you_mean(match.group("body"), names))
    result = set(matched)
    if match.group("up"):
        depth = _depth(match.group("up").rstrip("+"))
        result |= _walk(matched, {u: n.depends_on for u, n in manifest.nodes.items()}, depth)
    if match.group("down"):
        depth = _depth(match.group("down").lstrip("+"))
        result |= _walk(matched, manifest.children(), depth)
    return result


def _depth(text: str) -> int | None:
    return int(text) if text else None


def _walk(start: set[str], edges: dict[str, list[str]], depth: int | None) -> set[str]:
    seen: set[str] = set()
    frontier = set(start)
    level = 0
    while frontier and (depth is None or level < depth):
        frontier = {nxt for uid in frontier for nxt in edges.get(uid, [])} - seen
        seen |= frontier
        level += 1
    return seen


def _method(manifest: Manifest, body: str) -> set[str]:
    method, _, value = body.partition(":") if ":" in body else ("name", "", body)
    nodes = manifest.nodes.values()
    if method == "tag":
        return {n.unique_id for n in nodes if value in n.tags}
    if method == "path":
        prefix = value.rstrip("/")
        return {n.unique_id for n in nodes if n.kind != "test" and
                (n.path == prefix or n.path.startswith(prefix + "/") or fnmatch.fnmatch(n.path, value))}
    if method == "source":
        return {n.unique_id for n in nodes if n.kind == "source" and
                (n.name == value or n.name.split(".")[0] == value)}
    if method in ("resource_type", "kind"):
        return {n.unique_id for n in nodes if n.kind == value}
    if method == "test_type":
        return {n.unique_id for n in nodes if n.kind == "test" and
                (n.test or {}).get("name") == value}
    if method in ("name", "model", "fqn"):
        return {n.unique_id for n in nodes if fnmatch.fnmatch(n.name, value) and
                n.kind != "source"} or {n.unique_id for n in nodes if n.name == value}
    raise SelectionError(f"unknown selector method '{method}'",
                         hint="use tag:, path:, source:, resource_type: or a model name")
