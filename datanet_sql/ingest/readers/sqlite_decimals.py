"""SQLite columns declared DECIMAL or NUMERIC: numbers of their declared type, not of the
storage classes their first rows happen to have.

SQLite's NUMERIC affinity stores a decimal's value as an INTEGER when it is whole and as a
REAL otherwise: a Django `DecimalField` (declared `decimal`), or SQLAlchemy's `Numeric(8,2)`
(declared `NUMERIC(8, 2)`), holding `2.0` and `1.5` keeps `2` and `1.5`. Typed by its values,
a column whose first rows were whole was read as an integer and its later fractions were
lost. So a column declared `DECIMAL(p,s)` or `NUMERIC(p,s)` (`p` at most 38) is read as
`decimal(p,s)` (a value of more places than `s`, which SQLite does not stop, is a reject
naming it), and one declared `DECIMAL` or `NUMERIC` alone as `double` (an integer past
2^53, which a double would round, makes it `decimal(38,0)` when every value is whole).
The rule holds only where every value is stored as a number (or is NULL, the `''` of
`sqlite_blanks`, or a BLOB beside numbers, read as the text it holds or a reject,
`sqlite_blobs`; a column of BLOBs alone is read by its values): a column declared so that
holds other text (dates, codes) is read by its values, as before, and noted there. The
source's `columns:` decide over all of this.
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.decimals import MAX_PRECISION
from datanet_sql.ingest.readers.sql import column

_DECLARED = re.compile(r"\s*(?:DECIMAL|NUMERIC)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*",
                       re.IGNORECASE)
_EXACT_DOUBLE = 1 << 53   # the integers past it a double cannot all hold


def read_as(db: Any, table: exp.Table, kinds: dict[str, str]) -> dict[str, str]:
    """{column: the type to read it as} for the columns of `table` declared DECIMAL or
    NUMERIC whose values are all numbers (`kinds`: each column's declared type)."""
    declared = {name: match for name, kind in kinds.items()
                if (match := _DECLARED.fullmatch(kind))}
    if not declared:
        return {}
    row = db.execute(exp.select(*(a for name in declared for a in _aggregates(name)))
                     .from_(table).sql("sqlite")).fetchone()
    types = {}
    for index, (name, match) in enumerate(declared.items()):
        others, blobs, reals, least, greatest = row[5 * index:5 * index + 5]
        precision, scale = match.groups()
        if others or blobs and least is None and not reals:
            continue
        if precision and int(precision) <= MAX_PRECISION:
            types[name] = f"decimal({precision},{scale or 0})"
        elif not reals and max(-(least or 0), greatest or 0) > _EXACT_DOUBLE:
            types[name] = f"decimal({MAX_PRECISION},0)"
        else:
            types[name] = "double"
    return types


def _aggregates(name: str) -> list[exp.Expression]:
    """How many values are neither numbers, NULL, BLOBs nor `''`; how many are BLOBs; how
    many are REAL; the least and the greatest integer (SQLite's `abs` of the least 64-bit
    integer is an error)."""
    value = column(name)
    kind = exp.func("typeof", value)
    number = exp.In(this=kind, expressions=[exp.Literal.string(k)
                                            for k in ("integer", "real", "null", "blob")])
    blank = exp.EQ(this=value.copy(), expression=exp.Literal.string(""))
    real = exp.EQ(this=kind.copy(), expression=exp.Literal.string("real"))
    blob = exp.EQ(this=kind.copy(), expression=exp.Literal.string("blob"))
    integer = exp.EQ(this=kind.copy(), expression=exp.Literal.string("integer"))

    def count(condition: exp.Expression) -> exp.Expression:
        return exp.Count(this=exp.Case(ifs=[exp.If(this=condition, true=exp.Literal.number(1))]))

    whole = exp.Case(ifs=[exp.If(this=integer, true=value.copy())])
    return [count(exp.and_(exp.not_(number), exp.not_(blank))), count(blob), count(real),
            exp.Min(this=whole), exp.Max(this=whole.copy())]
