"""dbt's Jinja namespace in a dbt project: custom generic tests, generate_schema_name, doc(),
dbt's helper globals, run-operation, and block tags datanet does not run."""

from __future__ import annotations

from pathlib import Path

import duckdb
from dbt_jinja_helpers import build, datanet, dbt_project, package, rows

AMOUNTS = "select 1 as id, 10 as amount union all select 2, -5"
SCHEMA_YML = """version: 2
models:
  - name: amounts
    columns:
      - name: amount
        tests:
          - at_least:
              value: {minimum}
          - checks.not_negative_sum
"""


def _tested(tmp_path: Path, minimum: int) -> Path:
    root = dbt_project(tmp_path / "shop", {
        "models/amounts.sql": AMOUNTS,
        "models/schema.yml": SCHEMA_YML.format(minimum=minimum),
        "tests/generic/at_least.sql": "{% test at_least(model, column_name, value) %}\n"
                                      "select * from {{ model }} where {{ column_name }} < "
                                      "{{ value }}\n{% endtest %}"})
    package(root, "checks", {"macros/sums.sql": "{% test not_negative_sum(model, column_name) %}"
                             "select sum({{ column_name }}) as s from {{ model }} "
                             "having sum({{ column_name }}) < 0{% endtest %}"})
    return root


def test_custom_generic_tests_of_the_project_and_a_package_pass(tmp_path: Path) -> None:
    result = build(_tested(tmp_path, -5))
    assert result.exit_code == 0, result.output
    assert "at_least_amounts_amount" in result.output
    assert "not_negative_sum_amounts_amount" in result.output


def test_a_custom_generic_test_fails_with_its_failing_rows(tmp_path: Path) -> None:
    root = _tested(tmp_path, 0)
    result = build(root)
    assert result.exit_code == 1
    assert "at_least_amounts_amount" in result.output and "1 failing row" in result.output


def test_generate_schema_name_override_and_dbt_default_custom_schema(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "shop", {
        "models/a.sql": "{{ config(schema='marts') }} select 1 as x",
        "models/b.sql": "{{ config(schema='raw') }} select * from {{ ref('a') }}",
        "macros/naming.sql": "{% macro generate_schema_name(custom, node) %}"
                             "{% if custom == 'raw' %}{{ custom | trim }}"
                             "{% elif custom %}{{ target.schema }}_{{ custom | trim }}"
                             "{% else %}{{ target.schema }}{% endif %}{% endmacro %}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from raw.b") == [(1,)]
    assert rows(root, "select * from main_marts.a") == [(1,)]
    (root / "macros" / "naming.sql").unlink()  # dbt's default: <target schema>_<custom>
    assert build(root).exit_code == 0
    assert rows(root, "select * from main_raw.b") == [(1,)]


def test_naming_macros_read_the_node(tmp_path: Path) -> None:
    """A naming macro sees the node as dbt's manifest holds it (the view is built only when a
    macro overrides a name): a schema per folder (`node.fqn`), an alias from the name and the
    resource type, for a model and for a seed."""
    root = dbt_project(tmp_path / "shop", {
        "models/staging/a.sql": "select 1 as x",
        "seeds/codes.csv": "code\n1\n",
        "macros/naming.sql":
            "{% macro generate_schema_name(custom, node) %}{{ node.fqn[1] }}{% endmacro %}"
            "{% macro generate_alias_name(custom, node) %}"
            "{{ node.name }}_{{ node.resource_type }}{% endmacro %}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from staging.a_model") == [(1,)]
    assert rows(root, "select * from codes.codes_seed") == [(1,)]


def test_dbt_helper_globals(tmp_path: Path) -> None:
    model = """
{%- set parsed = fromyaml('a: [1, 2]') -%}
{%- set pairs = zip(['x', 'y'], [1, 2]) | list -%}
{%- set unique = set([1, 1, 2]) -%}
select '{{ modules.re.sub('[0-9]', '#', 'a1b2') }}' as masked,
       {{ parsed['a'] | sum }} as total,
       '{{ pairs[1][0] }}' as second,
       {{ unique | length }} as n_unique,
       '{{ target.type }}/{{ target.schema }}/{{ target.profile_name }}/{{ target.threads }}' as t,
       '{{ this.schema }}.{{ this.identifier }}' as me,
       '{{ model.unique_id }}' as uid,
       '{{ modules.datetime.date(2024, 1, 2).isoformat() }}' as day,
       '{{ toyaml({'k': 1}) | trim }}' as y,
       '{{ doc('amount_doc') }}' as d,
       '{{ modules.datetime.datetime(1997, 9, 29, 6, 14,
             tzinfo=modules.pytz.timezone('America/New_York')).tzname() }}' as tz
"""
    root = dbt_project(tmp_path / "shop", {
        "models/g.sql": model,
        "macros/docs.sql": "{% docs amount_doc %}Money{% enddocs %}\n"
                           "{% materialization table, default %}x{% endmaterialization %}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.g") == [(
        "a#b#", 3, "y", 2, "duckdb/main/shop/1", "main.g", "model.shop.g", "2024-01-02",
        "k: 1", "Money", "LMT")]  # pytz's zone before localize(), as dbt_date uses it
    assert "macros/docs.sql:2: materialization 'table' is datanet's own: this block is not run" \
        in result.output


def test_run_operation_runs_a_macro_with_arguments_against_the_target(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "shop", {
        "macros/ops.sql": "{% macro make_table(name, n) %}"
                          "{% call statement('make') %}create table {{ name }} as "
                          "select range as i from range({{ n }}){% endcall %}"
                          "{% set t = run_query('select count(*) from ' ~ name) %}"
                          "{{ log('made ' ~ t.rows[0][0], info=True) }}"
                          "{{ return(t.columns[0].values()[0]) }}{% endmacro %}"})
    result = datanet("run-operation", "make_table", "--args", "{name: made, n: 3}",
                     "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "3" in result.output
    assert rows(root, "select count(*) from made") == [(3,)]
    missing = datanet("run-operation", "make_tabel", "--project-dir", root)
    assert missing.exit_code == 1 and "Did you mean 'make_table'" in missing.output
    failing = datanet("run-operation", "make_table", "--args", "{name: made, n: 3}",
                      "--project-dir", root)  # the table exists: the statement fails
    assert failing.exit_code == 1 and "create table made" in failing.output
    assert "Traceback" not in failing.output


def test_dbt_cross_database_macros_are_the_dbt_namespace(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "shop", {"models/d.sql": """
select {{ dbt.dateadd('day', 2, "cast('2024-01-30' as date)") }} as later,
       cast(1 as {{ type_string() }}) as s,
       {{ adapter.dispatch('datediff', 'dbt')("cast('2024-01-01' as date)",
                                              "cast('2024-03-01' as date)", 'month') }} as months,
       {{ adapter.dispatch('concat', 'dbt')(["'a'", "'b'"]) }} as ab
"""})
    result = build(root)
    assert result.exit_code == 0, result.output
    later, s, months, ab = rows(root, "select * from main.d")[0]
    assert (str(later)[:10], s, months, ab) == ("2024-02-01", "1", 2, "ab")


def test_a_custom_test_asking_the_warehouse_sees_the_model_built_in_the_run(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "shop", {
        "models/amounts.sql": AMOUNTS,
        "models/schema.yml": "version: 2\nmodels:\n  - name: amounts\n    tests:\n"
                             "      - column_count: {expected: 2}\n",
        "macros/count.sql": "{% test column_count(model, expected) %}"
                            "{% set n = adapter.get_columns_in_relation(model) | length %}"
                            "select {{ n }} as n where {{ n }} != {{ expected }}{% endtest %}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output and "column_count_amounts" in result.output


def test_adapter_drop_relation_and_execute(tmp_path: Path) -> None:
    """`adapter.drop_relation(relation)` drops it; `adapter.execute(sql, fetch=True)` returns
    (response, table)."""
    root = dbt_project(tmp_path / "shop", {
        "seeds/gone.csv": "id\n1\n",
        "macros/drop_it.sql": "{% macro drop_it() %}{% do adapter.drop_relation(api.Relation."
                              "create(schema='main', identifier='gone', type='table')) %}"
                              "{% endmacro %}",
        "models/fetched.sql": "{% set r = adapter.execute('select 41 + 1 as n', fetch=True) %}"
                              "select {{ r[1].columns[0].values()[0] if execute else 0 }} as n"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.fetched") == [(42,)]
    dropped = datanet("run-operation", "drop_it", "--project-dir", root)
    assert dropped.exit_code == 0, dropped.output
    assert rows(root, _GONE) == [(0,)]


_GONE = "select count(*) from information_schema.tables where table_name = 'gone'"


def test_a_hook_acting_on_the_warehouse_runs_its_jinja_when_it_runs(tmp_path: Path) -> None:
    """dbt_utils' seed post-hook `adapter.drop_relation(this)` drops the seed just loaded, as
    in dbt; `compile` alone drops nothing (a hook's writes run only when the hook runs)."""
    root = dbt_project(tmp_path / "shop", {"seeds/gone.csv": "id\n1\n"}, extra={
        "seeds": {"shop": {"gone": {
            "+post-hook": "{% do adapter.drop_relation(this.incorporate(type='table')) %}"}}}})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, _GONE) == [(0,)]
    with duckdb.connect(str(root / "shop.duckdb")) as con:
        con.execute("create table main.gone as select 1 as id")
    assert datanet("compile", "--project-dir", root).exit_code == 0
    assert rows(root, _GONE) == [(1,)]


def test_fromjson_itertools_print_and_exceptions(tmp_path: Path) -> None:
    """The rest of dbt's helper globals packages reach for: fromjson, modules.itertools,
    print (to the console, nothing into the SQL), exceptions.warn (a warning naming the
    model) and exceptions.raise_compiler_error (that model's error, the others built)."""
    root = dbt_project(tmp_path / "shop", {
        "models/h.sql": "{%- set cfg = fromjson('{\"n\": [1, 2]}') -%}"
                        "{%- set both = modules.itertools.chain(cfg['n'], [3]) | list -%}"
                        "{{ print('printed from h') }}{{ exceptions.warn('h is careful') }}"
                        "select {{ both | sum }} as total, {{ both | length }} as n",
        "models/bad.sql": "{{ exceptions.raise_compiler_error('bad refuses') }}select 1"})
    result = build(root)
    assert result.exit_code == 1
    assert rows(root, "select * from main.h") == [(6, 3)]
    assert "printed from h" in result.output and "h is careful" in result.output
    assert "bad refuses" in result.output and "Traceback" not in result.output
