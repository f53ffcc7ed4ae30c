"""DynamoDB JSON: every value wrapped in an object naming its type.

DynamoDB's export to S3 writes one `{"Item": {"id": {"N": "1"}, "name": {"S": "Ann"}}}` a
line; the AWS CLI's `scan` writes `{"Items": [{...}, ...], "Count": 2, "ScannedCount": 2}`.
Read as any JSON, each attribute is a struct of its type descriptor and flattens to
`item__id__n`, numbers kept as text: a silently wrong table. Such a file is told by its
shape: every attribute (after the one `Item` envelope, or in the `Items` of a scan) is an
object whose keys are type descriptors (S, N, B, BOOL, NULL, M, L, SS, NS, BS). It is read
unwrapped, in DuckDB SQL over the staged table, and noted:

- N (numbers come as strings) as BIGINT when every value of the attribute is an integer of
  up to 18 digits, DECIMAL(38,0) when of up to 38, else DOUBLE (DynamoDB's numbers have
  38 digits of precision); NS alike, as a list;
- S and B (base64) as text, SS and BS as lists of text, BOOL as boolean, NULL as null;
- M as a nested object and L as a list, each value unwrapped again: flattened to
  `parent__child` and child tables as other nested JSON;
- an attribute of several scalar types (S here, N there) as text, noted; of several types
  among which M, L or a set, kept as written, noted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, ident, replace_table

# each type descriptor and DuckDB's type of what it wraps (its type id)
DESCRIPTORS = {"S": "varchar", "N": "varchar", "B": "varchar", "BOOL": "boolean",
               "NULL": "boolean", "M": "struct", "L": "list", "SS": "list", "NS": "list",
               "BS": "list"}
_SCALARS = ("S", "N", "B", "BOOL")   # read as text when one attribute holds several
_SCAN = {"Items", "Count", "ScannedCount", "LastEvaluatedKey", "ConsumedCapacity"}
_NUMBERS = (("BIGINT", r"-?[0-9]{1,18}"), ("DECIMAL(38,0)", r"-?[0-9]{1,38}"))
_ITEM = "_dn_item"

Wrap = Callable[[exp.Expression], exp.Expression]   # a value's test to one of its row's


def unwrapped(con: Any, table: str, name: str) -> list[str]:
    """`table` (a JSON file's staged rows) rewritten unwrapped when it is DynamoDB JSON (see
    the module docstring), with the notes; nothing when it is not."""
    relation = con.table(table)
    types = dict(zip(relation.columns, relation.types))
    own = [c for c in relation.columns if c != RECORD]
    record = [column(RECORD)] if RECORD in types else []
    if own == ["Item"] and _wrapped_item(types["Item"]):
        source: exp.Expression = exp.to_table(table)
        attributes, envelope = _fields(column("Item"), types["Item"]), "one Item a record"
    elif "Items" in own and set(own) <= _SCAN and types["Items"].id == "list" and \
            _wrapped_item(types["Items"].child):
        source = exp.select(exp.func("unnest", column("Items")).as_(_ITEM)).from_(table) \
            .subquery("_dn_items")
        attributes, envelope = _fields(column(_ITEM), types["Items"].child), "a scan's Items"
        record = []   # the records are the Items, not the file's one object
    elif own and all(_wrapped(types[c]) for c in own):
        source = exp.to_table(table)
        attributes, envelope = [(c, column(c), types[c]) for c in own], "one item a record"
    else:
        return []
    reading = _Reading()
    for reading.attribute, expr, dtype in attributes:   # first the tests of the numbers
        reading.value(expr, dtype, lambda test: test)
    reading.decide(con, source)
    values = []
    for reading.attribute, expr, dtype in attributes:
        values.append(reading.value(expr, dtype, lambda test: test).as_(
            ident(reading.attribute)))
    replace_table(con, table, exp.select(*values, *record).from_(source))
    read = (f"{name}: DynamoDB JSON ({envelope}, each value wrapped in its type, "
            f"{{\"N\": \"1\"}}, {{\"S\": \"text\"}}): read unwrapped, N as numbers (integers "
            f"where every value is whole), S as text, BOOL as boolean, NULL as null, M and L "
            f"as nested objects and lists")
    return [read] + [f"{name}: {n}" for n in reading.notes]


def _wrapped(dtype: Any) -> bool:
    """A struct whose keys are all DynamoDB type descriptors, each of its own type (a
    number as a string): one attribute's values."""
    return dtype.id == "struct" and bool(dtype.children) and \
        all(DESCRIPTORS.get(k) == t.id for k, t in dtype.children)


def _wrapped_item(dtype: Any) -> bool:
    """A struct of attributes, each `_wrapped`: an item."""
    return dtype.id == "struct" and bool(dtype.children) and \
        all(_wrapped(t) for _, t in dtype.children)


def _fields(expr: exp.Expression, dtype: Any) -> list[tuple[str, exp.Expression, Any]]:
    return [(k, _field(expr, k), t) for k, t in dtype.children]


def _field(expr: exp.Expression, key: str) -> exp.Expression:
    return exp.func("struct_extract", expr, exp.Literal.string(key))


@dataclass
class _Reading:
    """The unwrapping, made twice over the same types: first collecting, for each number
    (in order), the tests of whether its values fit each of `_NUMBERS`; then, with `kinds`
    decided from them by `decide`, building the values."""

    tests: list[exp.Expression] = field(default_factory=list)
    kinds: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    attribute: str = ""   # the top-level attribute being read, as notes name it
    _numbers: int = 0
    _depth: int = 0

    def decide(self, con: Any, source: exp.Expression) -> None:
        found = con.execute(exp.select(*self.tests).from_(source).sql("duckdb")).fetchall()[0] \
            if self.tests else ()
        fits = [bool(f) for f in found]
        self.kinds = [next((k for j, (k, _) in enumerate(_NUMBERS)
                            if fits[i * len(_NUMBERS) + j]), "DOUBLE")
                      for i in range(len(fits) // len(_NUMBERS))]

    def value(self, expr: exp.Expression, dtype: Any, wrap: Wrap) -> exp.Expression:
        """The unwrapped value of `expr`, an attribute's struct of type `dtype`; `wrap`
        turns a test of it into one of its row (through the lists it is in)."""
        kinds = {k: t for k, t in dtype.children if k != "NULL"}
        if not kinds:
            return exp.cast(exp.null(), "VARCHAR")
        if len(kinds) > 1:
            return self._mixed(expr, kinds)
        (kind, inner), = kinds.items()
        part = _field(expr, kind)
        if kind == "N":
            return self._number(part, wrap)
        if kind == "NS":
            return self._each(part, lambda x, w: self._number(x, w), wrap)
        if kind == "M" and _wrapped_item(inner):
            return exp.Struct(expressions=[
                exp.PropertyEQ(this=ident(k), expression=self.value(e, t, wrap))
                for k, e, t in _fields(part, inner)])
        if kind == "L" and inner.id == "list" and _wrapped(inner.child):
            return self._each(part, lambda x, w: self.value(x, inner.child, w), wrap)
        return part   # S, B, BOOL, SS, BS; an M or L of what is not wrapped, as written

    def _number(self, text: exp.Expression, wrap: Wrap) -> exp.Expression:
        if self.kinds is None:
            self.tests += [exp.func("coalesce", exp.func("bool_and", wrap(exp.func(
                "regexp_full_match", text, exp.Literal.string(pattern)))), exp.true())
                for _, pattern in _NUMBERS]
            return text
        kind = self.kinds[self._numbers]
        self._numbers += 1
        return exp.cast(text, kind)

    def _each(self, items: exp.Expression, value: Callable[[exp.Expression, Wrap], exp.Expression],
              wrap: Wrap) -> exp.Expression:
        """`value` of each element of the list `items`; a test of an element holds for its
        row when it holds for every element."""
        self._depth += 1
        name = f"_dn_x{self._depth}"
        element = exp.column(name)

        def lambda_(body: exp.Expression) -> exp.Expression:
            return exp.Lambda(this=body, expressions=[exp.to_identifier(name)])

        inner: Wrap = lambda test: wrap(exp.func(
            "list_bool_and", exp.func("list_transform", items, lambda_(test))))
        result = exp.func("list_transform", items, lambda_(value(element, inner)))
        self._depth -= 1
        return result

    def _mixed(self, expr: exp.Expression, kinds: dict[str, Any]) -> exp.Expression:
        """An attribute of several types: as text when all are scalars, else as written."""
        if self.kinds is None:
            return expr
        spelled = ", ".join(sorted(kinds))
        if set(kinds) <= set(_SCALARS):
            self.notes.append(f"attribute {self.attribute}: values of several types ({spelled}): read as text")
            return exp.func("coalesce", *[exp.cast(_field(expr, k), "VARCHAR")
                                          for k in _SCALARS if k in kinds])
        self.notes.append(f"attribute {self.attribute}: values of several types ({spelled}): kept as written")
        return expr
