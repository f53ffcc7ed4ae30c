"""dbt's fully qualified names: `[package, folder, ..., name]`.

A node's fqn is what dbt's folder config, the default selector method and dbt-ecosystem tools
address it by (`dbt ls -s staging` selects every model under `models/staging/`), so the
selection and the dbt manifest both take it from here.
"""

from __future__ import annotations

import functools
from fnmatch import fnmatch
from pathlib import PurePosixPath
from typing import NamedTuple

from datanet_sql.project.nodes import Node

_WILDCARDS = ("*", "?", "[", "]")


def fqn(node: Node, package: str, roots: tuple[str, ...] = ()) -> list[str]:
    """Models, seeds and tests: the folders under their resource path (one of `roots`, the
    resource paths of the node's package; a generic test's are its YAML file's), then the
    name; sources: source and table name; unit tests: folders, model and name."""
    package = node.package or package
    if node.kind == "source":
        return [package, *node.name.split(".", 1)]
    folders = local_path(node, roots).in_folder.split("/")[:-1]
    if node.version is not None:  # a model's version: dbt's `[..., "dim", "v2"]`
        return [package, *folders, node.spec.name, f"v{node.version}"]
    if node.kind == "analysis":  # dbt: `[package, "analysis", folders..., name]`
        return [package, "analysis", *folders, node.name]
    if node.kind == "unit_test":  # dbt: the folders of its YAML file, its model, its name
        return [package, *folders, node.spec.model, node.name]
    return [package, *folders, *node.name.split(".")]


class LocalPath(NamedTuple):
    """A node's file as its package sees it: its parts, the path (`models/staging/x.sql`)
    and the path inside its resource folder (`staging/x.sql`), dbt's `path`."""

    parts: tuple[str, ...]
    path: str
    in_folder: str


def local_path(node: Node, roots: tuple[str, ...] = ()) -> LocalPath:
    """The node's file as its package sees it (`models/x.sql`): an installed package's files
    sit under `dbt_packages/<dir>/` of the project; `roots` are its package's resource paths."""
    return _local_path(node.path, bool(node.package), roots)


def file_in_package(path: str, in_package: bool) -> LocalPath:
    """Any file of the project (a node's YAML file too) as its package sees it."""
    return _local_path(path, in_package, ())


@functools.cache
def _local_path(path: str, in_package: bool, roots: tuple[str, ...]) -> LocalPath:
    """Once per path: thousands of data tests share a few YAML files, and a PurePosixPath per
    node and question was a tenth of dbt's manifest's building."""
    local = PurePosixPath(*PurePosixPath(path).parts[2:]) if in_package else PurePosixPath(path)
    return LocalPath(local.parts, str(local), in_resource_folder(str(local), roots))


@functools.cache
def in_resource_folder(path: str, roots: tuple[str, ...]) -> str:
    """`path` (as its package sees it) inside the resource folder holding it: dbt's `path`,
    whose folders make the fqn and choose the folder config. `roots` are the package's
    resource paths, longest first (`jaffle_shop/models` has two parts); a path under none of
    them is taken to sit in a one-part folder (`models/`)."""
    parts = PurePosixPath(path).parts
    for root in roots:
        root_parts = PurePosixPath(root).parts
        if parts[:len(root_parts)] == root_parts and len(parts) > len(root_parts):
            return str(PurePosixPath(*parts[len(root_parts):]))
    return str(PurePosixPath(*parts[1:])) if len(parts) > 1 else path


def fqn_matches(selector: str, node_fqn: list[str]) -> bool:
    """dbt's fqn method: the selector is the node's name, or a dotted prefix of its fqn with
    or without the package (`staging`, `shop.staging.stg_orders`), globbing from the first
    part with a wildcard (`staging.*_orders`)."""
    return _matches(selector, node_fqn) or _matches(selector, node_fqn[1:])


def _matches(selector: str, node_fqn: list[str]) -> bool:
    if not node_fqn:
        return False
    if node_fqn[-1] == selector:
        return True
    parts = selector.split(".")
    flat = [item for segment in node_fqn for item in segment.split(".")]
    if len(parts) > len(flat):
        return False
    for index, part in enumerate(parts):
        if any(w in part for w in _WILDCARDS):
            return fnmatch(".".join(flat[index:]), ".".join(parts[index:]))
        if flat[index] != part:
            return False
    return True
