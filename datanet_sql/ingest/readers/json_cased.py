"""Keys that differ only by case (`Name`, `name`) are columns DuckDB cannot name alike (its
names are case-insensitive): they are named from the file's own keys by the rule for
duplicated CSV headers (`name`, `name_2`), see `own_keys`. Used by the JSON reader's whole
file and line-by-line reads (`json`, `json_lines`); the warehouse's own NDJSON read
(`json.stage`) hands a file with a column so renamed to the Arrow path
(`renamed_by_duckdb`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.json_sql import described, objects
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column


def own_keys(con: Any, table: str, path: Path, layout: str, limit: int, name: str
             ) -> tuple[dict[str, str], list[str]]:
    """The file's own top-level keys for the columns of `table` that DuckDB named otherwise,
    and a note. DuckDB's names are case-insensitive: of the keys `Name` and `name` it calls
    the second `name_1`, which no longer tells it from a real key `name_1`; the keys are
    read from the file (in order of first appearance, as DuckDB makes its columns) so they
    are numbered by the rule for duplicated headers (`name`, `name_2`). Read only when a
    column looks so renamed; if the keys do not line up with the columns, DuckDB's names
    are kept and a note says so."""
    columns = [c for c in described(con, table) if c != RECORD]
    if not renamed_by_duckdb(columns):
        return {}, []
    keys = [k for (k,) in con.execute(_first_seen_keys(path, layout, limit)).fetchall()
            if k != RECORD]   # a reader's record numbers written into the rows (json_bulk)
    if len(keys) != len(columns) or not all(c == k or _numbered_after(c, k)
                                            for c, k in zip(columns, keys)):
        kept = ", ".join(c for c in columns if c not in keys)
        return {}, [f"{name}: keys that differ only by case, named as DuckDB names them ({kept})"]
    note = cased_note(keys, name)
    if not note:  # a real key `name_1` beside `name`: DuckDB's names are the file's
        return {}, []
    return {c: k for c, k in zip(columns, keys) if c != k}, note


def cased_note(keys: list[str], name: str) -> list[str]:
    """The note naming the columns' `keys` that differ only by case (none if none do)."""
    cased = ", ".join(repr(k) for k in keys if sum(o.lower() == k.lower() for o in keys) > 1)
    return [(f"{name}: keys {cased} differ only by case: each is a column of its own, "
            "numbered as duplicated names are")] if cased else []


def renamed_by_duckdb(columns: list[str]) -> bool:
    """A column may be a key DuckDB renamed (see `own_keys`)."""
    return any(_numbered_after(c, other) for c in columns for other in columns)


def _numbered_after(column_name: str, key: str) -> bool:
    """`column_name` is how DuckDB names a key after `key` took its name: `name_1`, `NAME_2`,
    `name_1_1` (whatever the case)."""
    return re.fullmatch(re.escape(key.lower()) + r"(_\d+)+", column_name.lower()) is not None


def _first_seen_keys(path: Path, layout: str, limit: int) -> str:
    """The distinct top-level keys of the file's objects, in order of first appearance."""
    each = exp.select(exp.Window(this=exp.func("row_number")).as_("n"),
                      exp.func("json_keys", column("json")).as_("keys")).from_(
        objects(path, layout, limit))
    keys = exp.select("n", exp.func("generate_subscripts", column("keys"), exp.Literal.number(1))
                      .as_("i"), exp.Unnest(expressions=[column("keys")]).as_("k")).from_(
        each.subquery("_dn_objects"))
    first = exp.Window(this=exp.func("row_number"), partition_by=[column("k")],
                       order=exp.Order(expressions=[column("n"), column("i")]))
    seen = exp.select("k", "n", "i", first.as_("r")).from_(keys.subquery("_dn_keys"))
    return exp.select("k").from_(seen.subquery("_dn_seen")).where(
        column("r").eq(exp.Literal.number(1))).order_by("n", "i").sql("duckdb")

