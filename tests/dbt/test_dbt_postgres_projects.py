"""Kinds of difference found by building real dbt projects on Postgres the way dbt-postgres
builds them (`benchmarks/dbt_projects/run.py --engine postgres`), each shown by a small project
of our own built by the real CLI on the real Postgres server."""

from __future__ import annotations

from pathlib import Path

from hooks_helpers import PG, datanet, dbt_project, pg_schema, statuses


def test_model_config_in_a_template_says_what_the_models_config_call_set(tmp_path: Path) -> None:
    """dbt-project-evaluator's graph models call `config(materialized='table')` and then check
    `model.config.materialized` against their folder's `{{ 'table' if target.type in
    ['duckdb'] else 'view' }}`: dbt parsed the call first, so `model.config` says table."""
    files = {"models/graph.sql": (
        "{{ config(materialized='table', tags=['graph']) }}\n"
        "{% if execute and model.config.materialized != 'table' %}\n"
        "  {{ exceptions.raise_compiler_error('Model must use the table materialization') }}\n"
        "{% endif %}\n"
        "select 1 as id, '{{ model.config.tags | join(\",\") }}' as tags\n")}
    project = {"models": {"shop": {
        "+materialized": "{{ 'table' if target.type in ['duckdb'] else 'view' }}",
        "+tags": ["folder"]}}}
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", files, project, {**PG, "schema": schema})
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert conn.execute(
            "select table_type from information_schema.tables where table_schema = %s and "
            "table_name = 'graph'", [schema]).fetchall() == [("BASE TABLE",)]
        # tags add up as in dbt: the folder's, then the call's
        assert conn.execute(f'select id, tags from "{schema}".graph').fetchall() == \
            [(1, "folder,graph")]


UNION_OF_FOUND = (
    "-- depends_on: {{ ref('events_a') }}, {{ ref('events_b') }}\n"
    "{% set found = run_query(\"select table_name from information_schema.tables where \"\n"
    "    ~ \"table_schema = '\" ~ target.schema ~ \"' and table_name like 'events_%' \"\n"
    "    ~ \"order by 1\") %}\n"
    "{% set names = found.columns[0].values() if execute else [] %}\n"
    "with unioned as (\n"
    "{% for name in names %}  select id from {{ target.schema }}.{{ name }}\n"
    "{% if not loop.last %}  union all\n{% endif %}{% endfor %})\n"
    "select id from unioned\n")


def test_a_model_whose_warehouse_answer_is_no_query_yet_is_rendered_when_it_runs(
        tmp_path: Path) -> None:
    """dbt_utils' `get_relations_by_pattern` + `union_relations` on a fresh schema: at compile
    the tables it looks for are not built, the union of none is no SELECT; dbt renders the
    model when it runs, after its parents, and so does datanet (held over, not failed). A
    model that is still no query when it runs fails alone, naming its file."""
    files = {"seeds/events_a.csv": "id\n1\n2\n", "seeds/events_b.csv": "id\n3\n",
             "models/unioned.sql": UNION_OF_FOUND,
             "models/reader.sql": "select count(*) as n from {{ ref('unioned') }}",
             "models/broken.sql": "{% set r = run_query('select 1') %}\nselect from where\n"}
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", files, None, {**PG, "schema": schema})
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 1
        assert "models/broken.sql" in result.output
        assert conn.execute(f'select id from "{schema}".unioned order by id').fetchall() == \
            [(1,), (2,), (3,)]
        assert conn.execute(f'select n from "{schema}".reader').fetchall() == [(3,)]
        assert statuses(root)["model.broken"] == "error"
        # built again on the built schema: the compile now renders it as it is
        assert datanet("build", "-s", "unioned", "--project-dir", root).exit_code == 0
