"""A batch's columns read as the table's own type where the batch's type is no evidence.

A reader types each file alone. A delivery whose number column is empty in every row reads
as text; one whose integers a spreadsheet wrote grouped (`"3,820"`) is text too, since on
its own `3,820` could be 3820 or a decimal comma's 3.82. Widening the table to text for
either would turn every earlier value to text: silently wrong. The table already loaded
decides: an empty column goes in as the table's type; grouped integers go into an integer
column as the integers they are (a decimal comma's 3.82 fits no integer column, so the
commas can only group thousands). Anything else differing is left to schema evolution.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.ingest.evolve import Shapes
from datanet_sql.ingest.readers.sql import column

INTEGERS = {"TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT"}
TEXT = {"TEXT", "VARCHAR"}  # sqlglot spells DuckDB's VARCHAR as TEXT
# an integer as a spreadsheet shows it grouped: `3,820`, `-1,234,567`; below 1000, `987`
GROUPED = r"^[+-]?(0|[1-9][0-9]{0,2}(,[0-9]{3})*)$"


def typed_as_table(adapter: Adapter, query: exp.Select, found: Shapes,
                   notes: list[str]) -> tuple[exp.Select, Shapes]:
    """`query` and `found` (see `evolve.shapes`) with each batch column typed otherwise
    than the table's cast to the table's type when it is NULL in every row, or when it is
    text into an integer column and every value is an integer grouped with commas (one
    at least): said in `notes`. Postgres and Spark need the NULLs' type spelled out too."""
    have, incoming = found
    differing = [n for n, t in incoming if n in have and t != have[n]]
    if not differing:
        return query, found
    grouped = [n for n, t in incoming if n in differing and t in TEXT and have[n] in INTEGERS]
    counts = adapter.fetch_one(exp.select(
        *[exp.func("count", column(n)) for n in differing],
        *[count_where(exp.RegexpLike(this=column(n), expression=exp.Literal.string(
            GROUPED)).not_()) for n in grouped],
        *[exp.func("min", exp.case().when(column(n).like(exp.Literal.string("%,%")),
                                          column(n))) for n in grouped],
    ).from_(query.subquery("__dn_b"))) or ()
    given = dict(zip(differing, counts))
    misfits = dict(zip(grouped, counts[len(differing):]))
    example = dict(zip(grouped, counts[len(differing) + len(grouped):]))
    empty = {n for n in differing if not given[n]}
    thousands = {n for n in grouped if given[n] and not misfits[n] and example[n]}
    if not empty and not thousands:
        return query, found
    notes += [f"kept {n} {have[n]} (the batch's values are all empty)" for n in differing
              if n in empty]
    notes += [f"read {n} as {have[n]}, the table's type: the batch writes its integers "
              f"grouped with commas ({example[n]!r} is {example[n].replace(',', '')}), which "
              f"is all they can mean in an integer column" for n in differing if n in thousands]
    names = [n for n, _ in incoming]
    recast = exp.select(*[_as_table(n, have[n], n in thousands) if n in empty | thousands
                          else column(n) for n in names]).from_(query.subquery("__dn_b"))
    return recast, (have, [(n, have[n] if n in empty | thousands else t) for n, t in incoming])


def count_where(condition: exp.Expression) -> exp.Expression:
    """COUNT of the rows where `condition` holds, spelled so every warehouse runs it."""
    return exp.func("count", exp.case().when(condition, exp.Literal.number(1)))


def _as_table(name: str, duck_type: str, grouped: bool) -> exp.Alias:
    value: exp.Expression = column(name)
    if grouped:
        value = exp.func("replace", value, exp.Literal.string(","), exp.Literal.string(""))
    return exp.cast(value, exp.DataType.build(duck_type, dialect="duckdb")).as_(name,
                                                                                quoted=True)
