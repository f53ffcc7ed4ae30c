"""dbt custom materializations (`{% materialization name, default %}` in a package's macros)
run as dbt runs them, on real DuckDB and the real Postgres. The expected rows are what
dbt-duckdb 1.9 builds for the same project (checked by hand): the audited table's rows, one
audit row per build, one hook_log row per build."""

from __future__ import annotations

import json
from pathlib import Path

from dbt_jinja_helpers import build, dbt_project, package, rows
from hooks_helpers import PG, pg_schema

AUDITED = """\
{% materialization audited_table, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing_relation = load_relation(this) -%}
  {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
  {%- set backup_relation = make_backup_relation(target_relation, 'table') -%}
  {%- set audit_relation = api.Relation.create(
        database=this.database, schema=this.schema,
        identifier=config.get('audit_table', 'build_audit'), type='table') -%}
  {{ drop_relation_if_exists(load_relation(intermediate_relation)) }}
  {{ drop_relation_if_exists(load_relation(backup_relation)) }}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {% if should_full_refresh() %}
    {{ drop_relation_if_exists(load_relation(audit_relation)) }}
  {% endif %}
  {% call statement('main') -%}
    {{ get_create_table_as_sql(False, intermediate_relation, sql) }}
  {%- endcall %}
  {% if existing_relation is not none %}
    {{ adapter.rename_relation(existing_relation, backup_relation) }}
  {% endif %}
  {{ adapter.rename_relation(intermediate_relation, target_relation) }}
  {% call statement('counted', fetch_result=True) -%}
    select count(*) from {{ target_relation }}
  {%- endcall %}
  {%- set built = load_result('counted')['data'][0][0] -%}
  {% call statement('audit') -%}
    create table if not exists {{ audit_relation }} (model varchar(40), built_rows integer)
  {%- endcall %}
  {% call statement('audit_row') -%}
    insert into {{ audit_relation }} values ('{{ this.identifier }}', {{ built }})
  {%- endcall %}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {% do persist_docs(target_relation, model) %}
  {% do apply_grants(target_relation, config.get('grants'), should_revoke=True) %}
  {{ adapter.commit() }}
  {{ drop_relation_if_exists(backup_relation) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
"""

MODELS = {
    "seeds/orders.csv": "id,amount\n1,10\n2,20\n3,30\n",
    "macros/log.sql": "{% macro make_log() %}create table if not exists "
                      "{{ target.schema }}.hook_log (model varchar(40)){% endmacro %}",
    "models/big_orders.sql": "{{ config(materialized='audited_table', post_hook=\"insert into "
                             "{{ this.schema }}.hook_log select 'big_orders'\") }}\n"
                             "select id, amount * 2 as doubled from {{ ref('orders') }} "
                             "where amount > 10",
    "models/summary.sql": "select count(*) as n, sum(doubled) as total "
                          "from {{ ref('big_orders') }}",
    "models/schema.yml": "version: 2\nmodels:\n  - name: big_orders\n"
                         "    description: Orders over ten\n"
                         "    config: {persist_docs: {relation: true}}\n",
}


def _project(root: Path, files: dict[str, str] | None = None,
             profile: dict | None = None) -> Path:
    project = dbt_project(root, {**MODELS, **(files or {})},
                          {"on-run-start": ["{{ make_log() }}"]}, profile)
    package(project, "matpkg", {"macros/audited.sql": AUDITED})
    return project


def _results(root: Path) -> dict[str, dict]:
    data = json.loads((root / "target" / "run_results.json").read_text())
    return {r["unique_id"]: r for r in data["results"]}


def test_a_package_materialization_builds_its_model_twice_as_dbt_does(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop")
    for _ in range(2):
        result = build(root)
        assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.big_orders order by id") == [(2, 40), (3, 60)]
    assert rows(root, "select * from main.summary") == [(2, 100)]
    assert rows(root, "select * from main.build_audit") == [("big_orders", 2)] * 2
    assert rows(root, "select * from main.hook_log") == [("big_orders",)] * 2
    # the intermediate and backup relations are gone, as under dbt-duckdb
    assert rows(root, "select table_name from information_schema.tables order by 1") == [
        ("big_orders",), ("build_audit",), ("hook_log",), ("orders",), ("summary",)]
    assert rows(root, "select comment from duckdb_tables() where table_name = 'big_orders'") \
        == [("Orders over ten",)]  # the block's persist_docs
    built = _results(root)["model.shop.big_orders"]
    assert built["status"] == "success"
    assert built["adapter_response"]["_message"] == "OK"
    assert 'audited_table: built "main"."big_orders"' in built["message"]
    # --full-refresh reaches should_full_refresh(): the block drops its audit table first
    assert build(root, "--full-refresh").exit_code == 0
    assert rows(root, "select * from main.build_audit") == [("big_orders", 2)]


def test_a_failing_block_fails_its_model_only_and_keeps_what_was_built(tmp_path: Path) -> None:
    """Two threads; one model's block fails half-way (after its main statement): that model's
    previous table and audit rows stay, its child is skipped, the other model builds."""
    root = _project(tmp_path / "shop", {
        "models/other.sql": "{{ config(materialized='audited_table') }}\n"
                            "select id from {{ ref('orders') }}"},
        {"type": "duckdb", "path": str(tmp_path / "shop" / "shop.duckdb"), "threads": 2})
    assert build(root).exit_code == 0
    (root / "models/big_orders.sql").write_text(
        "{{ config(materialized='audited_table', post_hook='insert into no_such_table "
        "select 1') }}\nselect id, amount as doubled from {{ ref('orders') }}")
    result = build(root)
    assert result.exit_code == 1
    assert "materialization 'audited_table' of model 'big_orders' " \
           "(dbt_packages/matpkg/macros/audited.sql:1) failed" in result.output
    assert "post_hook 1 of model 'big_orders' failed" in result.output
    assert rows(root, "select * from main.big_orders order by id") == [(2, 40), (3, 60)]
    assert rows(root, "select * from main.build_audit order by 1") == [
        ("big_orders", 2), ("other", 3), ("other", 3)]
    results = _results(root)
    assert results["model.shop.big_orders"]["status"] == "error"
    assert results["model.shop.summary"]["status"] == "skipped"
    assert results["model.shop.other"]["status"] == "success"
    assert rows(root, "select table_name from information_schema.tables order by 1") == [
        ("big_orders",), ("build_audit",), ("hook_log",), ("orders",), ("other",),
        ("summary",)]


def test_the_adapter_block_wins_then_the_project_over_the_package(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop", {"macros/mine.sql": """\
{% materialization audited_table, default %}
  {% call statement('main') %}create table {{ this }} as select 'project default' as by{% endcall %}
  {{ return({'relations': [this]}) }}
{% endmaterialization %}
{% materialization table, default %}x{% endmaterialization %}
"""})
    result = build(root, "--select", "big_orders")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.big_orders") == [("project default",)]
    assert "macros/mine.sql:5: materialization 'table' is datanet's own: this block is " \
           "not run" in result.output
    package(root, "matpkg", {"macros/duck.sql": AUDITED.replace(
        "audited_table, default", "audited_table, adapter='duckdb'").replace(
        "'build_audit'", "'duck_audit'")})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.duck_audit") == [("big_orders", 2)]
    assert rows(root, "select * from main.big_orders order by id") == [(2, 40), (3, 60)]


def test_an_unknown_materialization_or_a_block_without_main_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop", {
        "models/big_orders.sql": "{{ config(materialized='audited_tabel') }}\nselect 1 as id",
        "models/summary.sql": "{{ config(materialized='no_main') }}\nselect 1 as id",
        "macros/no_main.sql": "{% materialization no_main, default %}"
                              "{{ return({'relations': [this]}) }}{% endmaterialization %}"})
    result = build(root)
    assert result.exit_code == 1
    assert "models/big_orders.sql: materialized 'audited_tabel' is neither datanet's own" \
           in result.output and "Did you mean 'audited_table'?" in result.output
    assert "materialization 'no_main' of model 'summary' (macros/no_main.sql:1) failed: it " \
           "did not call `statement('main')`" in result.output


def test_a_package_materialization_builds_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        conn.execute(f'create schema "{schema}"')  # on-run-start makes its log table there
        root = _project(tmp_path / "shop", profile={**PG, "schema": schema, "threads": 2})
        for _ in range(2):
            result = build(root)
            assert result.exit_code == 0, result.output
        assert conn.execute(f'select * from "{schema}".big_orders order by id').fetchall() == \
            [(2, 40), (3, 60)]
        assert conn.execute(f'select * from "{schema}".build_audit').fetchall() == \
            [("big_orders", 2)] * 2
        assert conn.execute(f'select * from "{schema}".summary').fetchall() == [(2, 100)]


def test_the_columns_a_block_adds_reach_the_models_reading_it(tmp_path: Path) -> None:
    """The run records the relation the block built: a column it adds is in the manifest and
    in the `select *` of a child (as under dbt, whose child reads the table as it is)."""
    root = dbt_project(tmp_path / "shop", {
        "macros/stamped.sql": """\
{% materialization stamped, adapter='duckdb' %}
  {% call statement('main') -%}
    create or replace table {{ this }} as select *, 'v1' as batch from ({{ sql }})
  {%- endcall %}
  {{ return({'relations': [this.incorporate(type='table')]}) }}
{% endmaterialization %}
""",
        "models/base.sql": "{{ config(materialized='stamped') }}\nselect 1 as id",
        "models/child.sql": "select * from {{ ref('base') }}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.child") == [(1, "v1")]
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert list(manifest["nodes"]["model.shop.base"]["columns"]) == ["id", "batch"]
    assert list(manifest["nodes"]["model.shop.child"]["columns"]) == ["id", "batch"]


def test_a_block_reads_schema_and_database_and_commits_without_adapter_commit(
        tmp_path: Path) -> None:
    """An appending block in the style of SQLMesh's dbt fixture (`schema`, `database`,
    `adapter.get_relation`, no `adapter.commit()`), and one building nothing (elementary's
    `non_dbt`): datanet commits each block when it ends (dbt-duckdb rolls back a block that
    never commits: its table is not there after the run)."""
    root = dbt_project(tmp_path / "shop", {
        "macros/blocks.sql": """\
{%- materialization appended, default -%}
  {%- set existing = adapter.get_relation(database=database, schema=schema,
                                          identifier=this.identifier) -%}
  {%- set target = api.Relation.create(database=database, schema=schema,
                                       identifier=this.identifier) -%}
  {%- call statement('main') -%}
    {% if existing is none %}create table {{ target }} as {{ sql }}
    {% else %}insert into {{ target }} {{ sql }}{% endif %}
  {%- endcall -%}
  {{ return({'relations': [target]}) }}
{%- endmaterialization -%}
{% materialization nothing_built, default -%}
  {% call statement("main") -%} {{ sql }} {%- endcall %}
  {{ return({"relations": []}) }}
{% endmaterialization %}
""",
        "models/log.sql": "{{ config(materialized='appended') }}\nselect 1 as id",
        "models/lineage_only.sql": "{{ config(materialized='nothing_built') }}\nselect 2 as id"})
    for _ in range(2):
        result = build(root)
        assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.log") == [(1,), (1,)]
    assert rows(root, "select table_name from information_schema.tables") == [("log",)]
    assert "nothing_built: built no relation" in result.output
