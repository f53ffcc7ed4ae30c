"""The current project compared with a `--state` manifest: what selection's `state:` and
`result:` methods read, the column-aware walk behind `state:modified+`, and breaking changes.

Column-aware children: a child is reached only when it reads a column of a changed parent
whose values may differ: through a projection (its column lineage), a filter, join or grouping
(every column of the child then changes), or `SELECT *`. A child reading only unchanged
columns is left out, and `why` says so for `ls --explain`. dbt's behaviour (every descendant)
is one flag away: `--state-children all`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from datanet_sql.artifacts.dbt_manifest import to_dbt_manifest
from datanet_sql.compile.fingerprints import query_print, selects_star
from datanet_sql.compile.lineage import Source
from datanet_sql.state.changes import NodeChange, node_changes
from datanet_sql.state.prior import PriorNode, PriorState, from_manifest

if TYPE_CHECKING:
    from datanet_sql.project.manifest import Manifest

STATE_METHODS = ("new", "modified", "unmodified", "old")
RESULT_STATUSES = ("error", "fail", "warn", "success", "skipped", "pass")


@dataclass
class StateComparison:
    prior: PriorState
    current: PriorState
    manifest: Manifest
    dialect: str  # the project's SQL, for reading its models as written
    all_children: bool = False  # dbt's `state:modified+`: every descendant
    changes: dict[str, NodeChange] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)  # node -> why selection took or left it
    _filters: dict[tuple[int, str], frozenset[Source]] = field(default_factory=dict)

    def matches(self, method: str, value: str) -> set[str]:
        """`state:modified`, `state:modified.body`, ..., `result:error`."""
        if method == "result":
            return {uid for uid, status in self.prior.results.items()
                    if status == value and uid in self.manifest.nodes}
        status, _, reason = value.partition(".")
        if status == "modified":
            return {uid for uid, c in self.changes.items() if c.status == "new" or
                    c.status == "modified" and (not reason or reason in c.reasons)}
        if status == "old":
            return {uid for uid, c in self.changes.items() if c.status != "new"}
        return {uid for uid, c in self.changes.items() if c.status == status}

    def changed_columns(self, uid: str) -> set[str]:
        change = self.changes.get(uid)
        if change is None:
            return set()
        return change.changed_columns(self.prior.nodes.get(uid), self.current.nodes.get(uid))

    def downstream(self, start: set[str], depth: int | None) -> set[str]:
        """The descendants of `start` that read a column of it that changed, transitively (a
        child's own changed columns are those computed from what changed above it)."""
        changed = {uid: self.changed_columns(uid) for uid in start}
        level = dict.fromkeys(start, 0)
        for uid in start:
            self.why.setdefault(uid, "in: " + describe(self.changes.get(uid)))
        for uid in self.manifest.order:
            if uid in start:
                continue
            parents = [p for p in self.manifest.nodes[uid].depends_on if p in changed and
                       (depth is None or level[p] < depth)]
            hits = [(p, self._hit(uid, p, changed[p])) for p in parents]
            reached = [(p, cols, why) for p, (cols, why) in hits if cols is not None]
            if not reached:
                if hits:
                    self.why[uid] = "out: " + "; ".join(why for _, (_, why) in hits)
                continue
            self.why[uid] = "in: " + "; ".join(why for _, _, why in reached)
            level[uid] = min(level[p] for p, _, _ in reached) + 1
            changed[uid] = set().union(*(cols for _, cols, _ in reached)) | \
                self.changed_columns(uid)
        return set(level) - start

    def _hit(self, uid: str, parent: str, changed: set[str]) -> tuple[set[str] | None, str]:
        """(the child's columns that change, why) when the child reads a changed column of
        the parent; (None, why not) otherwise."""
        name = self.manifest.nodes[parent].name
        child = self.manifest.nodes[uid]
        everything = self._columns(uid)
        if "relation" in getattr(self.changes.get(parent), "reasons", ()):
            return set(), f"reads {name}, whose relation moved"
        if not changed:
            return None, f"{name} changed nothing it outputs"
        if child.kind in ("test", "unit_test"):
            return set(), f"tests {name}"
        if self.manifest.nodes[parent].materialized == "ephemeral":
            return everything, f"inlines {name} (ephemeral)"
        if self._star(uid):
            return everything, f"selects * ({name} changed {_names(changed)})"
        projected, filtered = self._reads(uid, parent)
        hit = (projected | filtered) & changed
        if not hit:
            read = projected | filtered
            return None, f"reads {name}.{_names(read)}; none changed" if read else \
                f"reads no column of {name}"
        if hit & filtered:
            return everything, f"filters or joins on {name}.{_names(hit & filtered)}"
        return self._fed_by(uid, parent, hit), f"reads {name}.{_names(hit)}"

    def _columns(self, uid: str) -> set[str]:
        return {*_node_columns(self.prior.nodes.get(uid)),
                *_node_columns(self.current.nodes.get(uid))}

    def _fed_by(self, uid: str, parent: str, hit: set[str]) -> set[str]:
        """The child's columns computed from the parent's changed columns."""
        ids = {f"{parent}.{column}" for column in hit}
        return {c.name for node in (self.prior.nodes.get(uid), self.current.nodes.get(uid))
                if node for c in node.columns.values() if ids & set(c.lineage)}

    def _reads(self, uid: str, parent: str) -> tuple[set[str], set[str]]:
        """The parent's columns a child reads in projections and elsewhere, as written now
        and in the state (a child that no longer compiles still reads what it read there)."""
        projected: set[str] = set()
        filtered: set[str] = set()
        prefix = parent + "."
        for state in (self.prior, self.current):
            node = state.nodes.get(uid)
            if node is None:
                continue
            projected |= {ref[len(prefix):] for c in node.columns.values()
                          for ref in c.lineage if ref.startswith(prefix)}
            filtered |= {column for _, table, column in self._filter_reads(node, state)
                         if table == parent}
        return projected, filtered

    def _filter_reads(self, node: PriorNode, state: PriorState) -> frozenset[Source]:
        key = (id(state), node.datanet_id)
        if key not in self._filters:
            printed = query_print(node.compiled_code, state.dialect, state.relation_names) \
                if node.compiled_code else None
            self._filters[key] = printed.filter_reads if printed else frozenset()
        return self._filters[key]

    def breaking(self) -> list[str]:
        """A column dropped or retyped that a child reads (now or in the state)."""
        found = []
        for uid, change in self.changes.items():
            broken = {c.column: c for c in change.breaking}
            for child in self._children(uid) if broken else ():
                projected, filtered = self._reads(child, uid)
                for column in sorted((projected | filtered) & set(broken)):
                    found.append(f"breaking change: {self.manifest.nodes[uid].name}."
                                 f"{broken[column].describe()} is read by "
                                 f"{self._label(child)}")
        return found

    def _children(self, uid: str) -> list[str]:
        dbt_id = self.current.nodes[uid].dbt_id
        prior = [n.datanet_id for n in self.prior.nodes.values() if dbt_id in n.depends_on]
        return list(dict.fromkeys([*self.manifest.children().get(uid, []), *prior]))

    def _label(self, uid: str) -> str:
        node = self.manifest.nodes.get(uid)
        return f"{node.name} ({node.path})" if node else uid

    def _star(self, uid: str) -> bool:
        node = self.manifest.nodes[uid]
        return bool(node.rendered_sql) and not node.is_declarative and \
            selects_star(node.rendered_sql, self.dialect)



def _node_columns(node: PriorNode | None) -> set[str]:
    return set(node.columns) if node else set()


def _names(columns: set[str]) -> str:
    listed = sorted(columns)
    shown = ", ".join(listed[:5]) + (f" (+{len(listed) - 5})" if len(listed) > 5 else "")
    return f"{{{shown}}}" if len(listed) > 1 else shown


def describe(change: NodeChange | None) -> str:
    """`modified (body): amount (expression), note (added)`."""
    if change is None:
        return "selected"
    if change.status != "modified":
        return change.status
    text = f"modified ({', '.join(change.reasons)})"
    if change.rows:
        return text + ": its rows may differ (a filter, join or grouping changed)"
    if change.columns:
        return text + ": " + ", ".join(c.describe() for c in change.columns)
    return text + ": no output column changed"


def compare(prior: PriorState, manifest: Manifest, dialect: str,
            all_children: bool = False) -> StateComparison:
    """The current manifest against the state's, node by node and column by column."""
    current = from_manifest(to_dbt_manifest(manifest, "state"), prior.folder)
    comparison = StateComparison(prior, current, manifest, dialect, all_children)
    comparison.changes = node_changes(prior, current)
    return comparison
