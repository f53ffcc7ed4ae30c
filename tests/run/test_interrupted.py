"""Runs that end early never leave the previous run's success behind: run_results.json and
state.db say `running` from the start (what a kill -9 leaves), `interrupted` after Ctrl-C or
SIGTERM with the nodes that finished, `error` when the warehouse refuses before anything is
built, and then compiled/ and manifest.json are those of the last run that could build."""

from __future__ import annotations

import json
import signal
import sqlite3
from pathlib import Path

import duckdb
import pytest

from run.helpers import datanet, db_path, query, slow_project, start_slow_run, write_project


def results(root: Path) -> dict:
    return json.loads((root / ".datanet" / "run_results.json").read_text())


def runs(root: Path) -> list[tuple]:
    con = sqlite3.connect(root / ".datanet" / "state.db")
    try:
        return con.execute("select run_id, command, status, success, pid, message from runs "
                           "order by run_id").fetchall()
    finally:
        con.close()


def node_runs(root: Path, run_id: int) -> dict[str, str]:
    con = sqlite3.connect(root / ".datanet" / "state.db")
    try:
        return dict(con.execute("select unique_id, status from node_runs where run_id = ?",
                                (run_id,)).fetchall())
    finally:
        con.close()


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_is_recorded_with_the_nodes_that_finished(tmp_path: Path, sig: int,
                                                                  code: int) -> None:
    root = slow_project(tmp_path / "p")
    proc = start_slow_run(root)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code and "Traceback" not in err
    data = results(root)
    assert data["status"] == "interrupted" and data["pid"] == proc.pid
    by_id = {r["unique_id"]: r for r in data["results"]}
    assert by_id["model.fast"]["status"] == "success"
    assert by_id["model.slow"]["status"] == "skipped"
    assert by_id["model.slow"]["message"].startswith("not finished: the run was interrupted")
    dbt = json.loads((root / "target" / "run_results.json").read_text())
    assert {r["unique_id"]: r["status"] for r in dbt["results"]} == {
        "model.p.fast": "success", "model.p.slow": "skipped"}
    last = runs(root)[-1]
    assert last[1:4] == ("run", "interrupted", 0)
    assert node_runs(root, last[0]) == {"model.fast": "success", "model.slow": "skipped"}
    assert query(root, "select * from slow") == [(300, 2)]  # the previous table, intact


def test_killed_run_stays_running_until_the_next_run_closes_it(tmp_path: Path) -> None:
    root = slow_project(tmp_path / "p")
    assert results(root)["status"] == "success"
    proc = start_slow_run(root)
    proc.kill()
    proc.communicate(timeout=60)
    data = results(root)
    assert data["status"] == "running" and data["pid"] == proc.pid  # not the earlier success
    assert data["results"] == [] and data["counts"] == {}
    assert not (root / "target" / "run_results.json").exists()  # dbt's shape has no "running"
    assert runs(root)[-1][2:5] == ("running", 0, proc.pid)
    assert datanet(root, "run").returncode == 0
    killed, latest = runs(root)[-2:]
    assert killed[2] == "interrupted" and "killed?" in killed[5]
    assert latest[2:4] == ("success", 1) and results(root)["status"] == "success"


def test_a_run_the_warehouse_refuses_keeps_the_last_compiled_artifacts(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "models/a.sql": "{{ config(materialized='table') }}\nselect 1 as x"})
    assert datanet(root, "run").returncode == 0
    state = root / ".datanet"
    before = {p: p.read_bytes() for p in [state / "manifest.json", state / "compiled" / "dev" / "a.sql"]}
    (root / "models" / "a.sql").write_text("{{ config(materialized='table') }}\nselect 2 as x")
    holder = duckdb.connect(str(db_path(root)))  # another program holds the warehouse file
    try:
        done = datanet(root, "run")
    finally:
        holder.close()
    assert done.returncode == 1 and "cannot open the DuckDB database" in done.stderr
    assert {p: p.read_bytes() for p in before} == before
    data = results(root)
    assert data["status"] == "error" and "cannot open the DuckDB database" in data["message"]
    assert runs(root)[-1][2:4] == ("error", 0)


def test_a_run_refused_at_compile_is_recorded_as_an_error(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/a.sql": "select 1 as x"})
    assert datanet(root, "run").returncode == 0
    (root / "models" / "a.yml").write_text("models:\n  - name: a\n    colums: []\n")
    done = datanet(root, "run")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "models/a.yml" in done.stderr
    data = results(root)
    assert data["status"] == "error" and data["results"] == []
    assert "models/a.yml" in data["message"]


@pytest.mark.parametrize("threads", ["0", "-1"])
def test_threads_below_one_are_refused(tmp_path: Path, threads: str) -> None:
    root = write_project(tmp_path / "p", {"models/a.sql": "select 1 as x"})
    done = datanet(root, "run", "--threads", threads)
    assert done.returncode == 2
    assert f"Invalid value for '--threads': {threads} is not in the range x>=1" in done.stderr
    assert not (root / ".datanet" / "run_results.json").exists()


def test_threads_below_one_in_targets_yml_are_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "models/a.sql": "select 1 as x",
        "targets.yml": "dev: {type: duckdb, path: .datanet/dev.duckdb, threads: 0}\n"})
    done = datanet(root, "run")
    assert done.returncode == 1
    assert "targets.yml: target 'dev' has threads: 0" in done.stderr
    assert "1 or more" in done.stderr
