"""Where a column a query reads is missing: the scope (a CTE's, a subquery's, the outer
query's) whose sources do not have it, and the columns those sources do have.

A "column not found" message that listed every upstream table's columns suggested the very
name it could not find when the column was dropped by a CTE on the way (`with x as (select b
from t) select a from x`): the reader needs the sources of the SELECT that reads it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

ColumnsOf = Callable[[exp.Table], list[str] | None]


def missing_from(query: exp.Expression, column: str, columns_of: ColumnsOf
                 ) -> tuple[list[str], list[str]] | None:
    """(names of the sources, their columns) of the first scope that reads `column` and
    none of whose sources has it; the names are empty when all of them are tables (the
    column is missing upstream). None when that cannot be told (a source of unknown
    columns: `SELECT *`, a table the catalog does not know)."""
    try:
        scopes = traverse_scope(query)
    except Exception:  # noqa: BLE001 - a query sqlglot cannot scope: no better message
        return None
    for scope in scopes:
        if not any(c.name == column for c in scope.columns):
            continue
        available = _source_columns(scope, columns_of)
        if available is not None and column not in available:
            derived = any(isinstance(s, Scope) for s in scope.sources.values())
            return (sorted(scope.sources) if derived else []), available
    return None


def _source_columns(scope: Scope, columns_of: ColumnsOf) -> list[str] | None:
    found: list[str] = []
    for source in scope.sources.values():
        if isinstance(source, Scope):
            names = list(source.expression.named_selects) \
                if isinstance(source.expression, exp.Query) else None
        else:
            names = columns_of(source) if isinstance(source, exp.Table) else None
        if names is None or "*" in names:
            return None
        found += [n for n in names if n not in found]
    return found
