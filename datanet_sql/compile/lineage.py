"""Column-level lineage: each output column of a qualified query -> the base columns it reads.

A projection is *expanded*: every column that points into a CTE or derived table is replaced by
that inner projection's own expression, recursively, until only columns of real tables are
left. The expanded tree is what semantic propagation reasons about (`lower(email)` is still an
email however many CTEs sit in between); its leaves are the lineage.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, build_scope

_MAX_NODES = 2000  # stop inlining past this size: lineage stays exact, the tree is truncated


@dataclass
class ColumnLineage:
    name: str
    expression: exp.Expression  # expanded: leaves are columns of base tables
    sources: list[tuple[str, str, str]]  # (schema, table, column)


def column_lineage(query: exp.Expression) -> list[ColumnLineage]:
    """Lineage of every output column of a qualified query, in output order."""
    root = build_scope(query)
    if root is None:
        return []
    branches = _branches(root)
    result: list[ColumnLineage] = []
    first = _projections(branches[0])
    for index, (name, projection) in enumerate(first):
        expanded = [_expand(projection, branches[0])]
        for other in branches[1:]:
            others = _projections(other)
            if index < len(others):
                expanded.append(_expand(others[index][1], other))
        sources = _unique([s for tree in expanded for s in _leaves(tree)])
        result.append(ColumnLineage(name, expanded[0], sources))
    return result


Source = tuple[str, str, str]  # (schema, table, column) of a base table


def column_sources(root: Scope | None) -> dict[str, list[Source]]:
    """Output column -> the base columns it reads: the leaves of `column_lineage`, found
    without copying any tree (the expanded trees cost more than the rest of the analysis).
    Takes the query's root scope (`build_scope`), which semantic propagation reads too."""
    if root is None:
        return {}
    branches = _branches(root)
    memo: dict[tuple[int, str], list[Source]] = {}
    result: dict[str, list[Source]] = {}
    for index, (name, projection) in enumerate(_projections(branches[0])):
        found = _sources(projection, branches[0], memo, 0)
        for other in branches[1:]:
            others = _projections(other)
            if index < len(others):
                found += _sources(others[index][1], other, memo, 0)
        result.setdefault(name, _unique(found))
    return result


def _sources(expression: exp.Expression, scope: Scope,
             memo: dict[tuple[int, str], list[Source]], depth: int) -> list[Source]:
    found: list[Source] = []
    for column in expression.find_all(exp.Column):
        source = scope.sources.get(column.table)
        if isinstance(source, exp.Table):
            found.append((source.db, source.name, column.name))
        elif isinstance(source, Scope) and depth < 32:
            found += _inner_sources(source, column.name, memo, depth)
    return found


def _inner_sources(scope: Scope, name: str, memo: dict[tuple[int, str], list[Source]],
                   depth: int) -> list[Source]:
    """What a CTE's or derived table's output column reads (every branch of a UNION)."""
    key = (id(scope), name)
    if key not in memo:
        memo[key] = []
        found: list[Source] = []
        for branch in _branches(scope):
            match = next((p for n, p in _projections(branch) if n == name), None)
            if match is not None:
                found += _sources(match, branch, memo, depth + 1)
        memo[key] = _unique(found)
    return memo[key]


def _projections(scope: Scope) -> list[tuple[str, exp.Expression]]:
    expression = scope.expression
    if not isinstance(expression, exp.Select):
        return []
    return [(p.alias_or_name, p.unalias()) for p in expression.selects]


def _expand(expression: exp.Expression, scope: Scope, depth: int = 0) -> exp.Expression:
    tree = expression.copy()
    if depth > 32:
        return tree
    for column in list(tree.find_all(exp.Column)):
        replacement = _resolve(column, scope, depth)
        if replacement is None:
            continue
        if column is tree:
            return replacement
        column.replace(replacement)
        if sum(1 for _ in tree.walk()) > _MAX_NODES:
            break
    return tree


def _resolve(column: exp.Column, scope: Scope, depth: int) -> exp.Expression | None:
    """The base-table form of one column reference, or None to leave it as it is."""
    source = scope.sources.get(column.table)
    if isinstance(source, exp.Table):
        base = exp.column(column.name, table=source.name, db=source.db, quoted=True)
        base.meta["base"] = (source.db, source.name, column.name)
        return base
    if isinstance(source, Scope):
        for branch in _branches(source):
            for name, projection in _projections(branch):
                if name == column.name:
                    return _expand(projection, branch, depth + 1)
    return None


def _branches(scope: Scope) -> list[Scope]:
    """The SELECT scopes of a (possibly nested) UNION, left to right."""
    if not scope.set_operation_scopes:
        return [scope]
    return [leaf for child in scope.set_operation_scopes for leaf in _branches(child)]


def _leaves(tree: exp.Expression) -> list[tuple[str, str, str]]:
    return [c.meta["base"] for c in tree.find_all(exp.Column) if "base" in c.meta]


def _unique(items: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return list(dict.fromkeys(items))


def select_branches(scope: Scope) -> list[Scope]:
    """The SELECT scopes behind a scope (several for a UNION): for walks outside this module."""
    return _branches(scope)


def projections(scope: Scope) -> list[tuple[str, exp.Expression]]:
    """(output name, expression) of a SELECT scope."""
    return _projections(scope)


def expression_sources(expression: exp.Expression, scope: Scope) -> list[Source]:
    """The base columns one expression of a scope reads (through its CTEs and subqueries)."""
    return _unique(_sources(expression, scope, {}, 0))
