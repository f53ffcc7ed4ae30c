"""Forked workers analysing a DAG level ahead of the walk: the compile's output is exactly a
serial compile's (manifests, compiled SQL, errors, counts), a failed worker only costs time,
and small levels are never forked."""

from __future__ import annotations

import gc
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from compile_helpers import assert_cli_error, run_cli, write_project

from datanet_sql.compile import forks as forks_module
from datanet_sql.compile import level_workers, sources_ahead
from datanet_sql.compile.passes import emit
from datanet_sql.compile.pipeline import compile_project

WIDTH = 6  # models per level


def _files() -> dict[str, str]:
    """Three levels: staging views, joins of two of them, rollups (with a column named by
    DuckDB's parser, asked in the worker); one join reads a column that does not exist (an
    error in a forked share) and one rollup reads that join."""
    files = {f"models/stg_{i}.sql": f"select order_id, customer_id, amount * {i} as amount_{i},"
             f" status from {{{{ source('raw', 'orders') }}}}" for i in range(WIDTH)}
    for i in range(WIDTH):
        other = (i + 1) % WIDTH
        column = "nope" if i == WIDTH - 1 else f"amount_{other}"
        files[f"models/join_{i}.sql"] = (
            f"select a.order_id, a.amount_{i}, b.{column} as other_amount, a.status\n"
            f"from {{{{ ref('stg_{i}') }}}} a join {{{{ ref('stg_{other}') }}}} b"
            " using (order_id)")
        files[f"models/roll_{i}.sql"] = (
            f"select status, sum(amount_{i}) as total, count(*) as n, upper(status) "
            f"from {{{{ ref('join_{i}') }}}} group by status")
    files["models/schema.yml"] = "models:\n" + "".join(
        f"  - name: join_{i}\n    columns:\n      - name: order_id\n"
        f"        data_tests: [unique, not_null]\n" for i in range(WIDTH))
    return files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "wide", _files())


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every level forks (shares of one model, two cores even on a one-core runner), and so
    do sampling the sources and writing dbt's manifest; the list counts the forks."""
    made: list[int] = []
    real = forks_module.fork_child

    def counted(*args: Any) -> forks_module.Child | None:
        made.append(1)
        return real(*args)

    monkeypatch.setattr(level_workers, "MIN_SHARE", 1)
    monkeypatch.setattr(emit, "MANIFEST_CHILD_NODES", 1)
    monkeypatch.setattr(sources_ahead, "MIN_MODELS", 1)
    monkeypatch.setenv(forks_module.PROCESSES_VARIABLE, "2")
    monkeypatch.setattr(forks_module, "fork_child", counted)
    return made


def _outputs(root: Path) -> dict[str, Any]:
    """What a compile leaves behind, fresh from no earlier state: both manifests (without
    dbt's per-invocation times and ids), the compiled files, the counts and the errors."""
    for state in (".datanet", "target"):
        shutil.rmtree(root / state, ignore_errors=True)
    manifest, ctx = compile_project(root)
    dbt = json.loads((root / "target" / "manifest.json").read_text(encoding="utf-8"))
    dbt.pop("metadata")
    for group in ("nodes", "sources"):
        for node in dbt[group].values():
            node.pop("created_at")
    compiled = root / ".datanet" / "compiled"
    return {"manifest": (root / ".datanet" / "manifest.json").read_text(encoding="utf-8"),
            "dbt": dbt, "stats": dict(ctx.stats),
            "errors": {uid: n.error for uid, n in manifest.nodes.items() if n.error},
            "compiled": {p.relative_to(compiled).as_posix(): p.read_text(encoding="utf-8")
                         for p in sorted(compiled.rglob("*.sql"))}}


def _serial(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with monkeypatch.context() as serial:
        serial.setenv(forks_module.PROCESSES_VARIABLE, "1")
        return _outputs(root)


def test_forked_compile_equals_serial(project: Path, forks: list[int],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _serial(project, monkeypatch)
    assert not forks
    forked = _outputs(project)
    assert forks  # the levels were shared out
    assert forked == serial
    assert forked["stats"]["annotated"] == 3 * WIDTH - 2  # the bad join's rollup is blocked
    error = forked["errors"][f"model.join_{WIDTH - 1}"]
    assert "column 'nope'" in error and f"join_{WIDTH - 1}.sql" in error


def test_cache_after_a_forked_compile(project: Path, forks: list[int]) -> None:
    """The workers' analyses are saved as the walk's are: the next compile analyses nothing."""
    _outputs(project)
    _, ctx = compile_project(project)
    assert (ctx.stats["annotated"], ctx.stats["cached"]) == (0, 3 * WIDTH - 2)


def test_failed_worker_leaves_its_share_to_the_walk(
        project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _serial(project, monkeypatch)

    def crash(*args: Any) -> None:
        raise RuntimeError("worker lost")

    monkeypatch.setattr(level_workers, "_analyse_share", crash)
    assert _outputs(project) == serial
    assert forks


def test_failed_manifest_child_leaves_dbt_manifest_to_the_compiler(
        project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """dbt's manifest is written by a forked child beside datanet's own files; when the
    child fails, the compiling process writes it: the same file."""
    serial = _serial(project, monkeypatch)
    compiler = os.getpid()
    real = emit.write_dbt_manifest

    def fails_in_a_child(*args: Any) -> Path:
        if os.getpid() != compiler:
            raise RuntimeError("child lost")
        return real(*args)

    monkeypatch.setattr(emit, "write_dbt_manifest", fails_in_a_child)
    assert _outputs(project) == serial
    assert forks


def test_failed_sources_child_leaves_the_sources_to_the_walk(
        project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The file sources are described and sampled by a forked child while the models
    render; when it fails, the walk does it: the same outputs."""
    serial = _serial(project, monkeypatch)

    def crash(*args: Any) -> None:
        raise RuntimeError("child lost")

    monkeypatch.setattr(sources_ahead, "_describe_and_sample", crash)
    assert _outputs(project) == serial
    assert forks


def test_small_levels_stay_serial(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    never: Callable[..., None] = lambda *args: pytest.fail("forked a small level")
    monkeypatch.setattr(forks_module, "fork_child", never)
    monkeypatch.setenv(forks_module.PROCESSES_VARIABLE, "64")
    assert _outputs(project)["stats"]["annotated"] == 3 * WIDTH - 2


def test_walk_and_workers_take_each_model_once() -> None:
    """The walk takes from the front in order, a worker from the back, until they meet;
    what a worker has taken the walk does not take."""
    claims = level_workers._Claims()
    try:
        claims.reset(5)
        assert [claims.take_back(), claims.take_back()] == [4, 3]
        assert claims.take_front(0) and claims.take_front(1)
        assert claims.take_back() == 2
        assert not claims.take_front(2)
        assert claims.take_back() is None
        claims.reset(2)
        assert claims.take_front(0) and claims.take_front(1)
        assert claims.take_back() is None
    finally:
        claims.close()


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_bad_process_count_is_refused(project: Path, value: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(forks_module.PROCESSES_VARIABLE, value)
    result = run_cli("compile", "--project-dir", project)
    message = assert_cli_error(result, f"DATANET_COMPILE_PROCESSES={value!r}", "set it to 1")
    assert "Traceback" not in message


def test_no_process_left_means_serial(project: Path, forks: list[int],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _serial(project, monkeypatch)

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forks_module.os, "fork", refused)
    assert _outputs(project) == serial
    assert forks
    assert gc.get_freeze_count() == 0  # the collector is left as it was
