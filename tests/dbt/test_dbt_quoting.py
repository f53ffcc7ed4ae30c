"""dbt_project.yml's `quoting:` as dbt reads it: a part set false is left unquoted in dbt's DDL,
so Postgres folds a mixed-case name to lower case (`MixedCase` is created as `mixedcase`, as
dbt-postgres 1.9 creates it); DuckDB keeps the name as written either way."""

from __future__ import annotations

from pathlib import Path

from hooks_helpers import PG, datanet, dbt_project, pg_schema, warehouse_rows

FILES = {"seeds/RawPeople.csv": "id,n\n1,a\n2,b\n",
         "models/MixedCase.sql": "{{ config(materialized='table') }}\n"
                                 "select id from {{ ref('RawPeople') }}",
         "models/after_mixed.sql": "select id from {{ ref('MixedCase') }}"}
UNQUOTED = {"quoting": {"identifier": False}}


def _pg_tables(conn, schema: str) -> set[str]:
    return {row[0] for row in conn.execute(
        "select table_name from information_schema.tables where table_schema = %s",
        [schema]).fetchall()}


def test_unquoted_identifiers_fold_to_lower_case_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", FILES, UNQUOTED, {**PG, "schema": schema})
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert "quoting" not in result.output  # read, not warned about
        assert _pg_tables(conn, schema) == {"rawpeople", "mixedcase", "after_mixed"}
        assert conn.execute(f'select id from "{schema}".after_mixed order by id').fetchall() \
            == [(1,), (2,)]


def test_default_quoting_keeps_the_case_on_postgres(tmp_path: Path) -> None:
    """Models read the mixed-case relations they were built as (the column check once looked
    `"RawPeople"` up under its lower-case name and refused `id`), twice in a row."""
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", FILES, {"quoting": {"identifier": True}},
                           {**PG, "schema": schema})
        for _ in range(2):
            result = datanet("build", "--project-dir", root)
            assert result.exit_code == 0, result.output
        assert _pg_tables(conn, schema) == {"RawPeople", "MixedCase", "after_mixed"}
        assert conn.execute(f'select id from "{schema}".after_mixed order by id').fetchall() \
            == [(1,), (2,)]


def test_unquoted_identifiers_change_nothing_on_duckdb(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES, UNQUOTED)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert sorted(warehouse_rows(root, "select table_name from information_schema.tables "
                                       "where table_schema = 'main'")) \
        == [("MixedCase",), ("RawPeople",), ("after_mixed",)]


def test_a_misspelt_quoting_part_is_refused_naming_its_line(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES, {"quoting": {"identifer": False}})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code != 0
    assert "dbt_project.yml:6" in result.output
    assert "Did you mean 'identifier'?" in result.output
    assert "Traceback" not in result.output
