"""`datanet run`, `test`, `build`, `seed` and `show` through click's CliRunner: exit codes,
messages on stdout/stderr, no tracebacks, and `show` in every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """jaffle_shop, built once with `datanet build`."""
    root = tmp_path_factory.mktemp("cli") / "jaffle_shop"
    shutil.copytree(FIXTURES / "jaffle_shop", root, ignore=shutil.ignore_patterns(".datanet"))
    result = invoke("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    return root


def test_build_prints_progress_and_summary(shop: Path) -> None:
    result = invoke("build", "--project-dir", shop, "--threads", "2")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "OK    model customers created table, 12 rows" in out
    assert "PASS  test unique_orders_order_id pass" in out
    assert "build on dev in" in out and "success" in out and "pass" in out
    assert result.stderr == ""


def test_show_table(shop: Path) -> None:
    result = invoke("show", "customers", "--project-dir", shop, "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "customer_id" in result.stdout and "Michael" in result.stdout
    assert "Fred" not in result.stdout  # customer 11, past the limit


def test_show_csv(shop: Path) -> None:
    result = invoke("show", "orders", "--project-dir", shop, "--format", "csv", "--limit", "100")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 25
    assert list(rows[0]) == ["order_id", "customer_id", "order_date", "status",
                             "credit_card_amount", "coupon_amount", "bank_transfer_amount",
                             "gift_card_amount", "amount"]


def test_show_json_inline_with_ref(shop: Path) -> None:
    result = invoke("show", "--project-dir", shop, "--format", "json", "--inline",
                    "select status, count(*) as n from {{ ref('orders') }} "
                    "group by status order by status")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [row["status"] for row in data] == sorted(row["status"] for row in data)
    assert sum(row["n"] for row in data) == 25
    assert set(data[0]) == {"status", "n"}


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_show_output_file(shop: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    result = invoke("show", "stg_customers", "--project-dir", shop, "--format", fmt,
                    "--output", target, "--limit", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote 5 rows to {target}\n"
    text = target.read_text()
    if fmt == "json":
        assert json.loads(text)[0] == {"customer_id": 1, "first_name": "Michael",
                                       "last_name": "P."}
    else:  # table output to a file is written as CSV
        assert text.splitlines()[:2] == ["customer_id,first_name,last_name", "1,Michael,P."]


def test_show_unknown_model_is_an_error(shop: Path) -> None:
    result = invoke("show", "custmers", "--project-dir", shop)
    assert result.exit_code == 1
    assert "no model named 'custmers'" in result.stderr
    assert "customers" in result.stderr and "Traceback" not in result.output


def test_show_needs_a_model_or_inline(shop: Path) -> None:
    result = invoke("show", "--project-dir", shop)
    assert result.exit_code == 1 and "Error:" in result.stderr


def _broken_project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\ntarget: dev\n")
    (root / "models" / "ok.sql").write_text("select 1 as id")
    (root / "models" / "bad.sql").write_text("{{ config(materialized='table') }}\n"
                                             "select cast('abc' || id as integer) as id "
                                             "from {{ ref('ok') }}")
    (root / "models" / "after_bad.sql").write_text("select * from {{ ref('bad') }}")
    (root / "models" / "schema.yml").write_text(
        "models:\n  - name: ok\n    columns:\n      - name: id\n        tests:\n"
        "          - accepted_values: {values: [2], quote: false, config: {severity: warn}}\n")
    return root


def test_run_failure_exit_code_and_message(tmp_path: Path) -> None:
    root = _broken_project(tmp_path)
    result = invoke("run", "--project-dir", root)
    assert result.exit_code == 1
    assert "Error: run failed: bad; skipped: after_bad" in result.stderr
    assert "details in .datanet/run_results.json" in result.stderr
    assert "ERROR model bad" in result.stdout and "Conversion Error" in result.stdout
    assert "SKIP  model after_bad skipped because bad did not succeed" in result.stdout
    assert "Traceback" not in result.output


def test_warn_severity_exits_zero_and_is_reported(tmp_path: Path) -> None:
    root = _broken_project(tmp_path)
    assert invoke("run", "--project-dir", root, "--select", "ok").exit_code == 0
    result = invoke("test", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "WARN  test accepted_values_ok_id__False__2 1 failing row: value_field=1, " \
           "n_records=1" in result.stdout
    assert "WARN test accepted_values_ok_id__False__2" in result.stdout  # repeated in the summary


def test_seed_and_store_failures_flags(tmp_path: Path) -> None:
    root = shutil.copytree(FIXTURES / "jaffle_shop", tmp_path / "j",
                           ignore=shutil.ignore_patterns(".datanet"))
    result = invoke("seed", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("OK    seed") == 3
    (root / "models" / "schema.yml").write_text((root / "models" / "schema.yml").read_text()
                                               .replace("'return_pending', ", ""))
    assert invoke("run", "--project-dir", root).exit_code == 0
    result = invoke("test", "--project-dir", root, "--store-failures", "--select", "orders")
    assert result.exit_code == 1
    # dbt's name (the node's), and dbt's short alias of it (the stored table's)
    name = "accepted_values_orders_status__placed__shipped__completed__returned"
    assert f"FAIL  test {name}" in result.stdout
    assert "(stored in main_test_failures.accepted_values_orders_8b08a2e3c7880954e0d6e0b54536f6b3)" \
        in result.stdout
    assert f"Error: test failed: {name}" in result.stderr


def test_full_refresh_flag(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\ntarget: dev\n")
    (root / "models" / "inc.sql").write_text(
        "{{ config(materialized='incremental') }}\nselect 1 as id\n"
        "{% if is_incremental() %} where 1 = 0 {% endif %}")
    assert invoke("run", "--project-dir", root).exit_code == 0
    result = invoke("run", "--project-dir", root)
    assert "append: +0 rows" in result.stdout
    result = invoke("run", "--project-dir", root, "--full-refresh")
    assert "built incremental table (full)" in result.stdout


def test_show_ephemeral_and_unbuilt_models(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\ntarget: dev\n")
    (root / "models" / "eph.sql").write_text("{{ config(materialized='ephemeral') }}\n"
                                             "select 1 as a")
    (root / "models" / "v.sql").write_text("select a + 1 as b from {{ ref('eph') }}")
    result = invoke("show", "v", "--project-dir", root)
    assert result.exit_code == 1
    assert "'v' is not built in the warehouse yet" in result.stderr
    assert "datanet run --select v" in result.stderr
    result = invoke("show", "eph", "--project-dir", root, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "a\n1\n"


def test_fail_fast_records_what_did_not_run_as_skipped(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\ntarget: dev\n")
    (root / "models" / "a_bad.sql").write_text("{{ config(materialized='table') }}\n"
                                               "select cast('x' as int) as a")
    (root / "models" / "b_ok.sql").write_text("select 1 as b")
    (root / "models" / "c_ok.sql").write_text("select * from {{ ref('b_ok') }}")
    result = invoke("run", "--project-dir", root, "--fail-fast", "--threads", "1")
    assert result.exit_code == 1
    assert "SKIP  model c_ok skipped: the run stopped after a_bad failed" in result.stdout
    data = json.loads((root / ".datanet" / "run_results.json").read_text())
    assert {r["name"] for r in data["results"]} == {"a_bad", "b_ok", "c_ok"}
    assert data["counts"]["error"] == 1 and data["counts"]["skipped"] >= 1
