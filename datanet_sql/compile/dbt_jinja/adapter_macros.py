"""dbt's adapter-level macros of its global project, as datanet's own: the relation helpers
(`make_temp_relation`, `make_intermediate_relation`, `make_backup_relation`,
`get_or_create_relation`, `load_cached_relation`), the DDL a package asks for as text
(`get_create_table_as_sql`, `create_table_as`, `get_create_view_as_sql`, `create_view_as`) or
runs (`truncate_relation`, `drop_relation`, `drop_relation_if_exists`, `rename_relation`,
`create_schema`, `drop_schema`), and the warehouse questions `get_columns_in_query` and
`get_columns_in_relation`.

Packages reach them as `dbt.make_temp_relation(...)` (elementary's artifact uploads do) or
unqualified. In dbt each is `adapter.dispatch(name, 'dbt')` of the adapter's own version,
so a project's `duckdb__<name>` wins over these, as over dbt-duckdb's. The statements are
built with sqlglot in the project's dialect; what runs goes through the render's `adapter`
(its warehouse: writes wait for the run where a hook renders at compile).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.compile.dbt_jinja.pass_context import WithContext
from datanet_sql.compile.dbt_jinja.relation import DbtRelation
from datanet_sql.errors import TemplateError


def make_temp_relation(base_relation: DbtRelation, suffix: str = "__dbt_tmp") -> DbtRelation:
    """A temporary table's relation: no schema (DuckDB, Postgres and Spark keep temporary
    tables apart), its name made unique by the time, as dbt-duckdb's and dbt-postgres's."""
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S%f")
    return base_relation.incorporate(path={"identifier": f"{base_relation.identifier}{suffix}"
                                                         f"{stamp}",
                                           "schema": None, "database": None})


def make_intermediate_relation(base_relation: DbtRelation, suffix: str = "__dbt_tmp"
                               ) -> DbtRelation:
    return base_relation.incorporate(
        path={"identifier": f"{base_relation.identifier}{suffix}"})


def make_backup_relation(base_relation: DbtRelation, backup_relation_type: str | None,
                         suffix: str = "__dbt_backup") -> DbtRelation:
    return base_relation.incorporate(
        type=backup_relation_type, path={"identifier": f"{base_relation.identifier}{suffix}"})


def adapter_macros(dialect: str) -> dict[str, Callable[..., Any]]:
    """The macros, each also as `default__<name>` (what `adapter.dispatch` finds last)."""

    def ddl(context: Any, statement: exp.Expression) -> str:
        """The statement's text, after the node's `sql_header` as dbt writes it."""
        config = context.get("config")
        header = config.get("sql_header") if hasattr(config, "get") else None
        text = statement.sql(dialect=dialect)
        return f"{header}\n{text}" if header else text

    def create_table_as(context: Any, temporary: bool, relation: Any, compiled_code: str,
                        language: str = "sql") -> str:
        if language != "sql":
            raise TemplateError(f"create_table_as of {language} code: datanet builds tables "
                                "from SQL only", hint="pass the model's SQL")
        table = _table(relation, dialect, temporary)
        create = exp.Create(this=table, kind="TABLE", expression=_query(compiled_code, dialect),
                            properties=exp.Properties(expressions=[exp.TemporaryProperty()])
                            if temporary else None)
        return ddl(context, create)

    def create_view_as(context: Any, relation: Any, sql: str) -> str:
        return ddl(context, exp.Create(this=_table(relation, dialect, False), kind="VIEW",
                                       expression=_query(sql, dialect)))

    def get_or_create_relation(context: Any, database: str | None, schema: str | None,
                               identifier: str, type: str | None) -> tuple[bool, DbtRelation]:
        found = context.get("adapter").get_relation(database, schema, identifier)
        if found is not None:
            return True, found
        return False, DbtRelation(schema, identifier, database, type, dialect)

    def get_columns_in_query(context: Any, select_sql: str) -> list[str]:
        return context.get("adapter").warehouse.columns_in_query(select_sql)

    def drop_relation_if_exists(context: Any, relation: DbtRelation | None) -> str:
        return context.get("adapter").drop_relation(relation) if relation is not None else ""

    def on_adapter(method: str) -> WithContext:
        """The macro that is the render's `adapter.<method>` (dbt's adapter runs the macro;
        here the adapter is the one home of the statement)."""
        return WithContext(lambda context, *args, **kwargs:
                           getattr(context.get("adapter"), method)(*args, **kwargs))

    macros: dict[str, Callable[..., Any]] = {
        "make_temp_relation": make_temp_relation,
        "make_intermediate_relation": make_intermediate_relation,
        "make_backup_relation": make_backup_relation,
        "get_or_create_relation": WithContext(get_or_create_relation),
        "load_cached_relation": on_adapter("load_relation"),
        "create_table_as": WithContext(create_table_as),
        "get_create_table_as_sql": WithContext(create_table_as),
        "create_view_as": WithContext(create_view_as),
        "get_create_view_as_sql": WithContext(create_view_as),
        "get_columns_in_query": WithContext(get_columns_in_query),
        "get_columns_in_relation": on_adapter("get_columns_in_relation"),
        "drop_relation_if_exists": WithContext(drop_relation_if_exists),
        **{name: on_adapter(name) for name in ("truncate_relation", "drop_relation",
                                               "rename_relation", "create_schema",
                                               "drop_schema")},
    }
    return {**macros, **{f"default__{name}": macro for name, macro in macros.items()}}


def _table(relation: Any, dialect: str, temporary: bool) -> exp.Table:
    """The relation as a table expression (a temporary table has no schema or database)."""
    table = exp.to_table(str(relation), dialect=dialect)
    if temporary:
        table.set("db", None)
        table.set("catalog", None)
    return table


def _query(sql: str, dialect: str) -> exp.Expression:
    try:
        return sqlglot.parse_one(str(sql), read=dialect)
    except ParseError as err:
        raise TemplateError(f"create_table_as: the query does not parse as {dialect} SQL "
                            f"({err.errors[0]['description'] if err.errors else err})\n"
                            f"    {str(sql).strip()[:300]}",
                            hint="the macro builds the statement from the query: check its "
                                 "SQL") from None
