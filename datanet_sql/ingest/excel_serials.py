"""Instants written as Excel serial day numbers: an "Excel-friendly" export, or a file
re-saved from a sheet whose cells were dates, writes `46365.3333333333` for 2026-12-09
08:00 (days since 1899-12-30, Excel's 1900 date system, fifteen significant digits). Read
alone the column is a number; loaded after instants, the table's timestamp column would
turn to text for every row.

Read as instants only where it is certain: the table's column is a timestamp, every value
of the batch's column is a number in Excel's serial range (1900-03-01 to 9999-12-31; the
serials before March 1900 count Excel's phantom 29 February), and the instants they make
fall near the table's own (within `NEAR` of its earliest and latest). Then each serial
becomes its instant rounded to the second (the fifteen digits carry about a tenth of a
millisecond), a timestamp with time zone taken as UTC (a serial has no zone), and a note
names the column, the file and how many were read. Serials far from the table's instants
are refused naming the column and the file: another date system (1904) or numbers of
another meaning. Numbers outside the serial range are left to schema evolution as before.
One cheap query over the batch and one over the table.
"""

from __future__ import annotations

import datetime

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import IngestError
from datanet_sql.ingest.as_table import INTEGERS
from datanet_sql.ingest.evolve import Shapes
from datanet_sql.ingest.excel_ids import FLOATS
from datanet_sql.ingest.readers.sql import column

TIMES = {"TIMESTAMP", "TIMESTAMPTZ"}
FIRST, LAST = 61, 2958465  # the serials of 1900-03-01 and 9999-12-31
UNIX_EPOCH = 25569         # the serial of 1970-01-01
EPOCH = datetime.datetime(1899, 12, 30)  # serial 0, for the serials after February 1900
NEAR = datetime.timedelta(days=366)
DAY = 86400


def serials_as_times(adapter: Adapter, relation: Relation, query: exp.Select, found: Shapes,
                     name: str, files: tuple[str, ...], file_column: str | None,
                     notes: list[str]) -> tuple[exp.Select, Shapes]:
    """`query` and `found` (see `evolve.shapes`) with each number column of the batch that
    the table holds as a timestamp read as instants when its values are certainly Excel
    serials (see the module docstring), noted; refused when they are serials far from the
    table's instants. A file is named from `file_column` when the batch has one, else
    from `files`."""
    have, incoming = found
    columns = [n for n, t in incoming if have.get(n) in TIMES and _number(t)]
    if not columns:
        return query, found
    batch = _stats(adapter, query, columns, file_column)
    table = _range(adapter, relation, columns)
    serial = set()
    for candidate in columns:
        count, outside, low, high, first, last = batch[candidate]
        if not count or outside:
            continue
        where = _files(first, last) if file_column else (files[0] if files else "the batch")
        _refuse_if_far(name, candidate, where, (_instant(low), _instant(high)), table[candidate])
        serial.add(candidate)
        zone = ", taken as UTC" if have[candidate] == "TIMESTAMPTZ" else ""
        notes.append(f"read {candidate} of {where} as {have[candidate]}: its {count} value(s) are "
                     f"Excel serial day numbers ({low!r} is {_instant(low):%Y-%m-%d %H:%M:%S})"
                     f" in the 1900 date system, rounded to the second{zone}")
    if not serial:
        return query, found
    names = [n for n, _ in incoming]
    recast = exp.select(*[_as_time(adapter, n, have[n]) if n in serial else column(n)
                          for n in names]).from_(query.subquery("__dn_b"))
    return recast, (have, [(n, have[n] if n in serial else t) for n, t in incoming])


def _number(duck_type: str) -> bool:
    return duck_type in FLOATS or duck_type in INTEGERS or duck_type.startswith("DECIMAL")


def _stats(adapter: Adapter, query: exp.Select, columns: list[str], file_column: str | None
           ) -> dict[str, tuple]:
    """Per column: its values, those outside the serial range, the least and greatest,
    and the first and last file holding the batch (None without a file column)."""
    files = [exp.func(f, column(file_column)) for f in ("min", "max")] if file_column else \
        [exp.null(), exp.null()]
    picked = [e for n in columns for e in (
        exp.func("count", column(n)),
        exp.func("count", exp.case().when(exp.or_(column(n) < FIRST, column(n) > LAST),
                                          exp.Literal.number(1))),
        exp.func("min", column(n)), exp.func("max", column(n)))]
    row = adapter.fetch_one(exp.select(*picked, *files).from_(query.subquery("__dn_b")))
    assert row is not None  # an aggregate gives one row
    return {n: (*row[4 * i:4 * i + 4], *row[-2:]) for i, n in enumerate(columns)}


def _range(adapter: Adapter, relation: Relation, columns: list[str]
           ) -> dict[str, tuple[datetime.datetime | None, datetime.datetime | None]]:
    """The table's earliest and latest instant of each column (naive UTC)."""
    row = adapter.fetch_one(exp.select(*[exp.func(f, column(n)) for n in columns
                                         for f in ("min", "max")]).from_(relation.table()))
    assert row is not None
    return {n: (_utc(row[2 * i]), _utc(row[2 * i + 1])) for i, n in enumerate(columns)}


def _utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _instant(serial: float) -> datetime.datetime:
    """A serial as the instant it names, to the second."""
    return EPOCH + datetime.timedelta(seconds=round(float(serial) * DAY))


def _files(first: str, last: str) -> str:
    return first if first == last else f"{first} .. {last}"


def _refuse_if_far(name: str, column: str, where: str,
                   serials: tuple[datetime.datetime, datetime.datetime],
                   table: tuple[datetime.datetime | None, datetime.datetime | None]) -> None:
    """Refused unless the serials' instants lie within `NEAR` of the table's range."""
    low, high = serials
    earliest, latest = table
    if earliest is not None and latest is not None and \
            earliest - NEAR <= low and high <= latest + NEAR:
        return
    held = f"from {earliest} to {latest}" if earliest is not None else "none"
    raise IngestError(
        f"source table {name}: column {column} of {where} holds numbers where the table holds "
        f"instants; as Excel serial day numbers (1900 date system) they would be {low} to "
        f"{high}, far from the table's instants ({held}), so they cannot be taken for them",
        file=where, column=column,
        hint=f"land the file with {column} written as instants (2026-12-01T00:00:00Z), or "
             f"declare `columns: {{{column}: double}}` to keep the numbers and load the table "
             f"again from the start")


def _as_time(adapter: Adapter, name: str, duck_type: str) -> exp.Alias:
    """The serial column `name` as the instant it names, to the second, cast to the table's
    type: from Unix seconds (an instant, UTC) for a timestamp with time zone or on Spark,
    a naive timestamp as the epoch plus the seconds (no session time zone in between)."""
    seconds = exp.cast(exp.func("round", exp.Mul(
        this=exp.Paren(this=exp.Sub(this=column(name), expression=exp.Literal.number(
            UNIX_EPOCH))), expression=exp.Literal.number(DAY))), "BIGINT")
    if duck_type == "TIMESTAMPTZ" or adapter.dialect == "spark":
        value: exp.Expression = exp.UnixToTime(this=seconds)
    else:
        value = exp.DateAdd(this=exp.cast(exp.Literal.string("1970-01-01"), "TIMESTAMP"),
                            expression=seconds, unit=exp.var("SECOND"))
    return exp.cast(value, exp.DataType.build(duck_type, dialect="duckdb")).as_(name,
                                                                                quoted=True)
