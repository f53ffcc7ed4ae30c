"""`adapter` in templates: `dispatch` over the bound macros, the warehouse questions
(`get_columns_in_relation`, `get_relation`, `check_schema_exists`, `execute`), its DDL
(`drop_relation`, `truncate_relation`, `rename_relation`, `create_schema`, `drop_schema`),
`quote`, `type()` and dbt-duckdb's `external_root()`, `location_exists()` and
`external_read_location()`."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.compile.dbt_jinja.registry import BoundMacros
from datanet_sql.compile.dbt_jinja.relation import DbtColumn, DbtRelation
from datanet_sql.compile.dbt_jinja.table import Table
from datanet_sql.compile.dbt_jinja.warehouse import Warehouse


class DbtAdapter:
    """What dbt packages call on `adapter`; `bound` is set once the render's macros are."""

    def __init__(self, warehouse: Warehouse, adapter_type: str, external_root: str) -> None:
        self._warehouse = warehouse
        self._type = adapter_type
        self._external_root = external_root
        self.bound: BoundMacros | None = None

    @property
    def warehouse(self) -> Warehouse:
        """The render's warehouse (dbt's built-in macros that query it: `adapter_macros.py`)."""
        return self._warehouse

    def dispatch(self, macro_name: str, macro_namespace: str | None = None,
                 packages: list[str] | None = None) -> Any:
        assert self.bound is not None, "dispatch before the macros were bound"
        return self.bound.dispatch(macro_name, macro_namespace, packages)

    def type(self) -> str:
        return self._type

    def external_root(self) -> str:
        """dbt-duckdb's folder of external models' files (`external_root:` of the profile)."""
        return self._external_root

    def location_exists(self, location: str) -> bool:
        """dbt-duckdb's: whether DuckDB reads a file (or glob) there; a relative path is
        DuckDB's (the working folder), as the model's own `from 'path'` reads it."""
        return self._warehouse.location_exists(str(location))

    def external_read_location(self, write_location: str, options: dict[str, Any]) -> str:
        """dbt-duckdb's: what reads back the files written at `write_location` (a glob over
        the folder of a partitioned write)."""
        partition = options.get("partition_by")
        if not partition and not options.get("per_thread_output"):
            return write_location
        depth = 1 + (len(str(partition).split(",")) if partition else 0)
        return "/".join([write_location, *["*"] * depth]) + f".{options.get('format', 'parquet')}"

    def quote(self, identifier: str) -> str:
        return exp.to_identifier(str(identifier), quoted=True).sql(
            dialect=self._warehouse.dialect)

    def get_columns_in_relation(self, relation: DbtRelation) -> list[DbtColumn]:
        return self._warehouse.get_columns_in_relation(relation)

    def get_relation(self, database: str | None = None, schema: str | None = None,
                     identifier: str | None = None) -> DbtRelation | None:
        return self._warehouse.get_relation(database, schema, identifier)

    def load_relation(self, relation: DbtRelation) -> DbtRelation | None:
        return self._warehouse.load_relation(relation)

    def execute(self, sql: str, auto_begin: bool = False, fetch: bool = False
                ) -> tuple[str, Table]:
        return self._warehouse.execute(sql, auto_begin, fetch)

    def drop_relation(self, relation: DbtRelation) -> str:
        self._warehouse.drop_relation(relation)
        return ""

    def truncate_relation(self, relation: DbtRelation) -> str:
        self._warehouse.truncate_relation(relation)
        return ""

    def rename_relation(self, from_relation: DbtRelation, to_relation: DbtRelation) -> str:
        self._warehouse.rename_relation(from_relation, to_relation)
        return ""

    def create_schema(self, relation: DbtRelation) -> str:
        self._warehouse.create_schema(relation)
        return ""

    def drop_schema(self, relation: DbtRelation) -> str:
        self._warehouse.drop_schema(relation)
        return ""

    def check_schema_exists(self, database: str | None, schema: str) -> bool:
        return self._warehouse.schema_exists(schema)

    def commit(self) -> str:
        """Nothing to do: what a template runs is committed with the step it runs in (a
        model's hooks with its build), as datanet's runner commits every step."""
        return ""
