"""What a run leaves behind: the same tables whatever --threads says, .datanet/run_results.json
with status, timing, rows and message per node, and a state database whose history grows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from run.helpers import copy_fixture, query, run, write, write_project


def contents(root: Path) -> dict[str, list[tuple]]:
    """Every relation the run built (tables and views), rows sorted, by name."""
    names = [r[0] for r in query(root, "select table_name from information_schema.tables "
                                       "where table_schema = 'main' order by 1")]
    return {name: query(root, f'select * from "{name}" order by all') for name in names}


def wide_project(root: Path) -> Path:
    """24 models in four layers over a seed: views, tables, ephemeral and incremental models,
    joins, rollups and windows, so several threads always have work in parallel."""
    rows = "\n".join(f"{i},{i % 7},{(i * 37) % 101},{'abc'[i % 3]}" for i in range(300))
    files = {"seeds/nums.csv": f"id,k,v,tag\n{rows}\n"}
    kinds = ["view", "table", "ephemeral", "incremental"]
    for i in range(8):
        files[f"models/l1_{i}.sql"] = (
            f"{{{{ config(materialized='{kinds[i % 4]}', unique_key='id') }}}}\n"
            f"select id, k, v * {i + 1} as v, tag from {{{{ ref('nums') }}}} where id % 8 <> {i}")
    for i in range(8):
        a, b = f"l1_{i}", f"l1_{(i + 3) % 8}"
        files[f"models/l2_{i}.sql"] = (
            f"{{{{ config(materialized='{kinds[(i + 1) % 4]}', unique_key='k') }}}}\n"
            f"select x.k, count(*) as n, sum(x.v) as total, max(y.v) as top\n"
            f"from {{{{ ref('{a}') }}}} x join {{{{ ref('{b}') }}}} y on x.id = y.id group by x.k")
    for i in range(8):
        files[f"models/l3_{i}.sql"] = (
            "{{ config(materialized='table') }}\n"
            f"select k, total, sum(total) over (order by k) as running, "
            f"rank() over (order by n desc, k) as rnk from {{{{ ref('l2_{i}') }}}}\n"
            f"union all select -1, sum(total), null, null from {{{{ ref('l2_{(i + 5) % 8}') }}}}")
    return write_project(root, files)


def test_threads_give_the_same_tables_as_one_thread(tmp_path: Path) -> None:
    for threads in (1, 4):
        root = wide_project(tmp_path / f"t{threads}")
        for _ in range(2):  # the second run takes the incremental paths
            results = run(root, "run", threads=threads)
            assert results.success, [(r.name, r.message) for r in results.failed]
    one, four = contents(tmp_path / "t1"), contents(tmp_path / "t4")
    assert len(one) == 1 + 24 - 4  # the seed and every model but the ephemeral ones
    assert one == four
    assert sum(len(rows) for rows in one.values()) > 1000


def test_threads_on_jaffle_shop(tmp_path: Path) -> None:
    single = copy_fixture("jaffle_shop", tmp_path / "one")
    multi = copy_fixture("jaffle_shop", tmp_path / "many")
    assert run(single, "build", threads=1).success
    assert run(multi, "build", threads=8).success
    assert contents(single) == contents(multi)


def test_run_results_json(jaffle: Path) -> None:
    write(jaffle, "models/broken.sql", "{{ config(materialized='table') }}\n"
                                       "select 1 / 0 as x, cast('x' as integer) as y")
    write(jaffle, "models/after_broken.sql", "select * from {{ ref('broken') }}")
    run(jaffle, "build")
    data = json.loads((jaffle / ".datanet" / "run_results.json").read_text())
    assert data["command"] == "build" and data["target"] == "dev"
    assert data["status"] == "error" and data["message"] == ""  # a node failed; the run ended
    assert data["counts"] == {"success": 8, "pass": 20, "error": 1, "skipped": 1}
    assert data["elapsed"] > 0
    by_id = {r["unique_id"]: r for r in data["results"]}
    assert len(by_id) == 30
    orders = by_id["model.orders"]
    assert orders["status"] == "success" and orders["rows"] == 25 and orders["kind"] == "model"
    assert orders["message"] == "created table" and orders["action"] == "table"
    assert 0 < orders["duration"] < 30 and orders["started_at"] >= data["started_at"]
    assert by_id["seed.raw_payments"]["rows"] == 36
    assert by_id["model.stg_orders"]["rows"] is None  # a view has no row count
    assert by_id["test.unique_orders_order_id"] == {**by_id["test.unique_orders_order_id"],
                                                     "status": "pass", "rows": 0,
                                                     "message": "pass", "kind": "test"}
    broken = by_id["model.broken"]
    assert broken["status"] == "error" and "Conversion Error" in broken["message"]
    assert by_id["model.after_broken"]["status"] == "skipped"
    assert by_id["model.after_broken"]["message"] == "skipped because broken did not succeed"
    assert all(r["started_at"] >= data["started_at"] for r in data["results"])


def test_state_db_history_grows_across_runs(jaffle: Path) -> None:
    run(jaffle, "run")
    run(jaffle, "test")
    write(jaffle, "seeds/raw_orders.csv",
          (jaffle / "seeds" / "raw_orders.csv").read_text() + "26,1,2018-02-02,placed\n")
    write(jaffle, "seeds/raw_payments.csv",
          (jaffle / "seeds" / "raw_payments.csv").read_text() + "37,26,coupon,700\n")
    assert run(jaffle, "build", select=("raw_orders+", "raw_payments+")).success
    con = sqlite3.connect(jaffle / ".datanet" / "state.db")
    try:
        runs = con.execute("select run_id, command, target, success from runs "
                           "order by run_id").fetchall()
        status = con.execute("select status from runs order by run_id").fetchall()
        history = con.execute("select n.run_id, n.status, n.rows from node_runs n "
                              "where unique_id = 'model.orders' order by run_id").fetchall()
        tests = con.execute("select count(*) from node_runs where kind = 'test'").fetchone()
    finally:
        con.close()
    assert [r[1:] for r in runs] == [("run", "dev", 1), ("test", "dev", 1), ("build", "dev", 1)]
    assert status == [("success",)] * 3
    assert [(status, rows) for _, status, rows in history] == [("success", 25), ("success", 26)]
    assert [h[0] for h in history] == [runs[0][0], runs[2][0]]
    assert tests[0] == 20 + 18  # all tests, then all but stg_customers' two
    assert query(jaffle, "select count(*) from orders") == [(26,)]
