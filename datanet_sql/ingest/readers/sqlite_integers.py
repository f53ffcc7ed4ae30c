"""SQLite's integer columns: their width told by their values, .NET ticks read as moments.

SQLite has one integer storage class of up to 8 bytes; `INT`, `INTEGER` and `BIGINT` all
name it (INTEGER affinity), and an app stores in it whatever its language's integer holds
(a .NET `long` of ticks, a Unix time in milliseconds, a snowflake id). Read as a 32-bit
`integer`, every row holding a larger value was a reject (`636047136000000000 is not an
integer`) and the table came out empty with no error. So one aggregate over the table
gives each integer column's least and greatest value, and a column is `integer` where
every value fits 32 bits (the type such columns were always read as), `bigint` where one
does not. The columns whose values could be .NET ticks (`dotnet_ticks`), and the integer
columns whose extremes are not integers (text among them), get a closer look in a second
scan of those columns alone: their integers' extremes, the same leaving out the values
.NET writes for a moment never set, and how many values are not integers. Two aggregates
a column is what every SQLite read pays; the closer look only a table with such columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers import dotnet_ticks
from datanet_sql.ingest.readers.names import snake_case
from datanet_sql.ingest.readers.sql import column

_INT32 = (-(1 << 31), (1 << 31) - 1)
_AFFINITY = "INT"                 # SQLite's rule: a declared type holding it is an integer's
_MOMENT_TYPES = ("DATE", "TIME")  # a declared type naming a moment (`DATETIME`: NUMERIC)


@dataclass(frozen=True)
class Span:
    """A column's integer values: the least and greatest, the same leaving out
    `dotnet_ticks.UNSET`, and how many non-NULL values are not integers (text, reals,
    BLOBs an app stored)."""

    low: int | None
    high: int | None
    set_low: int | None
    set_high: int | None
    others: int


_NOT_INTEGERS = Span(None, None, None, None, 1)   # extremes that are text, reals or BLOBs


@dataclass
class Integers:
    """How a table's integer columns are read: the types to declare (`integer`,
    `bigint`, `timestamp`), the columns read as ticks, the notes on them, and the columns
    read as integers that hold other values too (text, reals, BLOBs: `sqlite_stored`
    counts them)."""

    types: dict[str, str]
    ticks: set[str]
    notes: list[str]
    others: set[str] = field(default_factory=set)


def read_as(db: Any, table: exp.Table, kinds: dict[str, str],
            user: dict[str, tuple[exp.DataType, str]]) -> Integers:
    """The reading of the integer columns of `table` (`kinds`: each column's declared type;
    `user`: the source's `columns:`, parsed)."""
    names = [n for n, kind in kinds.items()
             if any(word in kind.upper() for word in (_AFFINITY, *_MOMENT_TYPES))]
    if not names:
        return Integers({}, set(), [])
    plain = dict(zip(names, _scan(db, table, [a for n in names for a in _extremes(n)], 2)))
    closer = [n for n in names if dotnet_ticks.could_be(*plain[n]) or _AFFINITY in
              kinds[n].upper() and not _integers(*plain[n])]
    spans = {n: Span(low, high, low, high, 0) if _integers(low, high) else _NOT_INTEGERS
             for n, (low, high) in plain.items()}
    spans |= dict(zip(closer, (Span(*row) for row in _scan(
        db, table, [a for n in closer for a in _details(n)], 5))))
    read = Integers({}, set(), [])
    for name in names:
        user_type = user.get(snake_case(name), (None,))[0]
        chosen, notes = dotnet_ticks.read_as_ticks(name, kinds[name], spans[name], user_type)
        read.notes += notes
        if chosen:
            read.ticks.add(name)
            read.types[name] = "timestamp"
        elif _AFFINITY in kinds[name].upper():
            read.types[name] = _width(spans[name])
            if spans[name].others:
                read.others.add(name)
    return read


def _integers(low: Any, high: Any) -> bool:
    """Whether a column's extremes as SQLite orders values (numbers, then text, then
    BLOBs) show it holds integers alone (or nothing): no text or BLOB above them."""
    return all(isinstance(v, int | None) for v in (low, high))


def _scan(db: Any, table: exp.Table, aggregates: list[exp.Expression], size: int
          ) -> list[tuple[Any, ...]]:
    """The aggregates over the table, in one scan, cut into tuples of `size` (a column's)."""
    if not aggregates:
        return []
    row = db.execute(exp.select(*aggregates).from_(table).sql("sqlite")).fetchone()
    return [row[i:i + size] for i in range(0, len(row), size)]


def _width(span: Span) -> str:
    """`integer` when every value fits 32 bits (or there is none), else `bigint`."""
    if span.low is None or span.high is None:
        return "integer"
    return "integer" if _INT32[0] <= span.low and span.high <= _INT32[1] else "bigint"


def _extremes(name: str) -> list[exp.Expression]:
    """min and max as SQLite orders values (numbers, then text, then BLOBs)."""
    return [exp.Min(this=column(name)), exp.Max(this=column(name))]


def _details(name: str) -> list[exp.Expression]:
    """The aggregates of a `Span`: the extremes of the integers, of those not in
    `dotnet_ticks.UNSET`, and the count of non-NULL values that are not integers."""
    value = column(name)
    kind = exp.func("typeof", value)
    integer = exp.EQ(this=kind, expression=exp.Literal.string("integer"))
    chosen = exp.and_(integer.copy(), exp.In(this=value.copy(), expressions=[
        exp.convert(u) for u in dotnet_ticks.UNSET]).not_())
    other = exp.In(this=kind.copy(), expressions=[
        exp.Literal.string("integer"), exp.Literal.string("null")]).not_()

    def when(condition: exp.Expression, then: exp.Expression) -> exp.Case:
        return exp.Case(ifs=[exp.If(this=condition, true=then)])

    return [exp.Min(this=when(integer, value.copy())), exp.Max(this=when(integer, value.copy())),
            exp.Min(this=when(chosen, value.copy())), exp.Max(this=when(chosen, value.copy())),
            exp.Count(this=when(other, exp.Literal.number(1)))]
