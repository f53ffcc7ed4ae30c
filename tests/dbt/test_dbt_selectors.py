"""dbt's selection beyond the basics: `@`, `config.*:`, fqn/folder names, `package:`, `file:`,
and named selectors from selectors.yml (`--selector`, `default: true`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from datanet_sql.cli.main import cli
from datanet_sql.compile.pipeline import compile_project
from datanet_sql.errors import ConfigError, SelectionError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.selection import select_nodes

SHOP = Path(__file__).parents[1] / "fixtures" / "projects" / "dbt_shop"
STAGING = {"stg_customers", "stg_orders", "stg_payments", "stg_customer_notes"}
SEEDS = {"raw_customers", "raw_orders", "raw_payments"}
SELECTORS = {"selectors": [
    {"name": "marts_no_events", "description": "the marts but the incremental one",
     "definition": {"union": [{"method": "path", "value": "models/marts"},
                              {"exclude": [{"method": "config.materialized",
                                            "value": "incremental"}]}]}},
    {"name": "orders_upstream",
     "definition": {"method": "fqn", "value": "orders", "parents": True, "parents_depth": 1}},
    {"name": "staging_tables",
     "definition": {"intersection": ["staging", {"resource_type": "model"},
                                     {"method": "selector", "value": "everything_modelled"}]}},
    {"name": "everything_modelled", "default": True, "definition": "resource_type:model"},
    {"name": "all_but_staging",  # method/value beside `exclude:`, as octo_jaffle_shop writes it
     "definition": {"method": "fqn", "value": "*",
                    "exclude": ["staging", {"method": "resource_type", "value": "seed"}]}},
]}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("selectors") / "dbt_shop"
    shutil.copytree(SHOP, root)
    (root / "selectors.yml").write_text(yaml.safe_dump(SELECTORS, sort_keys=False))
    return root


@pytest.fixture(scope="module")
def manifest(project: Path) -> Manifest:
    return compile_project(project, write=False)[0]


def names(manifest: Manifest, select: list[str], exclude: list[str] | None = None) -> set[str]:
    return {manifest.nodes[u].name for u in select_nodes(manifest, select, exclude)
            if manifest.nodes[u].kind in ("model", "seed", "source")}


@pytest.mark.parametrize("select, expected", [
    (["@stg_payments"], {"stg_payments", "orders", "customers", "raw_payments",
                         *STAGING - {"stg_customer_notes"}, "raw_orders", "raw_customers",
                         "stg_customer_notes", "crm.customer_notes"}),
    (["config.materialized:table"], {"customers", "orders"}),
    (["config.materialized:incremental"], {"order_events"}),
    (["config.tags:marts"], {"customers", "orders", "order_events"}),
    (["staging"], STAGING),                          # a folder name: dbt's default fqn method
    (["fqn:dbt_shop.staging.stg_orders"], {"stg_orders"}),
    (["fqn:staging.stg_*"], STAGING),
    (["file:orders.sql"], {"orders"}),
    (["unique_id:model.customers"], {"customers"}),
    (["package:dbt_shop,resource_type:seed"], SEEDS),
    (["selector:orders_upstream"], {"orders", "stg_orders", "stg_payments"}),
])
def test_selection_methods(manifest: Manifest, select: list[str], expected: set[str]) -> None:
    assert names(manifest, select) == expected


def test_yaml_selectors_union_exclude_intersection_and_nesting(manifest: Manifest) -> None:
    assert names(manifest, ["selector:marts_no_events"]) == {"customers", "orders"}
    assert names(manifest, ["selector:staging_tables"]) == STAGING
    assert names(manifest, ["selector:all_but_staging"]) == names(
        manifest, ["fqn:*"], ["staging", "resource_type:seed"])
    assert names(manifest, ["selector:all_but_staging"]) & (STAGING | SEEDS) == set()


def test_the_default_selector_applies_when_nothing_is_selected(manifest: Manifest) -> None:
    chosen = select_nodes(manifest, [])
    assert {manifest.nodes[u].kind for u in chosen} == {"model"}
    assert names(manifest, ["resource_type:seed"]) == SEEDS  # an explicit selection wins


def test_unknown_selector_and_method_name_what_exists(manifest: Manifest) -> None:
    with pytest.raises(SelectionError, match="no selector named 'marts_no_event'.*"
                                             "Did you mean .marts_no_events."):
        select_nodes(manifest, ["selector:marts_no_event"])
    with pytest.raises(SelectionError, match="unknown selector method .tagg..*Did you mean "
                                             "'tag'"):
        select_nodes(manifest, ["tagg:x"])
    with pytest.raises(SelectionError, match="cannot read the selector '@\\+orders'"):
        select_nodes(manifest, ["@+orders"])


def _with_selectors(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "dbt_shop"
    shutil.copytree(SHOP, root)
    (root / "selectors.yml").write_text(text)
    return root


@pytest.mark.parametrize("text, message, line", [
    ("selectors:\n  - name: a\n    definition:\n      method: tag\n      vaule: x\n",
     "selector 'a': unknown key 'vaule'. Did you mean 'value'", 5),
    (("selectors:\n  - name: a\n    definition:\n      method: tag\n      value: x\n"
     "      exclude: 'tag:y'\n"), "selector 'a': `exclude:` takes a list of definitions", 6),
    ("selectors:\n  - name: a\n    definition:\n      tag: x\n      exclude: ['tag:y']\n",
     "`exclude:` stands alone in its mapping or sits beside `method:`", 4),
    (("selectors:\n  - name: a\n    definition: 'selector:b'\n"
     "  - name: b\n    definition: {method: selector, value: a}\n"),
     "cycle: a -> b -> a", 2),
    ("selectors:\n  - name: a\n    defintion: 'tag:x'\n",
     "unknown key 'defintion' in selector 'a'. Did you mean 'definition'", 2),
    (("selectors:\n  - {name: a, default: true, definition: x}\n"
     "  - {name: b, default: true, definition: y}\n"), "more than one default selector", None),
])
def test_a_broken_selectors_file_is_an_error_at_its_line(tmp_path: Path, text: str,
                                                          message: str, line: int | None) -> None:
    with pytest.raises(ConfigError) as caught:
        compile_project(_with_selectors(tmp_path, text), write=False)
    assert caught.value.file == "selectors.yml"
    assert message.lower() in caught.value.message.lower()
    assert caught.value.line == line


def test_run_and_ls_with_a_selector_take_only_its_nodes(project: Path) -> None:
    runner = CliRunner()
    seeded = runner.invoke(cli, ["seed", "--project-dir", str(project), "-s", "resource_type:seed"])
    assert seeded.exit_code == 0, seeded.output  # (the default selector would seed nothing)
    result = runner.invoke(cli, ["run", "--project-dir", str(project),
                                 "--selector", "orders_upstream"])
    assert result.exit_code == 0, result.output
    built = [line.split()[3] for line in result.output.splitlines() if " OK " in line]
    assert sorted(built) == ["orders", "stg_orders", "stg_payments"]
    listed = runner.invoke(cli, ["ls", "--project-dir", str(project),
                                 "--selector", "marts_no_events"])
    assert listed.exit_code == 0, listed.output
    assert "customers" in listed.output and "order_events" not in listed.output
    both = runner.invoke(cli, ["run", "--project-dir", str(project), "--selector", "x",
                               "--select", "orders"])
    assert both.exit_code == 2 and "cannot be combined" in both.output


def test_package_selects_the_nodes_of_that_package_only(tmp_path: Path) -> None:
    """godatadriven/dbt-bouncer's default selector is `package: <the project>`, which leaves
    out its installed packages' models (`dbt build` there builds none of them)."""
    root = tmp_path / "p"
    files = {
        "dbt_project.yml": "name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\n",
        "profiles.yml": yaml.safe_dump({"shop": {"target": "dev", "outputs": {"dev": {
            "type": "duckdb", "path": str(root / "wh.duckdb"), "threads": 1}}}}),
        "models/mine.sql": "select 1 as id",
        "dbt_packages/ads/dbt_project.yml": "name: ads\nversion: '1.0'\nconfig-version: 2\n",
        "dbt_packages/ads/models/ads_report.sql": "select 2 as id",
        "selectors.yml": yaml.safe_dump({"selectors": [{
            "name": "own", "default": True,
            "definition": {"method": "package", "value": "shop"}}]})}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    manifest = compile_project(root, write=False)[0]
    assert names(manifest, []) == {"mine"}  # the default selector
    assert names(manifest, ["package:ads"]) == {"ads_report"}
    assert names(manifest, ["package:this"]) == {"mine"}
