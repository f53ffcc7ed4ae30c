"""What a data test's result means, as in dbt: severity, warn_if, error_if, fail_calc, limit,
where, store_failures(_as), config blocks (YAML `config:`, `arguments:`, `{{ config() }}` in
singular tests, folder config), tags, enabled, custom names, tests on ephemeral models,
sources and seeds, and dbt's names and ids. A dbt project (dbt_project.yml + profiles.yml) on
real DuckDB; the failing rows are 5 orders with a negative amount."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from run.helpers import query, run, write

from datanet_sql.cli.main import cli

ORDERS = ("id,status,amount\n1,a,-1\n2,a,-2\n3,b,-3\n4,b,-4\n5,b,-5\n6,c,10\n7,c,20\n8,c,30\n")
CHECK = {"arguments": {"expression": "amount >= 0"}}  # fails on ids 1-5


def _check(name: str, **config: object) -> dict:
    return {"expression": {"name": name, **CHECK, "config": config}}


SCHEMA = {"version": 2, "models": [
    {"name": "orders", "data_tests": [
        _check("default_threshold"),
        _check("warn_above_3", warn_if=">3", error_if=">10"),
        _check("within_10", warn_if=">10", error_if=">10"),
        _check("error_above_10", error_if=">10"),  # warn_if stays != 0: dbt warns
        _check("severity_warn", severity="warn"),
        _check("limited", limit=2),
        _check("filtered_out", where="id > 5"),
        _check("filtered_in", where="id > 3"),
        _check("stored", store_failures=True),
        _check("stored_as_view", store_failures_as="view"),
        _check("not_stored", store_failures_as="ephemeral"),
        _check("switched_off", enabled=False),
        {"unique": {"column_name": "status", "config": {"fail_calc": "sum(n_records)",
                                                        "tags": ["nightly"]}}},
        {"unique": {"column_name": "id || '-' || status"}},
    ], "columns": [{"name": "amount", "tags": ["money"], "data_tests": [
        {"not_null": {"config": {"severity": "warn"}}}]}]},
    {"name": "eph", "columns": [
        {"name": "id", "data_tests": ["unique", "not_null"]},
        {"name": "amount", "data_tests": [{"expression": {"expression": ">= 0"}}]}]},
]}


def _project(root: Path, **extra: object) -> Path:
    """A dbt project: seed, a view, an ephemeral model, tests in YAML and two singular ones."""
    write(root, "seeds/raw_orders.csv", ORDERS)
    write(root, "models/orders.sql", "select * from {{ ref('raw_orders') }}")
    write(root, "models/eph.sql", "{{ config(materialized='ephemeral') }}\n"
                                  "select id, amount from {{ ref('raw_orders') }}")
    write(root, "models/schema.yml", yaml.safe_dump(SCHEMA, sort_keys=False))
    write(root, "tests/checks/big_orders.sql",  # severity warn from the folder config
          "{{ config(warn_if='>1', error_if='>2') }}\n"
          "select * from {{ ref('orders') }} where amount > 5")
    write(root, "tests/negative_statuses.sql",
          "{{ config(fail_calc='count(distinct status)', error_if='>1') }}\n"
          "select * from {{ ref('orders') }} where amount < 0")
    write(root, "dbt_project.yml", yaml.safe_dump({
        "name": "shop", "profile": "shop", "config-version": 2,
        "data_tests": {"shop": {"+tags": ["dq"], "checks": {"+severity": "warn"}}},
        **extra}))
    write(root, "profiles.yml", yaml.safe_dump({"shop": {"target": "dev", "outputs": {
        "dev": {"type": "duckdb", "path": ".datanet/dev.duckdb", "threads": 4}}}}))
    return root


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("testcfg") / "shop")
    assert run(root, "run").success
    return root


@pytest.fixture(scope="module")
def tested(built: Path) -> dict:
    return {r.name: r for r in run(built, "test", threads=4).results}


@pytest.mark.parametrize("name, status, failures", [
    ("default_threshold", "fail", 5),
    ("warn_above_3", "warn", 5),
    ("within_10", "pass", 5),
    ("error_above_10", "warn", 5),
    ("severity_warn", "warn", 5),
    ("limited", "fail", 2),
    ("filtered_out", "pass", 0),
    ("filtered_in", "fail", 2),
    ("unique_orders_status", "fail", 8),  # fail_calc sum(n_records): a 2 + b 3 + c 3
    ("unique_orders_id_status", "pass", 0),  # column_name: an expression
    ("not_null_orders_amount", "pass", 0),
    ("big_orders", "warn", 3),  # config() in the file, severity warn from dbt_project.yml
    ("negative_statuses", "fail", 2),  # fail_calc count(distinct status)
])
def test_each_key_changes_the_result(tested: dict, name: str, status: str,
                                     failures: int) -> None:
    assert (tested[name].status, tested[name].rows) == (status, failures), tested[name].message


def test_messages_say_what_was_counted(tested: dict) -> None:
    assert tested["default_threshold"].message.startswith(
        "5 failing rows: id=1, status='a', amount=-1; id=2,")
    assert tested["within_10"].message.startswith(
        "pass: 5 failing rows, within warn_if and error_if: id=1")
    assert tested["unique_orders_status"].message.startswith(
        "SUM(n_records) = 8: unique_field='")
    assert "switched_off" not in tested


def test_tests_on_an_ephemeral_model_read_its_query(tested: dict, built: Path) -> None:
    assert tested["unique_eph_id"].status == tested["not_null_eph_id"].status == "pass"
    assert (tested["expression_eph_amount___0"].status, tested["expression_eph_amount___0"].rows) \
        == ("fail", 5)
    sql = (built / ".datanet" / "compiled" / "dev" / "tests.sql").read_text()
    assert 'FROM (\n  SELECT\n    "raw_orders"."id" AS "id"' in sql  # inlined, no relation


def test_store_failures_as_table_view_and_ephemeral(tested: dict, built: Path) -> None:
    assert tested["stored"].message.endswith("(stored in main_dbt_test__audit.stored)")
    assert query(built, "select id from main_dbt_test__audit.stored order by id") == \
        [(1,), (2,), (3,), (4,), (5,)]
    assert query(built, "select table_type from information_schema.tables where "
                        "table_name = 'stored_as_view'") == [("VIEW",)]
    assert len(query(built, "select * from main_dbt_test__audit.stored_as_view")) == 5
    assert query(built, "select * from information_schema.tables where "
                        "table_name in ('not_stored', 'default_threshold')") == []


def test_the_store_failures_flag_and_ephemeral_overriding_it(built: Path) -> None:
    results = {r.name: r for r in run(built, "test", ("orders",), store_failures=True).results}
    assert results["default_threshold"].message.endswith(
        "(stored in main_dbt_test__audit.default_threshold)")
    assert "stored in" not in results["not_stored"].message
    assert query(built, "select count(*) from main_dbt_test__audit.limited") == [(2,)]


def test_tags_from_the_test_the_column_and_the_folder_select_tests(built: Path) -> None:
    def names(selector: str) -> set[str]:
        result = _datanet("ls", "--project-dir", built, "--select", selector,
                          "--resource-type", "test", "--output", "name")
        assert result.exit_code == 0, result.output
        return set(result.stdout.split())

    assert names("tag:nightly") == {"unique_orders_status"}
    assert names("tag:money") == {"not_null_orders_amount"}
    assert "negative_statuses" in names("tag:dq") and "within_10" in names("tag:dq")
    assert names("test_type:singular") == {"big_orders", "negative_statuses"}
    assert "big_orders" not in names("test_type:generic") and \
        "within_10" in names("test_type:data")
    assert names("test_name:not_null") == {"not_null_orders_amount", "not_null_eph_id"}
    assert names("test_name:unique,tag:nightly") == {"unique_orders_status"}
    result = _datanet("ls", "--project-dir", built, "--select", "test_type:generc")
    assert result.exit_code == 1 and "unknown test type 'generc'. Did you mean 'generic'?" \
        in result.stderr


def test_dbt_names_and_ids_in_the_artifacts(tmp_path: Path) -> None:
    """The ids dbt-core 1.9.11 gave the same test (measured with `dbt parse` on jaffle shop):
    dbt-ecosystem tools match a test's results by them."""
    root = tmp_path / "jaffle_shop"
    write(root, "seeds/raw.csv", "order_id,status\n1,placed\n")
    write(root, "models/orders.sql", "select * from {{ ref('raw') }}")
    write(root, "models/schema.yml", yaml.safe_dump({"version": 2, "models": [{
        "name": "orders", "columns": [
            {"name": "order_id", "data_tests": ["not_null"]},
            {"name": "status", "data_tests": [{"accepted_values": {"values": [
                "placed", "shipped", "completed", "return_pending", "returned"]}}]}]}]}))
    write(root, "dbt_project.yml", "name: jaffle_shop\nprofile: p\n")
    write(root, "profiles.yml", "p: {outputs: {dev: {type: duckdb, path: j.duckdb}}}\n")
    result = _datanet("build", "--project-dir", root, "--store-failures")
    assert result.exit_code == 0, result.output
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    long_id = ("test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__"
               "return_pending__returned.be6b5b5ec3")
    assert {"test.jaffle_shop.not_null_orders_order_id.cf6c17daed", long_id} <= \
        set(manifest["nodes"])
    assert manifest["nodes"][long_id]["alias"] == \
        "accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758"
    assert long_id in manifest["child_map"]["model.jaffle_shop.orders"]
    run_results = json.loads((root / "target" / "run_results.json").read_text())
    assert long_id in {r["unique_id"] for r in run_results["results"]}
    assert "main_dbt_test__audit.accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758" in \
        result.stdout


def test_source_and_seed_tests_are_named_as_dbt_names_them(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop")
    write(root, "data/events.csv", "id\n1\n1\n")
    write(root, "models/sources.yml", yaml.safe_dump({"version": 2, "sources": [{
        "name": "raw", "tables": [{"name": "events", "path": "data/events.csv",
                                   "columns": [{"name": "id", "data_tests": ["unique"]}]}]}],
        "seeds": [{"name": "raw_orders", "columns": [{"name": "id",
                                                      "data_tests": ["unique"]}]}]}))
    results = {r.name: r.status for r in run(root, "build", ("raw_orders", "source:raw"))
               .results}
    assert results["source_unique_raw_events_id"] == "fail"
    assert results["unique_raw_orders_id"] == "pass"


@pytest.mark.parametrize("config, message", [
    ({"warn_if": "lots"}, "`warn_if: lots` is not a comparison of the failures"),
    ({"error_if": "> 1; drop table orders"}, ("`error_if: > 1; drop table orders` is not a "
                                             "comparison of the failures")),
    ({"fail_calc": "count(("}, "`fail_calc: count((` does not parse"),
    ({"store_failures_as": "tabel"}, ("store_failures_as 'tabel' is not one of table, view, "
                                     "ephemeral")),
    ({"limit": "ten"}, "limit 'ten' is not a whole number of rows"),
    ({"severity": "fatal"}, "severity 'fatal' is not one of error, warn"),
])
def test_a_bad_setting_is_an_error_naming_the_file_and_test(tmp_path: Path, config: dict,
                                                            message: str) -> None:
    root = tmp_path / "p"
    write(root, "dbt_project.yml", "name: p\nprofile: p\n")
    write(root, "profiles.yml", "p: {outputs: {dev: {type: duckdb, path: p.duckdb}}}\n")
    write(root, "models/m.sql", "select 1 as id")
    write(root, "models/m.yml", yaml.safe_dump({"models": [{"name": "m", "columns": [
        {"name": "id", "data_tests": [{"unique": {"config": config}}]}]}]}))
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"models/m.yml:2: data test unique_m_id: {message}" in result.stderr, result.stderr


def test_warn_error_turns_a_warning_into_a_failure(built: Path) -> None:
    select = ("--select", "warn_above_3")
    assert _datanet("test", "--project-dir", built, *select).exit_code == 0
    for flags in (["--warn-error"], ["--warn-error-options", "{error: [LogTestResult]}"]):
        result = _datanet("test", "--project-dir", built, *select, *flags)
        assert result.exit_code == 1, result.output
        assert "FAIL  test warn_above_3 5 failing rows" in result.stdout
        assert "(a warning, made a failure by --warn-error)" in result.stdout
    result = _datanet("test", "--project-dir", built, *select, "--warn-error-options",
                      "{error: all, warn: [LogTestResult]}")
    assert result.exit_code == 0, result.output
    result = _datanet("test", "--project-dir", built, *select, "--warn-error-options",
                      "{error: [Oops]}")
    assert result.exit_code == 1 and "`error:` ['Oops'] names no datanet warning" in \
        result.stderr


def test_warn_error_refuses_a_project_with_warnings(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop", models={"shop": {"+partition_by": "day"}})
    result = _datanet("build", "--project-dir", root, "--warn-error")
    assert result.exit_code == 1
    assert "warnings are errors (--warn-error); nothing was run" in result.stderr
    assert "`+partition_by` is accepted but has no effect yet" in result.stderr  # said first
    assert not (root / ".datanet" / "dev.duckdb").exists() or \
        query(root, "select count(*) from information_schema.tables "
                    "where table_name = 'orders'") == [(0,)]


def test_fail_fast_lets_running_nodes_finish_and_skips_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root, "dbt_project.yml", "name: p\nprofile: p\nmodels: {p: {+materialized: table}}\n")
    write(root, "profiles.yml", "p: {outputs: {dev: {type: duckdb, path: p.duckdb}}}\n")
    # a_bad fails only after a short scan, so the second thread has surely started b_slow
    # (a cast failing at once raced the thread's start under load); b_slow runs ~10x longer
    write(root, "models/a_bad.sql", "select cast(n as int) as a from (select 'x' || count(*)"
                                    "::varchar as n from range(6000) a, range(6000) b "
                                    "where a.range + b.range >= 0)")
    write(root, "models/b_slow.sql", "select count(*) as n from range(30000) a, range(10000) b "
                                     "where a.range + b.range >= 0")
    for name in ("c_later", "d_later"):
        write(root, f"models/{name}.sql", "select 1 as x")
    result = _datanet("run", "--project-dir", root, "--fail-fast", "--threads", "2")
    assert result.exit_code == 1
    statuses = {r["name"]: r["status"] for r in json.loads(
        (root / ".datanet" / "run_results.json").read_text())["results"]}
    assert statuses == {"a_bad": "error", "b_slow": "success", "c_later": "skipped",
                        "d_later": "skipped"}
    assert "skipped: the run stopped after a_bad failed" in result.stdout
    import duckdb

    con = duckdb.connect(str(root / "p.duckdb"), read_only=True)
    try:  # the build in flight finished whole; nothing after the failure started
        assert con.execute("select n from main.b_slow").fetchall() == [(300_000_000,)]
        assert con.execute("select count(*) from information_schema.tables where table_name "
                           "in ('c_later', 'd_later') or table_name like '%__dn_%'"
                           ).fetchall() == [(0,)]
    finally:
        con.close()


def test_store_failures_on_postgres(tmp_path: Path) -> None:
    import uuid

    import psycopg

    schema = f"dn_testcfg_{uuid.uuid4().hex[:8]}"
    root = _project(tmp_path / "shop")
    write(root, "profiles.yml", yaml.safe_dump({"shop": {"target": "pg", "outputs": {"pg": {
        "type": "postgres", "host": "127.0.0.1", "port": 5432, "user": "postgres",
        "dbname": "test", "schema": schema}}}}))
    dsn = "postgresql://postgres@127.0.0.1:5432/test"
    try:
        assert run(root, "run").success
        results = {r.name: r for r in run(root, "test", ("orders",), threads=2).results}
        assert (results["warn_above_3"].status, results["limited"].rows) == ("warn", 2)
        assert results["stored"].message.endswith(f"(stored in {schema}_dbt_test__audit.stored)")
        with psycopg.connect(dsn) as con:
            stored = con.execute(f"select id from {schema}_dbt_test__audit.stored order by id")
            assert stored.fetchall() == [(1,), (2,), (3,), (4,), (5,)]
            kind = con.execute("select table_type from information_schema.tables where "
                               "table_schema = %s and table_name = 'stored_as_view'",
                               (f"{schema}_dbt_test__audit",))
            assert kind.fetchall() == [("VIEW",)]
    finally:
        with psycopg.connect(dsn, autocommit=True) as con:
            for name in (schema, f"{schema}_dbt_test__audit"):
                con.execute(f'drop schema if exists "{name}" cascade')


def test_indirect_selection_picks_the_tests_of_each_selector(built: Path) -> None:
    """dbt's eager indirect selection: a selector picks its nodes' tests before the
    intersection, and an excluded model's tests go with it."""
    def tested(*args: str) -> set[str]:
        result = _datanet("test", "--project-dir", built, *args)
        assert "Traceback" not in result.output, result.output
        return {r["name"] for r in json.loads(
            (built / ".datanet" / "run_results.json").read_text())["results"]
            if r["kind"] == "test"}

    assert tested("--select", "orders,test_type:singular") == {"big_orders",
                                                               "negative_statuses"}
    assert tested("--select", "eph orders", "--exclude", "orders") == {
        "unique_eph_id", "not_null_eph_id", "expression_eph_amount___0"}


def test_a_test_of_a_model_that_did_not_render_is_skipped_not_a_crash(tmp_path: Path) -> None:
    """A model whose Jinja fails has no relation: its tests are held back with it (they once
    ended the whole compile with an AttributeError)."""
    root = tmp_path / "p"
    write(root, "dbt_project.yml", "name: p\nprofile: p\n")
    write(root, "profiles.yml", "p: {outputs: {dev: {type: duckdb, path: p.duckdb}}}\n")
    write(root, "models/broken.sql", "select {{ no_such_macro() }} as id")
    write(root, "models/fine.sql", "select 1 as id")
    write(root, "models/schema.yml", yaml.safe_dump({"models": [
        {"name": name, "columns": [{"name": "id", "data_tests": ["not_null"]}]}
        for name in ("broken", "fine")]}))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    statuses = {r["name"]: r["status"] for r in json.loads(
        (root / ".datanet" / "run_results.json").read_text())["results"]}
    assert statuses == {"broken": "error", "not_null_broken_id": "skipped", "fine": "success",
                        "not_null_fine_id": "pass"}


def test_two_tests_dbt_names_alike_keep_the_name_and_differ_by_hash(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root, "dbt_project.yml", "name: p\nprofile: p\n")
    write(root, "profiles.yml", "p: {outputs: {dev: {type: duckdb, path: p.duckdb}}}\n")
    write(root, "models/m.sql", "select 'a-b' as x")
    write(root, "models/schema.yml", yaml.safe_dump({"models": [{"name": "m", "columns": [
        {"name": "x", "data_tests": [{"accepted_values": {"values": ["a-b"]}},
                                     {"accepted_values": {"values": ["a b"]}}]}]}]}))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1, result.output
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    tests = {uid: node["name"] for uid, node in manifest["nodes"].items()
             if node["resource_type"] == "test"}
    assert set(tests.values()) == {"accepted_values_m_x__a_b"} and len(tests) == 2
    statuses = {r["unique_id"]: r["status"] for r in json.loads(
        (root / "target" / "run_results.json").read_text())["results"] if r["unique_id"] in tests}
    assert sorted(statuses.values()) == ["fail", "pass"]
