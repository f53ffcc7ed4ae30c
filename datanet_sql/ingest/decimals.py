"""The decimal type that holds the values of several decimal types exactly.

Two deliveries of one column can carry different decimals (`decimal(3,1)` from an old
system, `decimal(6,3)` from its upgrade). DuckDB's own supertype of two decimals gives up
scale when their sum passes 38 digits (`decimal(38,0)` and `decimal(10,5)` unify to
`decimal(38,0)`, rounding `1.23456` to `1`), and a DOUBLE loses exactness; the one decimal
that keeps every value of both has the larger scale and the larger count of integer
digits. Past 38 digits no decimal does: then DOUBLE, which the caller notes.
"""

from __future__ import annotations

import re

from sqlglot import exp

MAX_PRECISION = 38  # DuckDB's widest decimal, and Arrow's decimal128
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)", re.IGNORECASE)


def holding(decimals: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(precision, scale) holding every (precision, scale) of `decimals` exactly, or None
    when that needs more than `MAX_PRECISION` digits."""
    scale = max(s for _, s in decimals)
    digits = max(p - s for p, s in decimals)
    return (digits + scale, scale) if digits + scale <= MAX_PRECISION else None


def spelled(precision: int, scale: int) -> str:
    """A decimal type as DuckDB spells it (`DECIMAL(6, 3)`), the spelling types are
    compared in."""
    return exp.DataType.build(f"DECIMAL({precision}, {scale})").sql("duckdb")


def params(duck_type: str) -> tuple[int, int] | None:
    """(precision, scale) of a DECIMAL type spelled with both, None for another type or a
    bare `DECIMAL` (a Postgres `numeric` of any size, not to be narrowed to DuckDB's
    default `DECIMAL(18,3)`)."""
    found = _DECIMAL.fullmatch(duck_type.strip())
    return (int(found[1]), int(found[2])) if found else None
