r"""Small builders of portable sqlglot expressions shared by the cleansing rules.

Every rule composes these instead of pasting SQL text, so values from samples or options can
only ever become literals. The regular expressions use the subset that RE2 (DuckDB),
POSIX ARE (Postgres) and Java (Spark) read alike: bracket classes, `{m,n}`, anchors, `\s`; sqlglot
doubles the backslash itself for dialects whose string literals need it (Spark, BigQuery).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlglot import exp

WHITESPACE = r"[\s\xa0]+"
SPARK_DIALECTS = ("spark", "spark2", "databricks")  # sqlglot's names for Spark SQL


def lit(value: object) -> exp.Expression:
    """A literal for a Python value (str, int, float, bool, None)."""
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.true() if value else exp.false()
    if isinstance(value, (int, float)):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def col(name: str) -> exp.Column:
    """A column reference, quoted only when the name needs it."""
    return exp.column(name, quoted=not name.isidentifier() or not name.islower())


def matches(value: exp.Expression, pattern: str) -> exp.Expression:
    """`value` contains a match of `pattern` (anchor it with ^...$ for a full match)."""
    return exp.RegexpLike(this=value.copy(), expression=lit(pattern))


def replace_all(value: exp.Expression, pattern: str, replacement: str) -> exp.Expression:
    """Replace every match: sqlglot adds DuckDB/Postgres' 'g' flag itself."""
    return exp.RegexpReplace(
        this=value.copy(), expression=lit(pattern), replacement=lit(replacement)
    )


def replace(value: exp.Expression, old: str, new: str) -> exp.Expression:
    """Plain (non-regex) replacement of every occurrence."""
    return exp.func("REPLACE", value.copy(), lit(old), lit(new))


def lower(value: exp.Expression) -> exp.Expression:
    return exp.Lower(this=value.copy())


def upper(value: exp.Expression) -> exp.Expression:
    return exp.Upper(this=value.copy())


def trim(value: exp.Expression) -> exp.Expression:
    return exp.Trim(this=value.copy())


def substring(
    value: exp.Expression, start: int | exp.Expression, length: int | exp.Expression | None = None
) -> exp.Expression:
    """1-based SUBSTRING, rendered per dialect (Postgres FROM/FOR)."""
    start_e = start if isinstance(start, exp.Expression) else lit(start)
    args: dict[str, exp.Expression] = {"this": value.copy(), "start": start_e}
    if length is not None:
        args["length"] = length if isinstance(length, exp.Expression) else lit(length)
    return exp.Substring(**args)


def split_part(value: exp.Expression, delimiter: str, index: int) -> exp.Expression:
    return exp.SplitPart(this=value.copy(), delimiter=lit(delimiter), part_index=lit(index))


def lpad(value: exp.Expression, width: int, fill: str = "0") -> exp.Expression:
    return exp.Pad(this=value.copy(), expression=lit(width), fill_pattern=lit(fill), is_left=True)


def concat(*parts: exp.Expression) -> exp.Expression:
    """`a || b || ...`: NULL if any part is NULL on every engine (unlike CONCAT)."""
    result = parts[0].copy()
    for part in parts[1:]:
        result = exp.DPipe(this=result, expression=part.copy())
    return result


def strpos(value: exp.Expression, needle: str) -> exp.Expression:
    return exp.StrPosition(this=value.copy(), substr=lit(needle))


def length(value: exp.Expression) -> exp.Expression:
    return exp.Length(this=value.copy())


def cast(value: exp.Expression, to: str) -> exp.Expression:
    return exp.cast(value.copy(), to)


def is_in(value: exp.Expression, values: Iterable[object]) -> exp.Expression:
    return exp.In(this=value.copy(), expressions=[lit(v) for v in values])


def like(value: exp.Expression, pattern: str) -> exp.Expression:
    return exp.Like(this=value.copy(), expression=lit(pattern))


def case(
    whens: Sequence[tuple[exp.Expression, exp.Expression]], default: exp.Expression | None = None
) -> exp.Expression:
    """CASE WHEN ... THEN ... [ELSE ...] END: the only construct that orders evaluation on
    every engine, so every cast sits behind the regex test that makes it safe."""
    node = exp.Case()
    for condition, value in whens:
        node = node.when(condition.copy(), value.copy(), copy=False)
    if default is not None:
        node = node.else_(default.copy(), copy=False)
    return node


def when_matches(value: exp.Expression, pattern: str, then: exp.Expression) -> exp.Expression:
    """CASE WHEN value ~ pattern THEN then END: a guarded conversion."""
    return case([(matches(value, pattern), then)])


def and_(*conditions: exp.Expression) -> exp.Expression:
    return exp.and_(*[c.copy() for c in conditions])


def or_(*conditions: exp.Expression) -> exp.Expression:
    return exp.or_(*[c.copy() for c in conditions])


def not_(condition: exp.Expression) -> exp.Expression:
    return exp.not_(condition.copy())


def is_null(value: exp.Expression) -> exp.Expression:
    return exp.Is(this=value.copy(), expression=exp.null())


def not_null(value: exp.Expression) -> exp.Expression:
    return exp.not_(is_null(value))


def union_all(parts: list[exp.Expression]) -> exp.Expression | None:
    """`a UNION ALL b UNION ALL ...` of one query per column (None when there are none)."""
    if not parts:
        return None
    query: exp.Expression = parts[0]
    for part in parts[1:]:
        query = exp.union(query, part, distinct=False, copy=False)
    return query
