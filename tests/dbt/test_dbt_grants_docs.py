"""grants and persist_docs, read back from the catalog of real Postgres and DuckDB."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import duckdb
from hooks_helpers import PG, datanet, dbt_project, pg_schema

DOCS_YAML = """version: 2
models:
  - name: t
    description: "Orders, one row per order (it's documented)"
    columns:
      - {name: id, description: the order key}
      - {name: gone, description: a column the model does not select}
  - name: v
    description: a view of t
    columns:
      - {name: id, description: the key again}
"""
DOCS_FILES = {"models/t.sql": "{{ config(materialized='table') }}\nselect 1 as id, 2 as amount",
              "models/v.sql": "select id from {{ ref('t') }}", "models/docs.yml": DOCS_YAML}
PERSIST = {"models": {"shop": {"+persist_docs": {"relation": True, "columns": True}}}}


def _grants(conn: Any, schema: str, table: str) -> set[tuple[str, str]]:
    rows = conn.execute("select grantee, privilege_type from information_schema.role_table_grants "
                        "where table_schema = %s and table_name = %s and grantee <> current_role",
                        [schema, table]).fetchall()
    return set(rows)


def _grant_files(readers: list[str]) -> dict[str, str]:
    return {"models/t.sql": "{{ config(materialized='table') }}\nselect 1 as id",
            "models/v.sql": "select id from {{ ref('t') }}",
            "models/g.yml": "version: 2\nmodels:\n" + "".join(
                f"  - name: {m}\n    config:\n      grants: {{select: [{', '.join(readers)}]}}\n"
                for m in ("t", "v"))}


def test_grants_are_applied_and_revoked_as_configured_on_postgres(tmp_path: Path) -> None:
    roles = [f"dn_reader_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with pg_schema() as (schema, conn):
        for role in roles:
            conn.execute(f'create role "{role}"')
        try:
            output = {**PG, "schema": schema}
            root = dbt_project(tmp_path / "p", _grant_files(roles), output=output)
            result = datanet("run", "--project-dir", root)
            assert result.exit_code == 0, result.output
            for table in ("t", "v"):
                assert _grants(conn, schema, table) == {(r, "SELECT") for r in roles}
            dbt_project(root, _grant_files(roles[1:]), output=output)
            for _ in range(2):  # the second run changes nothing
                result = datanet("run", "--project-dir", root)
                assert result.exit_code == 0, result.output
                for table in ("t", "v"):  # v is replaced in place: its old grant is revoked
                    assert _grants(conn, schema, table) == {(roles[1], "SELECT")}
        finally:
            conn.execute(f'drop schema if exists "{schema}" cascade')
            for role in roles:
                conn.execute(f'drop role if exists "{role}"')


def test_grants_on_duckdb_say_the_engine_has_none(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", _grant_files(["reporter"]))
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "grants not applied: duckdb has no GRANT" in result.output


def test_persist_docs_writes_comments_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", DOCS_FILES, PERSIST, {**PG, "schema": schema})
        for _ in range(2):  # a rebuilt table gets its comments again
            result = datanet("run", "--project-dir", root)
            assert result.exit_code == 0, result.output
            comments = {
                (name, column): conn.execute(
                    "select col_description(%s::regclass, %s)" if column else
                    "select obj_description(%s::regclass, 'pg_class')",
                    [f'"{schema}"."{name}"', column] if column else [f'"{schema}"."{name}"']
                ).fetchone()[0]
                for name, column in (("t", None), ("t", 1), ("t", 2), ("v", None), ("v", 1))}
            assert comments == {("t", None): "Orders, one row per order (it's documented)",
                                ("t", 1): "the order key", ("t", 2): None,
                                ("v", None): "a view of t", ("v", 1): "the key again"}


def test_persist_docs_writes_comments_on_duckdb(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", DOCS_FILES, PERSIST)
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    assert con.execute("select comment from duckdb_tables() where table_name = 't'").fetchall() \
        == [("Orders, one row per order (it's documented)",)]
    assert con.execute("select comment from duckdb_views() where view_name = 'v'").fetchall() \
        == [("a view of t",)]
    columns = con.execute("select table_name, column_name, comment from duckdb_columns() "
                          "where table_name in ('t', 'v') order by 1, 2").fetchall()
    assert columns == [("t", "amount", None), ("t", "id", "the order key"),
                       ("v", "id", "the key again")]


DOC_BLOCKS = {
    "models/docs.md": "{% docs orders_doc %}\nOrders, one row per order.\n{% enddocs %}\n"
                      "{% docs status_doc %}One of placed, shipped.{% enddocs %}\n",
    "models/t.sql": "{{ config(materialized='table') }}\nselect 1 as id, 'placed' as status",
    "models/docs.yml": "version: 2\nmodels:\n  - name: t\n    description: '{{ doc(\"orders_doc\") }}'"
                       "\n    columns:\n      - name: status\n"
                       "        description: '{{ doc(\"status_doc\") }} (see {{ doc(\"orders_doc\") }})'\n",
    # what dbt-project-evaluator's base_node_columns reads: graph.nodes[...].columns
    "models/g.sql": "{% set t = graph.nodes['model.shop.t'] %}"
                    "select '{{ t.description }}' as d, "
                    "'{{ t.columns['status'].description }}' as c",
}


def test_doc_blocks_in_descriptions_are_rendered_as_dbt_parses_them(tmp_path: Path) -> None:
    """`{{ doc("x") }}` in a model's or a column's description, with the `{% docs %}` block in
    a .md file of the model path (dbt's docs-paths default to every resource path), is the
    block's text in `graph`, the manifest and persisted comments, as dbt 1.9 gives it."""
    root = dbt_project(tmp_path / "p", DOC_BLOCKS, PERSIST)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    described = ("Orders, one row per order.",
                 "One of placed, shipped. (see Orders, one row per order.)")
    assert con.execute("select d, c from g").fetchall() == [described]
    assert con.execute("select comment from duckdb_columns() where table_name = 't' and "
                       "column_name = 'status'").fetchall() == [(described[1],)]
    node = json.loads((root / "target" / "manifest.json").read_text())["nodes"]["model.shop.t"]
    assert (node["description"], node["columns"]["status"]["description"]) == described


def test_docs_paths_say_where_doc_blocks_are_and_a_missing_one_is_named(tmp_path: Path) -> None:
    """`docs-paths: [docs]` replaces the default: a block elsewhere is not found, and the
    model whose YAML asks for it fails alone, naming the YAML file and the doc."""
    files = {**DOC_BLOCKS, "docs/more.md": DOC_BLOCKS["models/docs.md"].replace(
        "orders_doc", "other_doc")}
    root = dbt_project(tmp_path / "p", files, {"docs-paths": ["docs"]})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "models/docs.yml: doc('orders_doc') is not defined. Did you mean 'other_doc'" \
        in result.output
    assert "status_doc" not in result.output  # found in docs/
