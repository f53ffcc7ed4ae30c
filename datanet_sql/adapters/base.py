"""The adapter protocol: what the runner, ingestion, profiling and healing may ask a warehouse.

Every statement is built as a sqlglot expression and rendered in the adapter's dialect, so a
new warehouse is a new module that overrides the few statements its engine spells
differently, not edits across the code base (SQLMesh's engine adapters are the model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlglot import exp


@dataclass(frozen=True)
class Relation:
    """A table or view in the warehouse: `schema.name` (schema may be None for the default)."""

    name: str
    schema: str | None = None

    def table(self) -> exp.Table:
        return exp.table_(self.name, db=self.schema, quoted=True)

    def with_name(self, name: str) -> Relation:
        return Relation(name, self.schema)

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True)
class ColumnInfo:
    """A live column as the warehouse reports it."""

    name: str
    type: str


class Adapter:
    """Base class: statement builders shared by all engines; connection handling per engine.

    Subclasses set `dialect` and implement `_connect`, `execute`, `fetch` and
    `list_columns`; they may override any builder whose SQL their engine spells differently.
    """

    dialect: ClassVar[str] = ""
    supports_transactions: ClassVar[bool] = True
    supports_merge: ClassVar[bool] = False

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    # -- connection ------------------------------------------------------------------------
    def execute(self, sql: str | exp.Expression) -> int | None:
        """Run one statement; return the number of rows affected when the engine knows it."""
        raise NotImplementedError

    def fetch(self, sql: str | exp.Expression) -> tuple[list[str], list[tuple]]:
        """Run a query and return (column names, rows)."""
        raise NotImplementedError

    def list_columns(self, relation: Relation) -> list[ColumnInfo] | None:
        """Columns of a relation, or None when it does not exist."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the connection (idempotent)."""

    # -- rendering -------------------------------------------------------------------------
    def sql(self, expression: str | exp.Expression) -> str:
        if isinstance(expression, str):
            return expression
        return expression.sql(dialect=self.dialect)

    def fetch_one(self, sql: str | exp.Expression) -> tuple | None:
        _, rows = self.fetch(sql)
        return rows[0] if rows else None

    # -- statement builders ----------------------------------------------------------------
    def create_schema(self, schema: str) -> exp.Expression:
        return exp.Create(this=exp.Table(this=exp.to_identifier(schema, quoted=True)),
                          kind="SCHEMA", exists=True)

    def create_table_as(self, relation: Relation, query: exp.Expression) -> exp.Expression:
        return exp.Create(this=relation.table(), kind="TABLE", expression=query)

    def create_view_as(self, relation: Relation, query: exp.Expression) -> exp.Expression:
        return exp.Create(this=relation.table(), kind="VIEW", expression=query, replace=True)

    def drop(self, relation: Relation, kind: str = "TABLE") -> exp.Expression:
        return exp.Drop(this=relation.table(), kind=kind, exists=True)

    def rename(self, relation: Relation, new_name: str) -> exp.Expression:
        return exp.Alter(
            this=relation.table(),
            kind="TABLE",
            actions=[exp.AlterRename(this=exp.to_table(new_name, quoted=True))],
        )

    def insert_into(self, relation: Relation, query: exp.Expression,
                    columns: Sequence[str] | None = None) -> exp.Expression:
        target: exp.Expression = relation.table()
        if columns:
            target = exp.Schema(this=target,
                                expressions=[exp.to_identifier(c, quoted=True) for c in columns])
        return exp.Insert(this=target, expression=query)

    def delete_matching(self, relation: Relation, source: exp.Expression,
                        key: Sequence[str]) -> exp.Expression:
        """DELETE rows of `relation` whose key appears in `source` (delete+insert strategy)."""
        target = relation.table()
        keys = [exp.column(k, quoted=True) for k in key]
        subquery = exp.select(*[k.copy() for k in keys]).from_(exp.Subquery(this=source, alias=exp.TableAlias(
            this=exp.to_identifier("__dn_new"))))
        probe: exp.Expression = keys[0] if len(keys) == 1 else exp.Tuple(expressions=keys)
        cond = exp.In(this=probe, query=exp.Subquery(this=subquery))
        return exp.Delete(this=target, where=exp.Where(this=cond))

    def select_star(self, relation: Relation, limit: int | None = None) -> exp.Select:
        query = exp.select("*").from_(relation.table())
        return query.limit(limit) if limit is not None else query
