"""The nodes that flow through the compiler: sources, seeds, models and data tests.

Plain dataclasses (not sqlglot subclasses: the compiled sqlglot build cannot load those).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.project.foreign_key import ForeignKey
from datanet_sql.project.hooks import Hook

# a source's config flag (every source of a dbt project): as dbt never checks a source, a
# table that does not exist is a warning of the source, and fails only the nodes reading it
MISSING_FAILS_READERS = "missing_fails_readers"
# a source's config: the DuckDB table function call it is read through (dbt-duckdb's
# `external_location: "read_csv(...)"`), as SQL; the source is a view over the call
READER = "reader"


@dataclass
class Column:
    """An output column: its type, meaning and the upstream columns it is computed from."""

    name: str
    type: str | None = None
    description: str | None = None
    semantic: str | None = None
    pii: bool = False
    confidence: float | None = None
    lineage: list[str] = field(default_factory=list)  # "source.raw.orders.amount" style ids
    # leaf key paths of a STRUCT or JSON column ("postal_code" -> Column "address.postal_code"):
    # a postal code inside an address document is personal data like a top-level one
    fields: dict[str, Column] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "type": self.type}
        for key in ("description", "semantic", "confidence"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        data["pii"] = self.pii
        data["lineage"] = self.lineage
        if self.fields:
            data["fields"] = {path: f.to_dict() for path, f in self.fields.items()}
        return data

    def flattened(self) -> list[Column]:
        """This column, then each of its nested fields: the rows `ls --columns` prints."""
        return [self, *self.fields.values()]


@dataclass
class Node:
    """A source table, seed, model or data test, identified by `kind.name` (dbt style)."""

    unique_id: str
    name: str
    kind: str  # source | seed | model | test
    path: str
    line: int = 1
    relation: Relation | None = None
    # a data test of a dbt project: its relation as dbt names it (its `schema` config through
    # generate_schema_name, its alias through generate_alias_name), where failures are stored
    audit: Relation | None = None
    config: dict[str, Any] = field(default_factory=dict)
    description: str | None = None
    depends_on: list[str] = field(default_factory=list)
    columns: dict[str, Column] = field(default_factory=dict)
    column_specs: list[Any] = field(default_factory=list)  # ColumnSpec from YAML
    raw_text: str = ""
    rendered_sql: str | None = None
    rendered_incremental_sql: str | None = None
    expression: exp.Expression | None = None
    incremental_expression: exp.Expression | None = None
    qualified_sql: str | None = None  # after qualify, in the project's dialect (cached)
    qualified_incremental_sql: str | None = None
    rejects_expression: exp.Expression | None = None  # declarative models with cleansing
    qualified_rejects_sql: str | None = None
    compiled_sql: str | None = None
    compiled_rejects_sql: str | None = None
    compiled_incremental_sql: str | None = None
    compiled_path: str | None = None  # the file emit wrote, from the project root
    spec: Any = None  # ModelSpec of a declarative model, SourceTableSpec of a source
    source_spec: Any = None  # a source table's SourceSpec: its source's description, loader
    spec_path: str | None = None  # the YAML file describing a SQL model or seed (for errors)
    spec_line: int | None = None
    checksum: str = ""
    test: dict[str, Any] | None = None  # for data tests: name, attached node, column, args
    notes: list[str] = field(default_factory=list)  # generated-SQL comments, heal records
    warnings: list[str] = field(default_factory=list)  # for the user (kept with the analysis)
    healing: dict[str, Any] | None = None  # the healing plan applied at compile time
    error: str | None = None  # compile-time refusal (e.g. an unsafe schema change)
    blocked: bool = False  # an upstream node was refused: not analysed, skipped at run time
    # why the node is analysed when it runs, not at compile: its SQL depends on the warehouse
    # (a dbt macro asked about a relation the run builds first), or it reads such a node
    held_over: str | None = None
    version: str | None = None  # a version of a versioned model (its spec names the model)
    latest_version: str | None = None
    hooks: list[Hook] = field(default_factory=list)  # rendered pre/post hooks and sql_header
    foreign_keys: list[ForeignKey] = field(default_factory=list)  # checked when it is built
    package: str | None = None  # the installed package it comes from (None: the project)

    @property
    def materialized(self) -> str:
        return str(self.config.get("materialized", "view"))

    @property
    def tags(self) -> list[str]:
        tags = self.config.get("tags", [])
        return [tags] if isinstance(tags, str) else list(tags)

    @property
    def is_python(self) -> bool:
        """A dbt Python model (`models/x.py`): built by running its code (run/python_model.py)."""
        return self.kind == "model" and self.path.endswith(".py")

    @property
    def is_declarative(self) -> bool:
        return self.kind == "model" and self.spec is not None and self.spec.from_ is not None

    def column(self, name: str) -> Column | None:
        """A column by name; sqlglot normalises unquoted names to lower case, so a column
        spelled `Größe` upstream is also found as `größe`."""
        found = self.columns.get(name)
        if found is None:
            folded = name.casefold()
            found = next((c for n, c in self.columns.items() if n.casefold() == folded), None)
        if found is None and "." in name:  # `address.postal_code`: a field of a nested column
            head, _, path = name.partition(".")
            parent = self.column(head)
            found = parent.fields.get(path) if parent else None
        return found

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "unique_id": self.unique_id,
            "name": self.name,
            "resource_type": self.kind,
            "path": self.path,
            "relation": str(self.relation) if self.relation else None,
            "config": jsonable(self.config),
            "description": self.description,
            "depends_on": self.depends_on,
            "columns": {name: col.to_dict() for name, col in self.columns.items()},
            "checksum": self.checksum,
        }
        if self.compiled_path is not None:
            data["compiled_path"] = self.compiled_path
        if self.compiled_sql is not None and self.kind in ("test", "unit_test"):
            data["compiled_sql"] = self.compiled_sql
        if self.test:
            data["test"] = jsonable(self.test)
        if self.notes:
            data["notes"] = self.notes
        for key in ("healing", "error"):
            if getattr(self, key):
                data[key] = jsonable(getattr(self, key))
        if self.blocked:
            data["blocked"] = True
        if self.held_over:
            data["held_over"] = self.held_over
        if self.version is not None:
            data["version"], data["latest_version"] = self.version, self.latest_version
        return data


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
