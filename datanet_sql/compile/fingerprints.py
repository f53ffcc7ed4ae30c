"""Fingerprints of a compiled query: one digest per output column and one for its rows.

Two compiles of a model (a pull request and main's manifest) are compared through these, so
a change is described per column: a column whose expression, followed through the CTEs and
derived tables it reads, is the same has the same digest; an edit to a filter, join, grouping
or set operation anywhere in the query changes the rows digest, so every column counts as
changed. The base columns read outside projections (in WHERE, JOIN, GROUP BY...) are listed
too: a child that filters on a changed column is affected as a whole.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import ParseError
from sqlglot.optimizer.scope import Scope, build_scope

from datanet_sql.compile.lineage import Source, expression_sources, projections, select_branches

_SKIPPED_ARGS = ("expressions", "with", "with_", "this", "expression")  # set-op branches, CTEs


@dataclass(frozen=True)
class QueryPrint:
    columns: dict[str, str]  # output column -> digest of its expression (through CTEs)
    rows: str  # digest of everything that decides which rows come out
    filter_reads: frozenset[Source]  # base columns read outside any projection


def query_print(sql: str, dialect: str,
                names: dict[tuple[str, str], str] | None = None) -> QueryPrint | None:
    """The fingerprints of a compiled (qualified) query; None when it cannot be analysed.

    `names` maps a relation (schema, name) to a name that does not depend on the target (the
    node's id), so a manifest compiled for production and one compiled for CI agree on every
    query that reads the same models."""
    try:
        tree = _renamed(exp.maybe_parse(sql, dialect=dialect), names or {})
        root = build_scope(tree)
    except (ParseError, ValueError, KeyError):
        return None
    if root is None:
        return None
    memo: dict[tuple[int, str], str] = {}
    columns: dict[str, str] = {}
    branches = select_branches(root)
    for index, (name, _) in enumerate(projections(branches[0])):
        texts = [_text(projections(b)[index][1], b, memo, dialect) for b in branches
                 if index < len(projections(b))]
        columns.setdefault(name, _digest(texts))
    scopes = list(root.traverse())
    rows = _digest([_rows_text(scope, memo, dialect) for scope in scopes])
    reads = frozenset(source for scope in scopes for column in scope.columns
                      if not _in_projection(column, scope)
                      for source in expression_sources(column, scope))
    return QueryPrint(columns, rows, reads)


def _renamed(tree: exp.Expression, names: dict[tuple[str, str], str]) -> exp.Expression:
    for table in tree.find_all(exp.Table):
        name = names.get((table.db, table.name))
        if name is not None:
            table.set("catalog", None)
            table.set("db", None)
            table.set("this", exp.to_identifier(name, quoted=True))
    return tree


def _digest(texts: list[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]


def _text(expression: exp.Expression, scope: Scope, memo: dict[tuple[int, str], str],
          dialect: str, depth: int = 0) -> str:
    """An expression's SQL, followed by what each column it reads from a CTE or derived table
    is computed as there (so an edit inside a CTE reaches the outer column's digest)."""
    parts = [expression.sql(dialect=dialect)]
    for column in expression.find_all(exp.Column):
        source = scope.sources.get(column.table)
        if isinstance(source, Scope) and depth < 32:
            parts.append(_inner(source, column.name, memo, dialect, depth))
    return "|".join(parts)


def _inner(scope: Scope, name: str, memo: dict[tuple[int, str], str], dialect: str,
           depth: int) -> str:
    key = (id(scope), name)
    if key not in memo:
        memo[key] = ""
        memo[key] = "+".join(_text(p, branch, memo, dialect, depth + 1)
                             for branch in select_branches(scope)
                             for n, p in projections(branch) if n == name)
    return memo[key]


def _rows_text(scope: Scope, memo: dict[tuple[int, str], str], dialect: str) -> str:
    """Every clause of one scope but its projections: FROM, JOIN, WHERE, GROUP BY, HAVING,
    QUALIFY, ORDER BY, LIMIT, DISTINCT, and which set operation it is."""
    expression = scope.expression
    parts = [type(expression).__name__, str(expression.args.get("distinct"))]
    for key, value in expression.args.items():
        if key in _SKIPPED_ARGS or not value or isinstance(value, bool):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, exp.Expression):
                parts.append(f"{key}={_text(item, scope, memo, dialect)}")
    return ";".join(parts)


def _in_projection(column: exp.Column, scope: Scope) -> bool:
    node: exp.Expression = column
    while node.parent is not None and node.parent is not scope.expression:
        node = node.parent
    return node.parent is scope.expression and node.arg_key == "expressions"


def selects_star(sql: str, dialect: str) -> bool:
    """Whether a query (as written, before `*` is expanded) outputs `*` or `t.*`: its output
    then grows with its parents' (True when it cannot be parsed: assume so). A `*` inside a
    CTE or subquery passes on only the columns the outer query names, which lineage follows."""
    try:
        tree = exp.maybe_parse(sql, dialect=dialect)
    except (ParseError, ValueError):
        return True
    return any(isinstance(p, exp.Star) or isinstance(p, exp.Column) and isinstance(p.this, exp.Star)
               for select in _outer_selects(tree) for p in select.expressions)


def _outer_selects(tree: exp.Expression) -> list[exp.Select]:
    """The SELECTs whose projections are the query's output (each branch of a UNION)."""
    if isinstance(tree, exp.SetOperation):
        return _outer_selects(tree.this) + _outer_selects(tree.expression)
    if isinstance(tree, exp.Subquery):
        return _outer_selects(tree.this)
    return [tree] if isinstance(tree, exp.Select) else []
