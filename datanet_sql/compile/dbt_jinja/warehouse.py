"""Compile-time warehouse access for templates: `run_query`, `{% call statement %}` with
`load_result`, and the warehouse half of `adapter` (columns, relations, quoting, type).

Queries go to the target through its datanet adapter (in `--mock` runs, the mock warehouse
the compile is handed). A ref'd model inside a query is its real relation: the placeholders
`ref()` prints are swapped before the query runs. A render that asked the warehouse is marked
`introspective`, so its text is never served from the compile cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.compile.dbt_jinja.relation import DbtColumn, DbtRelation
from datanet_sql.compile.dbt_jinja.table import Table
from datanet_sql.errors import DatanetError, RelationNotFoundError, TemplateError

AdapterSource = Callable[[], Adapter]


class Warehouse:
    """The warehouse as one render sees it (made per render, sharing the project's adapter)."""

    def __init__(self, adapter: AdapterSource, dialect: str,
                 real_sql: Callable[[str], str], real_relation: Callable[[DbtRelation],
                                                                          DbtRelation],
                 live: bool = True) -> None:
        self._adapter = adapter
        # False in a render as dbt parses (`execute` false): statements and run_query are not
        # run, as dbt's `statement` macro skips them then (packages guard on `execute`)
        self.live = live
        # True while a hook renders at compile: its statements run when the hook runs
        self.defer_writes = False
        self.dialect = dialect
        self._real_sql = real_sql  # ref placeholders -> real relations in query text
        self._real_relation = real_relation
        self.results: dict[str, dict[str, Any]] = {}
        self.introspective = False
        # the render read the command's flags (invocation.py): right for this command only
        self.per_command = False
        self.missing = False  # a relation asked about does not exist (not built yet?)
        self.phase = "compile-time"  # "run-time" in a materialization block (its errors say)
        # what each named statement's engine reported (dbt's adapter_response)
        self.responses: dict[str, dict[str, Any]] = {}

    def fetch(self, sql: str) -> Table:
        """Run a query (placeholders made real); a failure names the query."""
        self.introspective = True
        query = self._real_sql(str(sql)).strip().rstrip(";")
        try:
            names, rows = self._adapter().fetch(query)
        except DatanetError as err:
            self.missing = self.missing or isinstance(err, RelationNotFoundError)
            raise TemplateError(f"a {self.phase} query failed: {err.message}\n    {query}",
                                hint="the query runs against the target; check it, and that "
                                     "what it reads exists") from None
        return Table(names, rows)

    # -- run_query, statement, load_result ----------------------------------------------------
    def run_query(self, sql: str) -> Table | None:
        return self.fetch(sql) if self.live else None

    def statement(self, name: str | None = None, fetch_result: bool = False,
                  auto_begin: bool = True, language: str = "sql",
                  caller: Callable[[], str] | None = None) -> str:
        """`{% call statement('name', fetch_result=True) %}SQL{% endcall %}`."""
        if not self.live:
            return ""
        sql = caller() if caller is not None else ""
        rows = None
        if fetch_result:
            table = self.fetch(sql)
        else:
            table, rows = Table([], []), self._run(sql)
        if name is not None:
            self.store_result(name, "OK", table)
            self.responses[name] = {"_message": "OK", **({"rows_affected": rows}
                                                         if rows is not None else {})}
        return ""

    def _execute(self, sql: str | exp.Expression) -> Table:
        """Run a statement: template text (placeholders made real), or one datanet built."""
        self._run(sql)
        return Table([], [])

    def _run(self, sql: str | exp.Expression) -> int | None:
        """`_execute`'s work: the rows the engine says the statement affected, if it says."""
        self.introspective = True
        if self.defer_writes:
            return None
        adapter = self._adapter()
        query = adapter.sql(sql) if isinstance(sql, exp.Expression) else self._real_sql(str(sql))
        try:
            return adapter.execute(query)
        except DatanetError as err:
            raise TemplateError(f"a {self.phase} statement failed: {err.message}\n    {query}",
                                hint="the statement runs against the target; check it, and "
                                     "that what it reads exists") from None

    def store_result(self, name: str, response: Any = None, agate_table: Table | None = None
                     ) -> str:
        table = agate_table if agate_table is not None else Table([], [])  # 0 rows is falsy
        self.results[name] = {"response": response, "table": table,
                              "data": [tuple(r) for r in table.rows]}
        return ""

    def load_result(self, name: str) -> dict[str, Any] | None:
        return self.results.get(name)

    # -- the warehouse half of `adapter` -------------------------------------------------------
    def get_columns_in_relation(self, relation: DbtRelation) -> list[DbtColumn]:
        self.introspective = True
        real = self._real_relation(_as_relation(relation, self.dialect))
        columns = self._adapter().list_columns(real.relation())
        self.missing = self.missing or columns is None
        return [DbtColumn(c.name, c.type) for c in columns or []]

    def get_relation(self, database: str | None = None, schema: str | None = None,
                     identifier: str | None = None) -> DbtRelation | None:
        self.introspective = True
        kind = self._adapter().relation_kind(Relation(str(identifier), schema))
        if kind is None:
            return None
        return DbtRelation(schema, str(identifier), database, kind, self.dialect)

    def location_exists(self, location: str) -> bool:
        """Whether DuckDB reads a file at `location` (a path or glob), as dbt-duckdb asks it;
        asked again when the node runs (the run may write it first)."""
        self.introspective = True
        query = exp.select("1").from_(exp.Table(this=exp.Literal.string(location)))
        try:
            self._adapter().fetch(query.where(exp.false()))
        except DatanetError:
            return False
        return True

    def load_relation(self, relation: DbtRelation) -> DbtRelation | None:
        real = self._real_relation(_as_relation(relation, self.dialect))
        return self.get_relation(real.database, real.schema, real.identifier)

    def drop_relation(self, relation: DbtRelation) -> None:
        """`adapter.drop_relation`: a placeholder (`this`, `ref`) drops the real relation; a
        relation of no known type drops what the warehouse holds under that name; what
        depends on it goes too, as in dbt."""
        if self.defer_writes:
            self.introspective = True
            return
        real = self._real_relation(_as_relation(relation, self.dialect))
        adapter = self._adapter()
        kind = real.type or adapter.relation_kind(real.relation())
        drop = adapter.drop(real.relation(), "VIEW" if kind == "view" else "TABLE")
        # dbt's drop_relation cascades (dbt-postgres', dbt-duckdb's; not dbt-spark's): a
        # materialization drops its backup though a view still reads it
        drop.set("cascade", adapter.dialect != "spark")
        self._execute(drop)

    def truncate_relation(self, relation: DbtRelation) -> None:
        real = self._real_relation(_as_relation(relation, self.dialect))
        self._execute(exp.TruncateTable(expressions=[real.relation().table()]))

    def rename_relation(self, old: DbtRelation, new: DbtRelation) -> None:
        """`alter table|view old rename to new` (the new name's identifier: a rename stays in
        its schema)."""
        real = self._real_relation(_as_relation(old, self.dialect))
        adapter = self._adapter()
        kind = real.type or adapter.relation_kind(real.relation()) or "table"
        rename = adapter.rename(real.relation(), _as_relation(new, self.dialect).identifier)
        rename.set("kind", kind.upper())
        self._execute(rename)

    def create_schema(self, relation: DbtRelation) -> None:
        schema = _as_relation(relation, self.dialect).schema
        if schema:
            self._execute(self._adapter().create_schema(schema))

    def drop_schema(self, relation: DbtRelation) -> None:
        schema = _as_relation(relation, self.dialect).schema
        if schema:
            self._execute(exp.Drop(tables=[exp.Table(this=exp.to_identifier(schema, quoted=True))],
                                   kind="SCHEMA", exists=True, cascade=True))

    def schema_exists(self, schema: str) -> bool:
        self.introspective = True
        query = exp.select("1").from_("information_schema.schemata").where(
            exp.func("lower", exp.column("schema_name")).eq(
                exp.Literal.string(str(schema).lower())))
        return self._adapter().fetch_one(query) is not None

    def columns_in_query(self, sql: str) -> list[str]:
        """The names of the columns a query returns, none of its rows read."""
        self.introspective = True
        query = self._real_sql(str(sql)).strip().rstrip(";")
        try:
            return [c.name for c in self._adapter().describe_query(query)]
        except DatanetError as err:
            raise TemplateError(f"a compile-time query failed: {err.message}\n    {query}",
                                hint="get_columns_in_query runs the query (no rows read) "
                                     "against the target; check it") from None

    def execute(self, sql: str, auto_begin: bool = False, fetch: bool = False
                ) -> tuple[str, Table]:
        """`adapter.execute(sql, fetch=True)`: (response, table)."""
        return ("OK", self.fetch(sql) if fetch else self._execute(sql))


def _as_relation(value: Any, dialect: str) -> DbtRelation:
    """A relation, or the `schema.name` text some packages pass instead."""
    if isinstance(value, DbtRelation):
        return value
    table = exp.to_table(str(value), dialect=dialect)
    return DbtRelation(table.db or None, table.name, table.catalog or None, dialect=dialect)
