"""Sampling pushed down to the warehouse, and inference of a whole relation from it.

Never the whole table into Python: one query draws a seeded reservoir sample of the requested
columns, one more computes each column's distinct ratio over the whole relation with
approx_count_distinct where the engine has it. Both are sqlglot expressions rendered in the
adapter's dialect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlglot import exp

from datanet_sql.semantics.classifier import SemanticModel, default_model
from datanet_sql.semantics.infer import Inference, infer_columns
from datanet_sql.semantics.vocabulary import SemanticType

DEFAULT_SEED = 42
# engines whose approximate distinct count sqlglot renders natively
_APPROX_DIALECTS = frozenset({"duckdb", "spark", "spark2", "databricks", "snowflake", "bigquery",
                              "trino", "presto", "athena", "redshift", "clickhouse"})


def _source(relation: exp.Expression) -> exp.Expression:
    """A FROM-able node: tables as they are, queries wrapped as an aliased subquery."""
    if isinstance(relation, (exp.Table, exp.Subquery)):
        return relation.copy()
    if isinstance(relation, exp.Query):
        return relation.subquery("__dn_sample", copy=True)
    raise TypeError(f"cannot sample from {type(relation).__name__}; pass a table or a query")


def _col(name: str) -> exp.Column:
    return exp.column(name, quoted=True)


def sample_query(relation: exp.Expression, columns: Sequence[str], n: int = 1000, *,
                 dialect: str = "duckdb", seed: int = DEFAULT_SEED) -> exp.Select:
    """SELECT the columns of `n` sampled rows: a seeded reservoir on DuckDB, ORDER BY random elsewhere."""
    query = exp.select(*(_col(c) for c in columns)).from_(_source(relation))
    if dialect == "duckdb":
        query.set("sample", exp.TableSample(method=exp.var("RESERVOIR"),
                                            size=exp.Literal.number(n),
                                            seed=exp.Literal.number(seed)))
        return query
    return query.order_by(exp.Rand()).limit(n)


def distinct_query(relation: exp.Expression, columns: Sequence[str], *,
                   dialect: str = "duckdb", percent: float | None = None) -> exp.Select:
    """COUNT(*) and one (approximate) distinct count per column, in a single scan.

    With `percent` (DuckDB), the scan reads that share of the storage blocks (SYSTEM sampling):
    a ratio over a million rows tells unique from repeating as well as one over a billion.
    """
    approx = dialect in _APPROX_DIALECTS
    counts: list[exp.Expression] = [exp.Count(this=exp.Star()).as_("__dn_rows")]
    for i, c in enumerate(columns):
        agg = exp.ApproxDistinct(this=_col(c)) if approx else exp.Count(
            this=exp.Distinct(expressions=[_col(c)]))
        counts.append(agg.as_(f"__dn_d{i}"))
    query = exp.select(*counts).from_(_source(relation))
    if percent is not None and dialect == "duckdb":
        query.set("sample", exp.TableSample(method=exp.var("SYSTEM"),
                                            percent=exp.Literal.number(round(percent, 4))))
    return query


def sample_relation(adapter: Any, relation: exp.Expression, columns: Sequence[str],
                    n: int = 1000, *, seed: int = DEFAULT_SEED) -> dict[str, list]:
    """Up to `n` sampled values per column, read through the adapter (same seed, same rows on DuckDB)."""
    if not columns:
        return {}
    _, rows = adapter.fetch(sample_query(relation, columns, n, dialect=adapter.dialect, seed=seed))
    return {c: [row[i] for row in rows] for i, c in enumerate(columns)}


def distinct_ratios(adapter: Any, relation: exp.Expression, columns: Sequence[str], *,
                    max_rows: int = 1_000_000) -> dict[str, float]:
    """Distinct values / rows of each column (1.0 means unique), over at most ~`max_rows` rows.

    On DuckDB a table larger than `max_rows` is read through block sampling, which keeps a
    10-million-row table well under a second; other engines scan the relation once.
    """
    if not columns:
        return {}
    percent = _block_percent(adapter, relation, max_rows)
    row = adapter.fetch_one(distinct_query(relation, columns, dialect=adapter.dialect, percent=percent))
    total = int(row[0] or 0) if row else 0
    if total == 0:
        return {c: 0.0 for c in columns}
    return {c: min(1.0, float(row[i + 1] or 0) / total) for i, c in enumerate(columns)}


def _block_percent(adapter: Any, relation: exp.Expression, max_rows: int) -> float | None:
    """The share of a DuckDB table to read so about `max_rows` rows are seen (None: read all)."""
    if adapter.dialect != "duckdb" or not isinstance(relation, exp.Table) or \
            not isinstance(relation.this, exp.Identifier):
        return None  # queries and file scans (read_csv(...)): counting would read them twice
    row = adapter.fetch_one(exp.select(exp.Count(this=exp.Star())).from_(relation.copy()))
    total = int(row[0] or 0) if row else 0
    return 100.0 * max_rows / total if total > 2 * max_rows else None


def infer_relation(adapter: Any, relation: exp.Expression, columns: Sequence[tuple[str, str]], *,
                   n: int = 1000, custom: Sequence[SemanticType] = (),
                   model: SemanticModel | None = None, seed: int = DEFAULT_SEED) -> dict[str, Inference]:
    """Infer every (name, sql_type) column of a relation from two pushed-down queries."""
    names = [name for name, _ in columns]
    sample = sample_relation(adapter, relation, names, n, seed=seed)
    ratios = distinct_ratios(adapter, relation, names)
    batch = [(name, sql_type, sample.get(name, []), ratios.get(name)) for name, sql_type in columns]
    return dict(zip(names, infer_columns(batch, custom=custom, model=model or default_model())))
