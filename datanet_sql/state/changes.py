"""What changed in each node between a previous manifest and the current one, as data.

A node is `new` (absent from the state), `modified` for one or more of dbt's reasons (`body`:
its file; `configs`; `relation`: its configured database, schema or alias; `contract`: the
columns or types of an enforced contract; `macros`: a macro it calls), or `unmodified`. Per
output column, a change is `added`, `removed`, `type` (its data type) or `expression` (its
fingerprint: the expression followed through the query's CTEs); `rows` says a filter, join,
grouping or anything else deciding which rows come out changed, so every column did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from datanet_sql.compile.fingerprints import QueryPrint, query_print
from datanet_sql.state.prior import PriorNode, PriorState

REASONS = ("body", "configs", "relation", "contract", "macros")
_RELATION_CONFIG = ("database", "schema", "alias")


@dataclass(frozen=True)
class ColumnChange:
    column: str
    change: str  # added | removed | type | expression
    old_type: str | None = None
    new_type: str | None = None

    @property
    def breaking(self) -> bool:
        """Dropped or retyped: a child reading the column may fail or change meaning."""
        return self.change in ("removed", "type")

    def describe(self) -> str:
        if self.change == "type":
            return f"{self.column} (type {self.old_type} -> {self.new_type})"
        return f"{self.column} ({self.change})"


@dataclass
class NodeChange:
    unique_id: str
    status: str  # new | modified | unmodified
    reasons: tuple[str, ...] = ()
    columns: list[ColumnChange] = field(default_factory=list)
    rows: bool = False  # which rows come out may differ: every column changed

    def changed_columns(self, prior: PriorNode | None, current: PriorNode | None) -> set[str]:
        """The names of the columns whose values may differ from the state's."""
        if self.rows or self.status == "new":
            return {*(prior.columns if prior else ()), *(current.columns if current else ())}
        return {c.column for c in self.columns}


def node_changes(prior: PriorState, current: PriorState) -> dict[str, NodeChange]:
    """The change of every current node, keyed by its datanet id."""
    return {uid: _change(prior.nodes.get(uid), node, prior, current)
            for uid, node in current.nodes.items()}


def _change(old: PriorNode | None, new: PriorNode, prior: PriorState,
            current: PriorState) -> NodeChange:
    if old is None:
        return NodeChange(new.datanet_id, "new")
    reasons = tuple(r for r, differs in zip(REASONS, (
        old.checksum != new.checksum, _configs(old) != _configs(new),
        _relation(old) != _relation(new), _contract(old) != _contract(new),
        _macros(old, prior) != _macros(new, current))) if differs)
    columns, rows = column_changes(old, new, prior, current)
    return NodeChange(new.datanet_id, "modified" if reasons else "unmodified", reasons,
                      columns, rows)


def _configs(node: PriorNode) -> dict[str, object]:
    return {k: v for k, v in node.config.items() if k not in _RELATION_CONFIG}


def _relation(node: PriorNode) -> tuple[object, ...]:
    if node.kind == "source":
        return node.relation[1:]
    return tuple(node.config.get(key) for key in _RELATION_CONFIG)


def _contract(node: PriorNode) -> tuple[object, ...]:
    if not node.contract:
        return (False,)
    return (True, tuple((c.name, c.type) for c in node.columns.values()))


def _macros(node: PriorNode, state: PriorState) -> tuple[str, ...]:
    return tuple(state.macros.get(uid, "") for uid in node.macros)


def column_changes(old: PriorNode, new: PriorNode, prior: PriorState,
                   current: PriorState) -> tuple[list[ColumnChange], bool]:
    """Column by column: added, removed, retyped, recomputed; and whether the rows changed.
    A node that no longer compiles has no columns to compare: its rows count as changed."""
    if old.compiled_code and not new.compiled_code:
        return [], True
    changes = [ColumnChange(n, "added", new_type=c.type) for n, c in new.columns.items()
               if n not in old.columns]
    changes += [ColumnChange(n, "removed", old_type=c.type) for n, c in old.columns.items()
                if n not in new.columns]
    both = [n for n in new.columns if n in old.columns]
    changes += [ColumnChange(n, "type", old.columns[n].type, new.columns[n].type) for n in both
                if old.columns[n].type and new.columns[n].type and
                old.columns[n].type != new.columns[n].type]
    rows = False
    if old.compiled_code != new.compiled_code or old.checksum != new.checksum:
        before, after = _print(old, prior), _print(new, current)
        if before is None or after is None:  # a seed's file, or SQL that cannot be analysed
            return changes, True
        rows = before.rows != after.rows
        typed = {c.column for c in changes}
        changes += [ColumnChange(n, "expression", old.columns[n].type, new.columns[n].type)
                    for n in both if n not in typed and
                    before.columns.get(n) != after.columns.get(n)]
    return changes, rows


def _print(node: PriorNode, state: PriorState) -> QueryPrint | None:
    if not node.compiled_code:
        return None
    return query_print(node.compiled_code, state.dialect, state.relation_names)
