"""dbt's indirect selection (eager, cautious, buildable, empty: flag, env var, selectors.yml)
and the `version:`, `access:`, `group:` and `exposure:` selector methods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dbt_project_helpers import datanet, dbt_project

from datanet_sql.compile.pipeline import compile_project
from datanet_sql.errors import SelectionError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.selection import select_nodes

FILES = {
    "models/base.sql": "select 1 as id",
    "models/orders.sql": "select id, id as customer_id from {{ ref('base') }}",
    "models/customers.sql": "select id as customer_id from {{ ref('base') }}",
    "models/schema.yml": {"models": [
        {"name": "orders", "columns": [
            {"name": "id", "data_tests": [
                "not_null",
                {"relationships": {"to": "ref('base')", "field": "id"}}]},
            {"name": "customer_id", "data_tests": [
                {"relationships": {"to": "ref('customers')", "field": "customer_id"}}]}]},
        {"name": "customers", "columns": [{"name": "customer_id", "data_tests": ["unique"]}]}]},
    "selectors.yml": {"selectors": [
        {"name": "orders_cautious", "definition": {
            "method": "fqn", "value": "orders", "indirect_selection": "cautious"}}]},
}
ORDERS_OWN = {"not_null_orders_id"}
TO_BASE = "relationships_orders_id__id__ref_base_"
TO_CUSTOMERS = "relationships_orders_customer_id__customer_id__ref_customers_"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dbt_project(tmp_path_factory.mktemp("indirect") / "p", FILES)


@pytest.fixture(scope="module")
def manifest(root: Path) -> Manifest:
    return compile_project(root, write=False)[0]


def taken(manifest: Manifest, select: list[str], mode: str,
             exclude: list[str] | None = None) -> set[str]:
    return {manifest.nodes[u].name for u in select_nodes(manifest, select, exclude, indirect=mode)
            if manifest.nodes[u].kind == "test"}


@pytest.mark.parametrize("mode, expected", [
    ("eager", ORDERS_OWN | {TO_BASE, TO_CUSTOMERS}),   # any parent selected
    ("cautious", ORDERS_OWN),                          # every parent selected
    ("buildable", ORDERS_OWN | {TO_BASE}),             # every parent selected or upstream
    ("empty", set()),
])
def test_each_mode_takes_the_tests_dbt_takes(manifest: Manifest, mode: str,
                                             expected: set[str]) -> None:
    assert taken(manifest, ["orders"], mode) == expected


def test_cautious_takes_a_test_once_all_its_parents_are_selected(manifest: Manifest) -> None:
    assert taken(manifest, ["orders customers"], "cautious") == \
        ORDERS_OWN | {TO_CUSTOMERS, "unique_customers_customer_id"}
    assert taken(manifest, ["orders", "customers"], "cautious") == \
        ORDERS_OWN | {TO_CUSTOMERS, "unique_customers_customer_id"}
    # excluding customers takes out the test reading it, whatever the mode
    assert taken(manifest, ["orders customers"], "cautious", ["customers"]) == ORDERS_OWN
    assert taken(manifest, ["orders"], "eager", ["customers"]) == ORDERS_OWN | {TO_BASE}


def test_a_selector_criterion_sets_its_own_mode(manifest: Manifest) -> None:
    assert taken(manifest, ["selector:orders_cautious"], "eager") == ORDERS_OWN


def test_build_with_the_flag_and_test_with_the_env_var(root: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    result = datanet(root, "build", "-s", "+orders", "--indirect-selection", "cautious")
    assert result.exit_code == 0, result.output
    ran = {r["unique_id"] for r in json.loads(
        (root / "target" / "run_results.json").read_text())["results"]}
    assert {u.split(".")[2] for u in ran if u.startswith("test.")} == ORDERS_OWN | {TO_BASE}
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "empty")
    result = datanet(root, "test", "-s", "orders")
    assert result.exit_code == 0, result.output
    assert json.loads((root / "target" / "run_results.json").read_text())["results"] == []
    result = datanet(root, "ls", "-s", "orders", "--output", "name")
    assert result.output.split() == ["orders"]


def test_a_bad_mode_is_refused(root: Path) -> None:
    result = datanet(root, "test", "--indirect-selection", "lazy")
    assert result.exit_code == 2 and "'lazy' is not one of" in result.output
    bad = dbt_project(root.parent / "bad", {**FILES, "selectors.yml": {"selectors": [
        {"name": "s", "definition": {"method": "tag", "value": "x",
                                     "indirect_selection": "lazy"}}]}})
    result = datanet(bad, "ls")
    assert result.exit_code == 1
    assert "selectors.yml:6" in result.output and \
        "indirect_selection 'lazy' is not one of eager, cautious, buildable, empty" in result.output


GOVERNED = {
    "models/dim.yml": {
        "groups": [{"name": "finance", "owner": {"name": "F"}}],
        "models": [{"name": "dim", "latest_version": 2,
                    "config": {"group": "finance", "access": "public"},
                    "versions": [{"v": 1}, {"v": 2}, {"v": 3}]},
                   {"name": "secret", "config": {"group": "finance", "access": "private"}}],
        "exposures": [{"name": "weekly", "type": "dashboard", "owner": {"name": "F"},
                       "depends_on": ["ref('report')"]}]},
    "models/dim_v1.sql": "select 1 as id",
    "models/dim_v2.sql": "select 2 as id",
    "models/dim_v3.sql": "select 3 as id",
    "models/secret.sql": "select 1 as id",
    "models/report.sql": "select id from {{ ref('dim') }}",
}


@pytest.fixture(scope="module")
def governed(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    root = dbt_project(tmp_path_factory.mktemp("governed") / "p", GOVERNED)
    return compile_project(root, write=False)[0]


@pytest.mark.parametrize("select, expected", [
    ("version:latest", {"dim_v2"}),
    ("version:prerelease", {"dim_v3"}),
    ("version:old", {"dim_v1"}),
    ("version:none", {"secret", "report"}),
    ("access:public", {"dim_v1", "dim_v2", "dim_v3"}),
    ("access:private", {"secret"}),
    ("access:protected", {"report"}),
    ("group:finance", {"dim_v1", "dim_v2", "dim_v3", "secret"}),
    ("group:fin*", {"dim_v1", "dim_v2", "dim_v3", "secret"}),
    ("+exposure:weekly", {"report", "dim_v2"}),
    ("1+exposure:weekly", {"report"}),
    ("exposure:weekly", set()),  # the exposure itself: nothing to run
])
def test_version_access_group_and_exposure_methods(governed: Manifest, select: str,
                                                   expected: set[str]) -> None:
    chosen = select_nodes(governed, [select])
    assert {governed.nodes[u].name for u in chosen} == expected


@pytest.mark.parametrize("select, message", [
    ("version:lastest", "unknown version selector 'lastest'. Did you mean 'latest'"),
    ("access:secret", "unknown access 'secret'"),
    ("exposure:weakly", ("the selector 'exposure:weakly' matches nothing. Did you mean "
                         "'weekly'")),
    ("source_status:fresher", "the selector method 'source_status:' is not supported"),
    ("state:modified", "the selector 'state:modified' compares with a previous run"),
])
def test_bad_or_unsupported_methods_say_so(governed: Manifest, select: str,
                                           message: str) -> None:
    with pytest.raises(SelectionError, match=message.replace("(", r"\(")):
        select_nodes(governed, [select])


def test_the_project_flag_is_the_default_and_other_flags_warn(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    project = (root / "dbt_project.yml").read_text()
    (root / "dbt_project.yml").write_text(project + "flags:\n  indirect_selection: cautious\n"
                                                    "  send_anonymous_usage_stats: false\n"
                                                    "  fail_fast: true\n")
    result = datanet(root, "ls", "-s", "orders", "--output", "name")
    assert result.exit_code == 0, result.output
    assert set(result.stdout.split()) == {"orders", *ORDERS_OWN}
    assert "dbt_project.yml:7: flag 'fail_fast' has no effect in datanet" in result.stderr
    assert "send_anonymous_usage_stats" not in result.stderr
    result = datanet(root, "ls", "-s", "orders", "--output", "name",
                     "--indirect-selection", "eager")  # the command's option wins
    assert TO_CUSTOMERS in result.stdout.split()
    (root / "dbt_project.yml").write_text(project + "flags:\n  indirect_selection: lazy\n")
    result = datanet(root, "ls")
    assert result.exit_code == 1
    assert "dbt_project.yml:5: flags: indirect_selection 'lazy' is not one of" in result.output
