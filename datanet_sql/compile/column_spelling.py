"""Column names spelled as the warehouse stores them, for targets where a quoted name's case
matters (Postgres).

A project read in a case-insensitive dialect (DuckDB, the default) has its identifiers folded
to lower case by qualify, which is right for DuckDB and Spark. On Postgres a
quoted `"größe"` is not the seed's or source's column `"Größe"`, so a model reading it did not
build. After qualify, each column read straight from a table whose columns the catalog holds
with another spelling gets that spelling back, and so does the model's output column that
only passes it on (`select *`, `select Größe`), as Postgres itself names it; children find
it through the catalog the same way.
"""

from __future__ import annotations

import functools

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect, NormalizationStrategy
from sqlglot.optimizer.scope import traverse_scope

from datanet_sql.compile.catalog import Catalog


@functools.cache
def case_matters(dialect: str) -> bool:
    """Whether `dialect` folds bare names to lower case but tells a quoted `"Amount"` from
    `"amount"` (Postgres). Snowflake also tells them apart, but its SQL is emitted with every
    name in upper case (see emit), which is its own rule. Memoised: asked for every model."""
    strategy = Dialect.get_or_raise(dialect).normalization_strategy
    return strategy is NormalizationStrategy.LOWERCASE


def restore_spelling(qualified: exp.Expression, catalog: Catalog) -> None:
    """Give the columns of `qualified` that read a table straight the catalog's spelling, in
    place. Cheap when no table read has a column spelled other than in lower case: scopes are
    only walked when one has."""
    tables = {_key(table) for table in qualified.find_all(exp.Table)}
    spellings = {key: _respelled(catalog.tables.get(key, {})) for key in tables}
    spellings = {key: names for key, names in spellings.items() if names}
    if not spellings:
        return
    for scope in traverse_scope(qualified):
        for column in scope.columns:
            source = scope.sources.get(column.table)
            if not isinstance(source, exp.Table):
                continue
            names = spellings.get(_key(source))
            exact = names.get(column.name.lower()) if names else None
            if exact is None or exact == column.name:
                continue
            column.set("this", exp.to_identifier(exact, quoted=True))
            output = column.parent
            if (scope.parent is None and isinstance(output, exp.Alias)
                    and output.alias == exact.lower()):
                output.set("alias", exp.to_identifier(exact, quoted=True))


def _key(table: exp.Table) -> tuple[str, str]:
    return ((table.db or "main").lower(), table.name.lower())


def _respelled(columns: dict[str, str]) -> dict[str, str]:
    """Folded name -> the name as stored, for the columns whose folding changes them (and
    only where one spelling folds to that name: two would be ambiguous, left as they are)."""
    folded: dict[str, list[str]] = {}
    for name in columns:
        folded.setdefault(name.lower(), []).append(name)
    return {low: names[0] for low, names in folded.items()
            if len(names) == 1 and names[0] != low}
