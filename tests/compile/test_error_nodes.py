"""Compile errors as error nodes (issue 12 item 13): a model that does not compile is reported
with its file and line, what reads it is skipped, everything else compiles, runs and can be
shown; `compile` lists every error. Project-level errors still stop everything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from compile_helpers import assert_cli_error, run_cli, write_project

GOOD = "select order_id, amount from {{ source('raw', 'orders') }}\n"
BROKEN = {
    "models/bad_sql.sql": "select order_id,\n  amount +* 2 as x\n"
                          "from {{ source('raw', 'orders') }}\n",
    "models/bad_col.sql": "select order_id,\n  amout\nfrom {{ source('raw', 'orders') }}\n",
    "models/bad_ref.sql": "select *\nfrom {{ ref('stg_order') }}\n",
    "models/bad_jinja.sql": "select order_id\nfrom {{ source('raw', 'orders') }}\n"
                            "where amount > {{ var('min_amont') }}\n",
    "models/bad_from.yml": "models:\n  - name: bad_from\n    from: ref('nope')\n",
}
FIXED = {"models/bad_sql.sql": GOOD, "models/bad_col.sql": GOOD, "models/bad_jinja.sql": GOOD,
         "models/bad_ref.sql": "select * from {{ ref('stg_orders') }}\n",
         "models/bad_from.yml": "models:\n  - name: bad_from\n    from: ref('stg_orders')\n"}
OTHERS = {
    "models/stg_orders.sql": GOOD,
    "models/big_orders.sql": "select * from {{ ref('stg_orders') }} where amount > 5\n",
    "models/child.sql": "select * from {{ ref('bad_col') }}\n",
    "models/grandchild.sql": "select * from {{ ref('child') }}\n",
    "models/schema.yml": """
        models:
          - name: stg_orders
            columns:
              - name: order_id
                tests: [unique]
          - name: bad_col
            config: {materialized: table}
            columns:
              - name: order_id
                tests: [not_null]
        """,
}
BROKEN_NAMES = ["bad_sql", "bad_col", "bad_ref", "bad_jinja", "bad_from"]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", {**OTHERS, **BROKEN})


def statuses(root: Path, *args: str) -> tuple[dict[str, str], str]:
    """`datanet ARGS` -> {node: status} from run_results.json, and stderr."""
    result = run_cli(*args, "--project-dir", root, "--threads", "1")
    assert "Traceback" not in result.output and not isinstance(result.exception, KeyError)
    data = json.loads((root / ".datanet" / "run_results.json").read_text())
    return {r["name"]: r["status"] for r in data["results"]}, result.stderr


def rows(root: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_compile_lists_every_error_with_file_line_and_model(broken: Path) -> None:
    err = assert_cli_error(run_cli("compile", "--project-dir", broken),
                           "Error: 5 nodes did not compile:",
                           "model bad_sql: models/bad_sql.sql:2: SQL syntax error",
                           "model bad_col: models/bad_col.sql:2: model 'bad_col' reads column "
                           "'amout', which does not exist upstream. Did you mean 'amount'?",
                           "model bad_ref: models/bad_ref.sql:2: model 'bad_ref' reads "
                           "ref('stg_order'), which does not exist. Did you mean 'stg_orders'",
                           "model bad_jinja: models/bad_jinja.sql:3: var('min_amont') is not "
                           "defined.",
                           "model bad_from: models/bad_from.yml:2: model 'bad_from' reads "
                           "ref('nope'), which does not exist.",
                           "3 nodes reading them are skipped: child, grandchild, "
                           "not_null_bad_col_order_id")
    assert "test not_null_bad_col_order_id:" not in err  # skipped with its model, no error
    compiled = broken / ".datanet" / "compiled" / "dev"
    assert (compiled / "stg_orders.sql").exists() and (compiled / "big_orders.sql").exists()
    assert not (compiled / "bad_sql.sql").exists() and not (compiled / "child.sql").exists()


def test_a_syntax_error_below_a_failed_model_is_listed_too(tmp_path: Path) -> None:
    """A model is parsed when it is analysed (a forked worker may do it); one whose parent
    failed is never analysed, and its own syntax error is still listed, not hidden."""
    root = write_project(tmp_path / "p", {**OTHERS, **BROKEN,
                                         "models/child.sql": "select order_id +* 2 from "
                                                             "{{ ref('bad_col') }}\n"})
    assert_cli_error(run_cli("compile", "--project-dir", root),
                     "Error: 6 nodes did not compile:",
                     "model child: models/child.sql:1: SQL syntax error",
                     "model bad_col: models/bad_col.sql:2:")


def test_run_builds_everything_else_and_keeps_what_was_built(broken: Path) -> None:
    for rel, text in FIXED.items():
        (broken / rel).write_text(text)
    assert statuses(broken, "run")[0] == dict.fromkeys(
        ["stg_orders", "big_orders", "raw.orders", "child", "grandchild", *BROKEN_NAMES],
        "success")
    for rel, text in BROKEN.items():
        (broken / rel).write_text(text)
    got, err = statuses(broken, "run")
    assert {name: got[name] for name in BROKEN_NAMES} == dict.fromkeys(BROKEN_NAMES, "error")
    assert (got["child"], got["grandchild"]) == ("skipped", "skipped")
    assert (got["stg_orders"], got["big_orders"]) == ("success", "success")
    assert "Error: run failed: " in err and "skipped: child, grandchild" in err
    assert rows(broken, "select count(*) from main.bad_col") == [(2,)]  # the last good build
    assert rows(broken, "select count(*) from main.big_orders") == [(1,)]


def test_build_runs_the_tests_of_what_compiled(broken: Path) -> None:
    got, _ = statuses(broken, "build")
    assert got["unique_stg_orders_order_id"] == "pass"
    assert got["not_null_bad_col_order_id"] == "skipped"
    assert got["bad_col"] == "error" and got["big_orders"] == "success"


def test_show_works_for_other_models_and_explains_a_broken_one(broken: Path) -> None:
    run_cli("run", "--project-dir", broken)
    shown = run_cli("show", "big_orders", "--project-dir", broken, "--format", "csv")
    assert shown.exit_code == 0 and shown.stdout.splitlines() == ["order_id,amount", "1,10.5"]
    assert_cli_error(run_cli("show", "bad_col", "--project-dir", broken),
                     "Error: models/bad_col.sql:2: model 'bad_col' reads column 'amout'")
    assert_cli_error(run_cli("show", "child", "--project-dir", broken),
                     "'child' reads a model that did not compile")
    listed = run_cli("ls", "--project-dir", broken, "--output", "name")
    assert listed.exit_code == 0 and "bad_sql" in listed.stdout.split()
    assert "warning: 5 nodes did not compile (" in listed.stderr
    assert "): `datanet compile` lists why" in listed.stderr


@pytest.mark.parametrize("files, message", [
    ({"models/a.sql": "select * from {{ ref('b') }}\n",
      "models/b.sql": "select * from {{ ref('a') }}\n"}, "models depend on each other in a loop"),
    ({"datanet.yml": "name: t\ntarget: dev\nvars: {a: 1\n"}, "datanet.yml:"),
])
def test_project_level_errors_still_stop_everything(tmp_path: Path, files: dict[str, str],
                                                    message: str) -> None:
    root = write_project(tmp_path / "p", {"models/ok.sql": GOOD, **files})
    assert_cli_error(run_cli("run", "--project-dir", root), message)
    recorded = root / ".datanet" / "run_results.json"  # the run records its error, nothing ran
    assert not recorded.exists() or json.loads(recorded.read_text())["results"] == []
    assert_cli_error(run_cli("compile", "--project-dir", root), message)


def test_a_single_error_reads_as_before(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/ok.sql": GOOD,
                                          "models/m.sql": BROKEN["models/bad_col.sql"]})
    err = assert_cli_error(run_cli("compile", "--project-dir", root),
                           "Error: models/m.sql:2: model 'm' reads column 'amout'")
    assert "did not compile" not in err


def test_compile_warnings_are_said_by_run_and_build_too(tmp_path: Path) -> None:
    """Issue 18 item 3: a YAML entry with no model and an ambiguous date column, said by every
    command that compiles, also when the analysis comes from the cache."""
    root = write_project(tmp_path / "p", {
        "data/customers.csv": "id,signup_date\n1,01/02/2024\n2,03/04/2024\n3,05/06/2024\n"
                              "4,07/08/2024\n5,n/a\n",
        "sources/crm.yml": "sources:\n  - name: crm\n    tables:\n      - name: customers\n"
                           "        path: data/customers.csv\n",
        "models/stg.yml": "models:\n  - name: stg_customers\n"
                          "    from: source('crm', 'customers')\n    cleanse: auto\n"
                          "  - name: ghost\n    description: no SQL file\n"})
    ghost = "warning: models/stg.yml:5: model 'ghost' is described but there is no"
    date = "model stg_customers, column signup_date: signup_date: ambiguous day/month order"
    for command in ("compile", "run", "build", "compile"):
        result = run_cli(command, "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert ghost in result.stderr and date in result.stderr, (command, result.stderr)
        assert result.stderr.count(ghost) == 1


def test_a_construct_the_target_cannot_express_fails_only_its_model(tmp_path: Path) -> None:
    """A PIVOT over a ref() builds on DuckDB (it was once dropped silently when the ref was
    resolved), and compiling it for Postgres is an error of that model alone."""
    root = write_project(tmp_path / "p", {
        "models/stg.sql": "select order_id, status, amount from {{ source('raw', 'orders') }}\n",
        "models/by_status.sql": "select * from {{ ref('stg') }}\n"
                                "pivot (sum(amount) for status in ('shipped', 'placed'))\n",
        "models/shipped.sql": "select order_id, shipped from {{ ref('by_status') }}\n"})
    assert run_cli("run", "--project-dir", root).exit_code == 0
    assert rows(root, "select * from main.by_status order by order_id") == [
        (1, 10.5, None), (2, None, 3.0)]
    shutil.rmtree(root / ".datanet" / "compiled")
    assert_cli_error(run_cli("compile", "--project-dir", root, "--dialect", "postgres"),
                     "Error: models/by_status.sql: model 'by_status' uses SQL that postgres "
                     "cannot express: PIVOT unsupported")
    compiled = root / ".datanet" / "compiled" / "postgres"
    assert (compiled / "stg.sql").exists() and not (compiled / "by_status.sql").exists()
    # found when it is written (emit), after its child was checked: the child compiles
    assert (compiled / "shipped.sql").exists()


def test_compile_select_lists_only_the_errors_of_the_selection(broken: Path) -> None:
    ok = run_cli("compile", "--project-dir", broken, "--select", "big_orders")
    assert ok.exit_code == 0 and "-- big_orders" in ok.stdout
    err = assert_cli_error(run_cli("compile", "--project-dir", broken, "--select", "bad_col+"),
                           "Error: models/bad_col.sql:2: model 'bad_col' reads column 'amout'")
    assert "bad_sql" not in err
    assert_cli_error(run_cli("compile", "--project-dir", broken, "--select", "bad_col+ bad_sql"),
                     "Error: 2 nodes did not compile:", "model bad_sql: models/bad_sql.sql:2",
                     "3 nodes reading them are skipped: child, grandchild, "
                     "not_null_bad_col_order_id")
