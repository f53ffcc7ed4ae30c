"""`datanet source freshness`: grade every selected source that declares `freshness:`, keep
the results in state.db (so `status` can say what is late) and write dbt's target/sources.json.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from datanet_sql.artifacts.ids import TARGET_DIR, dbt_unique_id, metadata
from datanet_sql.fs import atomic
from datanet_sql.observe.freshness import FreshnessResult, check, rule_of
from datanet_sql.observe.history import history_target, share_run
from datanet_sql.observe.measure import iso_utc
from datanet_sql.observe.state import FRESHNESS, StateStore, TableMetrics
from datanet_sql.project.selection import select_nodes
from datanet_sql.run.results import NodeResult, RunResults

SOURCES_SCHEMA = "https://schemas.getdbt.com/dbt/sources/v3.json"


def source_freshness(session: Any, select: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                     started: Callable[[Any, int, int], None] | None = None,
                     ) -> list[FreshnessResult]:
    """Check the selected sources with a freshness rule, in the manifest's order."""
    manifest, root = session.manifest, session.ctx.project.root
    chosen = set(select_nodes(manifest, select, exclude)) if select or exclude else None
    checks = [(node, rule) for node in manifest.in_order("source")
              if (chosen is None or node.unique_id in chosen)
              and (rule := rule_of(node)) is not None]
    clock, results = time.perf_counter(), []
    run = RunResults(FRESHNESS, history_target(session.ctx))
    store = StateStore(session.ctx.project.state_dir / "state.db")
    run_id = store.begin(run)
    for index, (node, rule) in enumerate(checks, 1):
        if started is not None:
            started(node, index, len(checks))
        results.append(check(session.adapter, node, rule, root))
    run.duration = time.perf_counter() - clock
    run.results = [NodeResult(r.node.unique_id, r.node.name, "source", r.status,
                              r.snapshotted_at, r.duration, message=r.message) for r in results]
    run.status = "error" if any(r.status in ("error", "runtime error") for r in results) \
        else "success"
    store.finish(run_id, run)
    metrics = [TableMetrics(r.node.unique_id, None, loaded_at=r.max_loaded_at,
                            measured_at=r.snapshotted_at) for r in results if r.max_loaded_at]
    store.record_metrics(run_id, run.target, metrics)
    share_run(session, run, metrics)
    write_sources_json(session, results, run.duration)
    return results


def write_sources_json(session: Any, results: list[FreshnessResult], elapsed: float) -> None:
    """target/sources.json in dbt's sources v3 shape (read by dbt Cloud, Elementary, ...)."""
    manifest = session.manifest
    data = {"metadata": metadata(SOURCES_SCHEMA, session.ctx.invocation_id),
            "results": [_entry(r, manifest) for r in results], "elapsed_time": elapsed}
    atomic.write_json(session.ctx.project.root / TARGET_DIR / "sources.json", data, indent=1)


def _entry(result: FreshnessResult, manifest: Any) -> dict[str, Any]:
    uid = dbt_unique_id(result.node.unique_id, manifest)
    if result.status == "runtime error":
        return {"unique_id": uid, "error": result.message, "status": "runtime error"}
    rule = result.rule
    return {"unique_id": uid, "max_loaded_at": iso_utc(result.max_loaded_at),
            "snapshotted_at": iso_utc(result.snapshotted_at),
            "max_loaded_at_time_ago_in_s": result.age, "status": result.status,
            "criteria": {"warn_after": rule.warn_after or {"count": None, "period": None},
                         "error_after": rule.error_after or {"count": None, "period": None},
                         "filter": rule.filter},
            "adapter_response": {}, "timing": [], "thread_id": "Thread-1",
            "execution_time": result.duration}
