"""Kinds of difference found by building real dbt projects on Postgres the way dbt-postgres
builds them (`benchmarks/dbt_projects/run.py --engine postgres`), each shown by a small project
of our own built by the real CLI on the real Postgres server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hooks_helpers import PG, datanet, dbt_project, pg_schema, statuses


@contextmanager
def built_on_postgres(root: Path, files: dict[str, str], project: dict[str, Any] | None = None
                      ) -> Iterator[tuple[str, Any]]:
    """(schema, connection) once `datanet build` of the project has succeeded in a schema of
    its own on the real Postgres (dropped afterwards)."""
    with pg_schema() as (schema, conn):
        result = datanet("build", "--project-dir",
                         dbt_project(root, files, project, {**PG, "schema": schema}))
        assert result.exit_code == 0, result.output
        yield schema, conn


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
    with built_on_postgres(tmp_path / "p", files, project) as (schema, conn):
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


def test_seeds_get_the_types_dbt_postgres_gives_them(tmp_path: Path) -> None:
    """dbt-postgres loads a seed through agate: whole numbers `integer`, decimals `float8`,
    dates, datetimes `timestamp`, `true`/`false` booleans, the rest (times too) `text`, and a
    column with no value `integer` (codegen's YAML tests compare these names). A declared
    `column_types` wins, as in dbt."""
    files = {"seeds/kinds.csv": (
        "n,x,d,ts,b,t,s,empty,code\n"
        "1,1.5,2024-01-31,2024-01-31 10:00:00,true,10:30:00,a,,007\n"
        "2,2.0,2024-02-01,2024-02-01 11:00:00,false,11:00:00,b,,008\n"),
        "seeds/none_yet.csv": "id,name",
        "seeds/props.yml": "version: 2\nseeds:\n  - name: kinds\n"
                           "    config: {column_types: {code: varchar(3)}}\n",
        "models/typed.sql": (
            "{% set cols = adapter.get_columns_in_relation(ref('kinds')) %}\n"
            "select '{{ cols | map(attribute='data_type') | join(',') }}' as types, "
            "n + 1 as m, x * 2 as y from {{ ref('kinds') }}\n")}
    with built_on_postgres(tmp_path / "p", files) as (schema, conn):
        assert conn.execute(
            "select column_name, data_type from information_schema.columns where "
            "table_schema = %s and table_name = 'kinds' order by ordinal_position",
            [schema]).fetchall() == [
            ("n", "integer"), ("x", "double precision"), ("d", "date"),
            ("ts", "timestamp without time zone"), ("b", "boolean"), ("t", "text"),
            ("s", "text"), ("empty", "integer"), ("code", "character varying")]
        rows = conn.execute(f'select types, m, y from "{schema}".typed order by m').fetchall()
        assert [r[1:] for r in rows] == [(2, 3.0), (3, 4.0)]
        assert rows[0][0] == ("integer,double precision,date,timestamp without time zone,"
                              "boolean,text,text,integer,character varying(3)")
        assert conn.execute(f'select code from "{schema}".kinds order by n').fetchall() == \
            [("007",), ("008",)]
        # a seed that is only its header, no line end after it: no rows, every column integer
        assert conn.execute(
            "select column_name, data_type from information_schema.columns where "
            "table_schema = %s and table_name = 'none_yet' order by ordinal_position",
            [schema]).fetchall() == [("id", "integer"), ("name", "integer")]
        assert conn.execute(f'select count(*) from "{schema}".none_yet').fetchall() == [(0,)]


def test_the_graph_and_run_results_say_what_dbt_postgres_says(tmp_path: Path) -> None:
    """dbt-project-evaluator writes each node's `database` (the profile's `dbname`) into its
    graph tables; dbt_artifacts' Postgres uploader writes one value per timing stage it finds
    (compile, then execute: with only one stage its INSERT had fewer values than columns) and
    reads `config.full_refresh` of tests, which have none (None, as dbt's config answers);
    audit_helper reads `relation.information_schema('columns')`; dbt-privacy hashes `this`
    printed in a string (dbt's `"database"."schema"."name"`); elementary records
    `target.user`; on-run-start may create a table in the target's schema, which dbt creates
    before it."""
    files = {"seeds/a.csv": "id\n1\n", "tests/t.sql": "select 1 as x where false",
             "models/graph.sql": (
                 "{% set columns = run_query(\"select count(*) from \" ~ "
                 "ref('a').information_schema('columns') ~ \" where table_schema = '\" ~ "
                 "target.schema ~ \"' and table_name = 'a'\") %}\n"
                 "select '{{ model.database }}' as db, '{{ target.user }}' as usr, "
                 "'{{ this }}' as me, "
                 "'{{ graph.nodes.values() | map(attribute='database') | unique | join(',') }}'"
                 " as dbs, {{ columns.columns[0].values()[0] if execute else 0 }} as n\n"),
             "macros/upload.sql": (
                 "{% macro upload() %}\n"
                 "  {% for r in results %}\n"
                 "    {% do run_query(\"insert into \" ~ target.schema ~ \".stages values ('\" ~ "
                 "r.node.name ~ \"', '\" ~ (r.timing | map(attribute='name') | join(',')) ~ "
                 "':' ~ (r.node.config.full_refresh is none) ~ \"')\") %}\n"
                 "  {% endfor %}\n{% endmacro %}\n")}
    project = {"on-run-start": [("create table if not exists {{ target.schema }}.stages "
                                 "(node text, stages text)")],
               "on-run-end": ["{{ upload() }}"]}
    with built_on_postgres(tmp_path / "p", files, project) as (schema, conn):
        assert conn.execute(f'select db, usr, me, dbs, n from "{schema}".graph').fetchall() \
            == [("test", "postgres", f'"test"."{schema}"."graph"', "test", 1)]
        assert conn.execute(f'select node, stages from "{schema}".stages order by 1'
                            ).fetchall() == [("a", "compile,execute:True"),
                                             ("graph", "compile,execute:True"),
                                             ("t", "compile,execute:True")]


def test_a_model_reading_the_warehouses_catalog_is_typed_from_it(tmp_path: Path) -> None:
    """audit_helper's `compare_relation_columns` on Postgres selects from
    `information_schema.columns`: a system catalog the project does not build, whose columns
    the compile asks of the target (it said 'reads column ordinal_position, which does not
    exist upstream')."""
    files = {"seeds/a.csv": "id,name\n1,x\n",
             "models/cols.sql": (
                 "select column_name, ordinal_position, data_type\n"
                 "from {{ ref('a').information_schema('columns') }}\n"
                 "where table_schema = '{{ target.schema }}' and table_name = 'a'\n")}
    with built_on_postgres(tmp_path / "p", files) as (schema, conn):
        assert conn.execute(f'select column_name, ordinal_position, data_type from "{schema}"'
                            '.cols order by 2').fetchall() == [
            ("id", 1, "integer"), ("name", 2, "text")]
