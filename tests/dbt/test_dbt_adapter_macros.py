"""dbt's adapter-level global macros (`dbt.make_temp_relation`, `dbt.get_create_table_as_sql`,
`dbt.truncate_relation`, ...) as a package calls them from a model's post_hook, the way
elementary uploads its artifacts: into a temporary table, then into the model's table.
Real DuckDB."""

from __future__ import annotations

from pathlib import Path

from dbt_jinja_helpers import build, dbt_project, package, rows

UPLOAD = """
{% macro upload(relation) %}
  {% set tmp = dbt.make_temp_relation(relation) %}
  {% do run_query(dbt.get_create_table_as_sql(True, tmp,
        "select 7 as id, 'seven' as label")) %}
  {% do dbt.truncate_relation(relation) %}
  {% do run_query("insert into " ~ relation ~ " select * from " ~ tmp) %}
  {% do dbt.drop_relation_if_exists(tmp) %}
  {{ return('') }}
{% endmacro %}
"""
MODEL = """{{ config(materialized='table', post_hook="{{ uploads.upload(this) }}") }}
select 1 as id, 'one' as label"""


def _project(root: Path, files: dict[str, str] | None = None) -> Path:
    project = dbt_project(root, {"models/artifacts.sql": MODEL, **(files or {})})
    package(project, "uploads", {"macros/upload.sql": UPLOAD})
    return project


def test_a_post_hook_fills_its_table_through_a_temporary_one(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select id, label from main.artifacts") == [(7, "seven")]
    # the temporary table went with the session, and nothing else was left beside the table
    assert rows(root, "select table_name from information_schema.tables "
                      "where table_name like 'artifacts%'") == [("artifacts",)]


def test_the_relation_helpers_name_as_dbt_does(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {"models/names.sql": """
{%- set base = api.Relation.create(schema='main', identifier='orders', type='table') -%}
{%- set temp = dbt.make_temp_relation(base) -%}
{%- set found, made = dbt.get_or_create_relation(none, 'main', 'nowhere', 'table') -%}
select '{{ temp.schema }}' as temp_schema,
       {{ temp.identifier.startswith('orders__dbt_tmp') }} as temp_named,
       '{{ dbt.make_intermediate_relation(base) }}' as intermediate,
       '{{ dbt.make_backup_relation(base, 'view').type }}' as backup_type,
       '{{ dbt.make_backup_relation(base, 'view').identifier }}' as backup,
       {{ found }} as found, '{{ made }}' as made"""})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.names") == [(
        "None", True, '"main"."orders__dbt_tmp"', "view", "orders__dbt_backup", False,
        '"main"."nowhere"')]


def test_columns_of_a_query_and_schemas(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/base.sql": "select 1 as id, 'a' as name",
        "models/shape.sql": """
{%- if execute -%}
  {%- do dbt.create_schema(api.Relation.create(schema='audit').without_identifier()) -%}
  {%- set names = dbt.get_columns_in_query('select * from ' ~ ref('base')) -%}
{%- else -%}{%- set names = [] -%}{%- endif -%}
select '{{ names | join(",") }}' as names,
       {{ adapter.check_schema_exists(none, 'audit') }} as audit_exists,
       {{ adapter.check_schema_exists(none, 'nowhere') }} as nowhere_exists"""})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.shape") == [("id,name", True, False)]


def test_a_projects_own_adapter_version_wins(tmp_path: Path) -> None:
    """As in dbt, `dbt.make_temp_relation` dispatches: the project's `duckdb__` first."""
    root = _project(tmp_path / "p", {"macros/temp.sql": """
{% macro duckdb__make_temp_relation(base_relation, suffix) %}
  {{ return(base_relation.incorporate(path={"identifier": "mine_tmp"})) }}
{% endmacro %}""", "models/names.sql": """
select '{{ dbt.make_temp_relation(api.Relation.create(schema='main', identifier='x')) }}'
  as temp"""})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select id from main.artifacts") == [(7,)]
    assert rows(root, "select temp from main.names") == [('"main"."mine_tmp"',)]


def test_a_query_that_does_not_parse_names_the_macro(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {"models/bad.sql": """
{%- set base = api.Relation.create(schema='main', identifier='x') -%}
{{ dbt.get_create_table_as_sql(False, base, 'select from where (') }}"""})
    result = build(root)
    assert result.exit_code != 0
    assert "create_table_as: the query does not parse" in result.output
    assert "models/bad.sql" in result.output
