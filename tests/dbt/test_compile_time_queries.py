"""Compile-time queries on Postgres: run_query, statement/load_result,
adapter.get_columns_in_relation and get_relation, through the target's adapter; in a
`--mock` run, through the mock warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import psycopg
import pytest
from dbt_jinja_helpers import build, datanet, dbt_project, package, rows

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"

MODEL = """
{%- set cols = adapter.get_columns_in_relation(source('raw', 'people')) -%}
{%- call statement('cities', fetch_result=True) -%}
  select distinct city from {{ source('raw', 'people') }} order by city
{%- endcall -%}
{%- set cities = load_result('cities')['data'] | map(attribute=0) | list -%}
{%- set n = run_query('select count(*) as n from ' ~ source('raw', 'people')).columns['n'].values()[0] -%}
select '{{ cols | map(attribute='name') | join(',') }}' as names,
       '{{ cols[1].data_type }}' as second_type,
       '{{ cities | join('|') }}' as cities,
       {{ n }} as n,
       {{ 'true' if adapter.get_relation(schema=this.schema, identifier='nothing_here') is none else 'false' }} as missing
"""


@pytest.fixture
def schema(pg_schema: str) -> str:
    """tests/conftest.py's schema of its own, with a people table to query at compile time."""
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'create schema "{pg_schema}"')
        con.execute(f'create table "{pg_schema}".people (id int, city text)')
        con.execute(f"insert into \"{pg_schema}\".people values (1, 'Oslo'), (2, 'Lima'), "
                    "(3, 'Oslo')")
    return pg_schema


def test_compile_time_queries_run_on_postgres(tmp_path: Path, schema: str) -> None:
    root = dbt_project(tmp_path / "shop", {
        "models/facts.sql": MODEL,
        "models/sources.yml": f"version: 2\nsources:\n  - name: raw\n    schema: {schema}\n"
                              f"    tables:\n      - name: people\n"},
        profile={"type": "postgres", "host": "127.0.0.1", "port": 5432, "user": "postgres",
                 "dbname": "test", "schema": schema})
    package(root, "unused", {"macros/m.sql": "{% macro nothing() %}{% endmacro %}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    with psycopg.connect(PG_DSN) as con:
        got = con.execute(f'select * from "{schema}".facts').fetchall()
    assert got == [("id,city", "text", "Lima|Oslo", 3, True)]


def test_a_failing_compile_time_query_names_the_model_and_the_query(tmp_path: Path,
                                                                     schema: str) -> None:
    root = dbt_project(tmp_path / "shop", {
        "models/broken.sql": "{% set r = run_query('select nope from " + schema +
                             ".people') %}select 1 as x"},
        profile={"type": "postgres", "host": "127.0.0.1", "port": 5432, "user": "postgres",
                 "dbname": "test", "schema": schema})
    result = build(root)
    assert result.exit_code == 1
    assert "models/broken.sql:1" in result.output and "compile-time query failed" in \
        result.output
    assert f"select nope from {schema}.people" in result.output
    assert "Traceback" not in result.output


def test_a_mock_run_asks_the_mock_warehouse_and_leaves_the_real_one(tmp_path: Path) -> None:
    """The query a template runs while compiling a `--mock` build reads the mock rows (7
    generated), never the real source (3 rows), whose tables stay as they were."""
    root = dbt_project(tmp_path / "shop", {
        "models/sources.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n"
                              "      - name: people\n",
        "models/counts.sql": "{%- set n = run_query('select count(*) from ' ~ "
                             "source('raw', 'people')).columns[0].values()[0] if execute "
                             "else 0 -%}select {{ n }} as asked, (select count(*) from "
                             "{{ source('raw', 'people') }}) as counted"})
    with duckdb.connect(str(root / "shop.duckdb")) as con:
        con.execute("create schema raw")
        con.execute("create table raw.people as select range as id from range(3)")
    assert build(root).exit_code == 0
    assert datanet("profile", "--project-dir", root).exit_code == 0
    result = build(root, "--mock", "--mock-rows", 7)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(root / ".datanet" / "mock.duckdb"), read_only=True) as con:
        assert con.execute("select * from main.counts").fetchall() == [(7, 7)]
    assert rows(root, "select * from main.counts") == [(3, 3)]
