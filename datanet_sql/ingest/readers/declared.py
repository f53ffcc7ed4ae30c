"""Declared column types (`columns: {quantity: integer}`): parsing them and saying why a
value does not fit, in the words a user wrote."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import snake_case

_WHOLE = re.compile(r"[-+]?\d+")
_BITS = {exp.DataType.Type.TINYINT: 8, exp.DataType.Type.SMALLINT: 16,
         exp.DataType.Type.INT: 32, exp.DataType.Type.BIGINT: 64}
_WIDER = {8: "smallint", 16: "integer", 32: "bigint", 64: "decimal(38,0)"}


def declared_types(columns: dict[str, str], file: str) -> dict[str, tuple[exp.DataType, str]]:
    """{snake_cased column: (DuckDB type, the type as the user wrote it)}; a type sqlglot
    cannot parse is an error naming the column."""
    parsed = {}
    for name, spelled in (columns or {}).items():
        try:
            parsed[snake_case(name)] = (exp.DataType.build(str(spelled), dialect="duckdb"),
                                        str(spelled))
        except (ParseError, ValueError):
            raise IngestError(f"column '{name}' is declared as '{spelled}', not a type",
                              file=file, column=name,
                              hint="use a SQL type: integer, bigint, decimal(12,2), double, "
                                   "date, timestamp, varchar, boolean") from None
    return parsed


def on_names(declared: dict[str, tuple[exp.DataType, str]], names: list[str]
             ) -> dict[str, tuple[exp.DataType, str]]:
    """The declared types keyed by the read's `names`: a declared `_id` (or `id`), snake_cased
    `id`, is the column `_id` where the names keep a survey export's leading `_` (see
    `names.unique_names`) and hold no `id`."""
    have = set(names)
    return {(f"_{n}" if n not in have and f"_{n}" in have else n): t
            for n, t in declared.items()}


def exact_number(to: exp.DataType) -> bool:
    """An integer type, or a decimal of at most 18 places: one DuckDB rounds other numbers
    into (see `fits`), and whose values DECIMAL(38,18) holds exactly (readers.csv)."""
    if to.is_type(exp.DataType.Type.DECIMAL):
        scale = to.expressions[1].this.this if len(to.expressions) > 1 else "0"
        return int(str(scale)) <= 18
    return to.is_type(*exp.DataType.INTEGER_TYPES) and \
        not to.is_type(exp.DataType.Type.INT128, exp.DataType.Type.UINT128,
                       exp.DataType.Type.INT256, exp.DataType.Type.UINT256)


def fits(value: exp.Expression, to: exp.DataType) -> exp.Expression:
    """`value` (not NULL) fits the declared type `to`: DuckDB casts it, and a number cast
    to an integer or decimal keeps its value (DuckDB rounds `'12.5'` and `12.5` to an
    integer silently, and `12.345` to a decimal(12,2): such a value does not fit)."""
    cast = exp.TryCast(this=value, to=to)
    if not to.is_type(*exp.DataType.INTEGER_TYPES, exp.DataType.Type.DECIMAL):
        return cast.is_(exp.null()).not_()
    double = exp.DataType.build("DOUBLE")
    as_number = exp.TryCast(this=value, to=double)
    return exp.and_(cast.is_(exp.null()).not_(), exp.or_(
        as_number.is_(exp.null()), as_number.eq(exp.TryCast(this=cast.copy(), to=double))))


def misfit(column: str, value: object, spelled: str) -> str:
    """`quantity: 'abc' is not an integer`; a whole number past the declared integer type's
    range says so and names the type that holds it (`... is not an integer` read as if the
    value were not a number at all)."""
    bits = _past(value, spelled)
    if bits:
        return f"{column}: {shown(value)} is past the range of {spelled} " \
            f"({-(1 << (bits - 1))} to {(1 << (bits - 1)) - 1}): declare it {_WIDER[bits]}"
    article = "an" if spelled[:1].lower() in "aeiou" else "a"
    return f"{column}: {shown(value)!r} is not {article} {spelled}"


def _past(value: object, spelled: str) -> int | None:
    """The bits of the integer type `spelled` when `value` is a whole number past its
    range, else None."""
    text = str(shown(value)).strip()
    if not _WHOLE.fullmatch(text):
        return None
    try:
        bits = next((b for t, b in _BITS.items()
                     if exp.DataType.build(spelled, dialect="duckdb").is_type(t)), None)
    except (ParseError, ValueError):
        return None
    return bits if bits and not -(1 << (bits - 1)) <= int(text) < 1 << (bits - 1) else None


def shown(value: object) -> object:
    """A value as a reject shows it: a decimal as written (`12.5`, not the `12.500000`
    of the exact type it was read as), anything else as it is."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
