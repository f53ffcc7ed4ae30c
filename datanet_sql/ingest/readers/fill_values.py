"""NetCDF's default fill values in a number column read as NULL, shared by the readers of
files a NetCDF variable is dumped to (`ncdump`, xarray's `to_dataframe().to_csv()`, CDO):
a value the variable never had is written as its type's default `_FillValue`
(9.96921e+36 for float and double, -2147483647 for int, -32767 for short, -127 for byte),
named only in a header comment the reader skips or not at all. Kept, 9.97e36 would be an
eccentricity or a temperature, and every sum and average over the column nonsense.

A fill value is only taken for missing where the column's other values are far smaller
(`_MARGIN` times): 9.97e36 beside eccentricities under 1, -32767 beside counts under 3,277.
A column whose values reach near a fill (a real -127 among -120 and 90) is left as read.
Each column nulled is named in a note with the count and the value, and the declaration
that keeps the values as written.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

# netCDF's NC_FILL_FLOAT and NC_FILL_DOUBLE (one value; ncdump prints it 9.96921e+36, which
# `_is_fill` takes too), NC_FILL_INT, NC_FILL_SHORT, NC_FILL_BYTE
FILLS = (9.969209968386869e+36, -2147483647.0, -32767.0, -127.0)
_MARGIN = 10   # the other values' magnitude at most a tenth of the fill's
_NUMBERS = ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT")


def _is_fill(name: str, fill: float) -> exp.Expression:
    """`name` is `fill` (as printed: within a millionth of it, 9.96921e+36 being the
    float fill rounded to six digits)."""
    gap = exp.func("abs", exp.Sub(this=exp.cast(column(name), "DOUBLE"),
                                  expression=exp.Literal.number(repr(fill))))
    return gap <= exp.Literal.number(repr(abs(fill) * 1e-6))


def _findings(con: Any, table: str, names: list[str]) -> list[tuple[str, float, int]]:
    """(column, fill, count) for each of `names` holding a fill value beside other values
    all far smaller than it: one aggregate over `table`."""
    selects = []
    for n in names:
        for f in FILLS:
            hit = _is_fill(n, f)
            others = exp.func("max", exp.func("abs", exp.cast(column(n), "DOUBLE")))
            selects += [exp.func("count_if", hit),
                        exp.Filter(this=others, expression=exp.Where(this=exp.not_(hit)))]
    if not selects:
        return []
    row = con.execute(exp.select(*selects).from_(table).sql("duckdb")).fetchall()[0]
    found, at = [], 0
    for n in names:
        for f in FILLS:
            count, largest = row[at], row[at + 1]
            at += 2
            if count and largest is not None and largest * _MARGIN <= abs(f):
                found.append((n, f, count))
    return found


def fills_as_null(con: Any, table: str, label: str, declared: set[str]) -> list[str]:
    """NetCDF default fill values in `table`'s top-level number columns (none of them
    `declared`) made NULL, each column noted with `label` (the file) first."""
    read = con.table(table)
    numbers = [n for n, t in zip(read.columns, read.types)
               if str(t) in _NUMBERS and n not in declared]
    notes = []
    for n, fill, count in _findings(con, table, numbers):
        con.execute(exp.update(table, {n: exp.null()}, where=_is_fill(n, fill)).sql("duckdb"))
        written = f"{fill:g}" if fill > 0 else f"{fill:.0f}"   # as ncdump prints it
        notes.append(f"{label}: column {n} holds {count} value(s) {written}, netCDF's default "
                     f"fill value for a missing one, the column's other values far smaller: "
                     f"read as NULL (declare the column's type to keep them)")
    return notes
