"""`datanet status`: what ran last on each target, what failed, what is late and what is
anomalous, read from the history alone (state.db, or the warehouse's history schema when the
project keeps it there; nothing is compiled), as plain data for the terminal table and
`--output json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.observe.anomaly.series import metric_kind
from datanet_sql.observe.measure import iso_utc
from datanet_sql.observe.reader import History, open_history

PROBLEMS = ("error", "fail", "warn", "runtime error")


def project_status(root: Path, target: str | None = None) -> dict[str, Any]:
    """{"history": where it was read, "targets": [{target, last_run, failed, late, anomalies,
    anomalous_metrics}]} (no targets before any run)."""
    with open_history(root, target) as (store, where):
        return history_status(store, where)


def history_status(store: History, where: str) -> dict[str, Any]:
    """The status of one history store; `where` says which it is."""
    return {"history": where, "targets": _targets(store)}


def _targets(store: History) -> list[dict[str, Any]]:
    freshness = {run["target"]: run for run in store.last_runs(freshness=True)}
    targets: list[dict[str, Any]] = []
    for run in store.last_runs():
        nodes = run.pop("nodes")
        checks = freshness.pop(run["target"], None)
        targets.append(_target(run, nodes, checks))
    for target, checks in freshness.items():  # freshness checked, nothing built yet
        targets.append(_target(None, [], checks) | {"target": target})
    for entry in targets:
        entry["anomalous_metrics"] = [
            {"unique_id": uid, "metric": metric, "kind": metric_kind(metric)}
            for uid, metrics in store.latest_flags(entry["target"]).items()
            for metric in metrics]
    return sorted(targets, key=lambda t: t["target"])


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
