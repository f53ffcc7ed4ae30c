"""Carry semantic types and PII through column-level lineage.

The compiler's annotate pass hands each output column's expression with its leaf columns
already pointing at base columns; `propagate` folds the expression bottom-up with one small rule
per kind of node (`lower(email)` is an email, `count(email)` a measure, `sum(price)` money), and
`is_pii` answers whether personal data can reach the output value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlglot import exp

from datanet_sql.semantics.fields import FIELD_READS, as_field_column

Lookup = Callable[[exp.Column], "str | None"]

NUMERIC = frozenset({"money", "percent", "numeric_measure", "latitude", "longitude", "year",
                     "identifier"})
_ADDRESS_PARTS = frozenset({"address", "city", "postal_code", "country_code"})
_KEEP = (exp.Lower, exp.Upper, exp.Trim, exp.Initcap, exp.RegexpReplace, exp.Replace, exp.Nullif,
         exp.Pad, exp.Min, exp.Max, exp.AnyValue, exp.First, exp.Last, exp.ArgMax, exp.ArgMin,
         exp.Median, exp.Quantile, exp.Lag, exp.Lead, exp.FirstValue, exp.LastValue, exp.NthValue,
         exp.Round, exp.Abs, exp.Floor, exp.Ceil, exp.Paren, exp.Alias, exp.Filter,
         exp.DateTrunc, exp.TimestampTrunc, exp.Neg)
_COUNTS = (exp.Count, exp.ApproxDistinct, exp.CountIf, exp.Hll)
_RANKS = (exp.Rank, exp.DenseRank, exp.Ntile, exp.PercentRank, exp.CumeDist)
_DATE_PARTS = (exp.Month, exp.Day, exp.DayOfWeek, exp.DayOfMonth, exp.DayOfYear, exp.WeekOfYear,
               exp.Quarter, exp.Week, exp.DateDiff, exp.TimestampDiff, exp.Length)


def propagate(expr: exp.Expression, lookup: Lookup) -> str | None:
    """The semantic type of an output column computed by `expr`, or None when unknown.

    `lookup(column)` gives the semantic type of a leaf (base) column.
    """
    rule = _rule_for(expr)
    return rule(expr, lookup)


def _rule_for(expr: exp.Expression) -> Callable[[exp.Expression, Lookup], str | None]:
    for kinds, rule in _RULES:
        if isinstance(expr, kinds):
            return rule
    return _unknown


def _first_arg(expr: exp.Expression, lookup: Lookup) -> str | None:
    inner = expr.this
    return propagate(inner, lookup) if isinstance(inner, exp.Expression) else None


def _column(expr: exp.Expression, lookup: Lookup) -> str | None:
    return lookup(expr)  # type: ignore[arg-type]


def _field(expr: exp.Expression, lookup: Lookup) -> str | None:
    """`address.postal_code`, `address['postal_code']`, `address ->> '$.postal_code'`: the
    field's own type (an array subscript or a computed path: unknown)."""
    column = as_field_column(expr)
    return lookup(column) if column is not None else None


def _common(types: Sequence[str | None]) -> str | None:
    known = {t for t in types if t is not None}
    return known.pop() if len(known) == 1 else None


def _args(expr: exp.Expression) -> list[exp.Expression]:
    """Value arguments of a function (this + expressions), not its options."""
    out = [expr.this] if isinstance(expr.this, exp.Expression) else []
    return out + list(expr.expressions)


def _coalesce(expr: exp.Expression, lookup: Lookup) -> str | None:
    return _common([propagate(a, lookup) for a in _args(expr) if not isinstance(a, exp.Literal)])


def _count(expr: exp.Expression, lookup: Lookup) -> str | None:
    return "numeric_measure"


def _sum(expr: exp.Expression, lookup: Lookup) -> str | None:
    inner = _first_arg(expr, lookup)
    return "money" if inner == "money" else "numeric_measure"


def _avg(expr: exp.Expression, lookup: Lookup) -> str | None:
    inner = _first_arg(expr, lookup)
    return inner if inner in ("money", "percent") else "numeric_measure"


def _cast(expr: exp.Expression, lookup: Lookup) -> str | None:
    inner = _first_arg(expr, lookup)
    to = expr.args.get("to")
    if not isinstance(to, exp.DataType) or inner is None:
        return inner
    if to.is_type(*exp.DataType.TEXT_TYPES):
        return inner
    if to.is_type(exp.DataType.Type.DATE):
        return "date" if inner in ("date", "timestamp") else inner
    if to.is_type(*exp.DataType.TEMPORAL_TYPES):
        return "timestamp" if inner in ("date", "timestamp") else inner
    if to.is_type(exp.DataType.Type.BOOLEAN):
        return "boolean"
    return inner


def _concat(expr: exp.Expression, lookup: Lookup) -> str | None:
    parts = [a for a in _flatten_concat(expr) if not isinstance(a, exp.Literal)]
    types = [propagate(p, lookup) for p in parts]
    known = [t for t in types if t is not None]
    if known and all(t == "person_name" for t in known):
        return "person_name"
    if known and all(t in _ADDRESS_PARTS for t in known) and "address" in known:
        return "address"
    if len(parts) == 1:
        return types[0]
    return None


def _flatten_concat(expr: exp.Expression) -> list[exp.Expression]:
    if isinstance(expr, exp.DPipe):
        return _flatten_concat(expr.this) + _flatten_concat(expr.expression)
    if isinstance(expr, (exp.Concat, exp.ConcatWs)):
        args = list(expr.expressions)
        return args[1:] if isinstance(expr, exp.ConcatWs) else args
    return [expr]


def _case(expr: exp.Expression, lookup: Lookup) -> str | None:
    if isinstance(expr, exp.If):
        branches = [expr.args.get("true"), expr.args.get("false")]
    else:
        branches = [i.args.get("true") for i in expr.args.get("ifs", [])] + [expr.args.get("default")]
    branches = [b for b in branches if b is not None and not isinstance(b, exp.Null)]
    columns = [b for b in branches if not isinstance(b, exp.Literal)]
    common = _common([propagate(b, lookup) for b in columns])
    literals = [b for b in branches if isinstance(b, exp.Literal)]
    if common is not None and not literals:
        return common
    if common is not None and common in NUMERIC and all(not lit.is_string for lit in literals):
        return common
    return "categorical"


def _window(expr: exp.Expression, lookup: Lookup) -> str | None:
    func = expr.this
    if isinstance(func, exp.RowNumber):
        return "identifier" if not expr.args.get("partition_by") else "numeric_measure"
    if isinstance(func, _RANKS):
        return "numeric_measure"
    return propagate(func, lookup)


def _arith(expr: exp.Expression, lookup: Lookup) -> str | None:
    left, right = propagate(expr.this, lookup), propagate(expr.expression, lookup)
    sides = {left, right}
    if "money" in sides:
        if isinstance(expr, exp.Div) and left == right == "money":
            return "percent"
        return "money" if (left == "money" or isinstance(expr, (exp.Add, exp.Mul))) else "numeric_measure"
    if sides & {"date", "timestamp"}:
        if isinstance(expr, exp.Sub) and left in ("date", "timestamp") and right in ("date", "timestamp"):
            return "numeric_measure"
        return left if left in ("date", "timestamp") else right
    if "percent" in sides and sides <= {"percent", None}:
        return "percent"
    return "numeric_measure"


def _extract(expr: exp.Expression, lookup: Lookup) -> str | None:
    unit = expr.this.name.upper() if isinstance(expr.this, exp.Expression) else ""
    return "year" if unit in ("YEAR", "ISOYEAR", "YEARS") else "numeric_measure"


def _to_date(expr: exp.Expression, lookup: Lookup) -> str | None:
    return "date"


def _to_timestamp(expr: exp.Expression, lookup: Lookup) -> str | None:
    return "timestamp"


def _year(expr: exp.Expression, lookup: Lookup) -> str | None:
    return "year"


def _measure(expr: exp.Expression, lookup: Lookup) -> str | None:
    return "numeric_measure"


def _greatest(expr: exp.Expression, lookup: Lookup) -> str | None:
    return _common([propagate(a, lookup) for a in _args(expr) if not isinstance(a, exp.Literal)])


def _unknown(expr: exp.Expression, lookup: Lookup) -> str | None:
    return None


_RULES: tuple[tuple[type | tuple[type, ...], Callable[[exp.Expression, Lookup], str | None]], ...] = (
    (exp.Column, _column),
    (FIELD_READS, _field),
    (exp.Window, _window),
    (_COUNTS, _count),
    (exp.Sum, _sum),
    (exp.Avg, _avg),
    ((exp.Stddev, exp.Variance), _measure),
    ((exp.Cast, exp.TryCast), _cast),
    (exp.Coalesce, _coalesce),
    ((exp.Greatest, exp.Least), _greatest),
    ((exp.DPipe, exp.Concat, exp.ConcatWs), _concat),
    ((exp.Case, exp.If), _case),
    ((exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod), _arith),
    (exp.Extract, _extract),
    (exp.Year, _year),
    (_DATE_PARTS, _measure),
    ((exp.StrToDate, exp.TsOrDsToDate, exp.Date, exp.CurrentDate), _to_date),
    ((exp.StrToTime, exp.UnixToTime, exp.CurrentTimestamp), _to_timestamp),
    (_KEEP, _first_arg),
)


# -- PII -----------------------------------------------------------------------------------------

_NOT_REVEALING = (exp.Count, exp.ApproxDistinct, exp.CountIf, exp.Hll)


def is_pii(expr: exp.Expression, lookup_pii: Callable[[exp.Column], bool]) -> bool:
    """Whether any PII column can reach the value of `expr`.

    PII flows to everything derived from it, except counts (a count of e-mails reveals none)
    and a window's PARTITION BY / ORDER BY (a row number per customer is only a number).
    """
    return any(lookup_pii(col) for col in _value_columns(expr))


def _value_columns(expr: exp.Expression) -> list[exp.Column]:
    if isinstance(expr, exp.Column):
        return [expr]
    field = as_field_column(expr) if isinstance(expr, FIELD_READS) else None
    if field is not None:  # only the field read reaches the value, not the whole document
        return [field]
    if isinstance(expr, _NOT_REVEALING):
        return []
    if isinstance(expr, exp.Window):
        return _value_columns(expr.this)
    out: list[exp.Column] = []
    for child in expr.iter_expressions():
        out.extend(_value_columns(child))
    return out
