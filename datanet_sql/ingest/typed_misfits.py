"""A delivery whose column holds typed values of another family than the table's (integers
where the table holds instants, instants where it holds numbers): refused, not widened.

A converter's update writes a Parquet file's `timestamp` as an int64 of seconds from an
epoch (a FIT file's 1989-12-31, Unix's 1970, milliseconds...) where the earlier files held
Parquet timestamps. Number and instant have no common type but text, so schema evolution
would widen the column to text and every earlier instant with it (`'2026-09-01 23:00:00'`
beside `'1165920000'`): the table is no longer what the models read. Reading the numbers
as instants would assume an epoch and a unit. Free text arriving in a typed column still
widens, with the warning (`evolve._to_text`): the project's policy, text being what a
reader falls back to for values it cannot type. Typed values of another family are no such
fallback: they are the same column spelled another way, so the batch is refused before any
column changes, naming the file, the column, both types and a value, with what makes it
explicit. Numbers Excel wrote for instants (`excel_serials`) and clock durations against
numbers (`clock_times`) are decided before. Within a family widening stays automatic
(integer to double, date to timestamp). One query over the batch.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest.evolve import Shapes, refresh_command, supertype

_FAMILIES = {
    "number": exp.DataType.NUMERIC_TYPES,
    "instant": exp.DataType.TEMPORAL_TYPES,
    "boolean": {exp.DataType.Type.BOOLEAN},
}


def refuse_typed_misfits(adapter: Adapter, query: exp.Select, found: Shapes, name: str,
                         file_column: str | None, files: tuple[str, ...]) -> None:
    """Raise when a column of the batch `query` is typed in another family than the table
    `name` holds it in and the two meet only as text (`found`, see `evolve.shapes`); the
    file is the batch's `file_column` on a row holding a value, else the first of `files`."""
    have, incoming = found
    misfits = [(n, have[n], t) for n, t in incoming if n in have and t != have[n]
               and _apart(have[n], t)]
    if not misfits:
        return
    column, old, new = misfits[0]
    value = exp.column(column, quoted=True)
    where = [exp.func("min", exp.case().when(value.is_(exp.null()).not_(),
                                             exp.column(file_column, quoted=True)))
             ] if file_column else []
    row = adapter.fetch_one(exp.select(exp.func("min", exp.cast(value, "VARCHAR")), *where)
                            .from_(query.subquery("__dn_b"))) or (None,)
    file = (row[-1] if file_column else None) or (files[0] if files else name)
    epoch = (" (numbers counted from an epoch: Unix seconds from 1970? a FIT file's from "
             "1989-12-31? milliseconds?)" if family(new) == "number" and
             family(old) == "instant" else "")
    raise IngestError(
        f"column {column}: {new} here (e.g. {row[0]!r}), {old} in the table {name}{epoch}: "
        f"reading one as the other would be a guess, and widening to text would turn every "
        f"earlier value to text: the batch is refused, nothing of it loaded",
        file=file, column=column,
        hint=f"have the file written with {column} as {old.lower()}, as the earlier "
             f"deliveries are, or declare the column (`columns: {{{column}: varchar}}` keeps "
             f"both as written) and load the table again from the start: "
             f"{refresh_command(name)}")


def _apart(old: str, new: str) -> bool:
    """Both types are of a family, not the same one, and they meet only as text."""
    kinds = family(old), family(new)
    return None not in kinds and kinds[0] != kinds[1] and supertype(old, new) == "VARCHAR"


def family(duck_type: str) -> str | None:
    """`number`, `instant` or `boolean` for a scalar DuckDB type; None for text and the
    rest (structs, lists, a column typed by nothing), which this module leaves alone."""
    if duck_type == "NULL":
        return None
    built = exp.DataType.build(duck_type, dialect="duckdb")
    return next((f for f, types in _FAMILIES.items() if built.is_type(*types)), None)
