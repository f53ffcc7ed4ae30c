"""A plan is plain data: the steps to run for one command on one target, and their order.

`build` interleaves tests with models and snapshots (a model's tests gate its children, as in
dbt); `run` has only sources, seeds and models; `test` only tests (plus the sources they read);
`snapshot` only snapshots.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from datanet_sql.project.manifest import Manifest

BUILDABLE = ("source", "seed", "model")


@dataclass(frozen=True)
class Step:
    node_id: str
    kind: str  # source | seed | model | snapshot | test
    action: str  # expose | seed | view | table | incremental | ephemeral | snapshot | test
    waits_for: tuple[str, ...]  # steps that must succeed first


@dataclass
class Plan:
    command: str
    steps: list[Step] = field(default_factory=list)
    full_refresh: bool = False

    def __len__(self) -> int:
        return len(self.steps)


def build_plan(manifest: Manifest, selected: set[str], command: str,
               full_refresh: bool = False) -> Plan:
    """Steps for `run`, `test`, `build`, `seed` or `snapshot` over the selected nodes, in
    topological order."""
    kinds = {"run": ("seed", "model"), "test": ("test", "unit_test"),
             "build": ("seed", "model", "snapshot", "test", "unit_test"), "seed": ("seed",),
             "snapshot": ("snapshot",)}[command]
    chosen = {uid for uid in selected if manifest.nodes[uid].kind in kinds}
    chosen |= _sources_read(manifest, chosen)
    tests_of = _tests_by_parent(manifest, chosen) if command == "build" else {}
    units_of = _unit_tests_by_model(manifest, chosen)
    ancestors = _Ancestors(manifest)
    def gates(uid: str) -> list[str]:
        """What a node waits for besides its unit tests: its chosen parents, and their tests
        unless a test also reads this node (or below)."""
        node = manifest.nodes[uid]
        waits = [d for d in node.depends_on if d in chosen]
        if node.kind != "test":
            waits += [t for d in node.depends_on for t in tests_of.get(d, [])
                      if set(manifest.nodes[t].depends_on) <= ancestors.of(uid)]
        return waits

    steps = []
    for uid in manifest.order:
        if uid not in chosen:
            continue
        node = manifest.nodes[uid]
        # a unit test reads only its given rows, but dbt runs it with its model: it waits
        # for what the model waits for (a failed parent skips both), and the model for it
        if node.kind == "unit_test":
            model = node.depends_on[0] if node.depends_on else ""
            waits = gates(model) if model in chosen else []
        else:
            waits = gates(uid) + units_of.get(uid, [])
        action = {"source": "expose", "seed": "seed", "test": "test",
                  "unit_test": "unit_test"}.get(
            node.kind, node.materialized)
        steps.append(Step(uid, node.kind, action, tuple(dict.fromkeys(waits))))
    return Plan(command, steps, full_refresh)


def _sources_read(manifest: Manifest, chosen: set[str]) -> set[str]:
    """Sources must be exposed (DuckDB views over files, or loaded tables) before models read."""
    needed: set[str] = set()
    stack = [uid for uid in chosen if manifest.nodes[uid].kind != "unit_test"]
    seen: set[str] = set()
    while stack:
        uid = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        for dep in manifest.nodes[uid].depends_on:
            if manifest.nodes[dep].kind == "source":
                needed.add(dep)
            elif manifest.nodes[dep].materialized == "ephemeral":
                stack.append(dep)
    return needed


def _tests_by_parent(manifest: Manifest, chosen: set[str]) -> dict[str, list[str]]:
    """For `build`: the tests of each node, which the node's children wait for."""
    result: dict[str, list[str]] = {}
    for uid in chosen:
        node = manifest.nodes[uid]
        if node.kind == "test" and node.config.get("severity", "error") == "error":
            for parent in node.depends_on[:1]:
                result.setdefault(parent, []).append(uid)
    return result


def _unit_tests_by_model(manifest: Manifest, chosen: set[str]) -> dict[str, list[str]]:
    """The unit tests of each model: dbt runs them before it builds the model, which a
    failing one skips (and with it the model's children)."""
    result: dict[str, list[str]] = {}
    for uid in chosen:
        node = manifest.nodes[uid]
        if node.kind == "unit_test" and node.depends_on:
            result.setdefault(node.depends_on[0], []).append(uid)
    return result


class _Ancestors:
    """Memoised transitive dependencies of each node."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.memo: dict[str, set[str]] = {}

    def of(self, uid: str) -> set[str]:
        if uid not in self.memo:
            result: set[str] = set()
            for dep in self.manifest.nodes[uid].depends_on:
                result |= {dep} | self.of(dep)
            self.memo[uid] = result
        return self.memo[uid]
