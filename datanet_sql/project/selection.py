"""dbt's selection syntax: `model`, `+model`, `model+`, `2+model`, `@model`, `tag:x`,
`path:models/x`, `file:x.sql`, `fqn:staging.*`, `package:p`, `source:raw`, `resource_type:seed`,
`config.materialized:table`, `test_type:generic|singular|data|unit`, `test_name:unique`,
`unit_test:name`, `unique_id:`, `selector:name` (selectors.yml), space-separated unions, comma
intersections, `--exclude`.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from datanet_sql.config.selectors import FILE, GRAPH_KEYS
from datanet_sql.errors import SelectionError, did_you_mean
from datanet_sql.project.fqn import fqn, fqn_matches
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

_TERM = re.compile(r"^(?P<at>@)?(?P<up>\d*\+)?(?P<body>[^+@]+?)(?P<down>\+\d*)?$")
_METHODS = ("tag", "path", "file", "fqn", "package", "source", "resource_type", "test_type",
            "test_name", "unit_test", "unique_id", "selector", "config.<key>")
TEST_TYPES = ("generic", "singular", "data", "unit")


def select_nodes(manifest: Manifest, select: Iterable[str] | None,
                 exclude: Iterable[str] | None = None, *, indirect: bool = False) -> set[str]:
    """Unique ids matched by the selectors minus the excluded ones; with no selection, the
    default selector of selectors.yml, else every node.

    `indirect` is dbt's default ("eager") indirect selection, for `test` and `build`: each
    selector also picks the tests of the nodes it matches, before unions and intersections,
    so `orders,test_type:singular` is the singular tests of orders, and excluding a model
    excludes its tests.
    """
    if _has(select):
        chosen = _union(manifest, select, indirect)
    else:
        default = next((s for s in manifest.selectors.values() if s.default), None)
        chosen = _selector(manifest, default.name) if default else set(manifest.nodes)
        if default and indirect:
            chosen |= _tests_of(manifest, chosen)
    if _has(exclude):
        chosen -= _union(manifest, exclude, indirect)
    return chosen


def _has(values: Iterable[str] | None) -> bool:
    return bool(values) and any(v.strip() for v in values or [])


def _union(manifest: Manifest, selectors: Iterable[str] | None,
           indirect: bool = False) -> set[str]:
    result: set[str] = set()
    for selector in selectors or []:
        for term in selector.split():
            parts = [_term(manifest, p) for p in term.split(",")]
            if indirect:
                parts = [part | _tests_of(manifest, part) for part in parts]
            result |= set.intersection(*parts)
    return result


def _tests_of(manifest: Manifest, chosen: set[str]) -> set[str]:
    """The data and unit tests reading any of the chosen nodes (eager: one parent is enough)."""
    return {uid for uid, node in manifest.nodes.items()
            if node.kind in ("test", "unit_test") and any(d in chosen for d in node.depends_on)}


def _term(manifest: Manifest, term: str) -> set[str]:
    match = _TERM.match(term.strip())
    if match is None or (match.group("at") and match.group("up")):
        raise SelectionError(f"cannot read the selector '{term}'",
                             hint="examples: my_model, +my_model, my_model+, @my_model, "
                                  "tag:nightly")
    method, _, value = match.group("body").rpartition(":")
    up, down = match.group("up"), match.group("down")
    return _graph(manifest, _matched(manifest, method or "name", value, term),
                  parents=up is not None, parents_depth=_depth(up, "+"),
                  children=down is not None, children_depth=_depth(down, "+"),
                  childrens_parents=bool(match.group("at")))


def _matched(manifest: Manifest, method: str, value: str, shown: str) -> set[str]:
    matched = _method(manifest, method, value)
    if not matched:
        names = sorted({n.name for n in manifest.nodes.values()})
        raise SelectionError(f"the selector '{shown}' matches nothing." +
                             did_you_mean(value, names))
    return matched


def _graph(manifest: Manifest, matched: set[str], *, parents: bool = False,
           parents_depth: int | None = None, children: bool = False,
           children_depth: int | None = None, childrens_parents: bool = False) -> set[str]:
    """The matched nodes with the graph operators applied (`+`, `N+`, `@`)."""
    up = {u: n.depends_on for u, n in manifest.nodes.items()}
    result = set(matched)
    if parents:
        result |= _walk(matched, up, parents_depth)
    if children or childrens_parents:
        result |= _walk(matched, manifest.children(), children_depth)
    if childrens_parents:  # `@model`: its descendants, and every ancestor of those
        result |= _walk(result, up, None)
    return result


def _depth(text: str | None, plus: str) -> int | None:
    digits = (text or "").strip(plus)
    return int(digits) if digits else None


def _walk(start: set[str], edges: dict[str, list[str]], depth: int | None) -> set[str]:
    seen: set[str] = set()
    frontier = set(start)
    level = 0
    while frontier and (depth is None or level < depth):
        frontier = {nxt for uid in frontier for nxt in edges.get(uid, [])} - seen
        seen |= frontier
        level += 1
    return seen


def _method(manifest: Manifest, method: str, value: str) -> set[str]:
    nodes = manifest.nodes.values()
    if method.startswith("config."):
        key = method.removeprefix("config.")
        return {n.unique_id for n in nodes if _config_has(n.config.get(key), value)}
    if method == "selector":
        return _selector(manifest, value)
    test = {n.unique_id for n in nodes if _matches(manifest, n, method, value)}
    if test or method in _SIMPLE:
        return test
    raise SelectionError(f"unknown selector method '{method}'." +
                         did_you_mean(method, _METHODS),
                         hint="methods: " + ", ".join(_METHODS) + ", or a model name")


_SIMPLE = ("tag", "path", "file", "source", "resource_type", "kind", "test_type", "test_name",
           "name", "model", "fqn", "package", "unique_id", "unit_test")


def _matches(manifest: Manifest, node: Node, method: str, value: str) -> bool:
    """Whether one node matches `method:value` (False for an unknown method)."""
    if method == "tag":
        return value in node.tags
    if method == "path":
        prefix = value.rstrip("/")
        return node.kind != "test" and (node.path == prefix or node.path.startswith(
            prefix + "/") or fnmatch.fnmatch(node.path, value))
    if method == "file":
        return fnmatch.fnmatch(PurePosixPath(node.path).name, value) or \
            PurePosixPath(node.path).stem == value
    if method == "source":
        return node.kind == "source" and (node.name == value or node.name.split(".")[0] == value)
    if method in ("resource_type", "kind"):
        return node.kind == value
    if method == "test_type":
        if value not in TEST_TYPES:
            raise SelectionError(f"unknown test type '{value}'." +
                                 did_you_mean(value, TEST_TYPES),
                                 hint=f"test_type: takes {', '.join(TEST_TYPES)}")
        return value in _test_types(node)
    if method == "test_name":
        return node.kind == "test" and fnmatch.fnmatch(str((node.test or {}).get("name")), value)
    if method == "unit_test":
        return node.kind == "unit_test" and fnmatch.fnmatch(node.name, value)
    if method == "package":
        return value == manifest.project_name
    if method == "unique_id":
        return node.unique_id == value
    if method == "fqn":
        return fqn_matches(value, fqn(node, manifest.project_name))
    if method in ("name", "model"):  # a bare word: the name (globs allowed), else the fqn
        return node.kind != "source" and (fnmatch.fnmatch(node.name, value) or fqn_matches(
            value, fqn(node, manifest.project_name))) or node.name == value
    return False


def _test_types(node: Node) -> tuple[str, ...]:
    """dbt's test types of a node: `data` is every data test (generic and singular), `unit`
    a unit test."""
    if node.kind == "unit_test":
        return ("unit",)
    if node.kind != "test":
        return ()
    return ("singular" if (node.test or {}).get("name") == "singular" else "generic", "data")


def _config_has(configured: Any, value: str) -> bool:
    """`config.materialized:table`, `config.tags:x` (a list holding it), `config.enabled:true`."""
    if isinstance(configured, (list, tuple)):
        return any(_config_has(item, value) for item in configured)
    if isinstance(configured, bool):
        return str(configured).lower() == value.lower()
    return configured is not None and str(configured) == value


def _selector(manifest: Manifest, name: str) -> set[str]:
    """A named selector of selectors.yml, evaluated on this manifest."""
    selector = manifest.selectors.get(name)
    if selector is None:
        raise SelectionError(f"no selector named '{name}' in {FILE}." +
                             did_you_mean(name, manifest.selectors),
                             hint=f"define it under `selectors:` in {FILE}")
    try:
        return _definition(manifest, selector.definition)
    except SelectionError as err:
        err.file, err.line = FILE, selector.line
        err.message = f"selector '{name}': {err.message}"
        raise


def _definition(manifest: Manifest, value: Any) -> set[str]:
    if isinstance(value, str):
        return _union(manifest, [value])
    for key in ("union", "intersection"):
        if key in value:
            items = [item for item in value[key] if "exclude" not in _keys(item)]
            excluded = [item for item in value[key] if "exclude" in _keys(item)]
            sets = [_definition(manifest, item) for item in items]
            result = set.union(*sets) if key == "union" else set.intersection(*sets)
            for item in excluded:
                for definition in item["exclude"]:
                    result -= _definition(manifest, definition)
            return result
    if "method" in value:
        method, raw = str(value["method"]), str(value["value"])
    else:
        method, raw = next((str(k), str(v)) for k, v in value.items() if k not in GRAPH_KEYS)
    return _graph(manifest, _matched(manifest, method, raw, f"{method}:{raw}"),
                  parents=bool(value.get("parents")), parents_depth=value.get("parents_depth"),
                  children=bool(value.get("children")),
                  children_depth=value.get("children_depth"),
                  childrens_parents=bool(value.get("childrens_parents")))


def _keys(item: Any) -> set[str]:
    return set(item) if isinstance(item, dict) else set()
