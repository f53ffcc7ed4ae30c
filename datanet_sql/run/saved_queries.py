"""Saved queries in `build`, as dbt 1.9 lists them in its run results.

dbt's build takes saved queries along (its SavedQueryRunner does nothing: running one needs
MetricFlow) and lists each in run_results.json: `success` with the message `NO-OP`, or
`skipped` when a node it reads through its metrics and their semantic models ended in error
or was skipped. datanet does the same after the nodes have run, so a tool comparing the two
run_results finds every saved query with dbt's status. Without `--select`/`--exclude` every
saved query is listed; with them, those named by `saved_query:<name>` (dbt also takes those a
graph selector such as `model+` reaches: datanet does not).
"""

from __future__ import annotations

import time

from datanet_sql.artifacts.dbt_resources import dbt_resources
from datanet_sql.artifacts.ids import dbt_unique_id
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.resources import selected_resources
from datanet_sql.run.results import SAVED_QUERY, NodeResult

_STOPPED = ("error", "skipped")  # what a parent ended in for dbt to skip its children


def saved_query_results(manifest: Manifest, done: list[NodeResult], select: tuple[str, ...],
                        exclude: tuple[str, ...]) -> list[NodeResult]:
    """One result for each saved query the build selects, in the order of their ids."""
    chosen = selected_resources(manifest.resources, select, exclude, (SAVED_QUERY,))
    if not chosen:
        return []
    parents = {uid: entry["depends_on"]["nodes"]
               for section in dbt_resources(manifest).values() for uid, entry in section.items()
               if "depends_on" in entry}
    parents.update({dbt_unique_id(n.unique_id, manifest): [dbt_unique_id(d, manifest)
                                                           for d in n.depends_on]
                    for n in manifest.nodes.values()})
    ended = {dbt_unique_id(r.unique_id, manifest): r.status for r in done}
    results = []
    for query in chosen:
        stopped = next((uid for uid in _upstream(dbt_unique_id(query.unique_id, manifest),
                                                 parents) if ended.get(uid) in _STOPPED), None)
        status, message = ("skipped", f"skipped: {stopped} ended {ended[stopped]}") \
            if stopped else ("success", "NO-OP")
        results.append(NodeResult(query.unique_id, query.name, SAVED_QUERY, status,
                                  time.time(), message=message))
    return results


def _upstream(uid: str, parents: dict[str, list[str]]) -> list[str]:
    """Every id `uid` reads, nearest first."""
    seen: list[str] = []
    queue = list(parents.get(uid, []))
    while queue:
        parent = queue.pop(0)
        if parent not in seen:
            seen.append(parent)
            queue.extend(parents.get(parent, []))
    return seen
