"""Top values of many columns in one grouped scan: the fingerprint's hashes on Spark.

A fingerprint hashes the 20 most frequent values of every column, keeps their frequencies, and
finds each text column's dominant shape. Written as scalar subqueries (as on DuckDB and
Postgres) that is one Spark job per column, each with a shuffle of its own: seconds even for a
small table. GROUPING SETS count the values of every column in one scan and one shuffle, and a
window ranks them. The results are the subqueries': values ranked by count then by text, NULLs
left out, the hash an md5 of the top 20 texts sorted and joined by '|'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlglot import exp, parse_one

from datanet_sql.generate.sqlfn import lit, replace_all

_RANKED = parse_one(
    "SELECT __k, SUBSTRING(MD5(ARRAY_JOIN(ARRAY_SORT(COLLECT_LIST(__value)), '|')), 1, 8), "
    "SORT_ARRAY(COLLECT_LIST(__n), FALSE), MAX(CASE WHEN __rn = 1 THEN __value END) "
    "FROM (SELECT __k, __value, __n, ROW_NUMBER() OVER (PARTITION BY __k ORDER BY __n DESC, "
    "__value) AS __rn FROM __grouped WHERE NOT __value IS NULL) AS __ranked "
    "WHERE __rn <= 20 GROUP BY __k", read="spark")


def shape(value: exp.Expression) -> exp.Expression:
    """'AB-12x' -> 'AA-99a': letters and digits by class, as the contract's `pattern`."""
    text = exp.cast(value.copy(), "TEXT")
    return replace_all(replace_all(replace_all(text, "[A-Z]", "A"), "[a-z]", "a"), "[0-9]", "9")


def grouped_tops(adapter: Any, rel: exp.Table,
                 values: Sequence[tuple[str, exp.Expression, bool]]) -> dict[str, Any]:
    """{hash:key, freqs:key, pattern:key} for (key, value, want pattern) in `values`."""
    texts: list[exp.Expression] = []
    wanted: list[tuple[str, str]] = []
    for key, value, want_pattern in values:
        texts.append(exp.cast(value.copy(), "TEXT"))
        wanted.append(("value", key))
        if want_pattern:
            texts.append(shape(value))
            wanted.append(("pattern", key))
    _, rows = adapter.fetch(_query(rel, texts))
    out: dict[str, Any] = {}
    for which, top_hash, freqs, top in rows:
        kind, key = wanted[int(which)]
        if kind == "value":
            out[f"hash:{key}"], out[f"freqs:{key}"] = top_hash, freqs
        else:
            out[f"pattern:{key}"] = top
    return out


def _query(rel: exp.Table, texts: list[exp.Expression]) -> exp.Expression:
    """Counts per value of every text expression (one grouping set each), ranked."""
    base = exp.select(*[exp.alias_(t, f"__v{i}") for i, t in enumerate(texts)]).from_(rel.copy())
    cols = [exp.column(f"__v{i}") for i in range(len(texts))]
    own = [exp.EQ(this=exp.func("grouping", c.copy()), expression=lit(0)) for c in cols]
    which = exp.Case(ifs=[exp.If(this=o, true=lit(i)) for i, o in enumerate(own)])
    value = exp.Case(ifs=[exp.If(this=o.copy(), true=c.copy()) for o, c in zip(own, cols)])
    grouped = exp.select(exp.alias_(which, "__k"), exp.alias_(value, "__value"),
                         exp.alias_(exp.func("count", exp.Star()), "__n")).from_(
        base.subquery("__base"))
    grouped.set("group", exp.Group(grouping_sets=[exp.GroupingSets(
        expressions=[exp.Paren(this=c.copy()) for c in cols])]))

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and node.name == "__grouped":
            return grouped.subquery("__grouped")
        return node
    return _RANKED.transform(swap)
