"""NDJSON where some lines are JSON arrays of records (`[{...}, {...}]`): a producer that
batches writes a batch's records as one line among lines of single objects. DuckDB's
line-by-line reader takes such a line for no record, so each was a reject and its records
were silently lost (985 rows of 1000).

A line that is a non-empty array of objects only is replaced, in DuckDB, by its objects,
one row each in their order, and a note names the lines and their sizes. Every record of
such a line keeps the line's number as its record number (as a reject would be numbered:
`record 201` is line 201 of the file); their order inside the line is kept by the rows'
order in the table. An array holding anything but objects (scalars, nested arrays, an
empty one) has no records to read and stays a reject naming its line. Records holding
lists are refused naming the line: their child tables link rows by record number, which
the records of one line share, so a child row could not tell its parent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_twice import only_if
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, replace_table

_ITEM = "_dn_item"  # an object's 1-based place in its line's array
_SHOWN = 5  # array lines named in the note


def unbatched(con: Any, table: str, valid: exp.Expression, label: str) -> list[str]:
    """`table`'s lines (column `line`, numbered `RECORD`, in file order) that are arrays of
    objects replaced by their objects, one row each, the table rebuilt in file order; the
    note (with the file's name), or none when no line is such an array. `valid` holds for
    the lines that are JSON within the size limit (the others are never parsed here)."""
    line = column("line")
    kinds = exp.func("json_type", line, exp.Literal.string("$[*]"))
    batch = only_if(
        valid,
        exp.func("list_distinct", kinds).eq(exp.Array(expressions=[exp.Literal.string("OBJECT")])),
    )
    # the array's type structure past its own `[`: another `[` is a list in a record
    lists = exp.func(
        "contains",
        exp.func(
            "substr", exp.cast(exp.func("json_structure", line), "VARCHAR"), exp.Literal.number(2)
        ),
        exp.Literal.string("["),
    )
    found = (
        exp.select(RECORD, exp.func("json_array_length", line), lists)
        .from_(table)
        .where(batch)
        .order_by(RECORD)
    )
    batches = con.execute(found.sql("duckdb")).fetchall()
    if not batches:
        return []
    if nested := [n for n, _, holds in batches if holds]:
        raise IngestError(
            f"line {nested[0]} is a JSON array of records that hold lists (a "
            f"producer's batch): their child tables link rows by record "
            f"number, which the records of one line share",
            file=label,
            hint="write one record a line (NDJSON)",
        )
    items = exp.func("json_extract_string", line, exp.Literal.string("$[*]"))
    parts = exp.Case(ifs=[exp.If(this=batch, true=items)], default=exp.Array(expressions=[line]))
    split = exp.select(
        exp.func("unnest", parts).as_("line"),
        RECORD,
        exp.func("generate_subscripts", parts, exp.Literal.number(1)).as_(_ITEM),
    ).from_(table)
    ordered = exp.select("line", RECORD).from_(split.subquery("_dn_split")).order_by(RECORD, _ITEM)
    replace_table(con, table, ordered)
    lines = _lines([(n, size) for n, size, _ in batches])
    note = "read as records (a producer that batches; each record numbered by its line)"
    return [f"{Path(label).name}: {lines}: {note}"]


def _lines(batches: list[tuple[int, int]]) -> str:
    """`line 201 is an array of 5 records`, or `lines 201, 697 are arrays of 5 and 10
    records` (the first `_SHOWN` named, then how many more)."""
    shown = batches[:_SHOWN]
    more = f" and {len(batches) - _SHOWN} more" if len(batches) > _SHOWN else ""
    if len(batches) == 1:
        return f"line {shown[0][0]} is an array of {shown[0][1]} records"
    sizes = [str(size) for _, size in shown]
    return (
        f"lines {', '.join(str(n) for n, _ in shown)}{more} are arrays of "
        f"{', '.join(sizes[:-1])} and {sizes[-1]}{' ...' if more else ''} records"
    )
