"""A table column that holds nothing but NULL takes the type of the first delivery filling it.

A delivery whose column is empty in every row (a figure not counted yet, a field a system
added before it wrote it) makes that column text: nothing was known about it. When a later
delivery fills it with numbers, dates or booleans, widening the table's text column would
keep them as text (`'124.173'`), with no word: the text type was never evidence. So while
every value the table holds in the column is NULL, the delivery's type replaces it, noted
naming the column, the file and the type (and, under `on_schema_change: fail`, refused as
any other change of the table's columns). A text column holding nothing but the words
exports write for a missing value (R's `write.csv` writes `NA` in every row of a column not
counted yet; SQL dumps `NULL`, `\\N`: `readers.missing_words`) holds nothing either: in a
column the next delivery fills with numbers they can be nothing else, and they become NULL
with it, the note naming them. Where the table holds a value in it, or where
widening holds the delivery's values as what they are (integers into an empty DOUBLE
column), schema evolution decides as before (`evolve`). The mirror case, a delivery empty
in a column the table has values in, is `as_table`'s.

The check is one query a column stopping at its first value (a missing word is none), asked
only of a column whose widening would turn the delivery's values to text. The column is
retyped with `USING NULL` cast to its type: it held nothing, so nothing is converted.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import SchemaChangeError
from datanet_sql.ingest.as_table import TEXT
from datanet_sql.ingest.evolve import UNTYPED, Shapes, has_rows, supertype
from datanet_sql.ingest.readers.missing_words import MISSING_WORDS


def typed_by_batch(adapter: Adapter, relation: Relation, query: exp.Select, found: Shapes,
                   name: str, policy: str, files: tuple[str, ...], file_column: str | None,
                   notes: list[str]) -> tuple[Shapes, list[exp.Alter]]:
    """`found` (see `evolve.shapes`) with each table column that holds only NULL typed as
    the batch `query` types it, where widening would make the batch's values text, and
    the ALTER statements doing it; said in `notes`. A column DuckDB types `NULL` (Arrow's
    null type, a JSON field null in every record) holds nothing whatever the batch's type.
    A file is named from `file_column` on a row holding a value when the batch has one,
    else the first of `files`."""
    have, incoming = found
    retypes = [(n, t) for n, t in incoming if n in have and t not in (have[n], UNTYPED) and (
        have[n] == UNTYPED or t not in TEXT and supertype(have[n], t) in TEXT)]
    empty = [(n, t) for n, t in retypes if _holds_nothing(adapter, relation, n, have[n])]
    if not empty or not has_rows(adapter, relation):
        return found, []
    words = _words(adapter, relation, [n for n, _ in empty if have[n] in TEXT])
    where = _filled_in(adapter, query, [n for n, _ in empty], file_column, files)
    if policy == "fail":
        n, t = empty[0]
        raise SchemaChangeError(
            f"source table {name} changed: column {n} was empty until {where[n]}, which "
            f"types it {t}", model=name, column=n,
            hint=f"set on_schema_change: heal (or warn) to let loads type a column empty "
                 f"until then, or declare `columns: {{{n}: varchar}}` to keep it text")
    said = {n: ", ".join(f"'{w}'" for w in held) for n, held in words.items() if held}
    notes += [f"column {n} was empty until {where[n]}: now {t}"
              + (f", its {said[n]} read as NULL" if n in said else "") for n, t in empty]
    table = relation.table()
    statements = [exp.Alter(this=table.copy(), kind="TABLE", actions=[exp.AlterColumn(
        this=exp.to_identifier(n, quoted=True), dtype=_type(t),
        using=exp.cast(exp.null(), _type(t)))]) for n, t in empty]
    batch_types = dict(empty)
    return ({n: batch_types.get(n, t) for n, t in have.items()}, incoming), statements


def _holds_nothing(adapter: Adapter, relation: Relation, column: str, duck_type: str) -> bool:
    """Whether the table holds no value in `column`, a text column no value but missing
    words (the query stops at the first value)."""
    value = exp.column(column, quoted=True).is_(exp.null()).not_()
    if duck_type in TEXT:
        value = exp.and_(value, exp.column(column, quoted=True).isin(
            *[exp.Literal.string(w) for w in MISSING_WORDS]).not_())
    return not has_rows(adapter, relation, value)


def _words(adapter: Adapter, relation: Relation, columns: list[str]) -> dict[str, list[str]]:
    """Per text column, the missing words it holds (its values: `_holds_nothing` found no
    other), for the note; asked only of a column being retyped."""
    return {n: sorted(str(row[0]) for row in adapter.fetch(
        exp.select(exp.column(n, quoted=True)).distinct().from_(relation.table()).where(
            exp.column(n, quoted=True).is_(exp.null()).not_()))[1]) for n in columns}


def _type(duck_type: str) -> exp.DataType:
    return exp.DataType.build(duck_type, dialect="duckdb")


def _filled_in(adapter: Adapter, query: exp.Select, columns: list[str],
               file_column: str | None, files: tuple[str, ...]) -> dict[str, str]:
    """Per column, the file of the batch holding its first value: the least file name on
    a row with a value when the batch names each row's file, else the batch's first."""
    if not file_column:
        return dict.fromkeys(columns, files[0] if files else "this batch")
    row = adapter.fetch_one(exp.select(*[exp.func("min", exp.case().when(
        exp.column(n, quoted=True).is_(exp.null()).not_(), exp.column(file_column, quoted=True)))
        for n in columns]).from_(query.subquery("__dn_b")))
    return {n: str(value) for n, value in zip(columns, row or ())}
