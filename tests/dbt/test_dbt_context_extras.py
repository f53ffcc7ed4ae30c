"""What dbt_artifacts and elementary (fourth held-out set) need of dbt's context: the type
filters (`| as_bool`), `api.Column`, `graph` read and written as a dict, the command's
`invocation_args_dict` and `dbt_metadata_envs`, and Jinja in the project's vars."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hooks_helpers import datanet, dbt_project


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_filters_column_api_graph_and_command_values(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBT_ENV_CUSTOM_ENV_TEAM", "data")
    root = dbt_project(tmp_path / "p", {
        "macros/cache.sql": "{% macro remember(x) %}{% do graph.setdefault('mine', []).append(x)"
                            " %}{{ graph.get('mine') | length }}{% endmacro %}",
        "models/a.sql":
            "select {{ var('dev_mode') | as_bool }} as dev_mode, "
            "{{ '41' | as_number + 1 }} as n, "
            "'{{ api.Column.translate_type('string') }}' as string_type, "
            "'{{ api.Column.string_type(10) }}' as sized, "
            "'{{ invocation_args_dict.warn_error_options.include | length }}' as warn_errors, "
            "'{{ dbt_metadata_envs.get('TEAM') }}' as team, "
            "{{ remember(1) }} as kept_first",
        "models/b.sql": "select {{ remember(2) }} as kept_second from {{ ref('a') }}",
        "models/c.sql": "select {{ 'nodes' in graph and graph['sources'] is mapping }} as d",
    }, {"vars": {"dev_mode": "{{ env_var('DN_DEV_MODE', 'false') | as_bool }}"}})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from a") == [(False, 42, "TEXT", "character varying(10)",
                                               "0", "data", 1)]
    # one graph for the command: b's render sees what a's kept there
    assert _rows(root, "select * from b") == [(2,)]
    assert _rows(root, "select * from c") == [(True,)]


def test_as_bool_refuses_what_is_not_true_or_false(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {"models/a.sql": "select {{ 'maybe' | as_bool }} as x"})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "as_bool: 'maybe' is not true or false" in result.output


def test_a_query_result_renamed_as_agate_does(tmp_path: Path) -> None:
    """elementary lower-cases its results' column names with agate's `Table.rename`."""
    root = dbt_project(tmp_path / "p", {
        "models/a.sql":
            "{% set result = run_query('select 1 as \"ID\", 2 as \"Name\"') %}"
            "{% set by_dict = result.rename({'ID': 'id', 'Name': 'name'}) %}"
            "{% set by_list = result.rename(['x', 'y']) %}"
            "select '{{ by_dict.column_names | join(',') }}' as by_dict, "
            "'{{ by_list.column_names | join(',') }}' as by_list, "
            "{{ by_dict.rows[0]['name'] if execute else 0 }} as name_value"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from a") == [("id,name", "x,y", 2)]


def test_agate_table_operations_on_a_query_result(tmp_path: Path) -> None:
    """agate's `where`, `select`, `exclude`, `order_by`, `limit`, `distinct` and a row's
    `items()`, as packages call them on `run_query` results."""
    root = dbt_project(tmp_path / "p", {
        "macros/big.sql": "{% macro big(row) %}{{ return(row['n'] > 1) }}{% endmacro %}",
        "models/a.sql": """
{%- set t = run_query("select * from (values (3, 'c'), (1, 'a'), (2, 'b'), (1, 'a'))"
                      " as v(n, s)") -%}
{%- if execute -%}
  {%- set once = t.order_by('n').distinct() -%}
  {%- set top = once.order_by('n', reverse=True).limit(2).select(['s']) -%}
  {%- set row = t.exclude('s').order_by('n').rows[0] -%}
  select '{{ top.rows | map('first') | join(',') }}' as top,
         '{{ once.column_names | join(',') }} {{ once | length }}' as shape,
         '{{ row.items() | map('join', '=') | join }}' as first_row,
         {{ t.where(big) | length }} as big_rows
{%- else -%} select 1 as top, 1 as shape, 1 as first_row, 1 as big_rows {%- endif -%}"""})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from a") == [("c,b", "n,s 3", "n=1", 2)]
