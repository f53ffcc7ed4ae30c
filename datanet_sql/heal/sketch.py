"""Value sketches of a column, computed in SQL: the one home of the fingerprint's hash SQL.

Two sketches, both PII-safe (no value leaves the warehouse, and what is stored cannot be
read back into values):

- `top_hash`: md5 of the 20 most frequent values, sorted and joined. Recognises the same
  column exactly, but moves as soon as the data grows or a frequent value changes.
- `minhash`: a one-permutation MinHash of the column's *distinct* values (keyed md5, 256
  buckets by the hash's first byte, and of each bucket's minimum only its last hex digit: a
  b-bit MinHash, 128 bytes a column whatever its size). Two sketches estimate how many of the
  contract's values are still found in a live column, which survives a batch that grew, and
  tells a swapped, renamed or re-purposed column from the one the model meant. The key
  (`DATANET_FINGERPRINT_KEY`, default a fixed string) salts every hash, so a dictionary of
  names cannot be hashed against a profile without it.

Numbers are hashed in a canonical text (whole numbers without a fraction), so `94` and `94.0`
are the same value and a retyped column still matches; the same text comes out of DuckDB,
Postgres and Spark.
"""

from __future__ import annotations

import os

from sqlglot import exp, parse_one

from datanet_sql.generate.sqlfn import union_all
from datanet_sql.heal.types import family

BUCKETS = 256
EMPTY = "-"
MIN_BUCKETS = 24          # fewer filled buckets (few distinct values): no estimate

TOP_HASH = parse_one(
    "SELECT SUBSTRING(MD5(STRING_AGG(v, '|' ORDER BY v)), 1, 8) FROM (SELECT CAST(__value AS "
    "TEXT) AS v FROM __rel WHERE NOT __value IS NULL GROUP BY __value "
    "ORDER BY COUNT(*) DESC, CAST(__value AS TEXT) LIMIT 20) AS __top", read="duckdb")


def fill(template: exp.Expression, value: exp.Expression, rel: exp.Expression) -> exp.Expression:
    """The template with `__value` and `__rel` replaced (values never pasted as text)."""
    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and node.name == "__value":
            return value.copy()
        if isinstance(node, exp.Table) and node.name == "__rel":
            return rel.copy()
        return node
    return template.copy().transform(swap)


def top_hash(value: exp.Expression, rel: exp.Expression) -> exp.Expression:
    """The scalar query of a column's top-values hash (profiles and contracts both use it)."""
    return fill(TOP_HASH, value, rel)


def fingerprint_key() -> str:
    return os.environ.get("DATANET_FINGERPRINT_KEY", "datanet-fingerprint-v1")


def canonical_text(value: exp.Expression, sql_type: str) -> exp.Expression:
    """The text a value is hashed as: numbers without a trailing `.0`, others cast to text."""
    if family(sql_type) not in ("integer", "float", "decimal"):
        return exp.cast(value.copy(), "TEXT")
    number = exp.cast(value.copy(), "DOUBLE")
    whole = exp.and_(number.copy().eq(exp.func("floor", number.copy())),
                     exp.func("abs", number.copy()) < exp.Literal.number("1e15"))
    as_int = exp.cast(exp.cast(number.copy(), "BIGINT"), "TEXT")
    return exp.Case(ifs=[exp.If(this=whole, true=as_int)], default=exp.cast(number, "TEXT"))


def minhash_query(rel: exp.Expression, columns: list[tuple[str, exp.Expression, str]]
                  ) -> exp.Expression | None:
    """Rows (key, bucket, digit) for (key, value, type) columns: one GROUP BY a column, over
    its distinct values (each hashed once: a column of few values costs a hash aggregate)."""
    parts = []
    for key, value, sql_type in columns:
        distinct = exp.select(exp.alias_(value.copy(), "v")).distinct().from_(rel.copy()).where(
            exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null())))
        text = exp.func("concat", exp.Literal.string(fingerprint_key()),
                        canonical_text(exp.column("v"), sql_type))
        hashed = exp.select(exp.alias_(exp.func("md5", text), "h")).from_(
            exp.Subquery(this=distinct, alias=exp.TableAlias(this=exp.to_identifier("__d"))))
        bucket = exp.func("substring", exp.column("h"), exp.Literal.number(1),
                          exp.Literal.number(2))
        parts.append(exp.select(
            exp.alias_(exp.Literal.string(key), "k"), exp.alias_(bucket, "b"),
            exp.alias_(exp.func("substring", exp.func("min", exp.column("h")),
                                exp.Literal.number(32), exp.Literal.number(1)), "m"))
            .from_(exp.Subquery(this=hashed, alias=exp.TableAlias(this=exp.to_identifier("__h"))))
            .group_by(bucket.copy()))
    return union_all(parts)


def signatures(rows: list[tuple]) -> dict[str, str]:
    """{key: 256-character signature} from the rows of `minhash_query`."""
    cells: dict[str, list[str]] = {}
    for key, bucket, digit in rows:
        sig = cells.setdefault(key, [EMPTY] * BUCKETS)
        sig[int(bucket, 16)] = str(digit)
    return {k: "".join(v) for k, v in cells.items()}


def jaccard(a: str, b: str) -> float | None:
    """Estimated Jaccard similarity of two columns' distinct values (None: too few values).

    Of buckets filled on both sides, one in 16 agree by chance (4 bits kept): corrected here.
    """
    if len(a) != BUCKETS or len(b) != BUCKETS:
        return None
    either = both = equal = 0
    for x, y in zip(a, b):
        if x == EMPTY and y == EMPTY:
            continue
        either += 1
        if x != EMPTY and y != EMPTY:
            both += 1
            equal += x == y
    if either < MIN_BUCKETS:
        return None
    true_equal = max(0.0, (equal - both / 16) / (15 / 16))
    return min(1.0, true_equal / either)


def _all_found(a: str, b: str) -> bool:
    """For a few distinct values: every filled bucket of a holds the same digit in b, and
    that is very unlikely by chance (each match is a 1 in 16 draw in a filled bucket)."""
    filled = [i for i, x in enumerate(a) if x != EMPTY]
    if len(filled) < 2 or any(b[i] != a[i] for i in filled):
        return False
    chance = sum(1 for y in b if y != EMPTY) / BUCKETS / 16
    return chance ** len(filled) < 0.001


def containment(a: str | None, b: str | None, distinct_a: int | None,
                distinct_b: int | None) -> float | None:
    """Estimated share of column a's distinct values found in column b (None when unknown;
    1.0 for a column of few values all found)."""
    if not a or not b or not distinct_a or not distinct_b or len(a) != len(b):
        return None
    j = jaccard(a, b)
    if j is None:
        return 1.0 if _all_found(a, b) else None
    return max(0.0, min(1.0, j * (distinct_a + distinct_b) / ((1 + j) * distinct_a)))
