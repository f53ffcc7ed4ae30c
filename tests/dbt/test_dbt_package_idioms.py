"""Idioms of real dbt packages that dbt runs and datanet stopped at (dbt-activity-schema,
dbt-unit-testing; benchmarks/dbt_projects' second held-out set), each as a small project
built by the real CLI on DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project

LIB = {"dbt_packages/lib/dbt_project.yml": "name: lib\nversion: '1.0'\nconfig-version: 2\n"}


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_missing_macro_of_a_namespace_fails_only_where_it_is_used(tmp_path: Path) -> None:
    """dbt-activity-schema sets `render_join = pkg.render_additional_join_condition`, a macro
    the package no longer has, and never calls it: no error, as in dbt. Calling a missing
    macro fails the model with a message naming it and the package."""
    root = dbt_project(tmp_path / "p", {
        **LIB,
        "dbt_packages/lib/macros/one.sql": "{% macro one() %}1{% endmacro %}",
        "models/kept.sql": "{% set unused = lib.gone %}"
                           "select {{ lib.one() }} as v, {{ lib.gone is defined }} as d",
        "models/called.sql": "select {{ lib.gone() }} as v"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "no macro 'gone' in the 'lib' namespace" in result.output
    assert "called" in result.output
    assert _rows(root, "select v, d from main.kept") == [(1, False)]


def test_the_dbt_namespace_has_the_renders_own_macros_and_dbt_version(tmp_path: Path) -> None:
    """dbt-unit-testing overrides `is_incremental` and falls back to `dbt.is_incremental()`;
    it compares `dbt_version` to pick a code path. Both are the render's own: true for the
    incremental run of an existing table only."""
    root = dbt_project(tmp_path / "p", {
        "macros/flags.sql": "{% macro is_incremental() %}{{ return(dbt.is_incremental()) }}"
                            "{% endmacro %}",
        "models/m.sql": "{{ config(materialized='incremental') }}\n"
                        "select {{ 2 if is_incremental() else 1 }} as run, "
                        "'{{ dbt_version }}' >= '1.5' as new_dbt"})
    for _ in range(2):
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
    assert _rows(root, "select run, new_dbt from main.m order by run") == [(1, True), (2, True)]


def test_backtick_identifiers_run_on_duckdb(tmp_path: Path) -> None:
    """DuckDB reads `name` as a quoted identifier (BigQuery's spelling), and dbt-duckdb builds
    such models; a backtick inside a string stays a character of the string."""
    root = dbt_project(tmp_path / "p", {
        "models/a.sql": "select 1 as `end`, 2 as `MiXeD Quoted`, '`x`' as s",
        "models/b.sql": "select `end`, `MiXeD Quoted` from {{ ref('a') }} "
                        "where `end` = 1 -- `comment`"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, 'select "end", "MiXeD Quoted", s from main.a') == [(1, 2, "`x`")]
    assert _rows(root, "select * from main.b") == [(1, 2)]


def test_a_package_macro_named_like_a_global_does_not_hide_it(tmp_path: Path) -> None:
    """dbt-unit-testing defines a macro `model()` that returns `model`: in dbt each macro is
    compiled alone and reads `model`, the node being rendered. The package's other macros
    read the render's `model` too; `pkg.model()` still reaches the macro."""
    root = dbt_project(tmp_path / "p", {
        **LIB,
        "dbt_packages/lib/macros/m.sql": "{% macro model() %}{{ return(model) }}{% endmacro %}"
                                         "{% macro name_of() %}{{ return(model.name) }}"
                                         "{% endmacro %}",
        "models/a.sql": "select '{{ lib.model().resource_type }}' as kind, "
                        "'{{ lib.name_of() }}' as name"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select kind, name from main.a") == [("model", "a")]


def test_macros_keep_state_for_a_render_in_context(tmp_path: Path) -> None:
    """dbt's `context` is the render's globals: dbt-unit-testing's macros keep their test
    context there (`context.update({...})`, then `context.get(...)`), for that render only."""
    root = dbt_project(tmp_path / "p", {
        **LIB,
        "dbt_packages/lib/macros/state.sql":
            "{% macro remember(v) %}{% do context.update({'__kept': v}) %}{% endmacro %}"
            "{% macro recall() %}{{ return(context.get('__kept', 'none')) }}{% endmacro %}",
        "models/a.sql": "{{ lib.remember(this.name) }}select '{{ lib.recall() }}' as kept",
        "models/b.sql": "select '{{ lib.recall() }}' as kept"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert sorted(_rows(root, "select * from main.a union all select * from main.b")) == [
        ("a",), ("none",)]


def test_a_ref_made_only_while_dbt_parses_is_a_dependency(tmp_path: Path) -> None:
    """dbt-unit-testing's `ref` override refs the tested model only when the node's tags lack
    `unit-test`, which is so only while dbt parses (`config.get` answers '' then): its tests
    depend on the tested model, so a failing model skips them, as under dbt 1.9."""
    root = dbt_project(tmp_path / "p", {
        "macros/overrides.sql":
            "{% macro ref(name) %}{% if 'unit-test' in config.get('tags', {}) %}"
            "{{ return('(select 1 as id)') }}{% else %}{{ return(builtins.ref(name)) }}"
            "{% endif %}{% endmacro %}",
        "models/bad.sql": "{{ config(materialized='table') }} select cast('x' as integer) as id",
        "models/good.sql": "select 1 as id",
        "tests/on_bad.sql": "{{ config(tags=['unit-test']) }}"
                            "{% set unused %}select * from {{ ref('bad') }}{% endset %}"
                            "select * from {{ ref('good') }} where id < 0"})
    listed = datanet("ls", "--project-dir", root, "-s", "+on_bad", "--output", "name")
    assert sorted(listed.output.split()) == ["bad", "good", "on_bad"]
    result = datanet("build", "--project-dir", root)
    assert "Error: build failed: bad; skipped: on_bad" in result.output
