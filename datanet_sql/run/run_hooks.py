"""on-run-start and on-run-end: the project's hooks, once per run, build, seed and test.

on-run-start runs before any node. A hook that does not render stops the command, as in dbt.
One whose SQL fails: in a datanet.yml project nothing is built and the command fails with
the hook's message; in a dbt project, as dbt 1.9 does, it is an error result of the command
(exit 1), the hooks after it are skipped, and the nodes run all the same, unless the
project's `flags: {skip_nodes_if_on_run_start_fails: true}` skips them. on-run-end runs after
every node has finished (failed ones too), with dbt's `results` (each with status, node,
message, execution_time) and `schemas` (the schemas of the nodes the command ran); if it
fails the command fails, the built tables stay.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from datanet_sql.compile.dbt_jinja.dbt_object import DbtConfig, DbtObject
from datanet_sql.compile.hook_render import render_run_hooks
from datanet_sql.errors import DatanetError
from datanet_sql.project.hooks import Hook
from datanet_sql.run.hooks import run_hooks
from datanet_sql.run.plan import Plan
from datanet_sql.run.results import OPERATION, NodeResult, RunResults

if TYPE_CHECKING:
    from datanet_sql.run.session import Session


def on_run_start(session: Session, plan: Plan) -> list[NodeResult]:
    """Each hook's result, as a dbt project records them (a datanet.yml project: none)."""
    key = "on-run-start"
    hooks = render_run_hooks(session.manifest, session.ctx, key,
                             {"schemas": schemas_of(session, plan),
                              "selected_resources": selected_of(session, plan)})
    if not session.ctx.project.dbt_mode:
        for hook, file in hooks:
            run_hooks(session.adapter, None, [hook], where=f" ({file})")
        return []
    results: list[NodeResult] = []
    for hook, file in hooks:
        if start_failed(results):
            results.append(NodeResult(hook_id(hook), hook.label, OPERATION, "skipped",
                                      time.time(),
                                      message=f"{hook.label} skipped: an earlier one failed"))
            continue
        started = time.time()
        try:
            run_hooks(session.adapter, None, [hook], where=f" ({file})")
        except DatanetError as err:
            results.append(NodeResult(hook_id(hook), hook.label, OPERATION, "error", started,
                                      time.time() - started, message=err.message))
            continue
        results.append(passed(hook, started))
    return results


def hook_id(hook: Hook) -> str:
    """An on-run hook's id, `operation.<owner>-<key>-<0-based index>` (dbt's names the owner
    once more: `artifacts/ids.py`)."""
    return f"{OPERATION}.{hook.owner}-{hook.kind}-{hook.index - 1}"


def passed(hook: Hook, started: float) -> NodeResult:
    return NodeResult(hook_id(hook), hook.label, OPERATION, "success", started,
                      time.time() - started, message=f"{hook.label} passed")


def start_failed(started: list[NodeResult]) -> bool:
    return any(r.status == "error" for r in started)


def skipped_for_start(session: Session, plan: Plan) -> list[NodeResult]:
    """Every node of the plan skipped, when a failed on-run-start hook skips them (dbt's
    `skip_nodes_if_on_run_start_fails`)."""
    nodes = [session.manifest.nodes[step.node_id] for step in plan.steps]
    return [NodeResult(n.unique_id, n.name, n.kind, "skipped", time.time(),
                       message="skipped because on-run-start failed") for n in nodes]


def on_run_end(session: Session, plan: Plan, results: RunResults) -> list[NodeResult]:
    """Each hook's result, as a dbt project records them (a datanet.yml project: none); a
    failing one fails the command (the built tables stay)."""
    schemas = schemas_of(session, plan)
    hooks = render_run_hooks(session.manifest, session.ctx, "on-run-end",
                             {"schemas": schemas, "database_schemas": [(None, s)
                                                                       for s in schemas],
                              # what dbt executed: sources are checked by datanet only
                              "results": [_result(session, r) for r in results.results
                                          if r.kind != "source"]})
    ended = []
    for hook, file in hooks:
        started = time.time()
        run_hooks(session.adapter, None, [hook], where=f" ({file})")
        ended.append(passed(hook, started))
    return ended if session.ctx.project.dbt_mode else []


def schemas_of(session: Session, plan: Plan) -> list[str]:
    """The schemas the command's models and seeds live in (dbt's `schemas`)."""
    nodes = [session.manifest.nodes[s.node_id] for s in plan.steps
             if s.kind in ("model", "seed")]
    return sorted({n.relation.schema for n in nodes if n.relation and n.relation.schema})


def selected_of(session: Session, plan: Plan) -> list[str]:
    """dbt's `selected_resources`: the ids (dbt's) of the nodes the command runs."""
    from datanet_sql.artifacts.ids import dbt_unique_id

    return [dbt_unique_id(step.node_id, session.manifest) for step in plan.steps]


_IN_GRAPH = ("model", "seed", "snapshot", "test")  # the nodes dbt's graph shows in full


def _result(session: Session, result: NodeResult) -> DbtObject:
    """A run result as dbt's on-run-end sees it: `r.status`, `r.node.name`, `r.timing`,
    `r.to_dict()`, ... (the fields of run_results.json, the node as `graph` has it)."""
    from datanet_sql.artifacts.dbt_run_results import dbt_result
    from datanet_sql.compile.dbt_jinja.scope import node_view

    entry = dbt_result(result, session.manifest)
    node = session.manifest.nodes.get(result.unique_id)
    view = node_view(node, session.manifest, compiled=True) \
        if node is not None and node.kind in _IN_GRAPH \
        else {"name": result.name, "unique_id": entry["unique_id"], "resource_type": result.kind}
    return DbtObject({key: value for key, value in entry.items()
                      if key not in ("unique_id", "compiled", "compiled_code", "relation_name")},
                     timing=[DbtObject(t) for t in entry["timing"]],
                     node=DbtObject(view, config=DbtConfig(view.get("config") or {})))
