"""Dedupe SQL: whole-row DISTINCT, or one row per key chosen by ROW_NUMBER().

The keyed form filters a ROW_NUMBER() computed in a subquery instead of using QUALIFY, which
Postgres lacks, so the same query runs on DuckDB, Postgres and Spark.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from datanet_sql.errors import ConfigError
from datanet_sql.generate.sqlfn import col

DedupeSpec = str | dict
ROW_NUMBER = "_dedupe_row"


def dedupe_query(
    query: exp.Expression, spec: DedupeSpec, columns: Sequence[str] | None = None
) -> exp.Select:
    """Wrap `query` so duplicate rows are dropped.

    `spec` is "exact" (identical rows after cleansing collapse to one) or
    `{key: [...], keep: latest|first, order_by: column}`: one row per key, the one with the
    greatest (latest) or least (first) `order_by`, ties broken by the remaining columns.
    `columns` names the output columns when `query` does not list them (e.g. SELECT *).
    """
    if spec == "exact":
        return exp.select("*").from_(_source(query)).distinct()
    if not isinstance(spec, dict) or not spec.get("key"):
        raise ConfigError(
            f"cannot read dedupe: {spec!r}",
            hint="write `dedupe: exact` or `dedupe: {key: [...], keep: latest, order_by: col}`",
        )
    names = list(columns or _output_names(query))
    keys = [spec["key"]] if isinstance(spec["key"], str) else list(spec["key"])
    numbered = exp.select(*[col(n) for n in names], _row_number(keys, spec, names)).from_(
        _source(query)
    )
    return (
        exp.select(*[col(n) for n in names])
        .from_(numbered.subquery("_numbered"))
        .where(exp.EQ(this=col(ROW_NUMBER), expression=exp.Literal.number(1)))
    )


def _row_number(keys: list[str], spec: dict, names: list[str]) -> exp.Expression:
    keep = str(spec.get("keep", "latest"))
    if keep not in ("latest", "first", "last"):
        raise ConfigError(
            f"dedupe keep: {keep!r} is not latest or first", hint="keep: latest | first"
        )
    order_by = spec.get("order_by")
    if not order_by:
        raise ConfigError(
            "dedupe by key needs order_by to know which row is the latest",
            hint="add `order_by: <column>` (e.g. updated_at)",
        )
    descending = keep in ("latest", "last")
    ordered = [
        exp.Ordered(this=col(c), desc=descending, nulls_first=False)
        for c in ([order_by] if isinstance(order_by, str) else order_by)
    ]
    # deterministic ties: the remaining columns decide, so every engine keeps the same row
    ordered += [
        exp.Ordered(this=col(n), nulls_first=False)
        for n in names
        if n not in keys and n != order_by
    ]
    window = exp.Window(
        this=exp.RowNumber(),
        partition_by=[col(k) for k in keys],
        order=exp.Order(expressions=ordered),
    )
    return exp.alias_(window, ROW_NUMBER)


def _source(query: exp.Expression) -> exp.Expression:
    if isinstance(query, exp.Query):
        return query.subquery("_deduped")
    return query.copy()


def _output_names(query: exp.Expression) -> list[str]:
    if isinstance(query, exp.Select) and not query.is_star:
        return list(query.named_selects)
    raise ConfigError(
        "dedupe by key needs the model's column names (the query selects *)",
        hint="pass the columns explicitly",
    )
