"""Causes of per-model differences found on real dbt projects (benchmarks/dbt_projects),
each as a small project built by the real CLI on DuckDB: the rows must be dbt's."""

from __future__ import annotations

from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project

SINGLE = """{% macro single(query, default=none) %}
{%- call statement('q', fetch_result=True) -%}{{ query }}{%- endcall -%}
{%- if execute -%}
  {%- set values = load_result('q').table.columns[0].values() -%}
  {%- do return(values[0] if values else default) -%}
{%- endif -%}
{%- do return(default) -%}
{% endmacro %}"""


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_statement_on_a_seed_not_built_yet_waits_for_the_run(tmp_path: Path) -> None:
    """dbt_utils.get_single_value: at compile the seed does not exist; as dbt parses, the
    `statement` block does not run while `execute` is false, and the run renders it again."""
    root = dbt_project(tmp_path / "p", {
        "seeds/s.csv": "v\n7\n",
        "macros/single.sql": SINGLE,
        "models/m.sql": "select {{ single('select max(v) from ' ~ ref('s'), 0) }} as v"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select v from main.m") == [(7,)]


def test_a_query_of_no_rows_keeps_its_columns(tmp_path: Path) -> None:
    """`load_result(...).table.columns[0]` of a query that returned no rows is the column,
    with no values (get_single_value's default), not an error."""
    root = dbt_project(tmp_path / "p", {
        "macros/single.sql": SINGLE,
        "models/m.sql": "select {{ single('select 1 as id limit 0', 5) }} as d"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select d from main.m") == [(5,)]
