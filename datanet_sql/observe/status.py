"""`datanet status`: what ran last on each target, what failed, what is late and what is
anomalous, read from state.db alone (no compile, no warehouse), as plain data for the
terminal table and `--output json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.observe.measure import iso_utc
from datanet_sql.observe.state import StateStore

PROBLEMS = ("error", "fail", "warn", "runtime error")


def project_status(state_dir: Path) -> dict[str, Any]:
    """{"targets": [{target, last_run, failed, late, anomalies}]} (empty before any run)."""
    store = StateStore(state_dir / "state.db")
    freshness = {run["target"]: run for run in store.last_runs(freshness=True)}
    targets: list[dict[str, Any]] = []
    for run in store.last_runs():
        nodes = run.pop("nodes")
        checks = freshness.pop(run["target"], None)
        targets.append(_target(run, nodes, checks))
    for target, checks in freshness.items():  # freshness checked, nothing built yet
        targets.append(_target(None, [], checks) | {"target": target})
    return {"targets": sorted(targets, key=lambda t: t["target"])}


def _target(run: dict[str, Any] | None, nodes: list[dict[str, Any]],
            checks: dict[str, Any] | None) -> dict[str, Any]:
    anomalies = [n for n in nodes if n["status"] in PROBLEMS and _is_anomaly(n)]
    failed = [n for n in nodes if n["status"] in PROBLEMS and not _is_anomaly(n)]
    late = [n for n in (checks or {}).get("nodes", []) if n["status"] in PROBLEMS]
    last = None
    if run is not None:
        counts: dict[str, int] = {}
        for node in nodes:
            counts[node["status"]] = counts.get(node["status"], 0) + 1
        last = {"run_id": run["run_id"], "command": run["command"], "status": run["status"],
                "started_at": iso_utc(run["started_at"]), "elapsed": run["elapsed"],
                "message": run["message"] or "", "counts": counts}
    return {"target": run["target"] if run else "", "last_run": last,
            "failed": [_brief(n) for n in failed],
            "late": [_brief(n) for n in late],
            "freshness_checked_at": iso_utc(checks["started_at"]) if checks else None,
            "anomalies": [_brief(n) for n in anomalies]}


def _is_anomaly(node: dict[str, Any]) -> bool:
    return node["kind"] == "test" and ".anomaly_" in node["unique_id"]


def _brief(node: dict[str, Any]) -> dict[str, Any]:
    return {"unique_id": node["unique_id"], "status": node["status"],
            "message": node["message"] or ""}
