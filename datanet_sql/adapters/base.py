"""The adapter protocol: what the runner, ingestion, profiling and healing may ask a warehouse.

Every statement is built as a sqlglot expression and rendered in the adapter's dialect, so a
new warehouse is a new module that overrides the few statements its engine spells
differently, not edits across the code base (SQLMesh's engine adapters are the model).
"""

from __future__ import annotations

import contextlib
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlglot import exp

# what temp_relation appends: a temporary table is recognised by the name it was given
TEMP_NAME = re.compile(r"__dn_[0-9a-f]{12}$")


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
    default_schema: ClassVar[str] = "main"
    max_identifier_length: ClassVar[int | None] = None  # Postgres truncates names at 63 bytes
    # a table scan costs milliseconds (not seconds, as a Spark job does): healing contracts of
    # tables are refreshed after every run instead of only when their columns change
    cheap_scans: ClassVar[bool] = True
    supports_grants: ClassVar[bool] = False  # GRANT / REVOKE on relations (dbt's `grants`)
    supports_comments: ClassVar[bool] = True  # COMMENT ON TABLE/VIEW/COLUMN (persist_docs)
    supports_column_retype: ClassVar[bool] = True  # ALTER TABLE ... ALTER COLUMN ... TYPE
    # ... even of a column a view reads (Postgres refuses: the table is copied and swapped in)
    retypes_viewed_columns: ClassVar[bool] = True

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        # `schema.name` of the relations the current run builds itself (see expect_rebuilds)
        self.rebuilt_in_run: frozenset[str] = frozenset()
        self._open = threading.local()  # per thread: is an `atomic()` block open

    def expect_rebuilds(self, relations: Iterable[Relation]) -> None:
        """Tell the adapter which relations this run rebuilds: a swap that cannot recreate a
        dependent view may drop it only when it is one of these (it is rebuilt later in the
        run); anyone else's view makes the swap refuse instead of dropping it."""
        self.rebuilt_in_run = frozenset(f"{self.schema_of(r)}.{r.name}" for r in relations)

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

    def list_columns_of(self, relations: Sequence[Relation]) -> dict[Relation, list[ColumnInfo]]:
        """Columns of each relation that exists (the missing ones are left out). Engines with
        a catalog to query override this with one query for all: after a run the history
        measures every table it built, and a catalog query per table cost more than the
        measure itself."""
        found = {}
        for relation in relations:
            columns = self.list_columns(relation)
            if columns is not None:
                found[relation] = columns
        return found

    def describe_query(self, sql: str) -> list[ColumnInfo]:
        """Columns and types a query would return, without reading its rows."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the connection (idempotent)."""

    def current_grants(self, relation: Relation) -> dict[str, set[str]]:
        """{privilege: roles} the current role has granted on `relation` (engines with
        `supports_grants` implement it)."""
        raise NotImplementedError

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
        # sqlglot 30 keeps the dropped objects in `tables` (`this` renders as nothing)
        return exp.Drop(tables=[relation.table()], kind=kind, exists=True)

    def rename(self, relation: Relation, new_name: str) -> exp.Expression:
        return exp.Alter(
            this=relation.table(),
            kind="TABLE",
            actions=[exp.AlterRename(
                this=exp.Table(this=exp.to_identifier(new_name, quoted=True)))],
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

    # -- atomic operations (added for the runner's materializations) ------------------------
    # Each builds its statements with the builders above and runs them through
    # `transaction`, so an engine overrides one builder, not the operation.

    def transaction(self, statements: Sequence[str | exp.Expression]) -> None:
        """Run statements as one unit: all applied or, on an engine with transactions, none.

        Engines without transactions (Spark) run them in order and stop at the first
        failure, which is why every operation puts its risky statement (the build) first;
        a failure drops the temporary tables the statements create.
        """
        if not self.supports_transactions:
            temps = [Relation(s.this.name, s.this.db or None) for s in statements
                     if isinstance(s, exp.Create) and isinstance(s.this, exp.Table)
                     and TEMP_NAME.search(s.this.name)]
            with self.cleanup_on_failure(*temps):
                for statement in statements:
                    self.execute(statement)
            return
        with self.atomic():
            for statement in statements:
                self.execute(statement)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """What this thread runs in the block commits together or not at all (a build with
        its hooks, grants and comments: a failing post_hook keeps the old table). A block or
        `transaction` inside joins the open one; engines without transactions run as they go.
        """
        if not self.supports_transactions or getattr(self._open, "active", False):
            yield
            return
        self.execute("BEGIN")
        self._open.active = True
        try:
            yield
        except BaseException:
            self._open.active = False
            with contextlib.suppress(Exception):  # the block's error is the one to report
                self.execute("ROLLBACK")
            raise
        self._open.active = False
        self.execute("COMMIT")

    def relation_kind(self, relation: Relation) -> str | None:
        """'table', 'view' or None: a swap must drop the old object with the right DROP kind."""
        query = exp.select("table_type").from_("information_schema.tables").where(
            exp.column("table_name").eq(exp.Literal.string(relation.name)),
            exp.column("table_schema").eq(exp.Literal.string(self.schema_of(relation))),
        )
        row = self.fetch_one(query)
        if row is None:
            return None
        return "view" if "VIEW" in str(row[0]).upper() else "table"

    def schema_of(self, relation: Relation) -> str:
        """The schema a relation lives in, the target's default when it names none."""
        return relation.schema or str(self.config.get("schema") or self.default_schema)

    def temp_relation(self, relation: Relation) -> Relation:
        """Where a table is built before the swap: same schema, so a rename can move it in.

        The name is unique to the call (`<table>__dn_<12 hex>`), so two runs, or a run and
        the leftovers of a crashed one, never build into the same temporary relation; it is
        cut to the engine's identifier limit from the table's end, keeping the unique suffix.
        """
        suffix = f"__dn_{uuid.uuid4().hex[:12]}"
        head = relation.name
        limit = self.max_identifier_length
        if limit and len((head + suffix).encode()) > limit:
            head = head.encode()[: limit - len(suffix)].decode(errors="ignore")
        return relation.with_name(head + suffix)

    def swap_statements(self, relation: Relation, temp: Relation,
                        existing: str | None) -> list[exp.Expression]:
        """Drop the old object (of kind `existing`) and rename `temp` into its place."""
        drops = [self.drop(relation, kind=existing.upper())] if existing else []
        return [*drops, self.rename(temp, relation.name)]

    def swap_in(self, relation: Relation, temp: Relation) -> None:
        """The table `temp` renamed into `relation`'s place, the old object dropped: part of
        the caller's transaction when one is open (ingestion's full refresh swaps a table,
        its child tables and its ledger rows in one)."""
        self.transaction(self.swap_statements(relation, temp, self.relation_kind(relation)))

    def replace_table(self, relation: Relation, query: exp.Expression) -> int | None:
        """`table` materialization: build under a temporary name, then swap it in.

        The build comes first, so if it fails the old table is untouched (and on engines with
        transactions the whole swap is atomic: readers see the old table or the new one).
        Without transactions a failure drops the temporary table, so nothing is left behind.
        Returns the rows the build wrote when the engine reports them (None: count them), so
        a run does not scan every table it built once more for its row count.
        """
        temp = self.temp_relation(relation)
        existing = self.relation_kind(relation)
        self.transaction([self.create_table_as(temp, query),
                          *self.swap_statements(relation, temp, existing)])
        return None

    @contextlib.contextmanager
    def cleanup_on_failure(self, *temps: Relation) -> Iterator[None]:
        """Drop `temps` if the block fails on an engine whose failed statements are not rolled
        back (with transactions the rollback has already removed them)."""
        try:
            yield
        except BaseException:
            if not self.supports_transactions:
                for temp in temps:
                    with contextlib.suppress(Exception):  # the first error is the one to report
                        self.execute(self.drop(temp))
            raise

    def replace_view(self, relation: Relation, query: exp.Expression) -> None:
        """`view` materialization: CREATE OR REPLACE VIEW, dropping a table of that name first."""
        statements: list[exp.Expression] = []
        if self.relation_kind(relation) == "table":
            statements.append(self.drop(relation, kind="TABLE"))
        self.transaction([*statements, self.create_view_as(relation, query)])

    def merge(self, relation: Relation, source: exp.Expression, unique_key: Sequence[str],
              columns: Sequence[str]) -> exp.Expression:
        """Standard MERGE: update matched rows, insert new ones (DuckDB >= 1.4, Postgres >= 15)."""
        def col(name: str, table: str) -> exp.Column:
            return exp.column(name, table=table, quoted=True)

        on = exp.and_(*[col(k, "__dn_t").eq(col(k, "__dn_s")) for k in unique_key])
        updates = [exp.EQ(this=exp.column(c, quoted=True), expression=col(c, "__dn_s"))
                   for c in columns if c not in unique_key]
        insert = exp.Insert(
            this=exp.Tuple(expressions=[exp.column(c, quoted=True) for c in columns]),
            expression=exp.Tuple(expressions=[col(c, "__dn_s") for c in columns]))
        whens = [exp.When(matched=False, then=insert)]
        if updates:
            whens.insert(0, exp.When(matched=True, then=exp.Update(expressions=updates)))
        target = relation.table()
        target.set("alias", exp.TableAlias(this=exp.to_identifier("__dn_t")))
        return exp.Merge(this=target, using=exp.Subquery(
            this=source, alias=exp.TableAlias(this=exp.to_identifier("__dn_s"))),
            on=on, whens=exp.Whens(expressions=whens))

    def merge_statements(self, relation: Relation, source: exp.Expression,
                         unique_key: Sequence[str], columns: Sequence[str]) -> list[exp.Expression]:
        """What `incremental` + `merge` runs in one transaction on this engine."""
        if self.supports_merge:
            return [self.merge(relation, source, unique_key, columns)]
        return self.delete_insert_statements(relation, source, unique_key, columns)

    def delete_insert_statements(self, relation: Relation, source: exp.Expression,
                                 unique_key: Sequence[str],
                                 columns: Sequence[str]) -> list[exp.Expression]:
        """`delete+insert`: drop the rows whose key is in `source`, then insert all of `source`."""
        return [self.delete_matching(relation, source, unique_key),
                self.insert_into(relation, source.copy(), columns)]

    def load_file(self, relation: Relation, path: str, format: str | None = None,
                  options: dict[str, Any] | None = None, mode: str = "replace",
                  paths: Sequence[str] | None = None) -> int:
        """Load a CSV / Parquet / NDJSON file (or glob) into `relation`; return the row count.

        `mode` is 'replace' (build under a temp name and swap, like a table) or 'append'
        (create when missing, else insert). Engines read the file themselves where they can.
        `paths`, when given, are the files to read (a source's chosen files, see
        `ingest.in_place`), `path` then naming them in messages and for their format.
        """
        raise NotImplementedError

    def load_arrow(self, relation: Relation, table: Any, mode: str = "replace") -> int:
        """Load a pyarrow Table into `relation` (same modes as `load_file`); return its rows."""
        raise NotImplementedError

    @contextlib.contextmanager
    def arrow_view(self, name: str, table: Any) -> Iterator[None]:
        """A pyarrow Table (or RecordBatchReader: a stream of batches, read once) readable
        by SQL as the relation `name` while the block runs, on this thread's connection and
        inside its open transaction (ingestion stages a batch this way, so its rows, the
        table's change and the ledger commit together)."""
        raise NotImplementedError
        yield
