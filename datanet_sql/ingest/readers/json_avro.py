"""Avro's JSON encoding: a union's value wrapped in an object naming its branch.

`avro-tools tojson`, Kafka's Avro-JSON converters and Avro's own JSON encoder write a field
of a union type (a nullable field, `["null", "long"]`) as `{"patient_id": {"long": 1}}`,
`{"arm": {"string": "Control"}}`, its null as plain `null`. Read as any JSON, each such
field is a struct of one key and flattens to `patient_id__long`: a silently wrong table.

A column is such a union when DuckDB types it (over every row of the file) as a struct
whose keys are all Avro branch names, each holding what that branch holds: `null`,
`boolean` (a boolean), `int`/`long` (an integer), `float`/`double` (a number), `string`/
`bytes` (a scalar), `array` (a list), `map` (an object), or one named type (a record's
object or an enum's text, the name a full name `ns.Name` or capitalised as Avro names
are), no row holding two branches at once. A struct of one key `string` could as well be a
real nested object, so the file is read so only when at least two of its columns are
unions of a primitive branch (one such column alone is kept as written, noted). Then each
union column is read unwrapped (in DuckDB SQL over the staged table), noted naming the
columns; one of several scalar branches (`long` here, `string` there) as text, noted; of
several branches among which a record, list or map, kept as written, noted. A named
record's own union fields are unwrapped alike.
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, ident, replace_table

_INTEGERS = {"tinyint", "smallint", "integer", "bigint", "hugeint", "utinyint",
             "usmallint", "uinteger", "ubigint"}
_NESTED = {"struct", "list", "map"}
_NUMBERS = {"float", "double"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+|[A-Z][A-Za-z0-9_]*")


def _fits(branch: str, dtype: Any) -> bool:
    """Whether DuckDB's type `dtype` of a branch's values is what Avro branch `branch` holds."""
    primitive = {
        "null": True,
        "boolean": dtype.id == "boolean",
        "int": dtype.id in _INTEGERS,
        "long": dtype.id in _INTEGERS,
        "float": dtype.id in _INTEGERS | {"float", "double"},
        "double": dtype.id in _INTEGERS | {"float", "double"},
        "string": dtype.id not in _NESTED,
        "bytes": dtype.id not in _NESTED,
        "array": dtype.id == "list",
        "map": dtype.id in ("struct", "map"),
    }
    if branch in primitive:
        return primitive[branch]
    return bool(_NAME.fullmatch(branch)) and dtype.id in ("struct", "varchar")


def _union(dtype: Any) -> bool:
    """A struct of Avro branches (see `_fits`), of one named type at most."""
    if dtype.id != "struct" or not dtype.children:
        return False
    named = [k for k, _ in dtype.children if not _primitive(k)]
    return len(named) <= 1 and all(_fits(k, t) for k, t in dtype.children)


def _primitive(branch: str) -> bool:
    return branch in ("null", "boolean", "int", "long", "float", "double", "string",
                      "bytes", "array", "map")


def unwrapped(con: Any, table: str, name: str) -> list[str]:
    """`table` (a JSON file's staged rows) rewritten with its Avro unions unwrapped (see
    the module docstring), with the notes; nothing when it is not Avro JSON."""
    relation = con.table(table)
    types = {c: t for c, t in zip(relation.columns, relation.types) if c != RECORD}
    unions = [c for c, t in types.items() if _union(t)]
    unions = [c for c in unions if _one_branch_a_row(con, table, c, types[c])]
    primitive = [c for c in unions if any(_primitive(k) and k != "null"
                                          for k, _ in types[c].children)]
    if len(primitive) < 2:
        return [f"{name}: column {c} holds objects of one key {_keys(types[c])}, as Avro's "
                f"JSON encoding wraps a union's value; kept as written (one such column "
                f"alone may be a real nested object)" for c in primitive]
    notes: list[str] = []
    values = [(_value(column(c), types[c], c, notes) if c in unions else column(c))
              .as_(ident(c)) for c in types]
    record = [column(RECORD)] if RECORD in relation.columns else []
    replace_table(con, table, exp.select(*values, *record).from_(table))
    read = (f"{name}: Avro JSON (each union's value wrapped in its branch, {{\"long\": 1}}, "
            f"{{\"string\": \"text\"}}): read unwrapped under the field's own name, columns "
            + ", ".join(unions))
    return [read] + [f"{name}: {n}" for n in notes]


def _keys(dtype: Any) -> str:
    return ", ".join(f"`{k}`" for k, _ in dtype.children)


def _one_branch_a_row(con: Any, table: str, name: str, dtype: Any) -> bool:
    """Whether no row of column `name` (a `_union` struct) holds two branches at once."""
    if len(dtype.children) == 1:
        return True
    held: exp.Expression = exp.Literal.number(0)
    for key, _ in dtype.children:
        held = exp.Add(this=held, expression=exp.cast(
            exp.Not(this=exp.Is(this=_field(column(name), key), expression=exp.null())),
            "INTEGER"))
    query = exp.select(exp.func("coalesce", exp.func("bool_and", exp.LTE(
        this=held, expression=exp.Literal.number(1))), exp.true())).from_(table)
    return bool(con.execute(query.sql("duckdb")).fetchall()[0][0])


def _value(expr: exp.Expression, dtype: Any, path: str, notes: list[str]) -> exp.Expression:
    """The unwrapped value of `expr`, a `_union` of type `dtype` at `path` (as notes name it)."""
    branches = {k: t for k, t in dtype.children if k != "null"}
    if not branches:
        return exp.cast(exp.null(), "VARCHAR")
    if len(branches) > 1:
        spelled = ", ".join(branches)
        if any(t.id in _NESTED for t in branches.values()):
            notes.append(f"column {path}: a union of several branches ({spelled}), one of "
                         f"them nested: kept as written")
            return expr
        notes.append(f"column {path}: a union of several branches ({spelled}): read as text")
        return exp.func("coalesce", *[exp.cast(_field(expr, k), "VARCHAR") for k in branches])
    (branch, inner), = branches.items()
    part = _field(expr, branch)
    if branch in _NUMBERS:
        return exp.cast(part, "DOUBLE")
    if not _primitive(branch) and inner.id == "struct":
        notes.append(f"column {path}: of the named record type {branch}")
        return exp.Struct(expressions=[
            exp.PropertyEQ(this=ident(k), expression=(
                _value(_field(part, k), t, f"{path}.{k}", notes) if _union(t)
                else _field(part, k))) for k, t in inner.children])
    if not _primitive(branch):
        notes.append(f"column {path}: of the named enum type {branch}")
    return part


def _field(expr: exp.Expression, key: str) -> exp.Expression:
    return exp.func("struct_extract", expr, exp.Literal.string(key))
