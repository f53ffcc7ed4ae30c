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


PEOPLE = ("select * from (values ('Joe', 'white', 'male', 1), ('Jane', 'black', 'female', 2),"
          " ('Josh', 'black', 'male', 3), ('Jim', 'asian', 'female', null),"
          " ('Jo', 'white', 'male', 5)) as v(name, race, gender, n)")
LABELS = ("select * from (values ('white', 'W', 10), ('black', 'B', 20), ('black', 'B2', 21),"
          " ('latino', 'L', 30)) as v(race, label, n)")


def test_agate_group_by_join_and_pivot_on_query_results(tmp_path: Path) -> None:
    """agate's `group_by` (a TableSet), `join` and `pivot` on `run_query` results; every
    expected value is what agate 1.9 gives for the same two tables."""
    root = dbt_project(tmp_path / "p", {
        "macros/initial.sql": "{% macro initial(row) %}{{ return(row['gender'][0]) }}"
                              "{% endmacro %}",
        "models/a.sql": f"""
{{%- set people = run_query("{PEOPLE}") -%}}
{{%- set labels = run_query("{LABELS}") -%}}
{{%- if execute -%}}
  {{%- set groups = people.group_by('race') -%}}
  {{%- set left = people.join(labels, 'race') -%}}
  {{%- set full = people.join(labels, 'race', full_outer=True) -%}}
  {{%- set crosstab = people.pivot('race', 'gender') -%}}
  select '{{{{ groups.keys() | join(',') }}}}' as group_keys,
         '{{{{ groups | map('length') | join(',') }}}}' as group_sizes,
         '{{{{ groups['black'].rows | map(attribute='name') | join(',') }}}}' as black,
         '{{{{ groups.merge().column_names | join(',') }}}}' as merged,
         '{{{{ people.group_by(initial, key_name='g').keys() | join(',') }}}}' as by_macro,
         '{{{{ left.column_names | join(',') }}}} {{{{ left | length }}}}' as left_join,
         '{{{{ left.rows[2].values() | join(',') }}}}' as left_third,
         '{{{{ full.column_names | join(',') }}}} {{{{ full.rows[-1].values() | join(',') }}}}'
           as full_join,
         '{{{{ people.join(labels, 'race', inner=True) | length }}}}' as inner_rows,
         '{{{{ crosstab.column_names | join(',') }}}}' as pivot_names,
         '{{{{ crosstab.rows | map('join', ',') | join(';') }}}}' as pivot_rows
{{%- else -%}} select 1 as group_keys {{%- endif -%}}""",
        "models/b.sql": f"{{% set t = run_query(\"{PEOPLE}\") %}}"
                        "{% if execute %}{% do t.compute([]) %}{% endif %}select 1 as x",
        "models/c.sql": f"{{% set t = run_query(\"{PEOPLE}\") %}}"
                        "{% if execute %}{% do t.join(t, 'nme') %}{% endif %}select 1 as x"})
    result = datanet("build", "--project-dir", root, "-s", "a")
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from a") == [(
        "white,black,asian", "2,2,1", "Jane,Josh", "race,name,race_2,gender,n", "m,f",
        "name,race,gender,n,label,n2 7", "Jane,black,female,2,B2,21",
        "name,race,gender,n,race2,label,n2 None,None,None,None,latino,L,30", "6",
        "race,male,female", "white,2,0;black,1,1;asian,0,1")]
    refused = datanet("build", "--project-dir", root, "-s", "b")
    assert refused.exit_code != 0
    assert "Table.compute needs agate Computation objects: dbt gives templates no `agate` " \
           "module" in refused.output
    assert "models/b.sql" in refused.output
    unknown = datanet("build", "--project-dir", root, "-s", "c")
    assert "models/c.sql:1: model 'c', compiled at run time: no column 'nme' in the query's " \
           "result (its columns: name, race, gender, n)" in unknown.output


def test_print_csv_writes_the_result_as_agate_does(tmp_path: Path) -> None:
    """dbt-project-evaluator prints its issues with agate's `print_csv` (dates in ISO form,
    None as an empty field)."""
    root = dbt_project(tmp_path / "p", {"models/a.sql": (
        "{% set t = run_query(\"select 1 as n, 'x,y' as s, timestamp '2024-01-02 03:04:05' "
        "as ts, null as z\") %}{% if execute %}{% do t.print_csv() %}{% endif %}"
        "select 1 as x")})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert 'n,s,ts,z\n1,"x,y",2024-01-02T03:04:05,\n' in result.output
