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


def test_statements_wait_for_execute_and_keep_the_columns_of_no_rows(tmp_path: Path) -> None:
    """dbt_utils.get_single_value: at compile the seed does not exist; as dbt parses, the
    `statement` block does not run while `execute` is false, and the run renders it again.
    `load_result(...).table.columns[0]` of a query of no rows is the column, with no values
    (the macro's default), not an error."""
    root = dbt_project(tmp_path / "p", {
        "seeds/s.csv": "v\n7\n",
        "macros/single.sql": SINGLE,
        "models/m.sql": "select {{ single('select max(v) from ' ~ ref('s'), 0) }} as v, "
                        "{{ single('select 1 as id limit 0', 5) }} as d"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select v, d from main.m") == [(7, 5)]


def test_hooks_that_ask_the_warehouse_render_when_they_run(tmp_path: Path) -> None:
    """dbt renders a hook when it runs: a seed's post-hook `adapter.drop_relation(this...)`
    drops the seed just built (not the old one at compile), and a post-hook's `run_query` on
    `this` reads the table the build just made (at compile it does not exist yet)."""
    count = ("{% set n = run_query('select count(*) from ' ~ this).columns[0].values()[0] %}"
             "insert into main.log values ({{ n }})")
    root = dbt_project(tmp_path / "p", {
        "seeds/kept.csv": "id\n1\n2\n",
        "seeds/dropped.csv": "id\n1\n",
        "models/m.sql": "{{ config(materialized='table', post_hook=\"" + count + "\") }}\n"
                        "select * from {{ ref('kept') }}"},
        {"on-run-start": "create table if not exists main.log (n integer)",
         "seeds": {"shop": {"dropped": {
             "+post-hook": "{% do adapter.drop_relation(this.incorporate(type='table')) %}"}}}})
    for _ in range(2):  # the second build finds last run's tables at compile
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
    assert _rows(root, "select table_name from information_schema.tables order by 1") == [
        ("kept",), ("log",), ("m",)]
    assert _rows(root, "select n from main.log") == [(2,), (2,)]


def test_a_unit_test_overrides_a_package_macro(tmp_path: Path) -> None:
    """audit_helper's unit tests override `audit_helper._get_comparison_bounds`: the package's
    own qualified call (`lib._bounds()`) sees the override; an unknown package is refused."""
    unit = """unit_tests:
  - name: bounded
    model: m
    overrides:
      macros:
        {macro}: {{low: 2, high: 3}}
    given:
      - input: ref('s')
        rows: [{{v: 1}}, {{v: 2}}, {{v: 3}}, {{v: 4}}]
    expect:
      rows: [{{v: 2}}, {{v: 3}}]
"""
    root = dbt_project(tmp_path / "p", {
        "dbt_packages/lib/dbt_project.yml": "name: lib\nversion: '1.0'\nconfig-version: 2\n",
        "dbt_packages/lib/macros/between.sql":
            "{% macro _bounds() %}{{ return({'low': 0, 'high': 100}) }}{% endmacro %}\n"
            "{% macro between(column) %}{% set b = lib._bounds() %}"
            "{{ column }} between {{ b['low'] }} and {{ b['high'] }}{% endmacro %}\n",
        "seeds/s.csv": "v\n1\n2\n3\n4\n",
        "models/m.sql": "select v from {{ ref('s') }} where {{ lib.between('v') }}",
        "models/m.yml": unit.format(macro="lib._bounds")})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "PASS  unit_test bounded" in result.output
    assert _rows(root, "select count(*) from main.m") == [(4,)]  # the build: no override
    (root / "models/m.yml").write_text(unit.format(macro="libb._bounds"))
    result = datanet("test", "--project-dir", root)
    assert result.exit_code == 1
    assert "macro 'libb._bounds' names package 'libb', which the project does not have. " \
           "Did you mean 'lib'?" in result.output


def test_a_column_a_cte_does_not_pass_on_is_named_with_the_cte(tmp_path: Path) -> None:
    """audit_helper's parse-time SQL read `col_a` from a subquery that selects none: the
    error named col_a itself as the suggestion (the table's columns); it names the CTE."""
    root = dbt_project(tmp_path / "p", {
        "seeds/s.csv": "col_a,col_b\n1,2\n",
        "models/m.sql": "with x as (select col_b from {{ ref('s') }})\nselect col_a from x"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "models/m.sql:2: model 'm' reads column 'col_a', which does not exist in x." \
        in result.output
    assert "columns available: col_b" in result.output


def test_a_test_macros_own_config_sets_the_tests_defaults(tmp_path: Path) -> None:
    """dbt_utils.equal_rowcount calls `config(fail_calc=...)` in its macro, and
    expression_is_true calls dbt's `should_store_failures()`: both as in dbt, the YAML
    config of the test still winning."""
    macro = ("{% test same_count(model, other) %}{{ config(fail_calc='sum(diff)') }}"
             "select {{ '*' if should_store_failures() else '1 as one' }}, "
             "abs((select count(*) from {{ model }}) - (select count(*) from {{ other }})) "
             "as diff{% endtest %}")
    tests = "  - name: a\n    data_tests:\n      - same_count: {other: ref('b')}\n" \
            "      - same_count:\n          other: ref('b')\n          config: {fail_calc: 'count(*)'}\n"
    root = dbt_project(tmp_path / "p", {
        "macros/same_count.sql": macro,
        "seeds/a.csv": "id\n1\n2\n", "seeds/b.csv": "id\n3\n4\n",
        "seeds/schema.yml": "version: 2\nseeds:\n" + tests})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1, result.output
    assert result.output.count("PASS  test") == 1, result.output
    assert result.output.count("FAIL  test") == 1


def test_jinja_in_a_tests_yaml_config_and_in_list_arguments_is_rendered(tmp_path: Path) -> None:
    """dbt_expectations' integration tests write `severity: "{{ 'warn' if ... }}"` and
    `column_type_list: [date, "{{ dbt_expectations.type_timestamp() }}"]`: dbt renders both."""
    macro = ("{% test in_list(model, column_name, values) %}select * from {{ model }} "
             "where {{ column_name }} not in ('{{ values | join(\"', '\") }}'){% endtest %}")
    tests = ("  - name: s\n    columns:\n      - name: kind\n        data_tests:\n"
             "          - in_list: {values: [a, \"{{ 'b' ~ 'c' }}\"]}\n"
             "          - in_list:\n              values: [a]\n              config:\n"
             "                severity: \"{{ 'warn' if target.type == 'duckdb' else 'error' }}\"\n"
             "                limit: \"{{ 1 + 1 }}\"\n")
    root = dbt_project(tmp_path / "p", {
        "macros/in_list.sql": macro, "seeds/s.csv": "kind\na\nbc\nbc\nbc\n",
        "seeds/schema.yml": "version: 2\nseeds:\n" + tests})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "PASS  test in_list_s_kind__a___b_c_" in result.output
    assert "WARN test in_list_s_kind__a: 2 failing rows: kind='bc'; kind='bc'\n" \
        in result.output  # 3 rows, cut to the limit


def test_a_hook_that_fails_when_it_renders_at_run_fails_its_model_only(tmp_path: Path) -> None:
    hook = "{% do run_query('select * from main.nowhere') %}select 1"
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": "{{ config(post_hook=\"" + hook + "\") }}select 1 as x",
        "models/other.sql": "select 2 as y"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "ERROR model m: models/m.sql: post_hook 1 of model 'm': a compile-time query " \
           "failed: Catalog Error: Table with name nowhere does not exist!" in result.output
    assert "Traceback" not in result.output
    assert _rows(root, "select y from main.other") == [(2,)]
