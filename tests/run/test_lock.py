"""The project lock: a second command on the same project and target is refused at once, before
touching anything, naming who holds the lock (or waits with --wait); other targets go on; a
lock left by a killed process is taken over with a note; two compiles at once do not collide."""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from datanet_sql.fs.lock import lock_path, project_lock
from run.helpers import (
    DATANET,
    ENV,
    copy_built,
    datanet,
    slow_project,
    start_slow_run,
    write_project,
)

PROJECT = {"models/a.sql": "{{ config(materialized='table') }}\nselect 1 as x",
           "models/b.sql": "select x + 1 as y from {{ ref('a') }}"}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with two targets, compiled once for the module (a `datanet` process)."""
    root = write_project(tmp_path_factory.mktemp("lock") / "p", {
        **PROJECT, "targets.yml": "dev: {type: duckdb, path: .datanet/dev.duckdb}\n"
                                  "other: {type: duckdb, path: .datanet/other.duckdb}\n"})
    assert datanet(root, "compile").returncode == 0
    return root


@pytest.fixture
def project(compiled: Path, tmp_path: Path) -> Path:
    """A copy of the compiled project of the test's own: each test locks and runs it."""
    return copy_built(compiled, tmp_path / "p")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every artifact under .datanet/ but the lock files and warehouses, by path."""
    state = root / ".datanet"
    return {str(p.relative_to(state)): p.read_bytes() for p in sorted(state.rglob("*"))
            if p.is_file() and "locks" not in p.parts and p.suffix not in (".duckdb", ".wal")}


@pytest.mark.parametrize("command", ["run", "build", "compile", "seed", "test", "heal",
                                     "mock", "clean"])
def test_a_second_command_is_refused_at_once_touching_nothing(project: Path,
                                                               command: str) -> None:
    before = snapshot(project)
    with project_lock(project / ".datanet", "dev", "run"):
        started = time.perf_counter()
        done = datanet(project, command)
        elapsed = time.perf_counter() - started
    assert done.returncode == 75, done.stderr
    assert f"locked by PID {os.getpid()} since " in done.stderr
    assert "(command run)" in done.stderr and "--wait" in done.stderr
    assert "Traceback" not in done.stderr
    assert elapsed < 10  # refused, not queued
    assert snapshot(project) == before  # no compiled/, manifest or results rewritten


def test_another_target_is_not_blocked(project: Path) -> None:
    with project_lock(project / ".datanet", "dev", "run"):
        done = datanet(project, "run", "--target", "other")
    assert done.returncode == 0, done.stderr


def test_wait_queues_behind_the_holder_then_runs(project: Path) -> None:
    with project_lock(project / ".datanet", "dev", "build"):
        proc = subprocess.Popen([str(DATANET), "run", "--wait", "60"], cwd=project, env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # released only once the run says it waits (a fixed sleep raced a loaded machine)
        said = _line_with(proc, "waiting up to 60s", timeout=60)
        assert proc.poll() is None  # still waiting
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert f"waiting up to 60s for the project lock held by PID {os.getpid()}" in said
    assert "OK" in out


def _line_with(proc: subprocess.Popen[str], text: str, timeout: float) -> str:
    """The first line of the process's stderr containing `text` (within `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], deadline - time.monotonic())
        line = proc.stderr.readline() if ready else ""
        if text in line:
            return line
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"no line with {text!r} on stderr")


def test_wait_gives_up_after_its_timeout(project: Path) -> None:
    with project_lock(project / ".datanet", "dev", "build"):
        started = time.perf_counter()
        done = datanet(project, "compile", "--wait", "1.5")
    assert 1.5 <= time.perf_counter() - started < 15
    assert done.returncode == 75 and "(command build)" in done.stderr


def test_a_lock_left_by_a_dead_process_is_taken_over_with_a_note(project: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    path = lock_path(project / ".datanet", "dev")
    path.write_text(json.dumps({"pid": dead.pid, "command": "build", "started_at": 1.7e9,
                                "host": os.uname().nodename}))
    done = datanet(project, "run")
    assert done.returncode == 0, done.stderr
    assert f"took over the project lock left by PID {dead.pid} since 2023-11-14" in done.stderr
    assert "(command build)" in done.stderr and "is gone" in done.stderr
    assert path.read_text() == ""  # released cleanly: no record for the next one


def test_a_refusal_never_names_a_dead_process_being_taken_over(project: Path) -> None:
    """The moment between a new holder's flock and its record: the file still names the dead
    holder, and the refusal must not present that one as the holder."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    path = lock_path(project / ".datanet", "dev")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(json.dumps({"pid": dead.pid, "command": "build", "started_at": 1.7e9,
                                 "host": os.uname().nodename}))
        handle.flush()
        done = datanet(project, "compile")
    assert done.returncode == 75
    assert "locked by another datanet" in done.stderr and str(dead.pid) not in done.stderr


def test_a_lock_of_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    root = slow_project(tmp_path / "p")
    proc = start_slow_run(root)
    blocked = datanet(root, "run")
    assert blocked.returncode == 75 and f"locked by PID {proc.pid}" in blocked.stderr
    proc.kill()
    proc.communicate(timeout=60)
    done = datanet(root, "run")
    assert done.returncode == 0, done.stderr
    assert f"took over the project lock left by PID {proc.pid}" in done.stderr


def test_two_compiles_at_once_with_wait_both_succeed(project: Path) -> None:
    procs = [subprocess.Popen([str(DATANET), "compile", "--wait", "60"], cwd=project, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    manifest = json.loads((project / ".datanet" / "manifest.json").read_text())
    assert set(manifest["nodes"]) >= {"model.a", "model.b"}
    assert not list((project / ".datanet").rglob("*.tmp"))


def test_ctrl_c_while_waiting_for_the_lock_exits_cleanly(project: Path) -> None:
    with project_lock(project / ".datanet", "dev", "run"):
        proc = subprocess.Popen([str(DATANET), "run", "--wait", "60"], cwd=project, env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        waiting = proc.stderr.readline()  # once it says so, it is waiting
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert "waiting up to 60s" in waiting
    assert proc.returncode == 130 and "Traceback" not in err
