"""The Manifest: every node of a compiled project, the DAG between them, and its JSON form."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.config.selectors import Selector
from datanet_sql.fs import atomic
from datanet_sql.project.nodes import Node, jsonable
from datanet_sql.project.resources import Resource

if TYPE_CHECKING:
    from datanet_sql.state.comparison import StateComparison


@dataclass
class Manifest:
    project_name: str
    target: dict[str, Any]
    dialect: str
    nodes: dict[str, Node] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # topological order of unique ids
    warnings: list[str] = field(default_factory=list)
    selectors: dict[str, Selector] = field(default_factory=dict)  # selectors.yml, by name
    resources: list[Resource] = field(default_factory=list)  # exposures, metrics, groups...
    # `macro.<package>.<name>` -> (file, its block): dbt's manifest lists them, and
    # state:modified.macros compares them
    macros: dict[str, tuple[str, str]] = field(default_factory=dict)
    # dbt's on-run hooks as manifest entries, by dbt's id (`artifacts/dbt_operations.py`):
    # described in manifest.json and `graph.nodes`, run by run/run_hooks.py
    operations: dict[str, dict[str, Any]] = field(default_factory=dict)
    # the project compared with a previous manifest (`--state DIR`): what `state:` and
    # `result:` selectors read; None without --state
    state: StateComparison | None = None
    # resource paths (model-paths, seed-paths, ...) of the project and of each package, by
    # package name, longest first: where a node's fqn and dbt `path` start
    resource_roots: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def roots_of(self, node: Node) -> tuple[str, ...]:
        """The resource paths of the node's package (see `resource_roots`)."""
        return self.resource_roots.get(node.package or self.project_name, ())

    def add(self, node: Node) -> None:
        self.nodes[node.unique_id] = node

    def of_kind(self, *kinds: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.kind in kinds)

    def models(self) -> Iterator[Node]:
        return self.of_kind("model")

    def in_order(self, *kinds: str) -> Iterator[Node]:
        for uid in self.order:
            node = self.nodes[uid]
            if not kinds or node.kind in kinds:
                yield node

    def children(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {uid: [] for uid in self.nodes}
        for node in self.nodes.values():
            for dep in node.depends_on:
                result.setdefault(dep, []).append(node.unique_id)
        return result

    def find_model(self, name: str) -> Node | None:
        return self.nodes.get(f"model.{name}") or self.nodes.get(f"seed.{name}") or \
            self.nodes.get(f"snapshot.{name}")

    def to_dict(self) -> dict[str, Any]:
        from datanet_sql import __version__

        return {
            "metadata": {"datanet_version": __version__, "project": self.project_name,
                         "target": self.target.get("name"), "dialect": self.dialect},
            "nodes": {uid: self.nodes[uid].to_dict() for uid in self.order},
            "resources": {r.unique_id: jsonable(r.to_dict()) for r in self.resources},
            "warnings": self.warnings,
        }

    def write(self, path: Path) -> None:
        # compact, like dbt's: an indent makes json use its pure-Python encoder, which took
        # most of an unchanged recompile of a large project
        atomic.write_json(path, self.to_dict())
