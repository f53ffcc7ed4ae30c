"""Columns of the DuckDB table function calls a model reads (`read_csv_auto('x.csv')`,
`range(3)`), as DuckDB binds them, so that qualify can expand a `select *` over one and
resolve a column read through a CTE over it (`with s as (select * from read_csv_auto(...))
select a from s`), as DuckDB does when it runs the model.

Each call in a FROM or JOIN without column aliases of its own is described by the compile's
in-memory DuckDB (`DESCRIBE SELECT * FROM <call>`, relative file names read from the folder
the command runs in, as dbt-duckdb and the run read them). Its columns are given to qualify
as the call's column aliases, then taken off again: the emitted SQL reads each column by its
name (`"_0"."a"`), so a file whose columns moved is an error naming the column when it runs,
never a column read under another's name. A call DuckDB cannot describe here (one reading a
table of the warehouse, an extension's function) is left as before, to be bound at run time.

The described columns are kept with the model's cached analysis, and described again on the
next compile: a file whose columns changed is analysed afresh.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.errors import WarehouseError

_DESCRIBED = "datanet_described_call"  # the meta key marking the aliases given here


def calls_read(query: exp.Expression) -> list[exp.Table]:
    """The table function calls of `query` with no column aliases of their own."""
    return [table for table in query.find_all(exp.Table)
            if isinstance(table.this, exp.Func) and not table.alias_column_names]


def call_sql(table: exp.Table) -> str:
    """`SELECT * FROM <call>` in DuckDB's SQL: what describes the call."""
    call = table.copy()
    call.set("alias", None)
    return exp.select("*").from_(call).sql("duckdb")


def describe(sql: str) -> list[list[str]] | None:
    """[[column, type], ...] of `SELECT * FROM <call>`, or None when DuckDB cannot bind it
    here."""
    from datanet_sql.compile.source_schemas import describer

    try:
        return [[c.name, c.type] for c in describer().describe_query(sql)]
    except WarehouseError:
        return None


def give_columns(query: exp.Expression) -> dict[str, list[list[str]] | None]:
    """Give each call of `query` its described columns as column aliases, in place (marked,
    for `take_columns`); what each call was described as, by its SQL."""
    described: dict[str, list[list[str]] | None] = {}
    for index, table in enumerate(calls_read(query)):
        sql = call_sql(table)
        columns = described[sql] = describe(sql)
        if not columns:
            continue
        alias = table.args.get("alias") or exp.TableAlias(
            this=exp.to_identifier(f"__dn_call_{index}"))
        alias.set("columns", [exp.to_identifier(name, quoted=True) for name, _ in columns])
        alias.meta[_DESCRIBED] = True
        table.set("alias", alias)
    return described


def take_columns(query: exp.Expression) -> None:
    """Take off, in place, the column aliases `give_columns` gave (qualify has read them)."""
    for alias in query.find_all(exp.TableAlias):
        if alias.meta.get(_DESCRIBED):
            alias.set("columns", None)
            del alias.meta[_DESCRIBED]


def still_described(described: dict[str, list[list[str]] | None]) -> bool:
    """Whether each call of a cached analysis is described as it was then."""
    return all(describe(sql) == columns for sql, columns in described.items())
