"""dbt's Relation and Column as templates see them: `ref('m')`, `this`, `api.Relation.create`,
`adapter.get_relation` and `adapter.get_columns_in_relation` hand these out.

A relation of a model the render cannot place yet (`ref`, `this`) prints as the placeholder
the resolve pass swaps for the real relation, while its `.schema`/`.identifier` are the real
ones. It is a Mapping whose `metadata.type` ends in "Relation", the test packages use
(`dbt_utils._is_relation`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.errors import TemplateError


@dataclass(frozen=True)
class DbtRelation(Mapping[str, Any]):
    """A relation: database, schema, identifier; `type` is table, view, cte or None."""

    schema: str | None
    identifier: str
    database: str | None = None
    type: str | None = None
    dialect: str = "duckdb"
    placeholder: str | None = None  # printed instead of the real name until resolve runs

    @property
    def name(self) -> str:
        return self.identifier

    @property
    def table(self) -> str:
        return self.identifier

    @property
    def is_cte(self) -> bool:
        return self.type == "cte"

    @property
    def is_table(self) -> bool:
        return self.type == "table"

    @property
    def is_view(self) -> bool:
        return self.type == "view"

    def relation(self) -> Relation:
        """As datanet's adapters take it."""
        return Relation(self.identifier, self.schema)

    def incorporate(self, type: str | None = None, path: dict[str, Any] | None = None,
                    **_: Any) -> DbtRelation:
        """A copy with another type or path; a new path prints itself, not the placeholder of
        the relation it came from (`this` incorporated into a temporary table's name)."""
        path = {key: value for key, value in (path or {}).items()
                if key in ("identifier", "schema", "database")}
        moved = any(path.get(key, getattr(self, key)) != getattr(self, key) for key in path)
        return replace(self, type=type or self.type,
                       identifier=path.get("identifier", self.identifier),
                       schema=path.get("schema", self.schema),
                       database=path.get("database", self.database),
                       placeholder=None if moved else self.placeholder)

    def include(self, database: bool = True, schema: bool = True,
                identifier: bool = True) -> DbtRelation:
        return replace(self, database=self.database if database else None,
                       schema=self.schema if schema else None, placeholder=None)

    def without_identifier(self) -> DbtRelation:
        """The relation's schema (`create_schema` takes one), printed as the schema."""
        return replace(self, identifier="", placeholder=None)

    def quote(self, *_: Any, **__: Any) -> DbtRelation:
        return self

    def information_schema(self, view_name: str | None = None) -> DbtRelation:
        """dbt's `relation.information_schema('columns')`: that view of the relation's
        database (audit_helper's `compare_relation_columns` reads its columns there); with no
        view, the schema itself, which a template follows with `.tables`."""
        return DbtRelation("information_schema", view_name or "", dialect=self.dialect)

    def render(self) -> str:
        return str(self)

    def __str__(self) -> str:
        if self.placeholder is not None:
            return self.placeholder
        if not self.identifier:  # a schema: `without_identifier()`
            return exp.to_identifier(self.schema or "", quoted=True).sql(dialect=self.dialect)
        return exp.table_(self.identifier, db=self.schema, quoted=True).sql(dialect=self.dialect)

    def __html__(self) -> str:  # Jinja's Markup: printed as is
        return str(self)

    # Mapping: what `obj is mapping and obj.get('metadata')` in packages reads
    def _fields(self) -> dict[str, Any]:
        return {"metadata": {"type": "DatanetRelation"}, "database": self.database,
                "schema": self.schema, "identifier": self.identifier, "type": self.type,
                "path": {"database": self.database, "schema": self.schema,
                         "identifier": self.identifier}}

    def __getitem__(self, key: str) -> Any:
        return self._fields()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields())

    def __len__(self) -> int:
        return len(self._fields())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DbtRelation) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


@dataclass(frozen=True)
class DbtColumn:
    """A column of `adapter.get_columns_in_relation`: `.name`, `.data_type`, `.dtype`."""

    name: str
    data_type: str

    @property
    def column(self) -> str:
        return self.name

    @property
    def dtype(self) -> str:
        return self.data_type

    @property
    def quoted(self) -> str:
        return exp.to_identifier(self.name, quoted=True).sql()

    def is_string(self) -> bool:
        return any(t in self.data_type.lower() for t in ("char", "text", "string"))

    @property
    def char_size(self) -> int | None:
        """The size of a `varchar(n)`, None when the type has none."""
        found = re.search(r"\((\d+)\)", self.data_type) if self.is_string() else None
        return int(found.group(1)) if found else None

    def string_size(self) -> int:
        """dbt's: the size of a string column, 256 when its type has none (`text`)."""
        if not self.is_string():
            raise TemplateError(f"string_size() of column '{self.name}', which is "
                                f"{self.data_type}, not a string")
        return self.char_size or 256

    def is_number(self) -> bool:
        return self.is_numeric() or self.is_integer() or self.is_float()

    def is_numeric(self) -> bool:
        return any(t in self.data_type.lower() for t in ("numeric", "decimal"))

    def is_integer(self) -> bool:
        return "int" in self.data_type.lower()

    def is_float(self) -> bool:
        return any(t in self.data_type.lower() for t in ("float", "double", "real"))


class ColumnApi:
    """`api.Column` as dbt's base adapter Column has it (dbt-duckdb and dbt-postgres keep its
    labels): `translate_type('string')` is `TEXT`, other labels as written; `create(name,
    type)`, `string_type(size)`, `numeric_type(type, precision, scale)`."""

    TYPE_LABELS = {"STRING": "TEXT"}

    @classmethod
    def translate_type(cls, dtype: str) -> str:
        return cls.TYPE_LABELS.get(str(dtype).upper(), str(dtype))

    @classmethod
    def create(cls, name: str, label_or_dtype: str) -> DbtColumn:
        return DbtColumn(name, cls.translate_type(label_or_dtype))

    @staticmethod
    def string_type(size: int) -> str:
        return f"character varying({size})"

    @staticmethod
    def numeric_type(dtype: str, precision: Any, scale: Any) -> str:
        return dtype if precision is None or scale is None else f"{dtype}({precision},{scale})"


class RelationApi:
    """`api.Relation`: create(database=, schema=, identifier=, type=)."""

    def __init__(self, dialect: str) -> None:
        self._dialect = dialect

    def create(self, database: str | None = None, schema: str | None = None,
               identifier: str | None = None, type: str | None = None,
               **_: Any) -> DbtRelation:
        return DbtRelation(schema, identifier or "", database, type, self._dialect)

    def add_ephemeral_prefix(self, name: str) -> str:
        return f"__dbt__cte__{name}"
