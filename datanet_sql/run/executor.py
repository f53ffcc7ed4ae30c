"""Execute a Plan on an adapter: DAG order, N threads, failures isolate their descendants.

A step starts once every step it waits for has succeeded; if one failed, it is skipped and so
are its descendants, while independent branches go on. Any exception in a node is that node's
failure, never the run's: a bug fails one node, with its message, and the results are written.
Transient warehouse errors (a deadlock, a serialization failure, a session ended) are retried a
bounded number of times; terminal ones fail the node at once. An interrupt stops scheduling;
tables built before the run stay as they were because each build swaps atomically.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.dbt_jinja.materializations import is_custom
from datanet_sql.errors import DatanetError, TransientWarehouseError, WarehouseUnavailableError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import READER, Node
from datanet_sql.run import materialize
from datanet_sql.run.data_tests import TestOutcome, failures_relation, run_test
from datanet_sql.run.external import build_external
from datanet_sql.run.hooks import build_with_hooks
from datanet_sql.run.plan import Plan, Step
from datanet_sql.run.python_model import build_python
from datanet_sql.run.results import NodeResult, RunResults
from datanet_sql.run.snapshot import build_snapshot
from datanet_sql.run.unit_tests import run_unit_test

Listener = Callable[[NodeResult, int, int], None]


@dataclass
class RunOptions:
    threads: int = 1
    full_refresh: bool = False
    store_failures: bool = False
    fail_fast: bool = False
    warn_error: bool = False  # a test's warning fails it (dbt's --warn-error)
    sources_in_warehouse: bool = False  # mock runs: sources are tables already, not files
    outage_retries: int = 2  # on_source_outage retry|stale: attempts after the first
    outage_backoff: float = 0.5  # seconds before the first retry, doubling after
    transient_retries: int = 3  # deadlock, serialization failure, lost session: attempts after
    transient_backoff: float = 0.2  # the first; seconds before the first retry, doubling, jittered


class Executor:
    def __init__(self, manifest: Manifest, adapter: Adapter, root: str, options: RunOptions,
                 listener: Listener | None = None,
                 prepare: Callable[[Any], None] | None = None,
                 custom: Callable[[Any], materialize.Outcome] | None = None) -> None:
        self.manifest = manifest
        # builds a model whose materialization is a dbt project's own block
        # (run/custom_materialization.py)
        self.custom = custom
        # called with a model or test just before it runs (a dbt model whose Jinja asked
        # the warehouse is rendered again there)
        self.prepare = prepare
        self.adapter = adapter
        self.root = root
        self.options = options
        self.listener = listener
        self._active: dict[int, Any] = {}  # worker thread -> its connection, for Ctrl-C
        self._lock = threading.Lock()

    def execute(self, plan: Plan, target: str) -> RunResults:
        results = RunResults(plan.command, target)
        started = time.perf_counter()
        self.adapter.expect_rebuilds(
            self.manifest.nodes[s.node_id].relation for s in plan.steps
            if s.kind == "model" and self.manifest.nodes[s.node_id].relation is not None)
        status: dict[str, str] = {}
        pending = {step.node_id: step for step in plan.steps}
        running: dict[Future[NodeResult], Step] = {}
        total = len(plan.steps)
        workers = max(1, self.options.threads)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            try:
                while pending or running:
                    for step in self._ready(pending, status):
                        blocked = [w for w in step.waits_for if status.get(w) in _BLOCKING]
                        if blocked:
                            del pending[step.node_id]
                            self._record(results, status, self._skipped(step, blocked), total)
                        elif len(running) < workers:  # none queued in the pool: a stop
                            del pending[step.node_id]  # (--fail-fast) starts nothing more
                            running[pool.submit(self._run_step, step)] = step
                    if not running:
                        if pending and not self._ready(pending, status):
                            raise RuntimeError(f"plan cannot progress: {sorted(pending)}")
                        continue
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        running.pop(future)
                        self._record(results, status, future.result(), total)
                        if self._must_stop(future.result()):
                            self._stop(results, status, pending, running, total,
                                       future.result())
            except KeyboardInterrupt:
                pending.clear()
                for future in running:
                    future.cancel()
                self._interrupt_running()
                raise
        results.duration = time.perf_counter() - started
        return results

    def _must_stop(self, result: NodeResult) -> bool:
        if self.options.fail_fast and result.status in ("error", "fail"):
            return True
        return result.status == "error" and result.message.startswith(_UNAVAILABLE)

    def _stop(self, results: RunResults, status: dict[str, str], pending: dict[str, Step],
              running: dict[Future[NodeResult], Step], total: int, cause: NodeResult) -> None:
        """--fail-fast (or a warehouse gone): what has not started is recorded as skipped,
        so run_results.json and the summary account for every node of the plan."""
        why = f"skipped: the run stopped after {cause.name} failed"
        queued = [running.pop(f) for f in list(running) if f.cancel()]
        for step in [*queued, *pending.values()]:
            node = self.manifest.nodes[step.node_id]
            self._record(results, status, NodeResult(node.unique_id, node.name, node.kind,
                                                     "skipped", time.time(), message=why,
                                                     action=step.action), total)
        pending.clear()

    def _ready(self, pending: dict[str, Step], status: dict[str, str]) -> list[Step]:
        return [s for s in list(pending.values()) if all(w in status for w in s.waits_for)]

    def _record(self, results: RunResults, status: dict[str, str], result: NodeResult,
                total: int) -> None:
        status[result.unique_id] = result.status
        results.results.append(result)
        if self.listener:
            self.listener(result, len(results.results), total)

    def _skipped(self, step: Step, blocked: list[str]) -> NodeResult:
        node = self.manifest.nodes[step.node_id]
        names = ", ".join(self.manifest.nodes[b].name for b in blocked)
        return NodeResult(node.unique_id, node.name, node.kind, "skipped", started_at=time.time(),
                          message=f"skipped because {names} did not succeed", action=step.action)

    def prepare_schemas(self, plan: Plan) -> None:
        """Create the schemas the plan builds into (and its tests' audit schemas): before
        on-run-start, as dbt creates them, so a hook may create a table in one."""
        schemas = {self.manifest.nodes[s.node_id].relation.schema for s in plan.steps
                   if self.manifest.nodes[s.node_id].relation is not None and
                   (s.kind != "source" or _exposed(self.manifest.nodes[s.node_id]))}
        target_schema = str(self.manifest.target.get("schema", "main"))
        for step in plan.steps:  # made here, once: tests creating them from several threads
            if step.kind == "test":  # conflict in DuckDB
                audit = failures_relation(self.manifest.nodes[step.node_id], target_schema,
                                          self.options.store_failures)
                if audit is not None:
                    schemas.add(audit.schema)
        for schema in sorted(s for s in schemas if s):
            self.adapter.execute(self.adapter.create_schema(schema))

    def _interrupt_running(self) -> None:
        """Ctrl-C: abort the statements in flight, so their transactions roll back now.

        Without this the pool's shutdown waits for every running build to finish, and a build
        that finishes commits: the user asked to stop, yet the table would be replaced.
        """
        with self._lock:
            connections = list(self._active.values())
        for connection in connections:
            stop = getattr(connection, "interrupt", None) or getattr(connection, "cancel", None)
            if stop is not None:
                with contextlib.suppress(Exception):  # best effort: it may have just ended
                    stop()

    def _run_step(self, step: Step) -> NodeResult:
        """Run one node; any exception becomes its failure (the run goes on, results are kept)."""
        worker = threading.get_ident()
        try:
            return self._run_node(step)
        except Exception as err:  # noqa: BLE001 - a bug fails its node, never the whole run
            node = self.manifest.nodes[step.node_id]
            return NodeResult(node.unique_id, node.name, node.kind, "error", time.time(),
                              message=f"internal error ({type(err).__name__}: {err}); this is a "
                                      "bug in datanet: please report it", action=step.action)
        finally:
            with self._lock:
                self._active.pop(worker, None)

    def _run_node(self, step: Step) -> NodeResult:
        node = self.manifest.nodes[step.node_id]
        result = NodeResult(node.unique_id, node.name, node.kind, "success",
                            started_at=time.time(), action=step.action)
        clock = time.perf_counter()
        if node.healing:
            result.heals = [h["summary"] for h in node.healing.get("heals", [])]
        if node.error or node.blocked:
            result.status = "error" if node.error else "skipped"
            result.message = node.error or "skipped: an upstream model was refused"
            return result
        try:
            if self.prepare is not None and step.kind in ("model", "test"):
                self.prepare(node)
            outcome = self._with_retries(step, node)
            result.rows, result.message, result.flags = outcome.rows, outcome.message, \
                outcome.flags
            result.adapter_response = outcome.response
            if isinstance(outcome, TestOutcome):
                severity = str(node.config.get("severity", "error"))
                if self.options.sources_in_warehouse and (node.test or {}).get("name") == \
                        "singular":
                    # business rules across tables hold in real data, not in mocks of each table
                    severity = "warn"
                result.status = outcome.status(severity, self.options.warn_error)
                if result.status != outcome.status(severity):
                    result.message += " (a warning, made a failure by --warn-error)"
            elif outcome.failures is not None:  # a unit test: differing rows fail it
                result.status = "fail" if outcome.failures else "pass"
            elif outcome.warning:
                result.status = "warn"
        except WarehouseUnavailableError as err:
            result.status, result.message = "error", f"{_UNAVAILABLE}{err.render()}"
        except DatanetError as err:
            result.status, result.message = "error", err.render()
        result.duration = time.perf_counter() - clock
        return result

    def _with_retries(self, step: Step, node: Any) -> materialize.Outcome:
        """Dispatch, again after a transient error (its transaction rolled back, so the node
        starts clean), up to `transient_retries` more times; the outcome says it retried."""
        errors: list[str] = []
        while True:
            self._register_connection()
            try:
                outcome = self._dispatch(step, node)
            except TransientWarehouseError as err:
                errors.append(err.message)
                if len(errors) > self.options.transient_retries:
                    raise
                pause = self.options.transient_backoff * 2 ** (len(errors) - 1)
                time.sleep(pause * (1 + random.random()))  # jitter: two deadlock victims part
                continue
            if errors:
                retried = f"after {len(errors) + 1} attempts; first error: {errors[0]}"
                outcome.message = "; ".join(m for m in (outcome.message, retried) if m)
            return outcome

    def _register_connection(self) -> None:
        """Record this thread's connection (a new one after a lost session) for Ctrl-C."""
        connection = getattr(self.adapter, "connection", None)
        with self._lock:
            self._active[threading.get_ident()] = connection

    def _dispatch(self, step: Step, node: Any) -> materialize.Outcome:
        if step.kind == "model" and is_custom(step.action) and \
                self.custom is not None:  # a dbt project's block: it runs the model's hooks
            return self.custom(node)
        if step.action == "external" and self.options.sources_in_warehouse:
            step = replace(step, action="table")  # a mock run writes no file, only the warehouse
        if step.action == "external":
            return build_external(self.adapter, node, self.root,
                                  partial(build_with_hooks, self.adapter, node, self.manifest,
                                          "view"))
        if step.action in ("seed", "view", "table", "incremental"):
            kind = "view" if step.action == "view" else "table"
            return build_with_hooks(self.adapter, node, self.manifest, kind,
                                    lambda: self._build_model(step, node))
        return self._build(step, node)

    def _build_model(self, step: Step, node: Any) -> materialize.Outcome:
        adapter = self.adapter
        if step.kind == "model" and node.compiled_rejects_sql:
            rejects = materialize.build_rejects(adapter, node,
                                                self.manifest.nodes[node.depends_on[0]])
            outcome = self._build(step, node)
            outcome.message = "; ".join(m for m in (outcome.message, rejects.message) if m)
            return outcome
        return self._build(step, node)

    def _build(self, step: Step, node: Any) -> materialize.Outcome:
        adapter = self.adapter
        if node.is_python:
            return build_python(adapter, node, self.manifest, self.options.full_refresh)
        if step.action == "expose" and node.config.get("load") and \
                not self.options.sources_in_warehouse:
            return materialize.ingest_source(adapter, node, self.root,
                                             str(self.manifest.target.get("schema", "main")))
        if step.action == "expose":
            return materialize.expose_with_policy(adapter, node, self.root,
                                                  self.options.sources_in_warehouse,
                                                  self.options.outage_retries,
                                                  self.options.outage_backoff)
        if step.action == "seed":
            return materialize.load_seed(adapter, node, self.root)
        if step.action == "view":
            return materialize.build_view(adapter, node)
        if step.action == "table":
            return materialize.build_table(adapter, node)
        if step.action == "incremental":
            return materialize.build_incremental(adapter, node, self.options.full_refresh)
        if step.action == "snapshot":
            return build_snapshot(adapter, node)
        if step.action == "ephemeral":
            return materialize.Outcome(message="ephemeral: inlined into its children")
        if step.action == "unit_test":
            return run_unit_test(node)
        if step.action == "test":
            return run_test(adapter, node, self.options.store_failures,
                            str(self.manifest.target.get("schema", "main")))
        raise ValueError(f"unknown step action {step.action}")


_BLOCKING = ("error", "fail", "skipped")
_UNAVAILABLE = "warehouse unavailable: "


def _exposed(source: Node) -> bool:
    """Whether the run makes the source's relation (a view over its file or its call), so
    its schema is created first."""
    return bool(source.config.get("path") or source.config.get(READER))
