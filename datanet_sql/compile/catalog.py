"""The catalog the annotate pass checks models against: relation -> ordered columns and types.

Built from the sources' real schemas (files described by DuckDB, warehouse tables listed by
the adapter, or columns declared in YAML) and filled with each model's output columns in DAG
order. Passes never talk to a warehouse except through this object.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.schema import MappingSchema, normalize_name

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
    # each relation as it was spelled, where that is not its lower-case key: a Postgres seed
    # `RawPeople` is read as "RawPeople" (quoted, case kept), so the schema holds that name too
    _spelled: dict[tuple[str, str], Relation] = field(default_factory=dict)

    @staticmethod
    def key(relation: Relation) -> tuple[str, str]:
        return ((relation.schema or "main").lower(), relation.name.lower())

    def add(self, relation: Relation, columns: dict[str, str], owner: str) -> None:
        key = self.key(relation)
        self.owners[key] = owner
        self._remember_spelling(key, relation)
        if not columns:  # a missing source nothing is known about: its readers are refused
            return
        known = self.tables.get(key)
        self.tables[key] = {name: (ctype or "UNKNOWN") for name, ctype in columns.items()}
        if known is not None and known != self.tables[key]:
            # replaced (a run found other columns than the compile): sqlglot's MappingSchema
            # keeps what it looked up, so it is built anew from the tables when next asked
            self._schema = None
            self._pending.clear()
        elif self._schema is not None:
            self._pending[key] = relation

    def add_system(self, relation: Relation, columns: dict[str, str]) -> None:
        """A warehouse's own catalog view (`information_schema.columns`): known, owned by no
        node of the project."""
        key = self.key(relation)
        self._remember_spelling(key, relation)
        self.tables[key] = {name: (ctype or "UNKNOWN") for name, ctype in columns.items()}
        if self._schema is not None:
            self._pending[key] = relation

    def _remember_spelling(self, key: tuple[str, str], relation: Relation) -> None:
        if (relation.schema or "main", relation.name) != key:
            self._spelled[key] = relation

    def columns(self, relation: Relation) -> dict[str, str] | None:
        return self.tables.get(self.key(relation))

    def owner(self, schema: str | None, name: str) -> str | None:
        return self.owners.get(((schema or "main").lower(), name.lower()))

    @property
    def schema(self) -> MappingSchema:
        """A sqlglot MappingSchema of every relation added so far (built once, then extended
        when asked for: cheaper than passing dicts on every call)."""
        if self._schema is None:
            self._schema = MappingSchema(dialect=self.dialect, normalize=True)
            for (db, table), columns in self.tables.items():
                _add(self._schema, exp.table_(table, db=db), columns, self.dialect)
                if (spelled := self._spelled.get((db, table))) is not None:
                    _add(self._schema, spelled.table(), columns, self.dialect)
        for key, relation in self._pending.items():
            _add(self._schema, relation.table(), self.tables[key], self.dialect)
        self._pending.clear()
        return self._schema


def _add(schema: MappingSchema, table: exp.Table, columns: dict[str, str], dialect: str) -> None:
    """One relation into the schema, its names normalised here as sqlglot would, and sqlglot
    told not to: it would parse every column name back from SQL text, which was most of the
    schema's time when a project's models add thousands of new names."""
    for part in table.parts:
        part.replace(normalize_name(part, dialect=dialect, is_table=True))
    schema.add_table(table, {_column_key(name, dialect): ctype for name, ctype in columns.items()},
                     normalize=False, match_depth=False)


@functools.lru_cache(maxsize=1 << 16)
def _column_key(name: str, dialect: str) -> exp.Identifier:
    """A column as the schema holds it: quoted, since a live column is spelled exactly as the
    warehouse stores it (`"Amount"` of a Postgres seed is not folded to `amount` when `select *`
    is expanded), then normalised as `dialect` resolves a quoted name (case-insensitive
    dialects still fold it). Memoised: models repeat their parents' column names."""
    return normalize_name(exp.to_identifier(name, quoted=True), dialect=dialect)
