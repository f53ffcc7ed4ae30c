"""Objects that write a key twice (`{"exercise": -1.0, "exercise": 1.54}`: a serializer that
appends a field it already wrote). JSON parsers keep the last value (Python's `json`,
JavaScript's `JSON.parse`); DuckDB's read_json refuses the whole file. The objects' text is
rewritten in DuckDB (never parsed row by row in Python): each top-level key kept once, at
its first place (where Python's dict keeps it, so the columns' order is the file's), with
its last value; noted per key. A key written twice inside a nested object is left to
DuckDB, whose refusal `refused` turns into a message naming the file, line and key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.sql import column, temp_table

_DUPLICATE = re.compile(r'(?:line|record/value) (\d+): .* has duplicate key "(.*)"', re.DOTALL)


def is_duplicate_key(error: Exception) -> bool:
    """DuckDB's read_json refused an object that writes a key twice."""
    return _DUPLICATE.search(str(error)) is not None


def last_values_kept(
    con: Any, table: str, text: str, number: str, where: exp.Expression, label: str, unit: str
) -> list[str]:
    """The objects of `table`'s column `text` (those meeting `where`) that write a top-level
    key twice, rewritten with each key once and its last value; a note per key naming how
    many objects wrote it twice and the first (`number`: its line, or an array's item, as
    `unit` says)."""
    keys, values = column("_dn_keys"), column("_dn_values")
    found = exp.select(
        column(number),
        _when(where, exp.func("json_keys", column(text))).as_("_dn_keys"),
        _when(where, exp.func("json_extract", column(text), exp.Literal.string("$.*"))).as_(
            "_dn_values"
        ),
    ).from_(table)
    twice = (
        exp.select("*", _repeated(keys).as_("_dn_repeated"))
        .from_(found.subquery("_dn_found"))
        .where(exp.func("len", keys) > exp.func("len", exp.func("list_distinct", keys)))
    )
    con.execute(temp_table("_dn_twice", twice))
    each = exp.select(
        column(number),
        column("_dn_keys"),
        exp.Unnest(expressions=[column("_dn_repeated")]).as_("_dn_key"),
    ).from_("_dn_twice")
    first = exp.func("min", column(number))
    per_key = (
        exp.select(
            column("_dn_key"),
            exp.func("count", exp.Star()),
            first,
            exp.func("max", _occurrences(keys, column("_dn_key"))),
        )
        .from_(each.subquery("_dn_each"))
        .group_by(column("_dn_key"))
        .order_by(first, column("_dn_key"))
    )
    notes = [
        f"{label}: key {name} written {'twice' if times == 2 else f'{times} times'} in "
        f"{count} {'object' if count == 1 else 'objects'} (first {_on(unit)} {first}): "
        f"the last value kept"
        for name, count, first, times in con.execute(per_key.sql("duckdb")).fetchall()
    ]
    if notes:
        rewrite = exp.update(
            table,
            {text: _deduplicated(keys, values)},
            from_="_dn_twice",
            where=exp.column(number, table).eq(exp.column(number, "_dn_twice")),
        )
        con.execute(rewrite.sql("duckdb"))
    con.execute(exp.Drop(tables=[exp.to_table("_dn_twice")], kind="TABLE").sql("duckdb"))
    return notes


def _on(unit: str) -> str:
    return "on line" if unit == "line" else f"in {unit}"


def _when(condition: exp.Expression, value: exp.Expression) -> exp.Expression:
    """`value` where `condition` holds, else NULL: a CASE, so DuckDB parses only objects."""
    return exp.Case(ifs=[exp.If(this=condition, true=value)])


def _repeated(keys: exp.Expression) -> exp.Expression:
    """The keys the list holds more than once, each once."""
    again = exp.func("list_position", keys, exp.column("k")).neq(exp.column("i"))
    return exp.func("list_distinct", exp.func("list_filter", keys, _lambda(again, "k", "i")))


def _occurrences(keys: exp.Expression, key: exp.Expression) -> exp.Expression:
    return exp.func("len", exp.func("list_filter", keys, _lambda(exp.column("o").eq(key), "o")))


def _deduplicated(keys: exp.Expression, values: exp.Expression) -> exp.Expression:
    """The object's JSON text with each key at its first place and its last value."""
    i = exp.column("i")
    key = exp.Bracket(this=keys, expressions=[i])
    first = exp.func("list_position", keys, key).eq(i)
    last = exp.Sub(
        this=exp.func("len", keys) + exp.Literal.number(1),
        expression=exp.func("list_position", exp.func("list_reverse", keys), key),
    )
    pair = exp.DPipe(
        this=exp.DPipe(this=_text(exp.func("to_json", key)), expression=exp.Literal.string(":")),
        expression=_text(exp.Bracket(this=values, expressions=[last])),
    )
    indexes = exp.func(
        "range", exp.Literal.number(1), exp.func("len", keys) + exp.Literal.number(1)
    )
    pairs = exp.func(
        "list_transform", exp.func("list_filter", indexes, _lambda(first, "i")), _lambda(pair, "i")
    )
    inner = exp.func("array_to_string", pairs, exp.Literal.string(","))
    return exp.DPipe(
        this=exp.DPipe(this=exp.Literal.string("{"), expression=inner),
        expression=exp.Literal.string("}"),
    )


def _lambda(body: exp.Expression, *names: str) -> exp.Lambda:
    return exp.Lambda(this=body, expressions=[exp.to_identifier(n) for n in names])


def _text(value: exp.Expression) -> exp.Expression:
    return exp.cast(value, "VARCHAR")


def refused(error: Exception, label: str, line_of: Callable[[int], int]) -> IngestError:
    """DuckDB's refusal of an object writing a key twice where `last_values_kept` does not
    reach (inside a nested object), naming the file, the line (`line_of` maps the line of
    the file DuckDB read to the user's) and the key."""
    found = _DUPLICATE.search(str(error))
    assert found is not None, "refused() is for is_duplicate_key errors"
    return IngestError(
        f"line {line_of(int(found[1]))}: a nested object writes key "
        f"{found[2]!r} twice (only a top-level key written twice is read, "
        f"its last value kept)",
        file=label,
        hint="have the serializer write each key once",
    )
