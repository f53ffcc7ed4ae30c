"""What changed in each node between a previous manifest and the current one, as data.

A node is `new` (absent from the state), `modified` for one or more of dbt's reasons (`body`:
its file; `configs`; `relation`: its configured database, schema or alias; `contract`: the
columns or types of an enforced contract; `macros`: a macro it calls), or `unmodified`. Per
output column, a change is `added`, `removed`, `type` (its data type) or `expression` (its
fingerprint: the expression followed through the query's CTEs); `rows` says a filter, join,
grouping or anything else deciding which rows come out changed, so every column did.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

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
    """One node's change. The column diff is computed when first asked for: it parses the
    compiled SQL of both sides, and most nodes of a large project are never asked about."""

    unique_id: str
    status: str  # new | modified | unmodified
    reasons: tuple[str, ...] = ()
    sides: tuple[PriorNode, PriorNode, PriorState, PriorState] | None = None  # old, new

    @cached_property
    def _diff(self) -> tuple[list[ColumnChange], bool]:
        return column_changes(*self.sides) if self.sides else ([], False)

    @property
    def columns(self) -> list[ColumnChange]:
        return self._diff[0]

    @property
    def rows(self) -> bool:
        """Which rows come out may differ: every column changed."""
        return self._diff[1]

    @property
    def breaking(self) -> list[ColumnChange]:
        """The dropped and retyped columns (no SQL is parsed to find them)."""
        return [c for c in _structural(*self.sides[:2]) if c.breaking] if self.sides else []

    def changed_columns(self, prior: PriorNode | None, current: PriorNode | None) -> set[str]:
        """The names of the columns whose values may differ from the state's."""
        if self.status == "new" or self.rows:
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
    return NodeChange(new.datanet_id, "modified" if reasons else "unmodified", reasons,
                      (old, new, prior, current))


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
    """The SQL of every macro the node calls, directly or through other macros (as dbt's
    state:modified.macros follows each macro's `depends_on.macros`)."""
    called: list[str] = []
    pending = list(node.macros)
    while pending:
        uid = pending.pop(0)
        if uid not in called:
            called.append(uid)
            pending += state.macro_calls.get(uid, ())
    return tuple(state.macros.get(uid, "") for uid in called)


def column_changes(old: PriorNode, new: PriorNode, prior: PriorState,
                   current: PriorState) -> tuple[list[ColumnChange], bool]:
    """Column by column: added, removed, retyped, recomputed; and whether the rows changed.
    A node that no longer compiles has no columns to compare: its rows count as changed."""
    if old.compiled_code and not new.compiled_code:
        return [], True
    changes = _structural(old, new)
    both = [n for n in new.columns if n in old.columns]
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


def _structural(old: PriorNode, new: PriorNode) -> list[ColumnChange]:
    """Added, removed and retyped columns: what the manifests' column lists say."""
    if old.compiled_code and not new.compiled_code:  # no longer compiles: nothing to compare
        return []
    changes = [ColumnChange(n, "added", new_type=c.type) for n, c in new.columns.items()
               if n not in old.columns]
    changes += [ColumnChange(n, "removed", old_type=c.type) for n, c in old.columns.items()
                if n not in new.columns]
    return changes + [ColumnChange(n, "type", old.columns[n].type, new.columns[n].type)
                      for n, c in new.columns.items() if n in old.columns and
                      old.columns[n].type and c.type and old.columns[n].type != c.type]


def _print(node: PriorNode, state: PriorState) -> QueryPrint | None:
    if not node.compiled_code:
        return None
    return query_print(node.compiled_code, state.dialect, state.relation_names)
