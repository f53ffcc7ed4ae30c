"""sqlglot building blocks the readers share: quoted names and DuckDB's `name := value`
table-function arguments built from Python values (never pasted into SQL text)."""

from __future__ import annotations

from typing import Any

from sqlglot import exp


def connect() -> Any:
    """A private in-memory DuckDB for one read: no progress bar on the user's terminal."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    return con


def ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def column(name: str) -> exp.Column:
    return exp.column(ident(name))


def named(name: str, value: Any) -> exp.Expression:
    """`name := value` for read_csv / read_json / sniff_csv."""
    return exp.PropertyEQ(this=exp.to_identifier(name), expression=literal(value))


def literal(value: Any) -> exp.Expression:
    """A Python value (bool, int, str, list, dict) as a DuckDB literal."""
    if isinstance(value, exp.Expression):
        return value
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int):
        return exp.Literal.number(value)
    if isinstance(value, list):
        return exp.Array(expressions=[literal(v) for v in value])
    if isinstance(value, dict):
        return exp.Struct(expressions=[exp.PropertyEQ(this=ident(k), expression=literal(v))
                                       for k, v in value.items()])
    return exp.Literal.string(str(value))
