"""The catalog the annotate pass checks models against: relation -> ordered columns and types.

Built from the sources' real schemas (files described by DuckDB, warehouse tables listed by
the adapter, or columns declared in YAML) and filled with each model's output columns in DAG
order. Passes never talk to a warehouse except through this object.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.schema import MappingSchema

from datanet_sql.adapters.base import Relation


@dataclass
class Catalog:
    dialect: str
    tables: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    owners: dict[tuple[str, str], str] = field(default_factory=dict)  # relation -> node id
    _schema: MappingSchema | None = None
    # added since the schema was built, put into it when it is next asked for: an unchanged
    # model adds its columns but never asks, so a compile with one model edited no longer
    # feeds every later model through MappingSchema.add_table (a quarter of that compile)
    _pending: dict[tuple[str, str], Relation] = field(default_factory=dict)

    @staticmethod
    def key(relation: Relation) -> tuple[str, str]:
        return ((relation.schema or "main").lower(), relation.name.lower())

    def add(self, relation: Relation, columns: dict[str, str], owner: str) -> None:
        key = self.key(relation)
        self.owners[key] = owner
        if not columns:  # a missing source nothing is known about: its readers are refused
            return
        self.tables[key] = {name: (ctype or "UNKNOWN") for name, ctype in columns.items()}
        if self._schema is not None:
            self._pending[key] = relation

    def _quoted(self, columns: dict[str, str]) -> dict[str, str]:
        """Column names as quoted identifiers: a live column is spelled exactly as the
        warehouse stores it, so `"Amount"` of a Postgres seed is not folded to `amount` when
        `select *` is expanded (case-insensitive dialects still fold quoted names)."""
        return {_quoted_name(name, self.dialect): ctype for name, ctype in columns.items()}

    def columns(self, relation: Relation) -> dict[str, str] | None:
        return self.tables.get(self.key(relation))

    def owner(self, schema: str | None, name: str) -> str | None:
        return self.owners.get(((schema or "main").lower(), name.lower()))

    @property
    def schema(self) -> MappingSchema:
        """A prebuilt sqlglot MappingSchema (cheaper than passing dicts on every call)."""
        if self._schema is None:
            nested: dict[str, dict[str, dict[str, str]]] = {}
            for (db, table), cols in self.tables.items():
                nested.setdefault(db, {})[table] = self._quoted(cols)
            self._schema = MappingSchema(nested, dialect=self.dialect, normalize=True)
        for key, relation in self._pending.items():
            self._schema.add_table(relation.table(), self._quoted(self.tables[key]),
                                   dialect=self.dialect, match_depth=False)
        self._pending.clear()
        return self._schema


@functools.lru_cache(maxsize=1 << 16)
def _quoted_name(name: str, dialect: str) -> str:
    """One column name as a quoted identifier of `dialect`, memoised: models repeat their
    parents' column names, and rendering each through sqlglot's generator was a tenth of
    the annotate pass."""
    return exp.to_identifier(name, quoted=True).sql(dialect)
