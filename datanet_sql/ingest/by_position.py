"""A headerless delivery into a table a headered one made: its columns are the table's, by
position.

Spark's `df.write.csv(...)` and many exporters write no header line. After a first file with
`id,amount,day`, such a file reads as `column_1..column_3`; evolved by name, the table got
three stray columns and NULLs in its own: silently wrong. When the reader found no header
line (or `options: {header: false}` says so), the table's columns (its file column aside)
are as many as the file's and each accepts the file's values in order, the file's columns
are the table's, noted; otherwise the file is refused, naming the widths and the option,
rather than guessed. Under merge the columns are named so before the batch is ranked by its
key and cursor (`writes.positioned`), and the key is checked there (`key_found`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import typed_as_table
from datanet_sql.ingest.evolve import Shapes, widened_type
from datanet_sql.ingest.readers.shape import NO_HEADER

_HINT = ("if the file's first line is its header, set options: {header: true}; otherwise "
         "land a file with a header line naming its columns")


def headerless(notes: Iterable[str], options: dict[str, Any]) -> bool:
    """Whether a batch's files have no header line: the reader said so, or the user did."""
    return options.get("header") is False or any(n.startswith(NO_HEADER) for n in notes)


def by_position(adapter: Adapter, query: exp.Select, columns: list[str], found: Shapes,
                internal: set[str], files: tuple[str, ...], name: str, notes: list[str]
                ) -> tuple[exp.Select, list[str], Shapes]:
    """`query`, `columns` and `found` (see `evolve.shapes`) with a headerless batch's columns
    named as the table's, by position, said in `notes` (`internal`: the loader's columns,
    the file's name and such, left as they are); unchanged when the batch's names are all
    the table's already, or the table's are the batch's first (a table headerless files
    made: a wider file adds its `column_4` as before). Refused (IngestError naming `files`,
    one at least) when the widths differ or a table column does not take the values, once
    an empty column is the table's type (`as_table`: no value is no misfit)."""
    have, incoming = found
    theirs = [(n, t) for n, t in incoming if n not in internal]
    ours = [n for n in have if n not in internal]
    if all(n in have for n, _ in theirs) or [n for n, _ in theirs][:len(ours)] == ours:
        return query, columns, found
    if len(theirs) != len(ours):
        raise IngestError(
            f"source table {name}: the file has no header line and {len(theirs)} column(s), "
            f"the table has {len(ours)} ({', '.join(ours)}): which of the file's columns "
            f"is which cannot be told, the file is refused",
            file=files[0], hint=_HINT)
    named = dict(zip([n for n, _ in theirs], ours))
    said = [(f"{', '.join(files)}: no header line; its {len(ours)} columns "
             f"read as the table's by position ({', '.join(ours)})")]
    renamed = exp.select(*[exp.column(n, quoted=True).as_(named.get(n, n), quoted=True)
                           for n, _ in incoming]).from_(query.subquery("__dn_h"))
    renamed, found = typed_as_table(adapter, renamed, (have, [(named.get(n, n), t)
                                                              for n, t in incoming]), said)
    misfits = [(n, t, have[n]) for n, t in found[1]
               if n in ours and t != have[n] and widened_type(have[n], t)]
    if misfits:
        mine, t, table_type = misfits[0]
        raise IngestError(
            f"source table {name}: the file has no header line; read by position its column "
            f"{ours.index(mine) + 1} ({t}) would go into {mine} ({table_type}), which does "
            f"not take its values: the file is refused",
            file=files[0], column=mine, hint=_HINT)
    notes += said
    return renamed, [named.get(c, c) for c in columns], found


def key_found(adapter: Adapter, rows: exp.Table | exp.Subquery, columns: list[str],
              key: list[str], files: tuple[str, ...], name: str) -> None:
    """A merge's headerless batch, its columns named by position (see `by_position`),
    refused (IngestError naming `files`) when it lacks a key column (no table named its
    columns: a first delivery without a header line) or a row has no value in the key:
    the reader, which rejects such a row of a headered file, could not tell the key's
    column."""
    missing = [k for k in key if k not in columns]
    if missing:
        raise IngestError(
            f"source table {name}: the file has no header line, so its primary key column(s) "
            f"{', '.join(missing)} cannot be found by name (read as "
            f"{', '.join(c for c in columns if c.startswith('column_'))})",
            file=files[0], column=missing[0], hint=_HINT)
    keyless = exp.select(exp.func("count", exp.Star())).from_(rows.copy()).where(
        exp.or_(*[exp.column(k, quoted=True).is_(exp.null()) for k in key]))
    count = adapter.fetch(keyless)[1][0][0]
    if count:
        raise IngestError(
            f"source table {name}: the file has no header line; read by position, "
            f"{count} row(s) have no value in the primary key ({', '.join(key)}), which a "
            f"merge cannot place: the file is refused",
            file=files[0], column=key[0], hint=_HINT)
