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
