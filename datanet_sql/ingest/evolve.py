"""Schema evolution of a loaded table: a batch bringing new columns or wider types.

Under the project's `on_schema_change` policy: `heal` and `warn` add new columns and widen
types to the common supertype DuckDB picks (`INTEGER` + `DOUBLE` -> `DOUBLE`, a number +
text -> `VARCHAR`); `fail` refuses the batch, naming the table and the columns.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import SchemaChangeError


def evolve_statements(adapter: Adapter, relation: Relation, batch: str, policy: str,
                      name: str) -> list[exp.Expression]:
    """ALTER statements making `relation` able to hold every column of the `batch` view."""
    have = {c.name: c.type.upper() for c in adapter.list_columns(relation) or []}
    incoming = [(c.name, c.type.upper()) for c in adapter.describe_query(
        exp.select("*").from_(batch).sql(dialect=adapter.dialect)) if not c.name.startswith("__dn")]
    added = [(n, t) for n, t in incoming if n not in have]
    widened = [(n, wider) for n, t in incoming if n in have and t != have[n]
               and (wider := _supertype(adapter, have[n], t)) != have[n]]
    if (added or widened) and policy == "fail":
        changes = [f"new column {n} {t}" for n, t in added] + \
            [f"{n} {have[n]} -> {t}" for n, t in widened]
        raise SchemaChangeError(f"source table {name} changed: {', '.join(changes)}",
                                model=name, hint="set on_schema_change: heal (or warn) to "
                                                 "let loads add and widen columns")
    table = relation.table()
    return [exp.Alter(this=table.copy(), kind="TABLE", actions=[exp.ColumnDef(
                this=exp.to_identifier(n, quoted=True), kind=exp.DataType.build(t, dialect=adapter.dialect))])
            for n, t in added] + \
        [exp.Alter(this=table.copy(), kind="TABLE", actions=[exp.AlterColumn(
            this=exp.to_identifier(n, quoted=True), dtype=exp.DataType.build(t, dialect=adapter.dialect))])
         for n, t in widened]


def _supertype(adapter: Adapter, old: str, new: str) -> str:
    """The type DuckDB unifies two types to; text when it has none (a number and a string).
    Asked of a private in-memory DuckDB: a refused query would abort the load's transaction."""
    import duckdb

    def typed_null(kind: str) -> exp.Expression:
        return exp.cast(exp.null(), exp.DataType.build(kind, dialect=adapter.dialect))
    query = exp.select(exp.func("typeof", exp.func("coalesce", typed_null(old), typed_null(new))))
    with duckdb.connect() as con:
        try:
            row = con.execute(query.sql(dialect="duckdb")).fetchone()
        except duckdb.Error:
            return "VARCHAR"
    return str(row[0]).upper() if row else "VARCHAR"
