"""dbt's selection syntax over a compiled manifest, and `datanet ls` (names, JSON, columns)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compile_helpers import FIXTURES, assert_cli_error, copy_project, run_cli

from datanet_sql.compile.pipeline import compile_project
from datanet_sql.errors import SelectionError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.selection import select_nodes

STAGING = {"stg_customers", "stg_orders", "stg_payments", "stg_customer_notes"}
SEEDS = {"raw_customers", "raw_orders", "raw_payments"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(FIXTURES / "dbt_shop", tmp_path_factory.mktemp("sel") / "dbt_shop")


@pytest.fixture(scope="module")
def manifest(project: Path) -> Manifest:
    return compile_project(project, write=False)[0]


def names(manifest: Manifest, select: list[str], exclude: list[str] | None = None,
          kinds: tuple[str, ...] = ("model", "seed", "source")) -> set[str]:
    chosen = select_nodes(manifest, select, exclude)
    return {manifest.nodes[u].name for u in chosen if manifest.nodes[u].kind in kinds}


@pytest.mark.parametrize("select, exclude, expected", [
    (["customers"], None, {"customers"}),
    (["+customers"], None, {"customers", *STAGING, *SEEDS, "crm.customer_notes"}),
    (["1+customers"], None, {"customers", *STAGING}),
    (["stg_orders+"], None, {"stg_orders", "orders", "customers", "order_events"}),
    (["stg_payments+1"], None, {"stg_payments", "orders", "customers"}),
    (["+stg_payments+"], None, {"raw_payments", "stg_payments", "orders", "customers"}),
    (["tag:marts"], None, {"customers", "orders", "order_events"}),
    (["tag:incremental"], None, {"order_events"}),
    (["path:models/staging"], None, STAGING),
    (["path:models/marts/orders.sql"], None, {"orders"}),
    (["stg_*"], None, STAGING),
    (["source:crm"], None, {"crm.customer_notes"}),
    (["resource_type:seed"], None, SEEDS),
    (["stg_orders stg_payments"], None, {"stg_orders", "stg_payments"}),       # union
    (["stg_orders", "customers"], None, {"stg_orders", "customers"}),           # union
    (["tag:marts,+customers"], None, {"customers"}),                            # intersection
    (["path:models/marts,tag:incremental"], None, {"order_events"}),
    (["path:models/marts"], ["orders"], {"customers", "order_events"}),         # --exclude
    (["+customers"], ["resource_type:seed", "source:crm"], {"customers", *STAGING}),
    ([], ["path:models/marts", "resource_type:seed"],
     {*STAGING, "crm.customer_notes"}),                                          # all but
])
def test_selection(manifest: Manifest, select: list[str], exclude: list[str] | None,
                   expected: set[str]) -> None:
    assert names(manifest, select, exclude) == expected


def test_descendants_include_attached_tests(manifest: Manifest) -> None:
    tests = names(manifest, ["stg_orders+"], kinds=("test",))
    assert {"unique_stg_orders_order_id",
            "accepted_values_stg_orders_status__placed__shipped__completed__return_pending__"
            "returned", "relationships_orders_customer_id__customer_id__ref_customers_"} <= tests
    assert "unique_stg_payments_payment_id" not in tests


def test_test_type_selector(manifest: Manifest) -> None:
    singular = names(manifest, ["test_type:singular"], kinds=("test",))
    assert singular == {"assert_positive_total_for_payments"}


def test_selector_matching_nothing_suggests(manifest: Manifest) -> None:
    with pytest.raises(SelectionError, match="the selector 'custmers' matches nothing. "
                                             "Did you mean 'customers'?"):
        select_nodes(manifest, ["custmers"])
    with pytest.raises(SelectionError, match="unknown selector method 'colour'"):
        select_nodes(manifest, ["colour:red"])


def test_ls_names_with_selection_and_exclude(project: Path) -> None:
    result = run_cli("ls", "--project-dir", project, "--select", "+orders", "--exclude",
                     "resource_type:seed", "--resource-type", "model", "--output", "name")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["stg_orders", "stg_payments", "orders"] or \
        set(result.stdout.split()) == {"stg_orders", "stg_payments", "orders"}


def test_ls_bad_selector_is_an_error(project: Path) -> None:
    assert_cli_error(run_cli("ls", "--project-dir", project, "-s", "custmers"),
                     "Error: the selector 'custmers' matches nothing. Did you mean 'customers'")


def test_ls_json(project: Path) -> None:
    result = run_cli("ls", "--project-dir", project, "-s", "orders", "--output", "json",
                     "--indirect-selection", "empty")  # the model alone, not its tests
    assert result.exit_code == 0, result.output
    (node,) = json.loads(result.stdout)
    assert node["unique_id"] == "model.orders"
    assert node["resource_type"] == "model"
    assert node["config"]["materialized"] == "table"
    assert node["config"]["tags"] == ["marts"]
    assert node["depends_on"] == ["model.stg_orders", "model.stg_payments"]
    assert node["relation"] == "main.orders"
    assert list(node["columns"]) == ["order_id", "customer_id", "order_date", "status",
                                     "credit_card_amount", "coupon_amount",
                                     "bank_transfer_amount", "gift_card_amount", "amount"]
    assert node["columns"]["order_date"]["type"] == "DATE"  # from the seed's column_types
    assert node["columns"]["amount"]["lineage"] == ["model.stg_payments.amount"]


def test_ls_columns(project: Path) -> None:
    result = run_cli("ls", "--project-dir", project, "-s", "stg_orders", "--columns")
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header == ["node", "column", "type", "semantic", "pii", "lineage"]
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        ("stg_orders", "order_id", "BIGINT", "seed.raw_orders.id"),
        ("stg_orders", "customer_id", "BIGINT", "seed.raw_orders.user_id"),
        ("stg_orders", "order_date", "DATE", "seed.raw_orders.order_date"),
        ("stg_orders", "status", "VARCHAR", "seed.raw_orders.status"),
    ]


def test_ls_default_table(project: Path) -> None:
    result = run_cli("ls", "--project-dir", project, "-s", "tag:marts", "--resource-type",
                     "model")  # without it, their tests too (dbt's eager indirect selection)
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0] == ["node", "kind", "materialized", "tags", "path"]
    assert sorted(lines[1:]) == [
        ["model.customers", "model", "table", "marts", "models/marts/customers.sql"],
        ["model.order_events", "model", "incremental", "marts, incremental",
         "models/marts/order_events.sql"],
        ["model.orders", "model", "table", "marts", "models/marts/orders.sql"],
    ]
