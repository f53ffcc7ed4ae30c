"""dbt snapshots: `{% snapshot %}` blocks and YAML snapshots, run by `snapshot` and `build`.

Each test writes a small dbt project whose snapshot reads a seed; the seed's CSV is rewritten
between runs, and the snapshot table's rows are asserted exactly (the timestamp strategy's
validity comes from the data; the check strategy's from the run's time, asserted by relation).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest
import yaml
from click.testing import CliRunner, Result
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.cli.main import cli
from datanet_sql.errors import WarehouseError
from datanet_sql.run.session import open_session
from datanet_sql.run.snapshot import build_snapshot

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}
HEAD = "id,status,amount,updated_at\n"
DAY1 = HEAD + "1,placed,10,2024-01-01 00:00:00\n2,placed,20,2024-01-01 00:00:00\n"
# 1 changed (status and time), 2 as it was, 3 new
DAY2 = HEAD + ("1,shipped,10,2024-01-02 00:00:00\n2,placed,20,2024-01-01 00:00:00\n"
               "3,placed,30,2024-01-02 00:00:00\n")
TS = {"unique_key": "id", "strategy": "timestamp", "updated_at": "updated_at"}


def t(day: int) -> datetime:
    return datetime(2024, 1, day)


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _project(root: Path, config: dict[str, Any] | None = None, *, body: str | None = None,
             output: dict[str, Any] | None = None, files: dict[str, str] | None = None) -> Path:
    """A dbt project with the seed `raw_orders` and the snapshot `orders_snapshot` over it."""
    (root / "seeds").mkdir(parents=True)
    (root / "snapshots").mkdir()
    (root / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "shop", "version": "1.0", "config-version": 2, "profile": "shop",
        "snapshot-paths": ["snapshots"],
        "seeds": {"shop": {"+column_types": {"updated_at": "timestamp"}}}}))
    (root / "profiles.yml").write_text(yaml.safe_dump({"shop": {"target": "dev", "outputs": {
        "dev": output or {"type": "duckdb", "path": "shop.duckdb", "schema": "main"}}}}))
    if config is not None:
        args = ", ".join(f"{k}={v!r}" for k, v in config.items())
        body = "{{ config(" + args + ") }}\nselect * from {{ ref('raw_orders') }}"
    if body is not None:
        (root / "snapshots" / "orders.sql").write_text(
            "{% snapshot orders_snapshot %}\n" + body + "\n{% endsnapshot %}\n")
    for path, text in (files or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def _run(root: Path, csv: str, command: str = "build", ok: bool = True) -> Result:
    (root / "seeds" / "raw_orders.csv").write_text(csv)
    if command == "snapshot":
        seeded = _datanet("seed", "--project-dir", root)
        assert seeded.exit_code == 0, seeded.output
    result = _datanet(command, "--project-dir", root)
    assert (result.exit_code == 0) == ok, result.output
    return result


def _rows(root: Path, columns: str = "id, status, dbt_valid_from, dbt_valid_to",
          table: str = "main.orders_snapshot", order: str = "1, 3") -> list[tuple]:
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        return con.execute(f"select {columns} from {table} order by {order}").fetchall()


def test_timestamp_snapshot_over_three_runs(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", TS)
    first = _run(root, DAY1)
    assert "created snapshot table" in first.output
    assert _rows(root) == [(1, "placed", t(1), None), (2, "placed", t(1), None)]
    again = _run(root, DAY1)  # nothing changed: no new row, nothing closed
    assert "0 new, 0 closed" in again.output
    assert len(_rows(root)) == 2
    changed = _run(root, DAY2)
    assert "2 new, 1 closed" in changed.output
    assert _rows(root) == [(1, "placed", t(1), t(2)), (1, "shipped", t(2), None),
                           (2, "placed", t(1), None), (3, "placed", t(2), None)]
    # the meta columns as dbt writes them: updated_at = valid_from, scd_id = md5(id|updated_at)
    scd = _rows(root, "id, dbt_scd_id, dbt_updated_at, md5(cast(id as varchar) || '|' || "
                      "cast(updated_at as varchar))")
    assert all(row[1] == row[3] and row[2] == t(1) for row in scd[:1])


def test_check_strategy_versions_only_checked_columns(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"unique_key": "id", "strategy": "check",
                                     "check_cols": ["status"]})
    _run(root, DAY1, "snapshot")
    _run(root, DAY1.replace("10,", "99,"), "snapshot")  # amount is not checked: no new row
    assert len(_rows(root)) == 2
    _run(root, DAY2, "snapshot")
    rows = _rows(root, "id, status, dbt_valid_from, dbt_valid_to, dbt_updated_at, amount")
    assert [(r[0], r[1]) for r in rows] == [(1, "placed"), (1, "shipped"), (2, "placed"),
                                            (3, "placed")]
    first_run, second_run = rows[0][2], rows[1][2]
    assert second_run > first_run  # the check strategy stamps rows with the snapshot's time
    assert rows[0][3] == second_run and rows[1][3] is None  # closed when its successor opened
    assert all(r[4] == r[2] for r in rows)  # dbt_updated_at is the snapshot's time too
    assert rows[2][3] is None and rows[2][5] == 20  # 2 was not re-versioned


def test_check_all_sees_every_column(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"unique_key": "id", "strategy": "check",
                                     "check_cols": "all"})
    _run(root, DAY1, "snapshot")
    _run(root, DAY1.replace("20,", "21,"), "snapshot")
    assert _rows(root, "id, amount, dbt_valid_to is null") == [(1, 10, True), (2, 20, False),
                                                               (2, 21, True)]


@pytest.mark.parametrize("mode,expected", [
    ("ignore", [(1, "placed", t(1), None, None), (2, "placed", t(1), None, None)]),
    ("invalidate", [(1, "placed", t(1), None, None), (2, "placed", t(1), "now", None)]),
    ("new_record", [(1, "placed", t(1), None, "False"), (2, "placed", t(1), "now", "False"),
                    (2, "placed", "now", None, "True")]),
])
def test_hard_deletes(tmp_path: Path, mode: str, expected: list[tuple]) -> None:
    root = _project(tmp_path / "p", {**TS, "hard_deletes": mode})
    _run(root, DAY1)
    _run(root, HEAD + "1,placed,10,2024-01-01 00:00:00\n")  # 2 deleted at the source
    deleted = "dbt_is_deleted" if mode == "new_record" else "null"
    rows = _rows(root, f"id, status, dbt_valid_from, dbt_valid_to, {deleted}")
    stamps = {v for r in rows for v in r[2:4] if v is not None and v > t(1)}
    assert len(stamps) <= 1  # one time for the whole run: the deletion's
    assert [tuple("now" if v in stamps else v for v in r) for r in rows] == expected
    _run(root, HEAD + "1,placed,10,2024-01-01 00:00:00\n")  # still deleted: nothing new
    assert len(_rows(root)) == len(expected)


def test_a_deleted_row_that_comes_back_is_a_new_version(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {**TS, "hard_deletes": "new_record"})
    _run(root, DAY1)
    _run(root, HEAD + "1,placed,10,2024-01-01 00:00:00\n")
    _run(root, DAY1.replace("2,placed,20,2024-01-01", "2,placed,20,2024-01-05"))
    rows = _rows(root, "id, dbt_is_deleted, dbt_valid_from, dbt_valid_to")
    (_, _, deleted_at, _), = [r for r in rows if r[1] == "True"]
    # as in dbt: the deletion row is closed at the returning row's updated_at (here earlier
    # than the deletion, which was stamped with the snapshot's time)
    assert sorted((r[1:] for r in rows if r[0] == 2), key=str) == [
        ("False", t(1), deleted_at), ("False", t(5), None), ("True", deleted_at, t(5))]


def test_the_invalidate_hard_deletes_flag_and_a_composite_key(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {**TS, "unique_key": ["id", "status"],
                                     "invalidate_hard_deletes": True})
    _run(root, DAY1)
    _run(root, DAY2)  # (1, placed) is gone: a key of its own, invalidated; (1, shipped) new
    assert _rows(root, "id, status, dbt_valid_to is null") == [
        (1, "placed", False), (1, "shipped", True), (2, "placed", True), (3, "placed", True)]


def test_an_expression_as_unique_key(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {**TS, "unique_key": "'order-' || cast(id as varchar)",
                                     "hard_deletes": "invalidate"})
    _run(root, DAY1)
    _run(root, DAY2)
    assert _rows(root) == [(1, "placed", t(1), t(2)), (1, "shipped", t(2), None),
                           (2, "placed", t(1), None), (3, "placed", t(2), None)]


def test_columns_added_to_the_source_are_added_to_the_snapshot(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", TS)
    _run(root, DAY1)
    result = _run(root, "id,status,amount,updated_at,channel\n"
                        "1,placed,10,2024-01-01 00:00:00,web\n"
                        "2,placed,20,2024-01-03 00:00:00,shop\n")
    assert "1 new column" in result.output
    assert _rows(root, "id, channel, dbt_valid_from, dbt_valid_to") == [
        (1, None, t(1), None), (2, None, t(1), t(3)), (2, "shop", t(3), None)]


def test_a_failing_snapshot_keeps_the_previous_table(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", body="{{ config(unique_key='id', strategy='timestamp', "
                    "updated_at='updated_at') }}\nselect id, status, cast(amount as integer) "
                    "as amount, updated_at from {{ ref('raw_orders') }}")
    _run(root, DAY1)
    before = _rows(root, "*")
    failed = _run(root, DAY2.replace("30,", "thirty,"), "snapshot", ok=False)
    assert "orders_snapshot" in failed.output and "thirty" in failed.output
    assert _rows(root, "*") == before


def test_a_failure_mid_transaction_rolls_every_statement_back(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", TS)
    _run(root, DAY1)
    (root / "seeds" / "raw_orders.csv").write_text(DAY2)
    assert _datanet("seed", "--project-dir", root).exit_code == 0
    before = _rows(root, "*")

    class FailsOnInsert(DuckDBAdapter):
        """The insert, after the staging table, new columns and closed rows, fails."""

        def execute(self, sql: str | exp.Expression) -> int | None:
            if isinstance(sql, exp.Insert):
                raise WarehouseError("the connection dropped")
            return super().execute(sql)

    session = open_session(root)
    session.close()
    adapter = FailsOnInsert({"path": str(root / "shop.duckdb")})
    try:
        with pytest.raises(WarehouseError):
            build_snapshot(adapter, session.manifest.nodes["snapshot.orders_snapshot"])
    finally:
        adapter.close()
    assert _rows(root, "*") == before
    tables = _rows(root, "table_name, 1, 1", "information_schema.tables")
    assert [t[0] for t in tables] == ["orders_snapshot", "raw_orders"]  # no staging left


def test_yaml_snapshot_in_build_with_a_model_reading_it(tmp_path: Path) -> None:
    config = {**TS, "target_schema": "history", "alias": "orders_history",
              "snapshot_meta_column_names": {"dbt_valid_from": "valid_from",
                                             "dbt_valid_to": "valid_to"}}
    root = _project(tmp_path / "p", files={
        "snapshots/orders.yml": yaml.safe_dump({"snapshots": [
            {"name": "orders_snapshot", "relation": "ref('raw_orders')", "config": config,
             "columns": [{"name": "id", "data_tests": ["not_null"]}]}]}),
        "models/current_orders.sql": "select id, status from {{ ref('orders_snapshot') }} "
                                     "where valid_to is null"})
    _run(root, DAY1)
    result = _run(root, DAY2)
    order = [line.split()[3] for line in result.output.splitlines() if "/" in line[:9]]
    assert order.index("orders_snapshot") < order.index("current_orders")
    assert "test not_null_orders_snapshot_id" in result.output  # YAML tests of the snapshot
    assert _rows(root, "id, status, valid_to", "history.orders_history") == [
        (1, "placed", t(2)), (1, "shipped", None), (2, "placed", None), (3, "placed", None)]
    assert _rows(root, "*", "main.current_orders", "1") == [(1, "shipped"), (2, "placed"),
                                                        (3, "placed")]
    listed = _datanet("ls", "--project-dir", root, "--resource-type", "snapshot", "--columns")
    assert "valid_from" in listed.output and "dbt_scd_id" in listed.output


def test_snapshot_command_selection_artifacts_and_run(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", TS, files={
        "snapshots/more.sql": "{% snapshot a %}{{ config(unique_key='id', strategy='check', "
                              "check_cols='all') }}select 1 as id{% endsnapshot %}\n"
                              "{% snapshot b %}{{ config(unique_key='id', strategy='check', "
                              "check_cols='all') }}select 2 as id{% endsnapshot %}\n"})
    _run(root, DAY1, "run")  # dbt's `run` builds no snapshot
    assert not _rows(root, "table_name, 1, 1", "information_schema.tables where "
                     "table_name like '%snapshot%' or table_name in ('a', 'b')")
    result = _datanet("snapshot", "--project-dir", root, "--select", "b")
    assert result.exit_code == 0, result.output
    assert "snapshot b" in result.output and "orders_snapshot" not in result.output
    assert _rows(root, "id, 1, 1", "main.b") == [(2, 1, 1)]
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    node = manifest["nodes"]["snapshot.shop.b"]
    assert node["resource_type"] == "snapshot" and node["config"]["strategy"] == "check"
    assert node["original_file_path"] == "snapshots/more.sql"
    results = json.loads((root / "target" / "run_results.json").read_text())
    assert [r["unique_id"] for r in results["results"]] == ["snapshot.shop.b"]
    listed = _datanet("ls", "--project-dir", root, "--output", "name")
    assert {"a", "b", "orders_snapshot"} <= set(listed.output.split())


@pytest.mark.parametrize("body,message", [
    ("{{ config(unique_key='id', strategy='timestamp') }}select 1 as id",
     ("snapshots/orders.sql:1: snapshot 'orders_snapshot': the timestamp strategy needs "
      "updated_at")),
    (("{{ config(unique_key='id', strategy='check', check_cols='all', hard_deletes='gone') }}"
      "select 1 as id"), "hard_deletes 'gone' is not one of ignore, invalidate, new_record"),
    ("{{ config(unique_key='id', stratgy='check') }}select 1 as id",
     "unknown config key 'stratgy'. Did you mean 'strategy'?"),
    ("{{ config(strategy='check', check_cols='all') }}select 1 as id", "needs a unique_key"),
])
def test_config_mistakes_name_the_snapshot_and_the_key(tmp_path: Path, body: str,
                                                        message: str) -> None:
    root = _project(tmp_path / "p", body=body)
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code != 0 and message in result.output, result.output
    assert "Traceback" not in result.output


def test_a_table_that_is_not_a_snapshot_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", TS)
    with duckdb.connect(str(root / "shop.duckdb")) as con:
        con.execute("create table main.orders_snapshot as select 1 as id")
    result = _run(root, DAY1, "snapshot", ok=False)
    assert "main.orders_snapshot is a table without dbt_scd_id, dbt_valid_from, dbt_valid_to, " \
           "not a snapshot table; it was left as it is" in result.output
    assert _rows(root, "*", "main.orders_snapshot", "1") == [(1,)]


@pytest.fixture
def pg_schema() -> Any:
    schema = f"snap_{uuid.uuid4().hex[:10]}"
    yield schema
    with psycopg.connect(**PG, autocommit=True) as con:
        con.execute(f'drop schema if exists "{schema}" cascade')


@pytest.mark.parametrize("config", [TS, {"unique_key": "id", "strategy": "check",
                                         "check_cols": ["status"], "hard_deletes": "new_record"}])
def test_postgres_snapshots(tmp_path: Path, pg_schema: str, config: dict[str, Any]) -> None:
    root = _project(tmp_path / "p", config,
                    output={"type": "postgres", "schema": pg_schema, "threads": 1, **PG})
    _run(root, DAY1)
    _run(root, DAY1)
    _run(root, DAY2.replace("2,placed,20,2024-01-01 00:00:00\n", ""))
    with psycopg.connect(**PG) as con:
        rows = con.execute(f'select id, status, dbt_valid_to is null from "{pg_schema}".'
                           f'"orders_snapshot" order by 1, dbt_valid_from').fetchall()
    deleted = [(2, "placed", False), (2, "placed", True)] if "hard_deletes" in config else \
        [(2, "placed", True)]
    assert rows == [(1, "placed", False), (1, "shipped", True), *deleted, (3, "placed", True)]


def test_mock_runs_snapshot_only_into_the_mock_warehouse(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", TS)
    _run(root, DAY1)
    before = _rows(root, "*")
    result = _datanet("build", "--mock", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _rows(root, "*") == before  # the real snapshot table is untouched
    with duckdb.connect(str(root / ".datanet" / "mock.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from main.orders_snapshot").fetchone() == (2,)
