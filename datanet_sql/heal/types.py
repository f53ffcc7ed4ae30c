"""Classify a column's type change (widened, narrowed, to text, text to typed) from SQL types.

Types arrive as warehouse spellings (DuckDB's by default, as the profile format records them);
sqlglot's DataType parses them so that `INTEGER`, `INT4` and `int` are one type.
"""

from __future__ import annotations

from functools import lru_cache

from sqlglot import exp

T = exp.DataType.Type

# integer types by width in bits (signed); unsigned ones map to the next wider signed width
INT_BITS: dict[T, int] = {
    T.TINYINT: 8, T.SMALLINT: 16, T.INT: 32, T.BIGINT: 64, T.INT128: 128,
    T.UTINYINT: 9, T.USMALLINT: 17, T.UINT: 33, T.UBIGINT: 65, T.UINT128: 129,
}
INT_RANGE: dict[int, tuple[int, int]] = {
    8: (-(2**7), 2**7 - 1), 16: (-(2**15), 2**15 - 1), 32: (-(2**31), 2**31 - 1),
    64: (-(2**63), 2**63 - 1), 128: (-(2**127), 2**127 - 1),
    9: (0, 2**8 - 1), 17: (0, 2**16 - 1), 33: (0, 2**32 - 1), 65: (0, 2**64 - 1),
    129: (0, 2**128 - 1),
}
FLOAT_BITS: dict[T, int] = {T.FLOAT: 32, T.DOUBLE: 64}
TEXT_TYPES = {T.TEXT, T.VARCHAR, T.CHAR, T.NVARCHAR, T.NCHAR, T.NAME}
DATE_TYPES = {T.DATE}
TIMESTAMP_TYPES = {T.TIMESTAMP, T.TIMESTAMPTZ, T.TIMESTAMPLTZ, T.TIMESTAMPNTZ, T.DATETIME,
                   T.TIMESTAMP_S, T.TIMESTAMP_MS, T.TIMESTAMP_NS}


@lru_cache(maxsize=512)
def parse_type(sql_type: str) -> exp.DataType:
    """A warehouse type string as a sqlglot DataType (UNKNOWN when it does not parse)."""
    try:
        return exp.DataType.build(sql_type, dialect="duckdb")
    except Exception:  # noqa: BLE001 - an exotic type is compared as text, never fatal
        return exp.DataType.build("UNKNOWN")


def family(sql_type: str) -> str:
    """integer | float | decimal | text | date | timestamp | boolean | json | struct | other."""
    kind = parse_type(sql_type).this
    if kind in INT_BITS:
        return "integer"
    if kind in FLOAT_BITS:
        return "float"
    if kind in (T.DECIMAL, T.BIGDECIMAL):
        return "decimal"
    if kind in TEXT_TYPES:
        return "text"
    if kind in DATE_TYPES:
        return "date"
    if kind in TIMESTAMP_TYPES:
        return "timestamp"
    if kind == T.BOOLEAN:
        return "boolean"
    if kind == T.JSON:
        return "json"
    if kind == T.STRUCT:
        return "struct"
    return "other"


def same_type(a: str, b: str) -> bool:
    return parse_type(a) == parse_type(b)


def _decimal_ps(dtype: exp.DataType) -> tuple[int, int]:
    params = [int(p.name) for p in dtype.expressions if p.name.isdigit()]
    return (params + [18, 3])[:2] if params else (18, 3)


def _numeric_rank(dtype: exp.DataType) -> tuple[int, int] | None:
    """(integer digits it can hold, fractional digits) for ordering numeric widths."""
    if dtype.this in INT_BITS:
        return (len(str(INT_RANGE[INT_BITS[dtype.this]][1])), 0)
    if dtype.this in (T.DECIMAL, T.BIGDECIMAL):
        precision, scale = _decimal_ps(dtype)
        return (precision - scale, scale)
    if dtype.this in FLOAT_BITS:
        return (308, 16) if dtype.this == T.DOUBLE else (38, 7)
    return None


def retype_kind(old: str, new: str) -> str:
    """How a column's type changed: widened | narrowed | to_text | text_to_typed | changed."""
    old_f, new_f = family(old), family(new)
    if new_f == "text" and old_f != "text":
        return "to_text"
    if old_f == "text" and new_f != "text":
        return "text_to_typed"
    if {old_f, new_f} == {"date", "timestamp"}:
        return "widened" if new_f == "timestamp" else "narrowed"
    old_rank, new_rank = _numeric_rank(parse_type(old)), _numeric_rank(parse_type(new))
    if old_rank and new_rank:
        if new_rank[0] >= old_rank[0] and new_rank[1] >= old_rank[1]:
            return "widened"
        return "narrowed"
    if old_f == new_f and old_f in ("text", "timestamp"):
        return "widened"
    return "changed"


def int_range(sql_type: str) -> tuple[int, int] | None:
    """The value range of an integer type, or None for non-integers."""
    kind = parse_type(sql_type).this
    return INT_RANGE[INT_BITS[kind]] if kind in INT_BITS else None


def is_numeric(sql_type: str) -> bool:
    return family(sql_type) in ("integer", "float", "decimal")


def fractional_digits(sql_type: str) -> int:
    """Digits after the point a type keeps (16 for floats, the scale for decimals, 0 for ints)."""
    rank = _numeric_rank(parse_type(sql_type))
    return rank[1] if rank else 0
