"""Model versions: one relation per version, ref() pinned or latest, wrong versions refused."""

from __future__ import annotations

import json
from pathlib import Path

from dbt_project_helpers import datanet, dbt_project, rows

VERSIONED = {
    "models/dim.yml": {"models": [{
        "name": "dim", "latest_version": 2,
        "columns": [{"name": "id", "data_tests": ["not_null"]}, {"name": "label"}],
        "versions": [{"v": 1, "columns": [{"include": "all", "exclude": ["label"]}]},
                     {"v": 2, "config": {"materialized": "table"}},
                     {"v": 3, "defined_in": "dim_next", "deprecation_date": "2020-01-01"}]}]},
    "models/dim_v1.sql": "select 1 as id",
    "models/dim_v2.sql": "select 2 as id, 'two' as label",
    "models/dim_next.sql": "select 3 as id, 'three' as label",
    "models/pinned.sql": "select id from {{ ref('dim', v=1) }}",
    "models/pinned_kw.sql": "select id from {{ ref('dim', version='3') }}",
    "models/latest.sql": "select id, label from {{ ref('dim') }}",
    "models/latest.yml": {"models": [{"name": "latest", "columns": [
        {"name": "id", "data_tests": [{"relationships": {"to": "ref('dim')", "field": "id"}}]}]}]},
}


def test_each_version_is_its_own_relation_and_refs_read_the_pinned_or_latest(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", VERSIONED)
    result = datanet(root, "build")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.dim_v1") == [(1,)]
    assert rows(root, "select * from main.dim_v2") == [(2, "two")]
    assert rows(root, "select * from main.dim_v3") == [(3, "three")]
    assert rows(root, "select * from main.pinned") == [(1,)]
    assert rows(root, "select * from main.pinned_kw") == [(3,)]
    assert rows(root, "select * from main.latest") == [(2, "two")]  # latest_version: 2
    assert rows(root, "select table_type from information_schema.tables "
                      "where table_name = 'dim_v2'") == [("BASE TABLE",)]
    assert not rows(root, "select * from information_schema.tables where table_name = 'dim'")
    assert "model 'dim_v3' is deprecated since 2020-01-01" in result.output
    assert "models/pinned_kw.sql: model 'pinned_kw' reads 'dim_v3', deprecated since " \
        "2020-01-01" in result.output


def test_version_columns_follow_include_and_exclude(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", VERSIONED)
    result = datanet(root, "ls", "--resource-type", "test", "--output", "name")
    assert result.exit_code == 0, result.output
    tests = result.output.split()
    assert "not_null_dim_v1_id" in tests and "not_null_dim_v2_id" in tests
    assert "relationships_latest_id__id__ref_dim_" in tests  # to: ref("dim") reads the latest, v2


def test_a_ref_to_a_missing_version_names_file_and_line(tmp_path: Path) -> None:
    files = {**VERSIONED, "models/pinned.sql": "select 1 as x\n-- next\n"
                                               "from {{ ref('dim', v=7) }}"}
    root = dbt_project(tmp_path / "p", files)
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert "models/pinned.sql:3" in result.output
    assert "model 'dim' has no version 7 (versions: 1, 2, 3)" in result.output
    assert "Traceback" not in result.output
    assert rows(root, "select * from main.latest") == [(2, "two")]  # the others still build


def test_a_version_without_its_file_names_the_yaml(tmp_path: Path) -> None:
    files = {k: v for k, v in VERSIONED.items() if k != "models/dim_next.sql"}
    result = datanet(dbt_project(tmp_path / "p", files), "compile")
    assert result.exit_code == 1
    assert "models/dim.yml:2" in result.output and "dim_next.sql" in result.output


def test_unpinned_ref_reads_the_highest_version_without_latest_version(tmp_path: Path) -> None:
    files = {"models/m.yml": {"models": [{"name": "m", "versions": [{"v": 1}, {"v": 2}]}]},
             "models/m_v1.sql": "select 1 as v", "models/m_v2.sql": "select 2 as v",
             "models/reader.sql": "select v from {{ ref('m') }}"}
    root = dbt_project(tmp_path / "p", files)
    assert datanet(root, "build").exit_code == 0
    assert rows(root, "select * from main.reader") == [(2,)]


def test_the_dbt_artifacts_name_versions_as_dbt_does(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", VERSIONED)
    assert datanet(root, "build").exit_code == 0
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    node = manifest["nodes"]["model.p.dim.v2"]
    assert (node["name"], node["version"], node["latest_version"], node["alias"]) == \
        ("dim", 2, 2, "dim_v2")  # the YAML's scalars (`v: 2`), as dbt writes them
    assert node["fqn"] == ["p", "dim", "v2"]
    assert manifest["nodes"]["model.p.pinned"]["depends_on"]["nodes"] == ["model.p.dim.v1"]
    assert manifest["nodes"]["model.p.pinned"]["refs"] == \
        [{"name": "dim", "package": None, "version": 1}]
    results = json.loads((root / "target" / "run_results.json").read_text())
    assert "model.p.dim.v3" in {r["unique_id"] for r in results["results"]}


def test_tests_of_each_version_have_dbts_ids(tmp_path: Path) -> None:
    """dbt hashes a version's test with `ref('orders', version='1')` as its model argument:
    the ids below are those dbt-core 1.9 gives this YAML (found on godatadriven/dbt-bouncer's
    `customers` versions)."""
    root = dbt_project(tmp_path / "p", {
        "models/orders_v1.sql": "select 1 as id",
        "models/orders_v2.sql": "select 1 as id, 2 as x",
        "models/orders.yml": {"models": [{
            "name": "orders", "latest_version": 2,
            "columns": [{"name": "id", "tests": ["unique"]}],
            "versions": [{"v": 1}, {"v": 2, "columns": [
                {"include": "all"}, {"name": "x", "tests": ["not_null"]}]}]}]}})
    assert datanet(root, "build").exit_code == 0
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    assert {r["unique_id"] for r in results if r["unique_id"].startswith("test.")} == {
        "test.p.unique_orders_v1_id.4f8f74f68f", "test.p.unique_orders_v2_id.677958d3ed",
        "test.p.not_null_orders_v2_x.52a0ec2b0d"}
