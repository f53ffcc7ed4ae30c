"""dbt-duckdb sources read through a table function call: `external_location:
"read_csv('data/x.csv', columns={...})"` in a source table's meta or `config:` (with its
`formatter`), as godatadriven/dbt-bouncer and khozzy/dbt-duckdb-recipies write them. Real
DuckDB; relative file names are read from the folder the command runs in, as dbt-duckdb
reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hooks_helpers import PG, datanet, dbt_project, pg_schema, statuses, warehouse_rows

CONFIG_SOURCES = """version: 2
sources:
  - name: crm
    tables:
      - name: customers
        config:
          external_location: "read_csv('./data/%(name)s.csv', header=true, columns={'id': 'integer', 'name': 'varchar'})"
          formatter: oldstyle
"""
META_SOURCES = """version: 2
sources:
  - name: files
    tables:
      - name: products
        meta:
          external_location: "read_json('data/{name}/*.json', columns={{id: 'integer', sku: 'varchar'}})"
      - name: gone
        meta:
          external_location: "read_csv('data/gone.csv')"
"""
FILES = {"data/customers.csv": "id,name\n1,Ann\n2,Bob\n",
         "data/products/p1.json": '[{"id": 1, "sku": "a"}]',
         "data/products/p2.json": '[{"id": 2, "sku": "b"}]'}


def test_a_call_in_a_sources_config_is_read_with_its_formatter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/sources.yml": CONFIG_SOURCES, **FILES,
        "models/names.sql": "select id, upper(name) as name from {{ source('crm', 'customers') }}"})
    monkeypatch.chdir(root)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "unknown source config key" not in result.output
    assert warehouse_rows(root, "select * from main.names order by id") == [(1, "ANN"), (2, "BOB")]
    # the declared types of the call are the source's columns
    assert warehouse_rows(root, "select data_type from information_schema.columns "
                       "where table_name = 'names' and column_name = 'id'") == [("INTEGER",)]


def test_a_call_in_meta_is_read_and_a_call_that_cannot_read_fails_only_its_readers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/sources.yml": META_SOURCES, **FILES,
        "models/skus.sql": "select sku from {{ source('files', 'products') }}",
        "models/lost.sql": "select * from {{ source('files', 'gone') }}",
        "models/after_lost.sql": "select * from {{ ref('lost') }}"})
    monkeypatch.chdir(root)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1  # as under dbt-duckdb: the model reading the missing file
    assert sorted(warehouse_rows(root, "select sku from main.skus")) == [("a",), ("b",)]
    status = statuses(root)
    assert (status["model.skus"], status["model.lost"], status["model.after_lost"]) == \
        ("success", "error", "skipped")
    assert "WARN  source files.gone READ_CSV('data/gone.csv') does not read" in result.output


def test_relative_names_in_a_call_are_read_from_where_the_command_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """dbt-bouncer's README runs dbt from the repository's root, its sources naming
    `./dbt_project/seeds/raw_customers.csv`: datanet reads them from there too."""
    root = dbt_project(tmp_path / "repo" / "dbt_project", {
        "models/sources.yml": CONFIG_SOURCES.replace("./data/", "./dbt_project/data/"), **FILES,
        "models/names.sql": "select count(*) as n from {{ source('crm', 'customers') }}"})
    monkeypatch.chdir(tmp_path / "repo")
    result = datanet("build", "--project-dir", "dbt_project")
    assert result.exit_code == 0, result.output
    assert warehouse_rows(root, "select n from main.names") == [(2,)]


def test_a_location_that_is_no_table_function_call_is_refused_naming_file_and_source(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/sources.yml": CONFIG_SOURCES.replace(
            "read_csv('./data/%(name)s.csv', header=true, columns={'id': 'integer', "
            "'name': 'varchar'})", "read_csv('x.csv'"),
        "models/m.sql": "select 1 as x"})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code == 1
    assert "models/sources.yml" in result.output
    assert "source table 'crm.customers': external_location \"read_csv('x.csv'\" is not a " \
           "table function call DuckDB reads" in result.output
    assert "Traceback" not in result.output


def test_a_call_on_another_engine_is_refused_naming_the_source(tmp_path: Path) -> None:
    with pg_schema() as (schema, _):
        root = dbt_project(tmp_path / "p", {
            "models/sources.yml": CONFIG_SOURCES, **FILES, "models/m.sql": "select 1 as x"},
            output={**PG, "schema": schema, "threads": 1})
        result = datanet("compile", "--project-dir", root)
    assert result.exit_code == 1
    assert "models/sources.yml" in result.output
    assert "source table 'crm.customers': its external_location is a DuckDB table function " \
           "call" in result.output
    assert "the postgres target cannot read" in result.output


def test_a_plugin_source_config_key_is_accepted_with_a_warning(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/sources.yml": "version: 2\nsources:\n  - name: s\n    tables:\n"
                              "      - name: t\n        config:\n          plugin: excel\n",
        "models/m.sql": "select 1 as x"})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "`plugin` (a dbt-duckdb plugin's source) is not read by datanet" in result.output
