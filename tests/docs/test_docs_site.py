"""`datanet docs generate` on a real DuckDB project: the site's data file, catalog.json, a
project without history, and `docs serve`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from docs_helpers import datanet

from datanet_sql.docs.site import SQL_FILE, read_data

REPO = Path(__file__).resolve().parents[2]


def test_the_data_file_holds_every_node_with_columns_types_and_meaning(site: Path) -> None:
    data = read_data(site / "target")
    assert data["project"] == "jaffle_shop"
    assert set(data["nodes"]) == {
        "seed.raw_customers", "seed.raw_orders", "seed.raw_payments", "model.stg_customers",
        "model.stg_orders", "model.stg_payments", "model.customers", "model.orders"}
    customers = data["nodes"]["model.customers"]
    assert customers["kind"] == "model" and customers["materialized"] == "table"
    assert customers["relation"] == "main.customers"
    assert customers["description"].startswith("This table has basic information about a "
                                               "customer")
    assert customers["parents"] == ["model.stg_customers", "model.stg_orders",
                                    "model.stg_payments"]
    columns = {c["name"]: c for c in customers["columns"]}
    assert columns["first_name"] == {
        "name": "first_name", "type": "VARCHAR", "description": "Customer's first name. PII.",
        "semantic": "person_name", "pii": True,
        "lineage": [["model.stg_customers", "first_name"]]}
    assert columns["customer_lifetime_value"]["type"] == "DOUBLE"
    assert "pii" not in columns["number_of_orders"]


def test_the_compiled_sql_is_a_script_of_its_own(site: Path) -> None:
    sql = read_data(site / "target", SQL_FILE)
    assert set(sql) == {"model.stg_customers", "model.stg_orders", "model.stg_payments",
                        "model.customers", "model.orders"}
    assert sql["model.stg_orders"].startswith("WITH \"source\" AS (")
    assert "sql" not in read_data(site / "target")["nodes"]["model.orders"]


def test_column_lineage_is_resolved_to_node_and_column(site: Path) -> None:
    nodes = read_data(site / "target")["nodes"]
    first_order = next(c for c in nodes["model.customers"]["columns"]
                       if c["name"] == "first_order")
    assert first_order["lineage"] == [["model.stg_orders", "order_date"]]
    order_date = next(c for c in nodes["model.stg_orders"]["columns"]
                      if c["name"] == "order_date")
    assert order_date["lineage"] == [["seed.raw_orders", "order_date"]]


def test_tests_carry_their_last_result_and_nodes_their_history(site: Path) -> None:
    data = read_data(site / "target")
    tests = {(t["test"], t["column"]): t for t in data["nodes"]["model.customers"]["tests"]}
    assert tests[("unique", "customer_id")]["status"] == "pass"
    assert tests[("not_null", "customer_id")]["name"] == "not_null_customers_customer_id"
    assert [r["command"] for r in data["runs"]] == ["build"]
    assert data["runs"][0]["status"] == "success"
    history = data["nodes"]["model.customers"]["history"]
    assert len(history) == 1 and history[0]["status"] == "success" and history[0]["rows"] == 12
    assert data["nodes"]["seed.raw_orders"]["history"][0]["rows"] == 25


def test_a_second_run_adds_to_the_history(shop: Path) -> None:
    root = shop
    for _ in range(2):
        assert datanet("build", "--project-dir", root).exit_code == 0
    assert datanet("docs", "generate", "--project-dir", root).exit_code == 0
    data = read_data(root / "target")
    assert [r["run"] for r in data["runs"]] == [2, 1]  # newest first
    assert [r["run"] for r in data["nodes"]["model.orders"]["history"]] == [1, 2]


def test_catalog_json_lists_relations_and_column_types_in_dbt_shape(site: Path) -> None:
    catalog = json.loads((site / "target" / "catalog.json").read_text())
    assert catalog["metadata"]["dbt_schema_version"].endswith("/catalog/v1.json")
    entry = catalog["nodes"]["model.jaffle_shop.customers"]
    assert entry["metadata"]["type"] == "BASE TABLE" and entry["metadata"]["name"] == "customers"
    assert entry["columns"]["customer_id"] == {"type": "BIGINT", "index": 1,
                                               "name": "customer_id",
                                               "comment": "This is a unique identifier for a "
                                                          "customer"}
    assert catalog["nodes"]["model.jaffle_shop.stg_orders"]["metadata"]["type"] == "VIEW"
    assert "seed.jaffle_shop.raw_orders" in catalog["nodes"] and catalog["errors"] is None


def test_a_project_never_run_gets_a_site_without_history(shop: Path) -> None:
    root = shop
    result = datanet("docs", "generate", "--project-dir", root)
    assert result.exit_code == 0, result.output
    data = read_data(root / "target")
    assert data["runs"] == [] and data["nodes"]["model.orders"]["history"] == []
    assert data["nodes"]["model.orders"]["tests"][0]["status"] is None
    assert (root / "target" / "index.html").is_file()


def test_a_state_db_without_the_node_results_table_still_gives_a_site(shop: Path) -> None:
    root = shop
    assert datanet("build", "--project-dir", root).exit_code == 0
    with sqlite3.connect(root / ".datanet" / "state.db") as con:
        con.execute("drop table node_runs")
    assert datanet("docs", "generate", "--project-dir", root).exit_code == 0
    data = read_data(root / "target")
    assert len(data["runs"]) == 1 and data["nodes"]["model.orders"]["history"] == []


def test_a_description_cannot_close_the_data_script(shop: Path) -> None:
    root = shop
    schema = root / "models" / "schema.yml"
    schema.write_text(schema.read_text().replace(
        "This table has basic information about a customer",
        "Ends early?</script><script>alert(1)</script>", 1))
    assert datanet("docs", "generate", "--project-dir", root).exit_code == 0
    text = (root / "target" / "datanet_docs.js").read_text()
    assert "</script>" not in text
    assert read_data(root / "target")["nodes"]["model.customers"]["description"].startswith(
        "Ends early?</script>")


def test_serve_without_a_site_says_to_generate_first(shop: Path) -> None:
    root = shop
    result = datanet("docs", "serve", "--project-dir", root)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: no docs site in {root / 'target'}\n")
    assert "hint: run `datanet docs generate` first" in result.stderr
    assert "Traceback" not in result.output


def test_serve_answers_on_localhost(site: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "datanet_sql.cli.main", "docs", "serve", "--project-dir",
         str(site), "--port", "0"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith(f"Serving {site / 'target'} on http://127.0.0.1:"), line
        url = line.split(" on ", 1)[1].split()[0]
        with urllib.request.urlopen(url, timeout=10) as page:
            assert "datanet_docs.js" in page.read().decode()
        with urllib.request.urlopen(url + "datanet_docs.js", timeout=10) as data:
            assert data.read().startswith(b"window.DATANET_DOCS = ")
        taken = datanet("docs", "serve", "--project-dir", site, "--port", url.rsplit(":", 1)[1]
                        .strip("/"))
        assert taken.exit_code == 1 and "cannot serve on port" in taken.stderr
        assert "--port" in taken.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_measurements_alerts_and_status_reach_the_data_file(site: Path) -> None:
    data = read_data(site / "target")
    orders = data["nodes"]["model.orders"]
    assert len(orders["metrics"]) == 31  # 30 days written before, then the build's
    assert orders["metrics"][-1]["run"] == 1 and orders["metrics"][-1]["rows"] == 25
    assert orders["metrics"][0]["lag_h"] == 1.0 and orders["metrics"][-1]["lag_h"] is None
    [alert] = orders["alerts"]
    assert (alert["run"], alert["status"], alert["metric"], alert["column"]) == (
        1, "warn", "row_count", None)
    assert alert["message"].startswith("row_count 25 outside expected ")
    [target] = data["status"]["targets"]
    assert target["target"] == "dev" and target["last_run"]["command"] == "build"
    assert [(a["unique_id"], a["node"]) for a in target["anomalies"]] == [
        ("test.anomaly_orders_row_count__null_rate", "model.orders")]
    assert data["nodes"]["model.customers"]["alerts"] == []


SOURCES = """
sources:
  - name: files
    tables:
      - name: orders_file
        path: seeds/raw_orders.csv
        freshness: {warn_after: {count: 1, period: hour}}
"""


def test_a_late_source_shows_its_freshness_and_is_listed_late(shop: Path) -> None:
    root = shop
    (root / "models" / "sources.yml").write_text(SOURCES)
    three_hours_ago = time.time() - 3 * 3600
    os.utime(root / "seeds" / "raw_orders.csv", (three_hours_ago, three_hours_ago))
    checked = datanet("source", "freshness", "--project-dir", root)
    assert checked.exit_code == 0, checked.output  # a warning only
    assert datanet("docs", "generate", "--project-dir", root).exit_code == 0
    data = read_data(root / "target")
    source = data["nodes"]["source.files.orders_file"]
    assert source["freshness"]["status"] == "warn"
    assert source["freshness"]["message"].startswith("last loaded 3.0h ago, more than 1 hour")
    assert source["history"] == []  # a freshness check is not a run of the node
    [target] = data["status"]["targets"]
    assert [(n["node"], n["status"]) for n in target["late"]] == [
        ("source.files.orders_file", "warn")]
