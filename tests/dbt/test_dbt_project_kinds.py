"""Kinds of gaps found on real dbt projects (dbt-codegen, dbt-project-evaluator in
benchmarks/dbt_projects), each shown by a small project of our own built by the real CLI on
DuckDB: what dbt builds, datanet builds the same."""

from __future__ import annotations

from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_templates_call_dbts_naming_macros(tmp_path: Path) -> None:
    """dbt's `generate_schema_name`, `generate_alias_name` and `generate_database_name` are
    global macros a template may call (dbt-codegen's tests ask where the seeds went); a
    project's own override of one still wins, for the compiler and for templates."""
    model = ("select '{{ generate_schema_name('raw') }}' as s, "
             "'{{ generate_schema_name(none) }}' as t, "
             "'{{ generate_alias_name(none, model) }}' as a, "
             "'{{ generate_alias_name('x') }}' as b, "
             "'{{ generate_database_name() }}' as d")
    root = dbt_project(tmp_path / "p", {"models/m.sql": model})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from main.m") == [("main_raw", "main", "m", "x", "wh")]
    (root / "macros").mkdir()
    (root / "macros/naming.sql").write_text(
        "{% macro generate_schema_name(custom, node=none) %}"
        "{{ custom or target.schema }}{% endmacro %}")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select s, t from main.m") == [("raw", "main")]


GRAPH_READER = """
{%- set ns = namespace(parents=[], fqn='', tests=[]) -%}
{%- if execute -%}
{%- for node in graph.nodes.values() | selectattr("name", "equalto", "z") -%}
  {%- set ns.parents = node.depends_on.nodes -%}{%- set ns.fqn = node.fqn | join('.') -%}
{%- endfor -%}
{%- for node in graph.nodes.values() | selectattr("resource_type", "equalto", "test") -%}
  {%- do ns.tests.append(node.test_metadata.name ~ ':' ~ node.attached_node) -%}
{%- endfor -%}
{%- endif -%}
select '{{ ns.parents | join(",") }}' as parents, '{{ ns.fqn }}' as fqn,
       '{{ ns.tests | join(",") }}' as tests, '{{ model.unique_id }}' as me,
       '{{ model.depends_on.nodes | join(",") }}' as mine
from {{ ref('s') }}"""


def test_templates_see_each_nodes_parents_in_the_graph(tmp_path: Path) -> None:
    """`graph.nodes` and `model` hold what dbt's manifest holds (dbt-codegen reads
    `node.depends_on.nodes`, dbt-project-evaluator walks the whole graph): dbt's ids, parents,
    fqn and test metadata. A template reading the graph renders again when it runs, so it
    sees the parents of nodes rendered after it (`z` here)."""
    root = dbt_project(tmp_path / "p", {
        "seeds/s.csv": "id\n1\n",
        "models/a.sql": GRAPH_READER,
        "models/marts/z.sql": "select * from {{ ref('s') }} join {{ source('raw', 't') }} "
                              "using (id)",
        "models/marts/z.yml": "version: 2\nmodels:\n  - name: z\n    columns:\n"
                              "      - {name: id, data_tests: [unique]}\n"
                              "sources:\n  - name: raw\n    schema: main\n"
                              "    tables: [{name: t}]\n"})
    with duckdb.connect(str(root / "wh.duckdb")) as con:
        con.execute("create table main.t as select 1 as id")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from main.a") == [(
        "seed.shop.s,source.shop.raw.t", "shop.marts.z",
        "unique:model.shop.z", "model.shop.a", "seed.shop.s")]


def test_jinja_in_a_sources_schema_and_identifier_is_rendered(tmp_path: Path) -> None:
    """dbt renders a source's YAML: `schema: "{{ target.schema ~ '_raw' }}"` is `main_raw`
    (dbt-codegen's integration project); left as written, the source check asked the
    warehouse for a schema named after the template."""
    root = dbt_project(tmp_path / "p", {
        "models/src.yml": "version: 2\nsources:\n  - name: raw\n"
                          "    schema: \"{{ target.schema ~ '_raw' }}\"\n"
                          "    tables:\n      - name: orders\n"
                          "        identifier: \"{{ var('orders_table', 'orders_v2') }}\"\n",
        "models/m.sql": "select id from {{ source('raw', 'orders') }}"})
    with duckdb.connect(str(root / "wh.duckdb")) as con:
        con.execute("create schema main_raw")
        con.execute("create table main_raw.orders_v2 as select 5 as id")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select id from main.m") == [(5,)]


def test_a_missing_source_table_fails_only_the_nodes_reading_it(tmp_path: Path) -> None:
    """dbt never checks a source: dbt-project-evaluator declares tables no one creates, and
    builds the models that only name them (`-- depends on:`, or through ephemeral models
    nothing builds). The source says it is missing (status warn); a model that reads it
    fails on its own, naming the relation; the others build."""
    root = dbt_project(tmp_path / "p", {
        "models/src.yml": "version: 2\nsources:\n  - name: raw\n    schema: main\n"
                          "    tables: [{name: absent}]\n",
        "models/eph.sql": "{{ config(materialized='ephemeral') }}\n"
                          "-- depends on: {{ source('raw', 'absent') }}\nselect 1 as id",
        "models/built.sql": "{{ config(materialized='table') }}\nselect * from {{ ref('eph') }}",
        "models/reader.sql": "select * from {{ source('raw', 'absent') }}"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1, result.output
    assert "WARN  source raw.absent source table main.absent does not exist" in result.output
    assert "ERROR model reader" in result.output and "absent" in result.output
    assert _rows(root, "select id from main.built") == [(1,)]


def test_a_model_naming_columns_of_a_missing_source_says_the_source_is_missing(
        tmp_path: Path) -> None:
    """xs233-bt/local-dbt-duckdb-data-quality's sources name tables nothing creates: its
    staging models failed with "reads column 'customer_id', which does not exist upstream";
    the cause is the missing table, and that is what the error says."""
    root = dbt_project(tmp_path / "p", {
        "models/src.yml": "version: 2\nsources:\n  - name: raw\n    schema: main\n"
                          "    tables: [{name: raw_customers}]\n",
        "models/stg.sql": "select customer_id, upper(name) as name "
                          "from {{ source('raw', 'raw_customers') }}"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "ERROR model stg: models/stg.sql: model 'stg' reads source raw.raw_customers, " \
           "whose table main.raw_customers does not exist" in result.output
    assert "does not exist upstream" not in result.output


def test_jinja_in_a_contracts_column_type_is_rendered(tmp_path: Path) -> None:
    """dbt renders a model's YAML: a contracted column's `data_type: "{{ 'UInt8' if
    target.type == 'clickhouse' else 'integer' }}"` is `integer` on DuckDB (it was refused
    as "not a type"), and the table is built with it."""
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": "select 1 as id",
        "models/m.yml": "version: 2\nmodels:\n  - name: m\n    config:\n"
                        "      materialized: table\n      contract: {enforced: true}\n"
                        "    columns:\n      - name: id\n        data_type: \"{{ 'UInt8' if "
                        "target.type in ['clickhouse'] else 'integer' }}\"\n"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select data_type from information_schema.columns "
                       "where table_name = 'm'") == [("INTEGER",)]


def test_a_column_entry_written_as_an_expression_is_tested_as_sql(tmp_path: Path) -> None:
    """As in dbt, a `columns:` entry whose name is an expression (dbt-project-evaluator's
    `concat(coalesce('fake_column', ' '), 'for_testing')`) is tested as that SQL, not refused
    as a missing column; a plain name the model lacks is still an error."""
    yml = ("version: 2\nmodels:\n  - name: m\n    columns:\n"
           "      - name: \"coalesce(a, b)\"\n        data_tests: [not_null]\n"
           "      - name: \"nullif(a, 1)\"\n        data_tests: [not_null]\n")
    root = dbt_project(tmp_path / "p", {"models/m.sql": "select 1 as a, null as b",
                                        "models/m.yml": yml})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1, result.output
    assert "PASS  test not_null_m_coalesce_a_b_" in result.output
    assert "FAIL  test not_null_m_nullif_a_1_" in result.output
    (root / "models/m.yml").write_text(yml + "      - name: c\n        data_tests: [not_null]\n")
    result = datanet("build", "--project-dir", root)
    assert "m has no column 'c'" in result.output


PACKAGE_FILES = {
    "dbt_packages/pkg/dbt_project.yml":
        "name: pkg\nversion: '1.0'\nconfig-version: 2\n"
        "vars:\n  threshold: \"{{ 2 if target.type == 'duckdb' else 3 }}\"\n"
        "  label: package default\n"
        "models:\n  pkg:\n    +materialized: \"{{ 'table' if target.type == 'duckdb' "
        "else 'view' }}\"\n    marts:\n      +tags: [from_pkg]\n",
    "dbt_packages/pkg/macros/helper.sql": "{% macro helper() %}pkg{% endmacro %}",
    "dbt_packages/pkg/models/marts/pkg_model.sql":
        "select {{ var('threshold') }} as threshold, '{{ var('label') }}' as label, "
        "'{{ helper() }}' as helper, count(*) as n from {{ ref('root_model') }}",
    "dbt_packages/pkg/models/marts/pkg_table.sql": "select * from {{ ref('pkg_model') }}",
    "dbt_packages/pkg/models/marts/pkg.yml":
        "version: 2\nmodels:\n  - name: pkg_model\n    description: the package's\n"
        "    columns:\n      - name: n\n        data_tests: [not_null]\n",
    "macros/helper.sql": "{% macro helper() %}root{% endmacro %}",
    "models/root_model.sql": "select 1 as id",
}


def test_an_installed_packages_models_are_built_with_the_project(tmp_path: Path) -> None:
    """dbt builds the models of every package in dbt_packages/ (dbt-project-evaluator is a
    package of models): the package's dbt_project.yml gives their defaults (folder config
    and vars, Jinja in both rendered), the project's config and vars win, an unqualified
    macro is the package's own first, and they carry the package's name, fqn and path."""
    import json

    root = dbt_project(tmp_path / "p", PACKAGE_FILES, {
        "vars": {"label": "project"},
        "models": {"pkg": {"marts": {"pkg_model": {"+materialized": "view"}}}},
        "data_tests": {"pkg": {"+enabled": False}}})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from main.pkg_table") == [(2, "project", "pkg", 1)]
    assert _rows(root, "select table_name, table_type from information_schema.tables "
                       "order by 1") == [("pkg_model", "VIEW"), ("pkg_table", "BASE TABLE"),
                                         ("root_model", "VIEW")]
    assert "not_null_pkg_model_n" not in result.output  # the project disabled its tests
    nodes = json.loads((root / "target/manifest.json").read_text())["nodes"]
    node = nodes["model.pkg.pkg_model"]
    assert (node["package_name"], node["fqn"], node["original_file_path"], node["tags"],
            node["description"]) == ("pkg", ["pkg", "marts", "pkg_model"],
                                     "models/marts/pkg_model.sql", ["from_pkg"], "the package's")


RESOURCES_YML = """version: 2
exposures:
  - name: weekly_report
    type: dashboard
    owner: {name: ana}
    depends_on: [ref('base')]
semantic_models:
  - name: base_sm
    model: ref('base')
    defaults: {agg_time_dimension: day}
    entities: [{name: id, type: primary}]
    dimensions: [{name: day, type: time, type_params: {time_granularity: day}}]
    measures: [{name: total, agg: count, expr: 1}]
metrics:
  - name: total_metric
    label: Total
    type: simple
    type_params: {measure: total}
"""

RESOURCES_READER = """
{%- set ns = namespace(out=[]) -%}
{%- if execute -%}
{%- for e in graph.exposures.values() -%}{%- do ns.out.append(e.name) -%}{%- endfor -%}
{%- for m in graph.metrics.values() -%}
  {%- do ns.out.append(m.type_params.measure.name ~ ':' ~ (m.type_params.numerator | tojson)
                       ~ ':' ~ (m.depends_on.nodes | join('+'))) -%}
{%- endfor -%}
{%- for t in graph.nodes.values() | selectattr('resource_type', 'equalto', 'test') -%}
  {%- do ns.out.append(t.depends_on.nodes | join('+')) -%}
{%- endfor -%}
{%- endif -%}
select '{{ ns.out | join(",") }}' as resources, '{{ project_name }}' as project,
       {{ dbt.string_literal(dbt.escape_single_quotes("it's")) }} as quoted
from {{ ref('base') }}"""


def test_templates_see_exposures_metrics_and_dbts_literal_idiom(tmp_path: Path) -> None:
    """dbt-project-evaluator walks `graph.exposures` and `graph.metrics` (a metric's
    `type_params` as dbt parses them: the measure a mapping, unset params null; it depends on
    its measure's semantic model), a test's parents in dbt's order (the tested model last),
    compares with `project_name`, and quotes with `string_literal(escape_single_quotes(x))`:
    dbt's `string_literal` pastes, so escaping twice stored `it''s`."""
    root = dbt_project(tmp_path / "p", {
        "models/base.sql": "select 1 as id, current_date as day",
        "models/other.sql": "select 1 as id",
        "models/resources.yml": RESOURCES_YML + "models:\n  - name: base\n    columns:\n"
                                "      - name: id\n        data_tests:\n          - "
                                "relationships: {to: ref('other'), field: id}\n",
        "models/reader.sql": RESOURCES_READER})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from main.reader") == [
        ("weekly_report,total:null:semantic_model.shop.base_sm,model.shop.other+model.shop.base",
         "shop", "it's")]


def test_an_ephemeral_model_nothing_built_reads_need_not_be_a_query(tmp_path: Path) -> None:
    """dbt compiles an ephemeral model only into what is built from it: dbt-project-evaluator
    keeps ephemeral models that are only comments or a bare `{{ ref() }}`, read by nothing
    built. They are skipped with a warning naming the file; one that a built model reads is
    still an error of its own."""
    eph = "{{ config(materialized='ephemeral') }}\n"
    root = dbt_project(tmp_path / "p", {
        "models/only_comments.sql": eph + "-- no SELECT here",
        "models/bare_ref.sql": eph + "{{ ref('base') }}",
        "models/reads_bare.sql": eph + "select * from {{ ref('bare_ref') }}",
        "models/base.sql": "select 1 as id"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "models/only_comments.sql: ephemeral model 'only_comments' is not compiled" \
        in result.output
    assert "SKIP  model reads_bare" in result.output
    (root / "models/built.sql").write_text("select * from {{ ref('reads_bare') }}")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1 and "ERROR model bare_ref" in result.output, result.output


def test_listagg_with_an_order_compiles_and_runs(tmp_path: Path) -> None:
    """`dbt.listagg(..., order_by_clause='order by v')` (dbt-project-evaluator's fan-out
    models): printing sqlglot's LISTAGG took the ORDER BY out of the tree, so the compiled
    SQL, printed from the same tree, read `LISTAGG( ORDER BY v, ', ' ORDER BY v)`."""
    listagg = "{{ dbt.listagg(measure='v', delimiter_text=\"', '\", order_by_clause='order by v') }}"
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": "with s as (select 'a' as g, 'y' as v union all select 'a', 'x') "
                        f"select g, {listagg} as vs from s group by g"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select * from main.m") == [("a", "x, y")]
