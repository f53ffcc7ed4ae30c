"""DuckDB: the embedded default warehouse, a file under .datanet/ that needs nothing running."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation
from datanet_sql.errors import (
    ConnectionLostError,
    RelationNotFoundError,
    TransientWarehouseError,
    WarehouseError,
    WarehouseUnavailableError,
)


class DuckDBAdapter(Adapter):
    """One database file (or `:memory:`), one cursor per thread for parallel model builds."""

    dialect: ClassVar[str] = "duckdb"
    supports_merge: ClassVar[bool] = True

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.path = str(config.get("path", ":memory:"))
        self._local = threading.local()
        self._root: Any = None
        self._lock = threading.Lock()

    def _connection(self) -> Any:
        with self._lock:
            if self._root is None:
                import duckdb

                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                try:
                    self._root = duckdb.connect(self.path)
                except duckdb.Error as err:
                    raise WarehouseUnavailableError(
                        f"cannot open the DuckDB database {self.path}: {err}",
                        hint="is another process holding it open? close it and retry",
                    ) from err
                threads = self.config.get("threads")
                if threads:
                    self._root.execute(f"SET threads = {int(threads)}")
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._root.cursor()
            self._local.cursor = cursor
        return cursor

    @property
    def connection(self) -> Any:
        """The raw duckdb connection of this thread (for loading Arrow tables and frames)."""
        return self._connection()

    def execute(self, sql: str | exp.Expression) -> int | None:
        con = self._connection()
        try:
            con.execute(self.sql(sql))
        except Exception as err:
            raise _translate(err) from err
        try:
            row = con.fetchone()
        except Exception:  # noqa: BLE001 - statements without a result set
            return None
        return int(row[0]) if row and isinstance(row[0], int) and len(row) == 1 else None

    def fetch(self, sql: str | exp.Expression) -> tuple[list[str], list[tuple]]:
        con = self._connection()
        try:
            con.execute(self.sql(sql))
            rows = con.fetchall()
        except Exception as err:
            raise _translate(err) from err
        names = [d[0] for d in con.description] if con.description else []
        return names, rows

    def list_columns(self, relation: Relation) -> list[ColumnInfo] | None:
        query = (
            exp.select("column_name", "data_type")
            .from_("information_schema.columns")
            .where(exp.column("table_name").eq(exp.Literal.string(relation.name)))
            .order_by("ordinal_position")
        )
        if relation.schema:
            query = query.where(exp.column("table_schema").eq(exp.Literal.string(relation.schema)))
        _, rows = self.fetch(query)
        return [ColumnInfo(name, dtype) for name, dtype in rows] or None

    def list_columns_of(self, relations: Sequence[Relation]) -> dict[Relation, list[ColumnInfo]]:
        """One information_schema query for all of them (it lists every column of the
        database: asked once per table, it is read once per table)."""
        if not relations:
            return {}
        names = sorted({r.name for r in relations})
        query = (
            exp.select("table_schema", "table_name", "column_name", "data_type")
            .from_("information_schema.columns")
            .where(exp.column("table_name").isin(*[exp.Literal.string(n) for n in names]))
            .order_by("ordinal_position")
        )
        found: dict[tuple[str, str], list[ColumnInfo]] = {}
        for schema, name, column, dtype in self.fetch(query)[1]:
            found.setdefault((schema, name), []).append(ColumnInfo(column, dtype))
        return {r: found[(self.schema_of(r), r.name)] for r in relations
                if (self.schema_of(r), r.name) in found}

    def describe_query(self, sql: str) -> list[ColumnInfo]:
        """Columns and types a query would return, without running it (used for file sources)."""
        _, rows = self.fetch(f"DESCRIBE {sql}")
        return [ColumnInfo(r[0], r[1]) for r in rows]

    def replace_table(self, relation: Relation, query: exp.Expression) -> int | None:
        """One statement, CREATE OR REPLACE TABLE: atomic in DuckDB (a failed build rolls back
        and leaves the old table), and ~10x cheaper than looking the relation up first. DuckDB
        answers it with the rows it wrote."""
        create = self.create_table_as(relation, query)
        create.set("replace", True)
        return self._replace(create, relation, existing="VIEW")

    def replace_view(self, relation: Relation, query: exp.Expression) -> None:
        self._replace(self.create_view_as(relation, query), relation, existing="TABLE")

    def _replace(self, create: exp.Expression, relation: Relation, existing: str) -> int | None:
        """Run `create` (its row count, if any); when an object of the other kind holds the
        name, drop it first.

        DuckDB refuses to replace a view by a table (and back) with a CatalogException: only
        then is the catalog asked what holds the name.
        """
        try:
            return self.execute(create)
        except RelationNotFoundError:  # what a CatalogException becomes
            if self.relation_kind(relation) != existing.lower():
                raise
            self.transaction([self.drop(relation, kind=existing), create])
            return None

    def load_file(self, relation: Relation, path: str, format: str | None = None,
                  options: dict[str, Any] | None = None, mode: str = "replace",
                  paths: Sequence[str] | None = None) -> int:
        """DuckDB reads the file itself (globs too) with read_csv / read_parquet / read_json."""
        from datanet_sql.adapters import files

        fmt = files.detect_format(path, format)
        if paths is None:
            files.expand(path)
        reader = exp.select("*").from_(files.duckdb_reader(path, fmt, options, paths))
        return self._load_query(relation, reader, mode)

    def load_arrow(self, relation: Relation, table: Any, mode: str = "replace") -> int:
        """Copy the Arrow table, read in place (see `arrow_view`)."""
        name = f"__dn_arrow_{threading.get_ident()}"
        with self.arrow_view(name, table):
            return self._load_query(relation, exp.select("*").from_(exp.to_table(name)), mode)

    @contextlib.contextmanager
    def arrow_view(self, name: str, table: Any) -> Iterator[None]:
        """DuckDB reads an Arrow table (or a DataFrame or DuckDB relation: what a Python model
        returns) in place: registered on this thread's cursor. A
        RecordBatchReader (a stream, read once) is staged batch by batch into a table of its
        own (`<name>__dn_<hex>`, created and dropped inside the open transaction, so it is
        never committed), read through the temporary view `name`: DuckDB writes a large
        uncommitted table to the database file as it grows, where a temporary table would
        stay in memory up to DuckDB's limit (80% of the machine's, by default)."""
        con = self._connection()
        if not hasattr(table, "read_next_batch"):
            con.register(name, table)
            try:
                yield
            finally:
                con.unregister(name)
            return
        staged = self.temp_relation(Relation(name, self.default_schema))
        con.register(staged.name, table)
        try:
            self.execute(self.create_table_as(staged, exp.select("*").from_(staged.name)))
        finally:
            con.unregister(staged.name)
        try:
            self.execute(exp.Create(this=exp.to_table(name), kind="VIEW",
                                    expression=exp.select("*").from_(staged.table()),
                                    properties=exp.Properties(
                                        expressions=[exp.TemporaryProperty()])))
            yield
        finally:
            self.execute(exp.Drop(tables=[exp.to_table(name)], kind="VIEW", exists=True))
            self.execute(self.drop(staged))

    def _load_query(self, relation: Relation, query: exp.Select, mode: str) -> int:
        """Replace (temp + swap) or append (by column name) the rows of `query`."""
        if mode == "append" and self.relation_kind(relation) == "table":
            names = [c.name for c in self.describe_query(query.sql(dialect=self.dialect))]
            return self.execute(self.insert_into(relation, query, names)) or 0
        rows = self.replace_table(relation, query)
        if rows is not None:
            return rows
        row = self.fetch_one(exp.select(exp.func("count", exp.Star())).from_(relation.table()))
        return int(row[0]) if row else 0

    def close(self) -> None:
        with self._lock:
            if self._root is not None:
                self._root.close()
                self._root = None
        self._local = threading.local()


# DuckDB's exception classes (its errors carry no code): a missing table, view, schema or
# file is a CatalogException or IOException; a write-write conflict between two cursors is a
# TransactionException, which a retry resolves; a closed connection is a ConnectionException.
RELATION_MISSING = ("CatalogException", "IOException", "HTTPException")
TRANSIENT = ("TransactionException",)
LOST = ("ConnectionException",)


def _translate(err: Exception) -> WarehouseError:
    """Map a duckdb exception to datanet's error kinds by its class, never by its text."""
    text = str(err).strip()
    first = text.splitlines()[0] if text else type(err).__name__
    name = type(err).__name__
    if name in RELATION_MISSING:
        return RelationNotFoundError(first)
    if name in TRANSIENT:
        return TransientWarehouseError(first)
    if name in LOST:
        return ConnectionLostError(first)
    return WarehouseError(first)
