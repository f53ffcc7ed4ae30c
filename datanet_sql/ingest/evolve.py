"""Schema evolution of a loaded table: a batch bringing new columns or wider types.

Under the project's `on_schema_change` policy: `heal` and `warn` add new columns and widen
types to the common supertype DuckDB picks (`INTEGER` + `DOUBLE` -> `DOUBLE`, a number +
text -> `VARCHAR`), two decimals to the decimal holding both (`DECIMAL(3,1)` +
`DECIMAL(6,3)` -> `DECIMAL(6,3)`, see `decimals`); `fail` refuses the batch, naming the
table and the columns.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import SchemaChangeError
from datanet_sql.ingest.decimals import holding, params, spelled

Shapes = tuple[dict[str, str], list[tuple[str, str]]]
UNTYPED = "NULL"  # a column typed by nothing (see `_duck`): added as text, as a CSV's is


def shapes(adapter: Adapter, relation: Relation, batch: exp.Select) -> Shapes:
    """({column: type} of the table, [(column, type)] the batch query returns), in DuckDB's
    spelling of types."""
    have = {c.name: _duck(adapter, c.type) for c in adapter.list_columns(relation) or []}
    incoming = [(c.name, _duck(adapter, c.type))
                for c in adapter.describe_query(batch.sql(dialect=adapter.dialect))]
    return have, incoming


def has_rows(adapter: Adapter, relation: Relation, where: exp.Expression | None = None) -> bool:
    """Whether the table holds a row (`where` it holds): a query stopping at the first."""
    query = exp.select(exp.Literal.number(1)).from_(relation.table())
    return bool(adapter.fetch((query if where is None else query.where(where)).limit(1))[1])


def retyped_if_empty(adapter: Adapter, relation: Relation, found: Shapes,
                     notes: list[str]) -> bool:
    """True when the table holds no rows and the batch types its columns otherwise (and
    keeps every one of them): the table is to be made anew from the batch, noted. A table
    made from a header alone has text columns; widening could never bring them back, and
    the first rows would load as text (`3` as '3.0' from a number column), with no word."""
    have, incoming = found
    retypes = [(n, have[n], t) for n, t in incoming if n in have and t != have[n]]
    if not retypes or not set(have) <= {n for n, _ in incoming}:
        return False
    if has_rows(adapter, relation):
        return False
    notes += [f"typed {n} {old} -> {new} (the table had no rows)" for n, old, new in retypes]
    return True


def evolve_statements(adapter: Adapter, relation: Relation, found: Shapes, policy: str,
                      name: str, notes: list[str], warnings: list[str] | None = None,
                      loaded_as: str | None = None) -> list[exp.Expression]:
    """ALTER statements making `relation` able to hold every column the batch returns
    (`found`, see `shapes`); each change is described in `notes`, and a number, date or
    boolean column turned to text also in `warnings`: every earlier value becomes text
    (`20` -> '20.0'), so sorts and comparisons downstream change meaning, which a user
    must hear about, not find in a note. A change that needs the table loaded again names
    the command that does it for `loaded_as` (the `load:` table; a child table's parent)."""
    have, incoming = found
    added = [(n, "TEXT" if t == UNTYPED else t) for n, t in incoming if n not in have]
    widened = [(n, wider) for n, t in incoming if n in have and t != have[n]
               and (wider := widened_type(have[n], t))]
    if (added or widened) and policy == "fail":
        changes = [f"new column {n} {t}" for n, t in added] + \
            [f"{n} {have[n]} -> {t}" for n, t in widened]
        raise SchemaChangeError(f"source table {name} changed: {', '.join(changes)}",
                                model=name, hint="set on_schema_change: heal (or warn) to "
                                                 "let loads add and widen columns")
    if widened and not adapter.supports_column_retype:
        n, t = widened[0]
        raise SchemaChangeError(
            f"source table {name}: column {n} would widen {have[n]} -> {t}, which a "
            f"{adapter.dialect} table cannot do in place; the batch is refused",
            model=name, column=n, hint=f"declare the wider type (columns: {{{n}: {t.lower()}}}) "
            f"and load the table again from the start: {refresh_command(loaded_as or name)}")
    notes += [f"added {n} {t}" for n, t in added] + \
        [f"widened {n} {have[n]} -> {t}" for n, t in widened]
    if warnings is not None:
        warnings += [_to_text(n, have[n], loaded_as or name) for n, t in widened
                     if t == "VARCHAR"]
    table = relation.table()
    return [exp.Alter(this=table.copy(), kind="TABLE", actions=[exp.ColumnDef(
                this=exp.to_identifier(n, quoted=True), kind=_type(t))]) for n, t in added] + \
        [exp.Alter(this=table.copy(), kind="TABLE", actions=[exp.AlterColumn(
            this=exp.to_identifier(n, quoted=True), dtype=_type(t))]) for n, t in widened]


def retyped(statement: exp.Expression) -> bool:
    """Whether an evolve statement retypes a column (an ALTER ... TYPE, not an ADD)."""
    return isinstance(statement, exp.Alter) and isinstance(statement.args["actions"][0],
                                                           exp.AlterColumn)


def _to_text(column: str, old: str, loaded_as: str) -> str:
    declared = exp.DataType.build(old, dialect="duckdb").sql("duckdb").lower()
    return (f"column {column} is text now, was {old}: the batch just loaded holds "
            f"values that are not {old.lower()}, and every earlier value was turned to text "
            f"with them. To keep it {old.lower()}, declare `columns: {{{column}: {declared}}}`"
            f" (a value that does not fit is then a reject) and load the table again from the"
            f" start: {refresh_command(loaded_as)}")


def refresh_command(loaded_as: str) -> str:
    """The command loading `loaded_as` (`source.table`) again from scratch, swapped in
    whole (see ingest/refresh.py): the old table stays until the new one is complete."""
    return f"`datanet ingest --full-refresh --select source:{loaded_as}`"


def _duck(adapter: Adapter, sql_type: str) -> str:
    """A warehouse type in DuckDB's spelling, the one types are compared and unified in.
    DuckDB's type of a column typed by nothing (Arrow's null type, a JSON field null in
    every record) it names `"NULL"`, quoted, which does not parse: spelled `NULL`."""
    if sql_type == '"NULL"':
        return UNTYPED
    return exp.DataType.build(sql_type, dialect=adapter.dialect).sql("duckdb").upper()


def _type(duck_type: str) -> exp.DataType:
    return exp.DataType.build(duck_type, dialect="duckdb")


def widened_type(old: str, new: str) -> str | None:
    """The type a column of type `old` widens to so it holds values of type `new`; None
    when it holds them as it is. Compared in one spelling: DuckDB names the supertype of
    text `VARCHAR` and of an instant `TIMESTAMP WITH TIME ZONE`, which a table reads as
    `TEXT` and `TIMESTAMPTZ`; compared as they were spelled, a text column widened to
    itself at every delivery of numbers, warned that its values were turned to text (and
    on Spark, which cannot retype, refused the delivery)."""
    wider = supertype(old, new)
    return None if _type(wider).sql("duckdb") == _type(old).sql("duckdb") else wider


def supertype(old: str, new: str) -> str:
    """The type DuckDB unifies two types to; text when it has none (a number and a string).
    Two decimals unify to the decimal holding both (see `decimals`; DuckDB's own drops
    scale past 38 digits), DOUBLE when none does. Asked of a private in-memory DuckDB: a
    refused query would abort the load's transaction."""
    import duckdb

    both = [params(old), params(new)]
    if both[0] and both[1]:
        held = holding([both[0], both[1]])
        return spelled(*held) if held else "DOUBLE"

    query = exp.select(exp.func("typeof", exp.func("coalesce", exp.cast(exp.null(), _type(old)),
                                                   exp.cast(exp.null(), _type(new)))))
    with duckdb.connect() as con:
        try:
            row = con.execute(query.sql(dialect="duckdb")).fetchone()
        except duckdb.Error:
            return "VARCHAR"
    return str(row[0]).upper() if row else "VARCHAR"
