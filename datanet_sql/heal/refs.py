"""Which source columns a model reads, found by walking sqlglot scopes.

The compiler hands over the model's expression (qualified or not) and a map from the names
its tables go by (alias, table name or `schema.table`) to the (source, table) they are. A
column belongs to a source when it is qualified by that source's alias, or when it is
unqualified and only that source of its scope has such a column in its contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope, walk_in_scope

from datanet_sql.heal.contract import Contract

Key = tuple[str, str]
JSON_EXTRACTS = (exp.JSONExtract, exp.JSONExtractScalar)


@dataclass
class ColumnRef:
    """One Column node that reads `column` (its contract name) of source `key`."""

    key: Key
    column: str
    node: exp.Column
    json_path: str | None = None          # dotted key path when read through JSON extraction
    json_node: exp.Expression | None = None
    alias: str = ""                       # the name its source goes by in its scope
    neighbours: tuple[Key, ...] = ()      # the other sources of its scope


@dataclass
class StarRef:
    """A `*` or `alias.*` projection in `select`, over the sources in `sources` (alias, key)."""

    node: exp.Expression
    select: exp.Select
    sources: list[tuple[str, Key | None]]
    scope: Scope


@dataclass
class Refs:
    columns: list[ColumnRef] = field(default_factory=list)
    stars: list[StarRef] = field(default_factory=list)
    tables: dict[int, Key] = field(default_factory=dict)   # id(exp.Table) -> key

    def read_columns(self, key: Key) -> set[str]:
        return {r.column for r in self.columns if r.key == key}

    def keys(self) -> set[Key]:
        return set(self.tables.values())


def table_key(table: exp.Table, reads: Mapping[str, Key]) -> Key | None:
    """The (source, table) a Table node stands for, looked up by alias, name or db.name."""
    lowered = {k.lower(): v for k, v in reads.items()}
    names = [table.alias, ".".join(p for p in (table.catalog, table.db, table.name) if p),
             f"{table.db}.{table.name}" if table.db else "", table.name]
    for name in names:
        if name and name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _contract_name(contract: Contract | None, name: str) -> str | None:
    if contract is None:
        return None
    col = contract.column(name) or contract.column(name, case_sensitive=False)
    return col.name if col else None


def json_chain(node: exp.Column) -> tuple[str | None, exp.Expression | None]:
    """(dotted path, outermost extraction) when `node` is read through JSON key extraction."""
    parts: list[str] = []
    current: exp.Expression = node
    while isinstance(current.parent, JSON_EXTRACTS) and current.arg_key == "this":
        path = current.parent.expression
        if not isinstance(path, exp.JSONPath):
            return None, None
        for part in path.expressions:
            if isinstance(part, exp.JSONPathKey) and isinstance(part.this, str):
                parts.append(part.this)
            elif not isinstance(part, exp.JSONPathRoot):
                return None, None
        current = current.parent
    return (".".join(parts), current) if parts else (None, None)


def _scope_tables(scope: Scope, reads: Mapping[str, Key], refs: Refs) -> dict[str, Key | None]:
    out: dict[str, Key | None] = {}
    for alias, source in scope.sources.items():
        if isinstance(source, exp.Table):
            key = table_key(source, reads)
            out[alias] = key
            if key:
                refs.tables[id(source)] = key
        else:
            out[alias] = None
    return out


def _owner(column: exp.Column, tables: dict[str, Key | None], scope: Scope,
           contracts: Mapping[Key, Contract]) -> tuple[str, Key | None]:
    """(alias, key) of the source a column reads; key None when it is not a mapped source."""
    if column.table:
        return column.table, tables.get(column.table)
    if len(tables) == 1:
        return next(iter(tables.items()))
    owners = [(alias, key) for alias, key in tables.items()
              if key and _contract_name(contracts.get(key), column.name)]
    derived = [a for a, k in tables.items() if k is None
               and isinstance(scope.sources.get(a), Scope)
               and column.name in scope.sources[a].expression.named_selects]  # type: ignore[union-attr]
    return owners[0] if len(owners) == 1 and not derived else ("", None)


def _stars(scope: Scope, tables: dict[str, Key | None], refs: Refs) -> None:
    select = scope.expression
    if not isinstance(select, exp.Select):
        return
    for proj in select.expressions:
        if isinstance(proj, exp.Star):
            refs.stars.append(StarRef(proj, select, list(tables.items()), scope))
        elif isinstance(proj, exp.Column) and isinstance(proj.this, exp.Star):
            refs.stars.append(StarRef(proj, select, [(proj.table, tables.get(proj.table))], scope))


def _scope_columns(scope: Scope) -> list[exp.Column]:
    """scope.columns plus unqualified HAVING/QUALIFY columns that are not projection aliases
    (sqlglot leaves those out because they might be aliases; here they are source columns)."""
    columns = list(scope.columns)
    seen = {id(c) for c in columns}
    select = scope.expression
    named = set(select.named_selects) if isinstance(select, exp.Query) else set()
    for node in walk_in_scope(select):
        if (isinstance(node, exp.Column) and id(node) not in seen and not node.table
                and node.name not in named
                and isinstance(node.find_ancestor(exp.Having, exp.Qualify, exp.Select),
                               (exp.Having, exp.Qualify))):
            columns.append(node)
    return columns


def find_refs(expression: exp.Expression, reads: Mapping[str, Key],
              contracts: Mapping[Key, Contract]) -> Refs:
    """Every source column, star and table the expression reads, per (source, table)."""
    refs = Refs()
    for scope in traverse_scope(expression):
        tables = _scope_tables(scope, reads, refs)
        _stars(scope, tables, refs)
        for column in _scope_columns(scope):
            if isinstance(column.this, exp.Star):
                continue
            alias, key = _owner(column, tables, scope, contracts)
            name = _contract_name(contracts.get(key), column.name) if key else None
            if key and name:
                path, node = json_chain(column)
                others = tuple(k for a, k in tables.items() if k and a != alias)
                refs.columns.append(ColumnRef(key, name, column, path, node, alias, others))
    return refs
