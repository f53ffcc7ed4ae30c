"""Dedupe on DuckDB: whole-row DISTINCT and one row per key, latest or first."""

from __future__ import annotations

import pytest
from sqlglot import exp, parse_one

from datanet_sql.errors import ConfigError
from datanet_sql.generate import dedupe_query

ROWS = "(1, 'a', 10), (1, 'a', 10), (1, 'b', 20), (2, 'c', NULL), (2, 'd', 5)"


@pytest.fixture()
def table(duck):
    duck.execute(f"CREATE TABLE t AS SELECT * FROM (VALUES {ROWS}) v(id, name, ts)")
    return duck


def test_exact_drops_identical_rows_only(table) -> None:
    sql = dedupe_query(parse_one("SELECT id, name, ts FROM t"), "exact").sql("duckdb")
    assert len(table.execute(sql).fetchall()) == 4


@pytest.mark.parametrize(
    ("keep", "expected"),
    [("latest", [(1, "b", 20), (2, "d", 5)]), ("first", [(1, "a", 10), (2, "d", 5)])],
)
def test_key_keeps_one_row_per_key(table, keep: str, expected: list) -> None:
    spec = {"key": ["id"], "keep": keep, "order_by": "ts"}
    query = dedupe_query(parse_one("SELECT id, name, ts FROM t"), spec)
    assert sorted(table.execute(query.sql("duckdb")).fetchall()) == expected  # NULL ts never wins
    assert "QUALIFY" not in query.sql("postgres")
    assert keep == "first" or "DESC NULLS LAST" in query.sql(
        "postgres"
    )  # Postgres sorts NULLs first


def test_key_on_a_table_needs_columns(table) -> None:
    spec = {"key": "id", "order_by": "ts"}
    with pytest.raises(ConfigError, match="column names"):
        dedupe_query(parse_one("SELECT * FROM t"), spec)
    query = dedupe_query(exp.table_("t"), spec, ["id", "name", "ts"])
    assert len(table.execute(query.sql("duckdb")).fetchall()) == 2


def test_bad_specs_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="order_by"):
        dedupe_query(exp.table_("t"), {"key": ["id"]}, ["id"])
    with pytest.raises(ConfigError, match="cannot read dedupe"):
        dedupe_query(exp.table_("t"), "fuzzy")
