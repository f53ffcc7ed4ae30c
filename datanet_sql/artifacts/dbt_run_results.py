"""datanet's RunResults as dbt's run_results v6 (`target/run_results.json`).

dbt's statuses are narrower than datanet's: a model is success, error or skipped; a test pass,
fail, warn, error or skipped. Anything else (a run interrupted mid-way) is reported as an error,
so no consumer mistakes an unfinished run for a success.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from datanet_sql.artifacts.ids import RUN_RESULTS_SCHEMA, TARGET_DIR, dbt_unique_id, metadata
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest
from datanet_sql.run.results import NodeResult, RunResults

_BUILT = {"success", "error", "skipped"}
_TESTED = {"pass", "fail", "warn", "error", "skipped"}


def to_dbt_run_results(results: RunResults, manifest: Manifest,
                       invocation_id: str) -> dict[str, Any]:
    return {"metadata": metadata(RUN_RESULTS_SCHEMA, invocation_id),
            # dbt lists what it executed: models, seeds, tests (sources only in freshness runs)
            "results": [dbt_result(r, manifest) for r in results.results
                        if r.kind != "source"],
            "elapsed_time": round(results.duration, 4),
            "args": {"which": results.command, "target": results.target, **results.args}}


def write_dbt_run_results(results: RunResults, manifest: Manifest, project_root: Path,
                          invocation_id: str) -> Path:
    path = project_root / TARGET_DIR / "run_results.json"
    atomic.write_json(path, to_dbt_run_results(results, manifest, invocation_id))
    return path


def dbt_result(result: NodeResult, manifest: Manifest) -> dict[str, Any]:
    """One result as run_results.json holds it (on-run-end's `results` hold the same)."""
    node = manifest.nodes.get(result.unique_id)
    is_test = result.kind in ("test", "unit_test")
    status = result.status if result.status in (_TESTED if is_test else _BUILT) else "error"
    return {
        "status": status,
        # dbt times each node's compile, then its execution; datanet compiled the project
        # before the run, so the compile stage is the instant the node started (uploaders
        # such as dbt_artifacts' Postgres macros write one value per stage they find)
        "timing": [{"name": "compile", "started_at": _iso(result.started_at),
                    "completed_at": _iso(result.started_at)},
                   {"name": "execute", "started_at": _iso(result.started_at),
                    "completed_at": _iso(result.started_at + result.duration)}],
        "thread_id": "Thread-1", "execution_time": round(result.duration, 4),
        "adapter_response": result.adapter_response or {"_message": result.action,
                                                         "rows_affected": result.rows},
        "message": result.message or None,
        "failures": result.rows if is_test and result.rows is not None else None,
        "unique_id": dbt_unique_id(result.unique_id, manifest),
        "compiled": node.compiled_sql is not None if node else None,
        "compiled_code": node.compiled_sql if node else None,
        "relation_name": str(node.relation) if node and node.relation and not is_test else None,
        "batch_results": None,
    }


def _iso(timestamp: float) -> str | None:
    if not timestamp:
        return None
    moment = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
