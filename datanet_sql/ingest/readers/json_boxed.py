"""R's jsonlite without `auto_unbox`: every scalar written as an array of one element.

`jsonlite::toJSON(list(Year = 1920, C = 39.8))` writes `{"Year": [1920], "C": [39.8]}`:
R has no scalars, only vectors of length one, and jsonlite unboxes them only when told
(`auto_unbox = TRUE`, or `unbox()` per value); a missing value is `[null]` or `[]`. Read
as any JSON, every field is a list and becomes a child table: the parent table keeps only
its record numbers, a silently wrong table.

A file is read so when DuckDB types (over every row of the file) each of its fields as a
list of scalars, at least two of them, and no list anywhere in the file holds more than one
element (checked over the whole staged table, not a sample, since one longer array means
the field is a real vector). Then each field is read as its one element (NULL for `[]`),
in DuckDB SQL over the staged table, and noted naming the columns. When a field does hold
a longer array the file is kept as written (each list a child table) and noted, naming
the field and the first record that holds one: unboxing the others beside a real vector
would be a guess. An ordinary file with a list column beside scalar columns (`tags: ["a"]`)
is not this kind: jsonlite boxes every scalar, so one scalar field rules it out.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, ident, replace_table

_NESTED = {"struct", "list", "map", "array", "union"}


def unboxed(con: Any, table: str, name: str) -> list[str]:
    """`table` (a JSON file's staged rows) rewritten with each one-element array read as
    its element when the file is jsonlite's boxed scalars (see the module docstring), with
    the note; nothing when it is not."""
    relation = con.table(table)
    types = {c: t for c, t in zip(relation.columns, relation.types) if c != RECORD}
    if len(types) < 2 or not all(t.id == "list" and t.child.id not in _NESTED
                                 for t in types.values()):
        return []
    longer = _first_longer(con, table, list(types), RECORD in relation.columns)
    if longer is not None:
        field, record = longer
        return [(f"{name}: every field is an array, as R's jsonlite writes scalars without "
                 f"auto_unbox, but field {field} holds more than one element (record "
                 f"{record}): kept as written, each array a child table")]
    values = [_element(c).as_(ident(c)) for c in types]
    record_column = [column(RECORD)] if RECORD in relation.columns else []
    replace_table(con, table, exp.select(*values, *record_column).from_(table))
    return [f"{name}: every value an array of one element, as R's jsonlite writes scalars "
            f"without auto_unbox ([1920]); no array in the file holds more than one: read "
            f"as the element, columns " + ", ".join(types)]


def _element(name: str) -> exp.Expression:
    """The one element of list column `name`; NULL for an empty list."""
    return exp.func("list_extract", column(name), exp.Literal.number(1))


def _first_longer(con: Any, table: str, fields: list[str], numbered: bool
                  ) -> tuple[str, int] | None:
    """The first field (in column order) holding an array of more than one element, and
    the first record (1-based, in file order) that holds one; None when none does."""
    record = column(RECORD) if numbered else exp.Add(
        this=exp.column("rowid"), expression=exp.Literal.number(1))
    longer = [exp.func("min", exp.If(this=exp.GT(this=exp.func("len", column(f)),
                                                  expression=exp.Literal.number(1)),
                                      true=record)) for f in fields]
    firsts = con.execute(exp.select(*longer).from_(table).sql("duckdb")).fetchone()
    found = [(f, int(n)) for f, n in zip(fields, firsts) if n is not None]
    return found[0] if found else None
