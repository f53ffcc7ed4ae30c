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
from datanet_sql.heal.value_groups import group_value, grouped

BUCKETS = 256
EMPTY = "-"
MIN_BUCKETS = 24          # fewer filled buckets (few distinct values): no estimate

TOP_HASH = parse_one(
    "SELECT SUBSTRING(MD5(STRING_AGG(__t, '|' ORDER BY __t)), 1, 8) FROM (SELECT CAST(__v AS "
    "TEXT) AS __t FROM __g ORDER BY __n DESC, CAST(__v AS TEXT) LIMIT 20) AS __top",
    read="duckdb")  # over a column's groups (`heal.value_groups`): __v a value, __n its rows


def over_groups(template: exp.Expression, groups: exp.Expression) -> exp.Expression:
    """The template reading `groups` (a query of groups, or the name of one) where it says
    `__g` (values are never pasted as text)."""
    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and node.name == "__g":
            return _named(groups, "__g")
        return node
    return template.copy().transform(swap)


def _named(groups: exp.Expression, alias: str) -> exp.Expression:
    """A table to select from: a name as it is, a query as a subquery called `alias`."""
    if isinstance(groups, exp.Table):
        return groups.copy()
    return exp.Subquery(this=groups.copy(), alias=exp.TableAlias(this=exp.to_identifier(alias)))


def top_hash(column: exp.Expression, rel: exp.Expression) -> exp.Expression:
    """The scalar query of a column's top-values hash (profiles and contracts both use it)."""
    return over_groups(TOP_HASH, grouped(column, rel))


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


def _cells(groups: exp.Expression, sql_type: str) -> exp.Select:
    """Rows (bucket, digit) of one column's MinHash, from its groups: each distinct value
    hashed once, keyed, and of each bucket's least hash the last hex digit."""
    text = exp.func("concat", exp.Literal.string(fingerprint_key()),
                    canonical_text(group_value(), sql_type))
    hashed = exp.select(exp.alias_(exp.func("md5", text), "h")).from_(_named(groups, "__d"),
                                                                       copy=False)
    bucket = exp.func("substring", exp.column("h"), exp.Literal.number(1), exp.Literal.number(2))
    return (exp.select(exp.alias_(bucket, "b"),
                       exp.alias_(exp.func("substring", exp.func("min", exp.column("h")),
                                           exp.Literal.number(32), exp.Literal.number(1)), "m"))
            .from_(_named(hashed, "__h"), copy=False)
            .group_by(bucket.copy(), copy=False))


def minhash_query(rel: exp.Expression, columns: list[tuple[str, exp.Expression, str]]
                  ) -> exp.Expression | None:
    """Rows (key, bucket, digit) for (key, value, type) columns, one GROUP BY a column: Spark's
    way, one job for them all (see `signatures`); other engines use `minhash_cells`."""
    parts = [exp.select(exp.alias_(exp.Literal.string(key), "k"), "b", "m").from_(
        _named(_cells(grouped(column, rel), sql_type), "__c"))
        for key, column, sql_type in columns]
    return union_all(parts)


def minhash_cells(groups: exp.Expression, sql_type: str) -> exp.Expression:
    """The scalar query of one column's MinHash as text, from its groups: bucket and digit,
    three characters a filled bucket (see `signature`)."""
    cell = exp.DPipe(this=exp.column("b"), expression=exp.column("m"))
    return exp.select(exp.func("string_agg", cell, exp.Literal.string(""))).from_(
        _named(_cells(groups, sql_type), "__c"), copy=False)


def signature(cells: str | None) -> str | None:
    """The 256-character signature of `minhash_cells` text (None: the column has no values)."""
    if not cells:
        return None
    sig = [EMPTY] * BUCKETS
    for i in range(0, len(cells), 3):
        sig[int(cells[i:i + 2], 16)] = cells[i + 2]
    return "".join(sig)


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
