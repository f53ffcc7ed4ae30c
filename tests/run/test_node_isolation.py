"""The executor under faults of its own: any exception in a node is that node's failure (its
descendants skipped, the rest built, results written), transient errors are retried a bounded
number of times, terminal ones never. Real DuckDB projects; the faults are injected into one
materialization with monkeypatch, standing for a bug or a deadlock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datanet_sql.errors import TransientWarehouseError, WarehouseError
from datanet_sql.run import materialize
from run.helpers import query, run, statuses, write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", {
        "models/a.sql": "{{ config(materialized='table') }}\nselect 1 as id",
        "models/b.sql": "{{ config(materialized='table') }}\n"
                        "select id + 1 as id from {{ ref('a') }}",
        "models/c.sql": "select id from {{ ref('b') }}",
        "models/d.sql": "{{ config(materialized='table') }}\nselect 4 as id",
    })


def _failing_for(name: str, error: Exception, times: int = 10**6) -> tuple[object, list[str]]:
    """build_table, raising `error` for model `name` the first `times` calls."""
    real, calls = materialize.build_table, []

    def build_table(adapter: object, node: object) -> materialize.Outcome:
        if node.name == name:  # type: ignore[attr-defined]
            calls.append(name)
            if len(calls) <= times:
                raise error
        return real(adapter, node)  # type: ignore[arg-type]

    return build_table, calls


def test_a_bug_in_one_node_fails_that_node_only(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    patched, _ = _failing_for("b", KeyError("boom"))
    monkeypatch.setattr(materialize, "build_table", patched)
    results = run(project, threads=2)
    assert statuses(results) == {"a": "success", "b": "error", "c": "skipped", "d": "success"}
    message = next(r.message for r in results.results if r.name == "b")
    assert message.startswith("internal error (KeyError: 'boom')") and "bug" in message
    written = json.loads((project / ".datanet" / "run_results.json").read_text())
    assert {r["unique_id"].split(".")[-1]: r["status"] for r in written["results"]}["b"] == \
        "error"
    assert query(project, "select id from d") == [(4,)]


def test_transient_errors_are_retried_then_succeed(project: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    patched, calls = _failing_for("b", TransientWarehouseError("deadlock detected"), times=2)
    monkeypatch.setattr(materialize, "build_table", patched)
    results = run(project, transient_backoff=0.01)
    assert results.success and len(calls) == 3
    message = next(r.message for r in results.results if r.name == "b")
    assert "after 3 attempts; first error: deadlock detected" in message
    assert query(project, "select id from c") == [(2,)]


def test_transient_retries_are_bounded(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patched, calls = _failing_for("b", TransientWarehouseError("deadlock detected"))
    monkeypatch.setattr(materialize, "build_table", patched)
    results = run(project, transient_backoff=0.01, transient_retries=2)
    assert len(calls) == 3 and statuses(results)["b"] == "error"
    assert statuses(results)["c"] == "skipped"


def test_terminal_errors_are_not_retried(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patched, calls = _failing_for("b", WarehouseError('column "x" does not exist'))
    monkeypatch.setattr(materialize, "build_table", patched)
    results = run(project, transient_backoff=0.01)
    assert len(calls) == 1
    message = next(r.message for r in results.results if r.name == "b")
    assert message == 'column "x" does not exist'
