"""Backtick-quoted identifiers on DuckDB: `end`, `MiXeD Quoted`.

DuckDB reads a name in backticks as a quoted identifier (MySQL's and BigQuery's spelling),
so models written for BigQuery run there as they are; sqlglot's DuckDB dialect does not
know the spelling and stops at the backtick. Before parsing, each pair of backticks becomes
a pair of double quotes: the tokenizer finds them, so a backtick inside a string literal or
a comment is left alone.
"""

from __future__ import annotations

from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import TokenError
from sqlglot.tokens import TokenType

# the dialects whose engine takes backticks where sqlglot's reader does not
_ENGINES_WITH_BACKTICKS = ("duckdb",)


def double_quote_backticks(sql: str, dialect: str) -> str:
    """`sql` with every backtick-quoted identifier double-quoted (`a"b` -> "a""b")."""
    if dialect not in _ENGINES_WITH_BACKTICKS or "`" not in sql:
        return sql
    try:
        tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    except TokenError:
        return sql  # the parser reports it, at its place
    ticks = [t.start for t in tokens if t.token_type == TokenType.UNKNOWN and t.text == "`"]
    if len(ticks) % 2:
        return sql  # an unpaired backtick: the parser points at it
    parts, last = [], 0
    for opening, closing in zip(ticks[::2], ticks[1::2]):
        name = sql[opening + 1:closing].replace('"', '""')
        parts += [sql[last:opening], f'"{name}"']
        last = closing + 1
    return "".join([*parts, sql[last:]])
