"""Run history: real runs on DuckDB write node results and table measurements to state.db."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from run.helpers import run
from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.observe.measure import BATCH, MeasuredTable, measure, measure_many
from datanet_sql.observe.state import SCHEMA_VERSION, StateStore, TableMetrics
from observe.helpers import set_orders, shop


def test_two_runs_record_counts_nulls_freshness_and_schema(tmp_path: Path) -> None:
    root = shop(tmp_path, rows=10)
    assert run(root, "build").success
    set_orders(root, rows=25, age_hours=2, null_customers=5)
    assert run(root, "run").success

    store = StateStore(root / ".datanet" / "state.db")
    model = store.metrics("model.orders", "dev")
    assert [m.row_count for m in model] == [10, 25]
    assert model[-1].null_rates == {"id": 0.0, "customer": 0.2}
    assert model[-1].columns["id"].upper() == "BIGINT"
    assert set(model[-1].columns) == {"id", "customer", "loaded_at"}
    source = store.metrics("source.raw.orders", "dev")
    assert [m.row_count for m in source] == [10, 25]
    assert 1.9 * 3600 < time.time() - source[-1].loaded_at < 2.1 * 3600  # newest loaded_at
    events = store.metrics("source.raw.events", "dev")
    assert events == []  # not upstream of anything built: not measured
    assert store.metrics("model.orders", "prod") == []  # other targets kept apart
    last = store.last_runs()[0]
    assert last["command"] == "run" and last["status"] == "success"
    assert {n["unique_id"]: n["status"] for n in last["nodes"]}["model.orders"] == "success"


def test_a_file_source_whose_files_did_not_change_is_not_scanned_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history re-read every CSV a run read; an unchanged file's measurement is the same
    row, kept by the files' names, sizes and modification times. A changed file is read."""
    root = shop(tmp_path, rows=10)
    assert run(root, "build").success
    sent: list[str] = []
    original = DuckDBAdapter.fetch

    def recording(self: DuckDBAdapter, sql: str | exp.Expression) -> tuple[list[str], list]:
        sent.append(self.sql(sql))
        return original(self, sql)

    monkeypatch.setattr(DuckDBAdapter, "fetch", recording)
    assert run(root, "run").success
    assert not [s for s in sent if 'FROM "raw"."orders"' in s]
    assert any('FROM "main"."orders"' in s for s in sent)  # the table built is measured
    set_orders(root, rows=25, age_hours=2, null_customers=5)
    assert run(root, "run").success
    assert [s for s in sent if 'FROM "raw"."orders"' in s]
    source = StateStore(root / ".datanet" / "state.db").metrics("source.raw.orders", "dev")
    assert [m.row_count for m in source] == [10, 10, 25]
    assert source[0].null_rates == source[1].null_rates == {"id": 0.0}
    assert source[0].loaded_at == source[1].loaded_at
    assert source[0].measured_at < source[1].measured_at  # taken at each run all the same


def test_old_state_file_is_migrated_and_retention_applies(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    con = sqlite3.connect(path)  # the first release's file: no version, no table_metrics
    con.executescript("create table runs (run_id integer primary key autoincrement, command "
                      "text, target text, started_at real, elapsed real, success integer);"
                      "create table node_runs (run_id integer, unique_id text, kind text, "
                      "status text, rows integer, duration real, message text);"
                      "insert into runs values (1, 'run', 'dev', 0, 1, 1);")
    con.commit()
    con.close()
    store = StateStore(path)
    old = TableMetrics("model.a", 5, measured_at=time.time() - 100 * 86400)
    store.record_metrics(None, "dev", [old, TableMetrics("model.a", 7)])
    assert sqlite3.connect(path).execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.forget_before(time.time() - 90 * 86400) == 1  # the 1970 run
    assert [m.row_count for m in store.metrics("model.a", "dev")] == [7]
    # a run writes its measurements and applies the retention in one transaction
    later = time.time() + 60
    store.record_metrics(None, "dev", [TableMetrics("model.a", 9, measured_at=later)],
                         forget_before=later - 1)
    assert [m.row_count for m in store.metrics("model.a", "dev")] == [9]


def test_tables_are_measured_in_batches_and_a_refused_one_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a run every built table is measured: one catalog query for all and one
    aggregate per BATCH tables, giving what measuring each alone gives; a table the
    warehouse refuses to measure is reported by itself and the others are still measured."""
    adapter = DuckDBAdapter({"path": ":memory:"})
    tables = []
    for i in range(BATCH + 2):
        adapter.execute(f"create table t{i} as select range as id, if(range % 4 = 0, null, "
                        f"range * 1.5) as amount, timestamp '2024-01-01' + to_days(range) "
                        f"as loaded_at from range({i})")
        tables.append(MeasuredTable(f"model.t{i}", Relation(f"t{i}", "main"), ["amount"],
                                    "loaded_at", stats={"amount": ["mean", "p95"]}))
    tables[3].loaded_at_field = "no_such_column"
    tables.append(MeasuredTable("model.gone", Relation("gone", "main"), []))
    sent: list[str] = []
    original = adapter.fetch

    def recording(sql: str | exp.Expression) -> tuple[list[str], list[tuple]]:
        sent.append(adapter.sql(sql))
        return original(sql)

    monkeypatch.setattr(adapter, "fetch", recording)
    refused: list[tuple[str, str]] = []
    metrics = measure_many(adapter, tables, "duckdb", tmp_path,
                           lambda table, err: refused.append((table.unique_id, err.message)))
    # the catalog, the first batch (refused), its tables one by one, the last batch
    assert len(sent) == 1 + 1 + BATCH + 1
    assert [uid for uid, _ in refused] == ["model.t3"] and "no_such_column" in refused[0][1]
    monkeypatch.undo()
    alone = [measure(adapter, t, "duckdb", tmp_path) for t in tables if t.unique_id != "model.t3"]
    assert alone[-1] is None  # the missing table: nothing to measure, nothing said
    keep = ("unique_id", "row_count", "null_rates", "loaded_at", "columns", "distribution")
    assert [[getattr(m, k) for k in keep] for m in metrics] == \
        [[getattr(m, k) for k in keep] for m in alone[:-1]]
    assert metrics[2].row_count == 2 and metrics[2].null_rates == {"amount": 0.5}
    adapter.close()
