"""What a real dbt project writes in its config that is not one of dbt's own keys or values,
found on the second held-out set (SQLMesh's sushi_dbt, dbt-osmosis' demo, godatadriven's
dbt-date): a key of its own (kept, read by `config.get`, warned about), Jinja in a folder's
config (rendered as dbt renders it), a custom incremental strategy (the first build works,
an incremental run fails that model alone), and the latest version of a model kept in the
file named after the model."""

from __future__ import annotations

from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project

FILES = {
    "models/stg.sql": "{{ config(time_column='ds') }}\n"
                      "select 1 as id, date '2024-01-01' as ds, "
                      "'{{ config.get(\"time_column\") }}' as time_column, "
                      "'{{ config.get(\"start\") }}' as start_",
    "models/daily.sql": "{{ config(materialized='incremental', "
                        "incremental_strategy='by_time_range') }}\n"
                        "select id, ds from {{ ref('stg') }}",
    "models/after_daily.sql": "select count(*) as n from {{ ref('daily') }}",
    "models/orders.sql": "select 2 as id, 'v2' as version",  # the latest version, unsuffixed
    "models/orders_v1.sql": "select 1 as id, 'v1' as version",
    "models/schema.yml": "version: 2\nmodels:\n"
                         "  - name: stg\n    config: {osmosis_path: 'x/{node.name}.yml'}\n"
                         "  - name: orders\n    versions: [{v: 1}, {v: 2}]\n",
}
PROJECT = {"models": {"+start": "Jan 1 2022", "shop": {
    "+materialized": "{{ 'view' if target.name == 'dev' else 'table' }}",
    "+dbt-osmosis": "{node.database}/{node.name}.yml"}}}


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_dbt_projects_own_config_keys_are_kept_and_warned_about(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES, PROJECT)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select time_column, start_ from stg") == [("ds", "Jan 1 2022")]
    for where, key in (("dbt_project.yml:6", "+start"), ("dbt_project.yml:9", "+dbt-osmosis"),
                       ("models/stg.sql", "time_column"),
                       ("models/schema.yml:4", "osmosis_path")):
        assert (f"warning: {where}: `{key}` is not a config key of dbt's or datanet's: kept as "
                "the project's own config") in result.output, (key, result.output)
    assert "Did you mean 'sort'?" in result.output  # `start` may be a typo of `sort`


def test_a_folder_or_package_named_with_nothing_under_it_is_no_config_key(
        tmp_path: Path) -> None:
    """godatadriven/dbt-bouncer writes `models: {internal_package: }` (a package's folder
    config, empty): dbt reads a folder there, so no warning about a config key. A known key
    left empty is still config: `+tags:` with nothing is refused, as dbt refuses it (it was
    a traceback)."""
    root = dbt_project(tmp_path / "p", {"models/m.sql": "select 1 as id"},
                       {"models": {"internal_package": None}})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "internal_package" not in result.output
    root = dbt_project(tmp_path / "q", {"models/m.sql": "select 1 as id"},
                       {"models": {"shop": {"+tags": None}}})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "dbt_project.yml:7: tags None is not a tag or a list of tags" in result.output
    assert "Traceback" not in result.output


def test_jinja_in_folder_config_is_rendered_per_target(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES, PROJECT)
    assert datanet("build", "--project-dir", root).exit_code == 0
    assert _rows(root, "select table_type from information_schema.tables "
                       "where table_name = 'after_daily'") == [("VIEW",)]
    root = dbt_project(tmp_path / "q", FILES, {"models": {"shop": {
        "+materialized": "{{ 'tabel' if target.name == 'dev' else 'view' }}"}}})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code != 0
    assert "materialized 'tabel' is neither datanet's own (view, table, incremental, " \
           "ephemeral, external) nor a" in result.output, result.output
    assert "Did you mean 'table'?" in result.output
    assert "Traceback" not in result.output
    root = dbt_project(tmp_path / "r", FILES, {"models": {"shop": {
        "+materialized": "{{ 'view' if target.name == "}}})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "model stg: <config 'materialized'>:1: Jinja syntax error" in result.output


def test_a_custom_incremental_strategy_builds_once_then_fails_alone(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    first = datanet("build", "--project-dir", root)
    assert first.exit_code == 0, first.output
    assert "warning: models/daily.sql: incremental_strategy 'by_time_range' is not one of " \
           "append, merge, delete+insert: the first build creates the table in full; an " \
           "incremental run of it fails" in first.output
    second = datanet("build", "--project-dir", root)
    assert second.exit_code != 0
    assert "ERROR model daily: models/daily.sql: incremental_strategy 'by_time_range' is not " \
           "one datanet runs (append, merge, delete+insert); the table is kept as it was" \
           in second.output, second.output
    assert "--full-refresh -s daily" in second.output
    assert _rows(root, "select id, ds::varchar from daily") == [(1, "2024-01-01")]  # kept
    assert _rows(root, "select version from orders_v2") == [("v2",)]  # built in the 2nd run
    assert datanet("build", "--project-dir", root, "--full-refresh").exit_code == 0


def test_the_latest_version_may_live_in_the_models_own_file(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {**FILES, "models/reader.sql":
                                        "select version from {{ ref('orders') }}"})
    result = datanet("build", "--project-dir", root, "-s", "+reader", "orders_v1")
    assert result.exit_code == 0, result.output
    assert _rows(root, "select version from reader") == [("v2",)]
    assert _rows(root, "select version from orders_v1") == [("v1",)]
    # without the unsuffixed file, the latest version's own file is still asked for
    (root / "models" / "orders.sql").unlink()
    result = datanet("compile", "--project-dir", root)
    assert "model 'orders' version 2 has no file orders_v2.sql" in result.output


def test_select_and_exclude_take_several_values_as_in_dbt(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    result = datanet("ls", "--project-dir", root, "--output", "name", "-s", "stg", "daily",
                     "orders_v1", "--exclude", "daily", "orders_v1", "-s", "after_daily")
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if not line.startswith("warning")] \
        == ["stg", "after_daily"]


COLUMN_KEYS = {
    "models/checked.sql":
        "select 1 as id, '{{ model.columns['id'].assertions.id_positive.expression }}' as rule",
    "models/schema.yml": "version: 2\nmodels:\n  - name: checked\n    columns:\n"
                         "      - name: id\n        assertions:\n"
                         "          id_positive: {expression: id > 0}\n",
}


def test_a_packages_own_column_key_is_kept_for_its_macros_and_warned_about(
        tmp_path: Path) -> None:
    """dbt-assertions (fourth held-out set) writes `assertions:` on a column and reads it from
    `model.columns`: dbt 1.9 keeps the key; datanet refused the file."""
    root = dbt_project(tmp_path / "p", COLUMN_KEYS)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "select rule from checked") == [("id > 0",)]
    assert ("warning: models/schema.yml:6: `assertions` of column 'id' is not a column key of "
            "dbt's or datanet's: kept for the project's macros") in result.output


def test_a_column_key_within_a_typo_is_refused_even_in_a_dbt_project(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": "select 1 as id",
        "models/schema.yml": "models:\n  - name: m\n    columns:\n      - name: id\n"
                             "        data_typ: int\n"})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert ("models/schema.yml:5: model 'm': unknown key 'data_typ' in models.0.columns.0. "
            "Did you mean 'data_type'") in result.output
