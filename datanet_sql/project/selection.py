"""dbt's selection syntax: `model`, `+model`, `model+`, `2+model`, `@model`, `tag:x`,
`path:models/x`, `file:x.sql`, `fqn:staging.*`, `package:p`, `source:raw`, `resource_type:seed`,
`config.materialized:table`, `test_type:generic|singular|data|unit`, `test_name:unique`,
`unit_test:name`, `unique_id:`, `version:latest|prerelease|old|none`, `access:`, `group:`,
`exposure:`/`metric:`/`semantic_model:`/`saved_query:` (with `+`: what they read),
`selector:name` (selectors.yml), space-separated unions, comma intersections, `--exclude`, the
tests each selection takes along (`project/indirect.py`); with `--state DIR`,
`state:new|modified|unmodified|old`, `state:modified.body|configs|relation|contract|macros` and
`result:error|fail|warn|...` (`state:modified+` follows changed columns: see
state/comparison.py).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from datanet_sql.compile.versions import ordered
from datanet_sql.config.selectors import FILE, GRAPH_KEYS
from datanet_sql.errors import SelectionError, did_you_mean
from datanet_sql.project.fqn import fqn, fqn_matches
from datanet_sql.project.indirect import Picked, check_mode, combine, expand, settle, walk
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.project.resources import RESOURCE_TYPES

_TERM = re.compile(r"^(?P<at>@)?(?P<up>\d*\+)?(?P<body>[^+@]+?)(?P<down>\+\d*)?$")
_READERS = tuple(t for t in RESOURCE_TYPES if t != "group")  # resources that read models
_METHODS = ("tag", "path", "file", "fqn", "package", "source", "resource_type", "test_type",
            "test_name", "unit_test", "unique_id", "version", "access", "group", *_READERS,
            "selector", "config.<key>", "state", "result")
TEST_TYPES = ("generic", "singular", "data", "unit")
VERSIONS = ("latest", "prerelease", "old", "none")
_NOT_SUPPORTED = {"source_status": "it compares with a previous run's sources.json (--state)"}


def select_nodes(manifest: Manifest, select: Iterable[str] | None,
                 exclude: Iterable[str] | None = None, *, indirect: str | None = None) -> set[str]:
    """Unique ids matched by the selectors minus the excluded ones; with no selection, the
    default selector of selectors.yml, else every node.

    `indirect` is dbt's indirect selection of tests (`test`, `build`, `ls`: eager, cautious,
    buildable or empty; None for commands that run no tests): each selector term takes its
    tests before unions and intersections, so `orders,test_type:singular` is the singular
    tests of orders, and excluding a model excludes its tests.
    """
    if indirect is not None:
        check_mode(indirect)
    if _has(select):
        picked = _union(manifest, select, indirect)
    else:
        default = next((s for s in manifest.selectors.values() if s.default), None)
        picked = _selector(manifest, default.name, indirect) if default else \
            Picked(frozenset(manifest.nodes))
    if _has(exclude):
        picked = combine([picked, _union(manifest, exclude, indirect)], set.difference)
    return settle(manifest, picked, indirect)


def _has(values: Iterable[str] | None) -> bool:
    return bool(values) and any(v.strip() for v in values or [])


def _union(manifest: Manifest, selectors: Iterable[str] | None, mode: str | None) -> Picked:
    terms = [combine([_term(manifest, part, mode) for part in term.split(",")],
                     set.intersection)
             for selector in selectors or [] for term in selector.split()]
    return combine(terms, set.union) if terms else Picked(frozenset())


def _term(manifest: Manifest, term: str, mode: str | None) -> Picked:
    match = _TERM.match(term.strip())
    if match is None or (match.group("at") and match.group("up")):
        raise SelectionError(f"cannot read the selector '{term}'",
                             hint="examples: my_model, +my_model, my_model+, @my_model, "
                                  "tag:nightly")
    method, _, value = match.group("body").rpartition(":")
    up, down = match.group("up"), match.group("down")
    graph = {"parents": up is not None, "parents_depth": _depth(up, "+"),
             "children": down is not None, "children_depth": _depth(down, "+"),
             "childrens_parents": bool(match.group("at"))}
    return _term_matched(manifest, method or _default_method(value), value, graph, mode)


def _default_method(value: str) -> str:
    """A selector without a method, as dbt reads it: with a `/` a path (`models/staging`),
    ending in a model or seed file's extension a file, else a name (then the fqn)."""
    if "/" in value or "\\" in value:
        return "path"
    return "file" if value.lower().endswith((".sql", ".py", ".csv")) else "name"


def _term_matched(manifest: Manifest, method: str, value: str, graph: dict[str, Any],
                  mode: str | None) -> Picked:
    """One `method:value` with its graph operators, and the tests it takes along."""
    if method == "selector" and not any(graph.values()):
        return _selector(manifest, value, mode)
    if method in _READERS:
        return expand(manifest, _read_by(manifest, method, value, graph), mode)
    shown = f"{method}:{value}" if method != "name" else value
    return expand(manifest, _graph(manifest, _matched(manifest, method, value, shown),
                                   method=method, **graph), mode)


def _read_by(manifest: Manifest, kind: str, name: str, graph: dict[str, Any]) -> set[str]:
    """`exposure:weekly` (a metric, semantic model, saved query): nothing datanet runs;
    `+exposure:weekly`, the nodes it reads and their ancestors."""
    found = [r for r in manifest.resources if r.kind == kind and fnmatch.fnmatch(r.name, name)]
    if not found:
        raise SelectionError(f"the selector '{kind}:{name}' matches nothing." + did_you_mean(
            name, [r.name for r in manifest.resources if r.kind == kind]))
    if not graph["parents"]:
        return set()
    direct = {uid for r in found for uid in r.depends_on if uid in manifest.nodes}
    depth = graph["parents_depth"]
    return direct | _graph(manifest, direct, parents=True,
                           parents_depth=None if depth is None else depth - 1)


def _matched(manifest: Manifest, method: str, value: str, shown: str) -> set[str]:
    matched = _method(manifest, method, value)
    if not matched and method not in ("state", "result"):  # nothing changed is an answer
        names = sorted({n.name for n in manifest.nodes.values()})
        raise SelectionError(f"the selector '{shown}' matches nothing." +
                             did_you_mean(value, names))
    return matched


def _graph(manifest: Manifest, matched: set[str], *, method: str = "", parents: bool = False,
           parents_depth: int | None = None, children: bool = False,
           children_depth: int | None = None, childrens_parents: bool = False) -> set[str]:
    """The matched nodes with the graph operators applied (`+`, `N+`, `@`); the children of
    `state:` nodes are those reading a changed column, unless --state-children all."""
    up = {u: n.depends_on for u, n in manifest.nodes.items()}
    result = set(matched)
    if parents:
        result |= walk(matched, up, parents_depth)
    if children and method == "state" and not manifest.state.all_children:
        result |= manifest.state.downstream(matched, children_depth)
    elif children or childrens_parents:
        result |= walk(matched, manifest.children(), children_depth)
    if childrens_parents:  # `@model`: its descendants, and every ancestor of those
        result |= walk(result, up, None)
    return result


def _depth(text: str | None, plus: str) -> int | None:
    digits = (text or "").strip(plus)
    return int(digits) if digits else None


def _method(manifest: Manifest, method: str, value: str) -> set[str]:
    nodes = manifest.nodes.values()
    if method.startswith("config."):
        key = method.removeprefix("config.")
        return {n.unique_id for n in nodes if _config_has(n.config.get(key), value)}
    if method == "selector":
        return set(_selector(manifest, value, None).chosen)
    if method in ("state", "result"):
        return _state_method(manifest, method, value)
    if method in _NOT_SUPPORTED:
        raise SelectionError(f"the selector method '{method}:' is not supported: "
                             f"{_NOT_SUPPORTED[method]}",
                             hint="select by name, tag, path or another method: "
                                  + ", ".join(_METHODS))
    test = {n.unique_id for n in nodes if _matches(manifest, n, method, value)}
    if test or method in _SIMPLE:
        return test
    raise SelectionError(f"unknown selector method '{method}'." +
                         did_you_mean(method, _METHODS),
                         hint="methods: " + ", ".join(_METHODS) + ", or a model name")


_SIMPLE = ("tag", "path", "file", "source", "resource_type", "kind", "test_type", "test_name",
           "name", "model", "fqn", "package", "unique_id", "unit_test", "version", "access",
           "group")
_ACCESS = ("private", "protected", "public")


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
        return node.kind == "source" and _source_matches(node, value, manifest.project_name)
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
    if method == "package":  # `this` is the root project, as in dbt
        package = node.package or manifest.project_name
        return package == (manifest.project_name if value == "this" else value)
    if method == "unique_id":
        return node.unique_id == value
    if method == "version":
        return _version_matches(node, value)
    if method == "access":
        if value not in _ACCESS:
            raise SelectionError(f"unknown access '{value}'." + did_you_mean(value, _ACCESS),
                                 hint=f"access: takes {', '.join(_ACCESS)}")
        return node.kind == "model" and node.config.get("access", "protected") == value
    if method == "group":
        return node.config.get("group") is not None and fnmatch.fnmatch(
            str(node.config["group"]), value)
    if method == "fqn":
        return fqn_matches(value, fqn(node, manifest.project_name, manifest.roots_of(node)))
    if method in ("name", "model"):  # a bare word: the name (globs allowed), else the fqn
        return node.kind != "source" and (fnmatch.fnmatch(node.name, value) or fqn_matches(
            value, fqn(node, manifest.project_name, manifest.roots_of(node)))) or node.name == value
    return False


def _source_matches(node: Node, value: str, project: str) -> bool:
    """dbt's source method: `source`, `source.table` or `package.source.table`, each part a
    glob (`source:*`, `source:raw.ord*`)."""
    parts = value.split(".")
    source, _, table = node.name.partition(".")
    names = {1: [source], 2: [source, table], 3: [node.package or project, source, table]}
    return len(parts) in names and all(fnmatch.fnmatch(name, part) for name, part
                                       in zip(names[len(parts)], parts))


def _version_matches(node: Node, value: str) -> bool:
    """dbt's `version:` method, on models: the latest version, versions after it (prerelease),
    before it (old), or models without versions (none)."""
    if value not in VERSIONS:
        raise SelectionError(f"unknown version selector '{value}'." +
                             did_you_mean(value, VERSIONS),
                             hint=f"version: takes {', '.join(VERSIONS)}")
    if node.kind != "model" or value == "none":
        return node.kind == "model" and node.version is None
    if node.version is None or node.latest_version is None:
        return False
    if value == "latest":
        return node.version == node.latest_version
    first = ordered([node.version, node.latest_version])[0]
    newer = node.version != node.latest_version and first == node.latest_version
    older = node.version != node.latest_version and first == node.version
    return newer if value == "prerelease" else older
def _state_method(manifest: Manifest, method: str, value: str) -> set[str]:
    """`state:modified.body`, `result:fail`: against the manifest and run results of --state."""
    from datanet_sql.state.changes import REASONS
    from datanet_sql.state.comparison import RESULT_STATUSES, STATE_METHODS

    if manifest.state is None:
        raise SelectionError(f"the selector '{method}:{value}' compares with a previous run, "
                             "and no --state was given",
                             hint="pass --state DIR, the folder of the manifest.json (and "
                                  "run_results.json) to compare with")
    status, _, reason = value.partition(".")
    allowed = RESULT_STATUSES if method == "result" else STATE_METHODS
    if status not in allowed or reason and (status != "modified" or reason not in REASONS):
        choices = allowed if method == "result" else \
            (*STATE_METHODS, *(f"modified.{r}" for r in REASONS))
        raise SelectionError(f"unknown value '{value}' of {method}:." +
                             did_you_mean(value, choices),
                             hint=f"{method}: takes {', '.join(choices)}")
    return manifest.state.matches(method, value)


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


def _selector(manifest: Manifest, name: str, mode: str | None) -> Picked:
    """A named selector of selectors.yml, evaluated on this manifest."""
    selector = manifest.selectors.get(name)
    if selector is None:
        raise SelectionError(f"no selector named '{name}' in {FILE}." +
                             did_you_mean(name, manifest.selectors),
                             hint=f"define it under `selectors:` in {FILE}")
    try:
        return _definition(manifest, selector.definition, mode)
    except SelectionError as err:
        err.file, err.line = FILE, selector.line
        err.message = f"selector '{name}': {err.message}"
        raise


def _definition(manifest: Manifest, value: Any, mode: str | None) -> Picked:
    """One definition of selectors.yml; a criterion's `indirect_selection:` wins over the
    command's, as in dbt."""
    if isinstance(value, str):
        return _union(manifest, [value], mode)
    for key in ("union", "intersection"):
        if key in value:
            items = [item for item in value[key] if "exclude" not in _keys(item)]
            excluded = [_definition(manifest, definition, mode) for item in value[key]
                        if "exclude" in _keys(item) for definition in item["exclude"]]
            picked = combine([_definition(manifest, item, mode) for item in items],
                             set.union if key == "union" else set.intersection)
            return combine([picked, *excluded], set.difference) if excluded else picked
    if "method" in value:
        method, raw = str(value["method"]), str(value["value"])
    else:
        method, raw = next((str(k), str(v)) for k, v in value.items() if k not in GRAPH_KEYS)
    if mode is not None and "indirect_selection" in value:
        mode = str(value["indirect_selection"])
    graph = {key: value.get(key) for key in ("parents_depth", "children_depth")}
    graph.update({key: bool(value.get(key))
                  for key in ("parents", "children", "childrens_parents")})
    picked = _term_matched(manifest, method, raw, graph, mode)
    excluded = [_definition(manifest, item, mode) for item in value.get("exclude") or ()]
    return combine([picked, *excluded], set.difference) if excluded else picked


def _keys(item: Any) -> set[str]:
    return set(item) if isinstance(item, dict) else set()
