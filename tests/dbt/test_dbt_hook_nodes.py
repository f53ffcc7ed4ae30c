"""What dbt 1.9's graph and artifacts hold beside models: each on-run hook is an `operation`
node of `graph.nodes` and manifest.json (dbt-project-evaluator walks them), named by the
project's generate_schema_name like any node; a data test's schema goes through that macro
too (its failures are stored there); an on-run-end that fails leaves run_results.json
listing the on-run-start hooks and the nodes. Expected values are what dbt-duckdb 1.9 gives
for the same project. Real DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

from hooks_helpers import datanet, dbt_project, warehouse_rows

NAMING = """
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if node.resource_type == 'test' -%} audit_{{ node.tags[0] }}
  {%- elif node.resource_type == 'operation' -%} hooks_{{ node.tags[0] | replace('-', '_') }}
  {%- else -%} {{ target.schema }}
  {%- endif -%}
{%- endmacro %}
{% macro start_sql() %}create table if not exists main.started (n int){% endmacro %}
"""
# one row per operation and test node of `graph`, as a package reading it would make them
NODES = """
{% set rows = [] %}
{% if execute %}
{% for n in graph.nodes.values() | sort(attribute='unique_id')
   if n.resource_type in ('operation', 'test') %}
{% do rows.append("select '" ~ n.unique_id ~ "' as id, '" ~ n.schema ~ "' as sch, '"
   ~ n.alias ~ "' as alias, '" ~ n.tags | join('|') ~ "' as tags, '"
   ~ n.depends_on.macros | join('|') ~ "' as macros, '" ~ n.config.materialized
   ~ "' as materialized") %}
{% endfor %}
{% endif %}
{{ rows | join(' union all ') if rows else "select 'x' as id" }}
"""


def _project(root: Path, on_run_end: str) -> Path:
    return dbt_project(root, {
        "macros/naming.sql": NAMING,
        "models/a.sql": "select 1 as n union all select null",
        "models/a.yml": "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: n\n"
                        "        data_tests: [not_null]\n",
        "models/nodes.sql": NODES,
    }, {"on-run-start": ["{{ start_sql() }}"], "on-run-end": on_run_end,
        "models": {"+tags": "nightly"},
        "tests": {"+tags": "checks", "+store_failures": True}})


def test_run_hooks_and_tests_are_graph_nodes_named_by_the_projects_macro(
        tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "insert into main.started values (2)")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1, result.output  # the not_null test fails, as under dbt
    assert warehouse_rows(root, "select * from main.nodes order by id") == [
        ("operation.shop.shop-on-run-end-0", "hooks_on_run_end", "shop-on-run-end-0",
         "on-run-end|nightly", "", "view"),
        ("operation.shop.shop-on-run-start-0", "hooks_on_run_start", "shop-on-run-start-0",
         "on-run-start|nightly", "macro.shop.start_sql", "view"),
        ("test.shop.not_null_a_n.e84c7d3aa0", "audit_checks", "not_null_a_n", "checks",
         "macro.dbt.test_not_null", "test")]
    # the failing rows are kept where the test's schema says, not in main_test_failures
    assert warehouse_rows(root, "select * from audit_checks.not_null_a_n") == [(None,)]
    assert "stored in audit_checks.not_null_a_n" in result.output
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    hook = manifest["nodes"]["operation.shop.shop-on-run-start-0"]
    assert (hook["resource_type"], hook["fqn"], hook["path"], hook["raw_code"]) == (
        "operation", ["shop", "hooks", "shop-on-run-start-0"], "hooks/shop-on-run-start-0.sql",
        "{{ start_sql() }}")
    assert manifest["parent_map"]["operation.shop.shop-on-run-start-0"] == []
    assert manifest["nodes"]["test.shop.not_null_a_n.e84c7d3aa0"]["schema"] == "audit_checks"
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    assert [(r["unique_id"], r["status"]) for r in results] == [
        ("operation.shop.shop-on-run-start-0", "success"), ("model.shop.a", "success"),
        ("model.shop.nodes", "success"), ("test.shop.not_null_a_n.e84c7d3aa0", "fail"),
        ("operation.shop.shop-on-run-end-0", "success")]


def test_a_failing_on_run_end_keeps_the_start_hooks_in_run_results(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "{% do run_query('insert into nowhere values (1)') %}")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "dbt_project.yml: on-run-end 1" in result.output and "nowhere" in result.output
    assert "Traceback" not in result.output
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    assert [(r["unique_id"], r["status"]) for r in results] == [
        ("operation.shop.shop-on-run-start-0", "success"), ("model.shop.a", "success"),
        ("model.shop.nodes", "success"), ("test.shop.not_null_a_n.e84c7d3aa0", "fail")]
