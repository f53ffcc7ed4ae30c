"""Aggregation SQL from a declarative spec: dimensions, measures, time grain, filters, totals.

Every measure is an AST node whose rendering sqlglot adapts per dialect: a percentile is
`PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)` on Postgres, `QUANTILE_CONT(x, p ...)` on DuckDB
and `PERCENTILE_APPROX(x, p)` on Spark; the time grain is a `DATE_TRUNC` (TIMESTAMP_TRUNC on
BigQuery). Ratios divide by NULLIF(denominator, 0) in floating point, so neither a zero
denominator nor integer division can spoil them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp, parse_one
from sqlglot.errors import ParseError

from datanet_sql.errors import ConfigError, SqlSyntaxError
from datanet_sql.generate.sqlfn import col, lit

GRAINS = ("day", "week", "month", "quarter", "year")
AGGREGATES = ("sum", "count", "count_distinct", "avg", "min", "max", "median", "percentile")
TEMPORAL_NAME = re.compile(r"(^|_)(at|date|day|time|ts|timestamp|datetime|month|week)$")


def aggregate_query(source: exp.Expression, spec: dict[str, Any], dialect: str) -> exp.Select:
    """SELECT dimensions, measures FROM source [WHERE filters] GROUP BY dimensions [ROLLUP|CUBE].

    User expressions (`expr:`, `filters:`) are SQL in `dialect`, the project's dialect.
    """
    dimensions = [_dimension(d, dialect) for d in spec.get("dimensions", [])]
    if spec.get("grain"):
        dimensions = _apply_grain(dimensions, str(spec["grain"]), spec.get("time_dimension"))
    measures = _measures(spec.get("measures", []), dialect)
    if not measures and not dimensions:
        raise ConfigError("aggregate needs at least one dimension or measure")
    query = exp.select(*[_project(e, n) for n, e in dimensions], *measures).from_(
        _from_item(source)
    )
    for condition in spec.get("filters", []) or []:
        query = query.where(_parse(str(condition), dialect, "filter"), copy=False)
    return _group(query, [e for _, e in dimensions], spec.get("totals"))


def _dimension(item: str | dict, dialect: str) -> tuple[str, exp.Expression]:
    if isinstance(item, str):
        return item, col(item)
    if not isinstance(item, dict) or "name" not in item:
        raise ConfigError(
            f"cannot read aggregate dimension {item!r}", hint="write a column or {name, expr}"
        )
    return str(item["name"]), _parse(str(item.get("expr", item["name"])), dialect, "dimension")


def _apply_grain(
    dimensions: list[tuple[str, exp.Expression]], grain: str, time_dimension: str | None
):
    """Truncate the time dimension (named, or the first that looks temporal) to the grain."""
    if grain not in GRAINS:
        raise ConfigError(f"aggregate grain {grain!r} is not one of {', '.join(GRAINS)}")
    index = next(
        (
            i
            for i, (n, e) in enumerate(dimensions)
            if (n == time_dimension if time_dimension else _is_temporal(n, e))
        ),
        None,
    )
    if index is None:
        raise ConfigError(
            f"aggregate grain {grain} needs a timestamp dimension",
            hint="name it with `time_dimension:` or add one to dimensions",
        )
    name, expression = dimensions[index]
    if isinstance(expression, (exp.TimestampTrunc, exp.DateTrunc, exp.DatetimeTrunc)):
        expression = expression.this
    truncated = exp.TimestampTrunc(this=expression.copy(), unit=exp.var(grain.upper()))
    return [*dimensions[:index], (name, truncated), *dimensions[index + 1 :]]


def _is_temporal(name: str, expression: exp.Expression) -> bool:
    if isinstance(
        expression, (exp.TimestampTrunc, exp.DateTrunc, exp.DatetimeTrunc, exp.TsOrDsToDate)
    ):
        return True
    if isinstance(expression, exp.Cast) and expression.to.is_type(*exp.DataType.TEMPORAL_TYPES):
        return True
    return bool(TEMPORAL_NAME.search(name.lower()))


def _measures(items: list[dict], dialect: str) -> list[exp.Expression]:
    built: dict[str, exp.Expression] = {}
    for item in items:
        name = str(item.get("name", ""))
        if not name:
            raise ConfigError(f"aggregate measure {item!r} has no name")
        built[name] = _ratio(item, built) if "ratio" in item else _measure(item, dialect)
    return [exp.alias_(e, n) for n, e in built.items()]


def _measure(item: dict, dialect: str) -> exp.Expression:
    agg = str(item.get("agg", "")).lower()
    if agg not in AGGREGATES:
        raise ConfigError(
            f"measure {item.get('name')}: agg {agg!r} is not one of {', '.join(AGGREGATES)}"
        )
    expr = item.get("expr")
    if expr is None and agg != "count":
        raise ConfigError(f"measure {item.get('name')}: agg {agg} needs expr")
    value = _parse(str(expr), dialect, "measure") if expr is not None else exp.Star()
    if agg == "count_distinct":
        return exp.Count(this=exp.Distinct(expressions=[value]))
    if agg == "percentile":
        return _percentile(value, float(item.get("percentile", 0.5)))
    node = {
        "sum": exp.Sum,
        "count": exp.Count,
        "avg": exp.Avg,
        "min": exp.Min,
        "max": exp.Max,
        "median": exp.Median,
    }[agg]
    return node(this=value)


def _percentile(value: exp.Expression, fraction: float) -> exp.Expression:
    if not 0 <= fraction <= 1:
        raise ConfigError(
            f"percentile {fraction} is outside [0, 1]", hint="write 0.9 for the 90th percentile"
        )
    return exp.WithinGroup(
        this=exp.PercentileCont(this=lit(fraction)),
        expression=exp.Order(expressions=[exp.Ordered(this=value)]),
    )


def _ratio(item: dict, built: dict[str, exp.Expression]) -> exp.Expression:
    pair = item["ratio"]
    if not isinstance(pair, (list, tuple)) or len(pair) != 2 or any(p not in built for p in pair):
        raise ConfigError(
            f"measure {item.get('name')}: ratio needs [numerator, denominator] "
            "naming measures defined before it",
            hint=f"defined: {', '.join(built) or 'none'}",
        )
    numerator = exp.cast(built[pair[0]].copy(), "DOUBLE")
    denominator = exp.Nullif(this=built[pair[1]].copy(), expression=lit(0))
    return exp.Div(this=numerator, expression=denominator)


def _group(query: exp.Select, keys: list[exp.Expression], totals: str | None) -> exp.Select:
    if not keys:
        return query
    copies = [k.copy() for k in keys]
    if totals in (None, "", False):
        return query.group_by(*copies, copy=False)
    if totals not in ("rollup", "cube"):
        raise ConfigError(f"aggregate totals {totals!r} is not rollup or cube")
    node = exp.Rollup(expressions=copies) if totals == "rollup" else exp.Cube(expressions=copies)
    return query.group_by(node, copy=False)


def _parse(sql: str, dialect: str, what: str) -> exp.Expression:
    try:
        return parse_one(sql, read=dialect)
    except ParseError as err:
        raise SqlSyntaxError(f"cannot parse aggregate {what} {sql!r}: {err}") from err


def _project(expression: exp.Expression, name: str) -> exp.Expression:
    if isinstance(expression, exp.Column) and expression.name == name and not expression.table:
        return expression.copy()
    return exp.alias_(expression.copy(), name)


def _from_item(source: exp.Expression) -> exp.Expression:
    if isinstance(source, exp.Query):
        return source.subquery("_source")
    return source.copy()
