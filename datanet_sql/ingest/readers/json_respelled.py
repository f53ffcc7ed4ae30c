"""Keys respelled mid-file: an API moved from v1 to v2 during an export and its records'
keys turned from camelCase to snake_case (`bandNumber`, then `band_number`). DuckDB makes
a column of each spelling, each NULL where the other is written, and the loader's
snake_case names then call them `band_number` and `band_number_2`: every row half empty.

Keys whose names snake_case alike (`snake_case`, the rule the loader names columns by) and
that no record holds together are one field spelled two ways: they are read as one
column, under the spelling seen first, each row's value from the key it holds, named in
the note. Keys that some record holds together are two fields (`Total` and `total` in
one record, or `unitPrice` beside `unit_price`) and stay apart, as before. Keys of values
DuckDB cannot make one type (text and an object) stay apart too, named in the note, so the
user can pick one in a model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.json_sql import described, objects
from datanet_sql.ingest.readers.names import snake_case
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, ident, replace_table


def respelled(keys: list[str]) -> list[list[str]]:
    """The keys (in order) whose names snake_case alike, in groups of two or more."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        if key != RECORD:
            groups.setdefault(snake_case(key), []).append(key)
    return [names for names in groups.values() if len(names) > 1]


def merged(con: Any, table: str, path: Path, layout: str, limit: int, name: str,
           written: dict[str, str]) -> tuple[list[str], set[str]]:
    """`table`'s columns of keys respelled mid-file (see the module docstring) made one:
    the notes saying which, and the columns merged into another (gone). `path` is the file
    DuckDB read (`layout` as it read it); `written` the file's own keys of columns DuckDB
    named otherwise (keys differing only by case, `json_cased`)."""
    import duckdb

    key_of = {c: written.get(c, c) for c in described(con, table)}
    column_of = {k: c for c, k in key_of.items()}
    keyed = respelled(list(key_of.values()))
    if not keyed:
        return [], set()
    apart = _held_together(con, keyed, path, layout, limit)
    groups = [[column_of[k] for k in group] for group in keyed]
    notes, kept = [], [g for g, together in zip(groups, apart) if not together]
    types = described(con, table)
    one: dict[str, list[str]] = {}
    for group in kept:
        try:
            con.execute(exp.select(exp.func("coalesce", *map(column, group))).from_(table)
                        .limit(0).sql("duckdb"))
        except duckdb.Error:
            notes.append(f"{name}: keys {_listed(group, key_of)} are named alike but hold values of "
                         f"different types ({', '.join(types[c] for c in group)}): kept "
                         f"apart; pick one in a model")
            continue
        one[group[0]] = group
    if one:
        pairs = "; ".join(f"{_listed(g, key_of)} as {key_of[g[0]]}" for g in one.values())
        notes.append(f"{name}: keys named alike and never in the same record (respelled "
                     f"mid-file, as an API's new version does) read as one column each: "
                     f"{pairs}")
    merged_away = {c for group in one.values() for c in group[1:]}
    if one:
        replace_table(con, table, exp.select(*(
            exp.func("coalesce", *map(column, one[c])).as_(ident(c)) if c in one
            else column(c) for c in types if c not in merged_away)).from_(table))
    return notes, merged_away


def _held_together(con: Any, groups: list[list[str]], path: Path, layout: str, limit: int
                   ) -> list[bool]:
    """For each group, whether some record of the file holds two of its keys, or one of
    them is no key of the file (a name DuckDB gave a key differing only by case, see
    `json_cased`: it cannot tell, so the group stays apart)."""
    keys = exp.func("json_keys", column("json"))
    counts = [exp.func("coalesce", exp.func("max", exp.func("len", exp.func(
        "list_intersect", keys, exp.Array(expressions=[exp.Literal.string(k) for k in group])
    ))), exp.Literal.number(0)) for group in groups]
    seen = [exp.func("bool_or", exp.func("list_contains", keys, exp.Literal.string(k)))
            for group in groups for k in group]
    found = list(con.execute(exp.select(*counts, *seen).from_(objects(path, layout, limit))
                             .where(exp.func("json_type", column("json")).eq(
                                 exp.Literal.string("OBJECT"))).sql("duckdb")).fetchone())
    held, present = found[:len(groups)], iter(found[len(groups):])
    return [n > 1 or not all(next(present) for _ in group) for n, group in zip(held, groups)]


def _listed(group: list[str], key_of: dict[str, str]) -> str:
    """The group's columns as the file spells their keys (`'bandNumber' and 'band_number'`)."""
    return " and ".join(repr(key_of[c]) for c in group)
