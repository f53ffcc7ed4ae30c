"""Column statistics computed in the warehouse: a few aggregate queries per table, never a scan
of the whole table in Python.

Three round trips per table: one SELECT that aggregates every column at once (counts,
distincts, min/max, quantiles, lengths), one UNION ALL of small GROUP BYs for the most
frequent values and shapes, and one for the `top_hash` fingerprints (hashed in SQL so the
values of PII columns never leave the warehouse).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp, parse_one

from datanet_sql.generate.sqlfn import SPARK_DIALECTS, union_all
from datanet_sql.profile.disclosure import Disclosure
from datanet_sql.profile.model import WITHHELD_SEMANTICS, ColumnProfile
from datanet_sql.semantics.vocabulary import is_pii

QUANTILE_POINTS = 33          # evenly spaced probabilities 0 .. 1, both ends included
TOP_VALUES_LIMIT = 1000       # categories stored per column at most (each seen >= k times)
PUBLIC_VALUES_LIMIT = 20_000  # values of a column declared public (reference data) at most
CATEGORICAL_MAX_DISTINCT = 20_000    # text columns: codes, tail numbers, cities...
NUMERIC_CATEGORICAL_MAX_DISTINCT = 200  # numbers and times: beyond this, quantiles say more
TOP_SHAPES = 5

_SHAPE = parse_one(
    "REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(CAST(__c AS TEXT), '[A-Z]', 'A', 'g'),"
    " '[a-z]', 'a', 'g'), '[0-9]', '9', 'g')", read="duckdb")


def kind_of(sql_type: str) -> str:
    """Coarse family of a warehouse type: integer, number, temporal, boolean, string, other."""
    t = sql_type.upper()
    if t.startswith(("STRUCT", "MAP", "UNION", "LIST", "ARRAY", "JSON")) or t.endswith("]"):
        return "other"  # nested values: profiled by their JSON paths, not as text
    if any(w in t for w in ("INT", "SERIAL")) and "INTERVAL" not in t and "[]" not in t:
        return "integer"
    if any(w in t for w in ("DOUBLE", "FLOAT", "REAL", "DECIMAL", "NUMERIC")):
        return "number"
    if t.startswith(("DATE", "TIMESTAMP", "TIME")) or t == "DATETIME":
        return "temporal"
    if t.startswith("BOOL"):
        return "boolean"
    if any(w in t for w in ("CHAR", "TEXT", "STRING", "UUID")) or t == "VARCHAR":
        return "string"
    return "other"


@dataclass
class ColumnSpec:
    """A column to profile: name, warehouse type, semantic type (None when unknown), and
    whether its values were declared public (then even identifiers' values are written)."""

    name: str
    type: str
    semantic: str | None = None
    public: bool = False

    @property
    def kind(self) -> str:
        return kind_of(self.type)

    @property
    def pii(self) -> bool:
        """Personal data, flagged as `infer` and `ls --columns` flag it."""
        return is_pii(self.semantic) and not self.public

    @property
    def withheld(self) -> bool:
        """Values the profile must not hold (personal data, keys, free text)."""
        return (self.pii or self.semantic in WITHHELD_SEMANTICS) and not self.public


def _col(name: str) -> exp.Column:
    return exp.column(name, quoted=True)


def _substitute(template: exp.Expression, column: str) -> exp.Expression:
    """Fill a fixed template: `__c` -> the column."""
    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and node.name == "__c":
            return _col(column)
        return node
    return template.copy().transform(swap)


def shape_expr(column: str) -> exp.Expression:
    """The shape of a value: A upper letter, a lower letter, 9 digit, other characters kept."""
    return _substitute(_SHAPE, column)


def _probs() -> exp.Array:
    step = 1 / (QUANTILE_POINTS - 1)
    return exp.Array(expressions=[exp.Literal.number(round(i * step, 6))
                                  for i in range(QUANTILE_POINTS)])


def quantiles(column: exp.Expression, discrete: bool, dialect: str) -> exp.Expression:
    """The column's quantiles at QUANTILE_POINTS probabilities, as one array, per engine.

    Interpolated for numbers, actual values for times. Spark has no array form of the
    standard PERCENTILE_CONT/DISC: exact PERCENTILE for numbers, PERCENTILE_APPROX (which
    accepts dates and timestamps) for times.
    """
    if dialect in SPARK_DIALECTS:
        kind = exp.ApproxQuantile if discrete else exp.Quantile
        return kind(this=column, quantile=_probs())
    kind = exp.PercentileDisc if discrete else exp.PercentileCont
    return kind(this=column, expression=_probs())


def aggregate_query(relation: exp.Expression, columns: list[ColumnSpec],
                    dialect: str = "duckdb") -> exp.Select:
    """One SELECT over the table that aggregates every column (speed: one scan)."""
    projections: list[exp.Expression] = [exp.alias_(exp.func("count", exp.Star()), "__rows")]
    for i, spec in enumerate(columns):
        c = _col(spec.name)
        aggs: dict[str, exp.Expression] = {
            "n": exp.func("count", c),
            "d": exp.Count(this=exp.Distinct(expressions=[c.copy()])),
        }
        # no min/max of text: the extremes of a text column are often values seen once
        if not spec.withheld and spec.kind in ("integer", "number", "temporal", "boolean"):
            aggs["min"] = exp.func("min", c.copy())
            aggs["max"] = exp.func("max", c.copy())
        if not spec.withheld and spec.kind in ("integer", "number", "temporal"):
            aggs["q"] = quantiles(c.copy(), spec.kind == "temporal", dialect)
        if spec.kind == "string":
            aggs["len"] = exp.func("avg", exp.func("length", c.copy()))
        projections += [exp.alias_(e, f"c{i}_{k}") for k, e in aggs.items()]
    return exp.select(*projections).from_(relation.copy())


def top_query(relation: exp.Expression, columns: list[ColumnSpec],
              categorical: set[str]) -> exp.Expression | None:
    """Most frequent values (categorical non-PII columns) and shapes (strings), in one query."""
    parts: list[exp.Select] = []
    for spec in columns:
        c = _col(spec.name)
        if spec.name in categorical and not spec.withheld:
            limit = PUBLIC_VALUES_LIMIT if spec.public else TOP_VALUES_LIMIT
            parts.append(_grouped(relation, spec.name, "value", c, limit))
        if spec.kind == "string":
            parts.append(_grouped(relation, spec.name, "shape", shape_expr(spec.name), TOP_SHAPES))
    if not parts:
        return None
    wrapped = [exp.select("*").from_(exp.Subquery(this=p, alias=exp.TableAlias(
        this=exp.to_identifier(f"t{i}")))) for i, p in enumerate(parts)]
    query: exp.Expression = wrapped[0]
    for part in wrapped[1:]:
        query = exp.union(query, part, distinct=False, copy=False)
    return query


def _grouped(relation: exp.Expression, name: str, what: str, value: exp.Expression,
             limit: int) -> exp.Select:
    text = exp.cast(value, "TEXT")
    return (exp.select(exp.alias_(exp.Literal.string(name), "col"),
                       exp.alias_(exp.Literal.string(what), "what"),
                       exp.alias_(text, "v"),
                       exp.alias_(exp.func("count", exp.Star()), "n"))
            .from_(relation.copy())
            .where(exp.Not(this=exp.Is(this=_col(name), expression=exp.Null())))
            .group_by(text.copy())
            .order_by(exp.Ordered(this=exp.column("n"), desc=True), text.copy())
            .limit(limit))


def hash_query(relation: exp.Expression, columns: list[ColumnSpec]) -> exp.Expression | None:
    """`top_hash` per column: md5 of the sorted 20 most frequent values, computed in SQL."""
    from datanet_sql.heal.sketch import top_hash  # the contract's hash, written once

    parts = [exp.select(exp.alias_(exp.Literal.string(s.name), "col"),
                        exp.alias_(exp.Subquery(this=top_hash(_col(s.name), relation)), "h"))
             for s in columns if s.kind != "other"]
    return union_all(parts)


def column_stats(adapter: Any, relation: exp.Expression, columns: list[ColumnSpec],
                 disclosure: Disclosure = Disclosure()) -> tuple[int, list[ColumnProfile]]:
    """Row count and one ColumnProfile per column, filled with SQL-computed statistics."""
    names, rows = adapter.fetch(aggregate_query(relation, columns, adapter.dialect))
    row = dict(zip(names, rows[0]))
    total = int(row["__rows"])
    profiles = [_from_aggregates(spec, i, row, total) for i, spec in enumerate(columns)]
    categorical = {p.name for p, spec in zip(profiles, columns) if _has_categories(p, spec)}
    top = top_query(relation, columns, categorical)
    if top is not None and total:
        _apply_top(profiles, adapter.fetch(top)[1], total, disclosure)
    hashes = hash_query(relation, columns)
    if hashes is not None and total:
        found = dict(adapter.fetch(hashes)[1])
        for p in profiles:
            p.top_hash = found.get(p.name)
    return total, profiles


def _has_categories(profile: ColumnProfile, spec: ColumnSpec) -> bool:
    """Worth a GROUP BY: repeated values of a bounded number (all values of a public column)."""
    if not profile.distinct_count:
        return False
    if spec.public:
        return profile.distinct_count <= PUBLIC_VALUES_LIMIT
    return not profile.unique and profile.distinct_count <= (
        CATEGORICAL_MAX_DISTINCT if spec.kind == "string" else NUMERIC_CATEGORICAL_MAX_DISTINCT)


def _from_aggregates(spec: ColumnSpec, i: int, row: dict[str, Any], total: int) -> ColumnProfile:
    n = int(row[f"c{i}_n"] or 0)
    distinct = int(row[f"c{i}_d"] or 0)
    profile = ColumnProfile(
        name=spec.name, type=spec.type, semantic=spec.semantic, pii=spec.pii,
        public=spec.public or None,
        null_rate=round(1 - n / total, 6) if total else 0.0,
        distinct_count=distinct, unique=bool(total) and distinct == total,
    )
    profile.min = row.get(f"c{i}_min")
    profile.max = row.get(f"c{i}_max")
    if row.get(f"c{i}_q") is not None:
        profile.quantiles = list(row[f"c{i}_q"])
    if row.get(f"c{i}_len") is not None:
        profile.avg_length = round(float(row[f"c{i}_len"]), 2)
    return profile


def _apply_top(profiles: list[ColumnProfile], rows: list[tuple], total: int,
               disclosure: Disclosure) -> None:
    """Keep a category or shape only when it occurs at least k times (k-anonymity), or when
    the column's values were declared public."""
    by_name = {p.name: p for p in profiles}
    best: dict[str, tuple[int, str]] = {}
    for name, what, value, count in rows:
        top = best.get(name, (0, ""))
        if what == "shape" and (count > top[0] or (count == top[0] and value < top[1])):
            best[name] = (count, value)   # the dominant shape (ties: the smallest, as healing
            #                               computes it) is a format, kept for any count
        if count < disclosure.k_for(name):
            continue
        p = by_name[name]
        entry = {"value": typed_value(value, kind_of(p.type)), "freq": round(count / total, 6)}
        if what == "value":
            p.top_values = [*(p.top_values or []), entry]
        else:
            shapes = p.extra.setdefault("shapes", [])
            shapes.append({"shape": value, "freq": entry["freq"]})
    for name, (_, shape) in best.items():
        by_name[name].pattern = shape


def typed_value(text: str, kind: str) -> Any:
    """Values come back from the warehouse as text; store them with their own type."""
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
        if kind == "boolean":
            return text.lower() in ("true", "t", "1")
    except ValueError:
        return text
    return text
