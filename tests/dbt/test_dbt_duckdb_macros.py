"""dbt-duckdb's own macros and source files, as matsonj/nba-monte-carlo uses them:
`register_upstream_external_models()` in on-run-start, `external_location()`,
`adapter.external_root()`, and sources read from `meta.external_location`. Real DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hooks_helpers import datanet, dbt_project, statuses, warehouse_rows

REGISTER = {"on-run-start": ["{{ register_upstream_external_models() }}"],
            "models": {"shop": {"+materialized": "table",
                                "orders": {"+materialized": "external", "+format": "csv"}}}}
SOURCES = """version: 2
sources:
  - name: raw
    schema: psa
    meta:
      external_location: "data/{identifier}.csv"
    tables:
      - name: teams
      - name: games
        identifier: games_2024
      - name: gone
"""


def test_register_upstream_external_models_makes_the_view_a_run_reads(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/orders.sql": "select 1 as id union all select 2",
        "models/child.sql": "select sum(id) as total from {{ ref('orders') }}"}, REGISTER)
    assert datanet("build", "--project-dir", root).exit_code == 0
    with duckdb.connect(str(root / "wh.duckdb")) as con:  # a fresh warehouse has no view
        con.execute("drop view main.orders; drop table main.child")
    result = datanet("run", "--project-dir", root, "-s", "child")
    assert result.exit_code == 0, result.output
    assert warehouse_rows(root, "select total from main.child") == [(3,)]
    assert warehouse_rows(root, "select table_type from information_schema.tables "
                       "where table_name = 'orders'") == [("VIEW",)]


def test_register_skips_an_external_model_never_written_and_says_so(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/orders.sql": "select 1 as id",
        "models/child.sql": "select sum(id) as total from {{ ref('orders') }}"}, REGISTER)
    result = datanet("run", "--project-dir", root, "-s", "child")
    assert result.exit_code == 1
    assert "external model 'orders' has no file" in caplog.text  # a warning on stderr
    assert statuses(root)["model.child"] == "error"


def test_external_location_and_external_root(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": "select '{{ external_location(this, {'format': 'csv'}) }}' as loc, "
                        "'{{ external_location(this, {'options': {'partition_by': 'x'}}) }}' "
                        "as folder, '{{ adapter.external_root() }}' as root"})
    profile = root / "profiles.yml"
    profile.write_text(profile.read_text().replace("threads: 1",
                                                   "threads: 1\n      external_root: files"))
    assert datanet("build", "--project-dir", root).exit_code == 0
    files = str(root / "files")
    assert warehouse_rows(root, "select * from main.m") == [(f"{files}/m.csv", f"{files}/m", files)]


def test_sources_are_read_from_meta_external_location(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/sources.yml": SOURCES,
        "data/teams.csv": "team,conf\nBOS,East\nLAL,West\n",
        "data/games_2024.csv": "home,away\nBOS,LAL\n",
        "models/games.sql": "select g.home, t.conf from {{ source('raw', 'games') }} g "
                            "join {{ source('raw', 'teams') }} t on t.team = g.home",
        "models/lost.sql": "select * from {{ source('raw', 'gone') }}",
        "models/after_lost.sql": "select * from {{ ref('lost') }}"})
    result = datanet("build", "--project-dir", root)
    # as under dbt-duckdb: the file nobody wrote fails the model reading it, not the project
    assert result.exit_code == 1
    assert warehouse_rows(root, "select * from main.games") == [("BOS", "East")]
    assert "source raw.gone: no file matches" in result.output
    status = statuses(root)
    assert (status["model.games"], status["model.lost"], status["model.after_lost"]) == \
        ("success", "error", "skipped")


def test_a_projects_external_location_macro_names_the_file(tmp_path: Path) -> None:
    """dbt-duckdb's materialization asks `external_location(this, config)` where a model
    without `location:` goes; a project overrides it to lay out its files."""
    root = dbt_project(tmp_path / "p", {
        "macros/where.sql": "{% macro external_location(relation, config) %}"
                            "{{ return('lake/' ~ relation.schema ~ '/' ~ relation.identifier ~ "
                            "'.' ~ config.get('format', validator=none)) }}{% endmacro %}",
        "models/orders.sql": "select 1 as id",
        "models/fixed.sql": "{{ config(location='kept.csv') }}select 2 as id",
        "models/child.sql": "select sum(id) as total from {{ ref('orders') }}"},
        {"models": {"shop": {"+materialized": "external", "+format": "csv",
                             "child": {"+materialized": "table"}}}})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert (root / "lake" / "main" / "orders.csv").read_text().splitlines() == ["id", "1"]
    assert (root / "kept.csv").exists()  # a model's own `location` wins
    assert warehouse_rows(root, "select total from main.child") == [(1,)]


def test_location_exists_and_external_read_location(tmp_path: Path) -> None:
    """A model guarding on a file that may not be there yet (`adapter.location_exists`),
    asked again at run; dbt-duckdb's read-back glob of a partitioned write."""
    root = tmp_path / "p"
    files = f"{root}/landing/*.csv"
    guarded = (f"{{% if adapter.location_exists('{files}') %}}"
               f"select count(*) as n from '{files}'{{% else %}}select 0 as n{{% endif %}}")
    dbt_project(root, {
        "models/guarded.sql": "{{ config(materialized='table') }}" + guarded,
        "models/globs.sql": "select '{{ adapter.external_read_location('out/t', "
                            "{'partition_by': 'a,b'}) }}' as part, "
                            "'{{ adapter.external_read_location('out/t.csv', {}) }}' as one"})
    assert datanet("build", "--project-dir", root).exit_code == 0
    assert warehouse_rows(root, "select n from main.guarded") == [(0,)]
    assert warehouse_rows(root, "select * from main.globs") == [("out/t/*/*/*.parquet", "out/t.csv")]
    (root / "landing").mkdir()
    (root / "landing" / "a.csv").write_text("x\n1\n2\n")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert warehouse_rows(root, "select n from main.guarded") == [(2,)]
