"""`state:modified+` follows changed columns: a child reading only unchanged columns is left
out, `--state-children all` is dbt's every-descendant behaviour, `ls --explain` says why."""

from __future__ import annotations

import pytest

from .helpers import cli_run, edit, project, save_state


@pytest.fixture()
def changed(tmp_path):
    """The project compiled once (the state), then stg_orders' amount recomputed."""
    root = project(tmp_path / "p")
    assert cli_run("compile", "--project-dir", str(root)).exit_code == 0
    state = save_state(root, tmp_path / "state")
    edit(root, "models/stg_orders.sql", "select id, customer_id, amount * 100 as amount, status "
                                        "from {{ source('raw', 'orders') }}")
    return root, state


def _names(root, state, *extra):
    result = cli_run("ls", "--project-dir", str(root), "-s", "state:modified+", "--state",
                     str(state), "--output", "name", *extra)
    assert result.exit_code == 0, result.output
    return {line for line in result.output.splitlines() if not line.startswith("warning")}


def test_only_children_reading_a_changed_column(changed):
    root, state = changed
    assert _names(root, state) == {"stg_orders", "child_amount", "child_filter", "child_star",
                                   "grandchild"}


def test_all_children_as_dbt(changed):
    root, state = changed
    assert _names(root, state, "--state-children", "all") == {
        "stg_orders", "child_amount", "child_filter", "child_star", "grandchild",
        "child_status", "grand_status"}


def test_explain_says_why(changed):
    root, state = changed
    result = cli_run("ls", "--project-dir", str(root), "-s", "state:modified+", "--state",
                     str(state), "--explain")
    lines = {line.split("\t")[0]: line.split("\t")[2:] for line in result.output.splitlines()}
    assert lines["stg_orders"] == ["in", "modified (body): amount (expression)"]
    assert lines["child_amount"] == ["in", "reads stg_orders.amount"]
    assert lines["child_filter"] == ["in", "filters or joins on stg_orders.amount"]
    assert lines["child_star"] == ["in", "selects * (stg_orders changed amount)"]
    assert lines["child_status"] == ["out", "reads stg_orders.{id, status}; none changed"]


def test_a_dropped_column_is_breaking(changed):
    root, state = changed
    edit(root, "models/stg_orders.sql", "select id, customer_id, cast(amount as varchar) as "
                                        "amount from {{ source('raw', 'orders') }}")
    result = cli_run("compile", "--project-dir", str(root), "--state", str(state))
    assert "breaking change: stg_orders.status (removed) is read by child_status " \
           "(models/child_status.sql)" in result.output
    assert "breaking change: stg_orders.amount (type INTEGER -> VARCHAR) is read by " \
           "child_amount" in result.output.replace("BIGINT", "INTEGER")
    # the child that no longer compiles is still selected: it read the dropped column
    assert {"child_status", "grand_status"} <= _names(root, state)


def test_a_filter_edit_changes_every_column(tmp_path):
    root = project(tmp_path / "p")
    cli_run("compile", "--project-dir", str(root))
    state = save_state(root, tmp_path / "state")
    edit(root, "models/stg_orders.sql", "select id, customer_id, amount, status from "
                                        "{{ source('raw', 'orders') }} where id > 1")
    assert _names(root, state) == {"stg_orders", "child_amount", "child_filter", "child_star",
                                   "child_status", "grandchild", "grand_status"}
