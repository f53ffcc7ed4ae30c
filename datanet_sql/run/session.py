"""The run API: compile, plan, execute on the target's adapter, record results and state."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.adapters.registry import COMPILE_ONLY, adapter_for
from datanet_sql.compile.cache import CompileCache
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.dbt_jinja.at_run import RunTimeCompiler
from datanet_sql.compile.pipeline import make_context, run_passes
from datanet_sql.config.dbt_project import indirect_selection as indirect_selection_of
from datanet_sql.config.dbt_project import skip_nodes_if_on_run_start_fails
from datanet_sql.config.project import Project, load_project
from datanet_sql.config.targets import target_threads
from datanet_sql.observe.history import record_history, share_run
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.selection import select_nodes
from datanet_sql.run.bound import Session
from datanet_sql.run.custom_materialization import CustomMaterializations
from datanet_sql.run.executor import Executor, Listener, RunOptions
from datanet_sql.run.plan import build_plan
from datanet_sql.run.record import RunRecord
from datanet_sql.run.results import NodeResult, RunResults

if TYPE_CHECKING:
    from datanet_sql.state.defer import Deferral
from datanet_sql.run.run_hooks import on_run_end, on_run_start, skipped_for_start, start_failed
from datanet_sql.run.saved_queries import saved_query_results


def open_session(root: Path, target: str | None = None, vars: dict[str, Any] | None = None,
                 mock: dict[str, Any] | None = None, unit_tests_offline: bool = False) -> Session:
    """Compile the project against its target.

    `mock` (options rows/scale/seed, possibly empty) swaps in a throwaway DuckDB holding mock
    sources generated from the committed profiles. `unit_tests_offline` (`test`): on a target
    datanet cannot run on here, compile offline and run the unit tests alone.
    """
    project = load_project(root, target, vars)
    ctx = make_context(project)
    if mock is not None:
        return _mock_session(project, mock)
    if unit_tests_offline and ctx.target["type"] in COMPILE_ONLY:
        return _unit_test_session(ctx)
    adapter = adapter_for(ctx.target["name"], ctx.target)
    # reach the warehouse before compiling: a run it refuses leaves compiled/ and manifest.json
    # as the last run that could build them wrote them
    adapter.fetch_one(exp.select(exp.Literal.number(1)))
    ctx.adapter = adapter
    try:
        manifest = run_passes(ctx)
    except BaseException:  # no session will close it: the warehouse file stays unlocked
        adapter.close()
        raise
    return Session(manifest, ctx, adapter)


def _unit_test_session(ctx: CompileContext) -> Session:
    """Unit tests run in memory on DuckDB: a project for Snowflake or BigQuery runs them in CI
    with no connection; its data tests are said not to run."""
    manifest = run_passes(ctx)
    manifest.warnings.append(
        f"target '{ctx.target['name']}' is {ctx.target['type']}, which datanet compiles for but "
        f"cannot run on here: only unit tests run (in memory, on DuckDB); data tests need the "
        f"warehouse")
    return Session(manifest, ctx, DuckDBAdapter({"path": ":memory:"}), unit_tests_only=True)


def _mock_session(project: Any, mock: dict[str, Any]) -> Session:
    """Mocks from profiles alone, compile on them, then mocks again shaped by the declared
    tests the compile found (accepted values, relationships), and the final compile."""
    from datanet_sql.run.mocking import prepare_mock_warehouse

    def compile_on_mocks(tests_from: Manifest | None) -> Session:
        ctx = _mock_context(project)
        ctx.target = prepare_mock_warehouse(ctx, **mock, manifest=tests_from)
        return _compile_on_mock_warehouse(ctx)

    first = compile_on_mocks(None)
    first.close()
    return compile_on_mocks(first.manifest)


def open_mock_session(root: Path, target: str | None = None,
                      vars: dict[str, Any] | None = None) -> Session:
    """The mock warehouse as the last `build --mock` (or `mock`) left it, to look at (`show
    --mock`, `ls --mock`) or test (`test --mock`): no mock is generated."""
    from datanet_sql.run.mocking import existing_mock_warehouse

    ctx = _mock_context(load_project(root, target, vars))
    ctx.target = existing_mock_warehouse(ctx)
    return _compile_on_mock_warehouse(ctx)


def _mock_context(project: Project) -> CompileContext:
    """A compile for the mock warehouse: it writes no compiled SQL, manifest.json or
    target/manifest.json (those describe the project on its real target) and keeps a compile
    cache of its own."""
    ctx = make_context(project, write=False)
    ctx.cache = CompileCache(project.state_dir / "cache" / "mock-compile.pickle")
    return ctx


def _compile_on_mock_warehouse(ctx: CompileContext) -> Session:
    """Compile against the mock warehouse, whose sources are tables already (no file read)."""
    ctx.sources_in_warehouse = True
    ctx.adapter = adapter_for(ctx.target["name"], ctx.target)
    return Session(run_passes(ctx), ctx, ctx.adapter)


def execute(session: Session, command: str, select: tuple[str, ...] = (),
            exclude: tuple[str, ...] = (), options: RunOptions | None = None,
            listener: Listener | None = None, record: RunRecord | None = None,
            indirect_selection: str | None = None,
            deferral: Deferral | None = None) -> RunResults:
    """Run `run`, `test`, `build` or `seed` on the session's target and record the results.

    `record` is the run's record when the caller opened it before compiling (the CLI does, so
    a refused compile is recorded too); otherwise it is opened here. `indirect_selection` is
    which tests `test` and `build` take along with the selected models (None: the project's
    flag, else eager). `deferral` (`--defer`): the selected nodes read unselected parents from
    the state's relations."""
    record = record or RunRecord(session.ctx.project.state_dir, command,
                                 session.ctx.target["name"])
    with record.guard():
        options = options or RunOptions(threads=target_threads(session.ctx.target))
        chosen = select_nodes(session.manifest, select, exclude,
                              indirect=indirect_selection_of(session.ctx.project.root,
                                                             indirect_selection)
                              if command in ("test", "build") else None)
        if session.unit_tests_only:
            chosen = {uid for uid in chosen if session.manifest.nodes[uid].kind == "unit_test"}
        if deferral is not None:
            _defer(session, chosen, deferral)
        plan = build_plan(session.manifest, chosen, command, options.full_refresh)
        record.expect(session.manifest, [step.node_id for step in plan.steps],
                      session.ctx.invocation_id)

        def finished(result: NodeResult, index: int, total: int) -> None:
            record.node_finished(result)
            if listener is not None:
                listener(result, index, total)

        # models and tests whose SQL depends on the warehouse are compiled as they start
        at_run = RunTimeCompiler(session.ctx, session.manifest)
        custom = CustomMaterializations(session.ctx.dbt_jinja, session.manifest,
                                        session.adapter, options.full_refresh, at_run.built) \
            if session.ctx.dbt_jinja is not None else None
        executor = Executor(session.manifest, session.adapter, str(session.ctx.project.root),
                            options, finished, at_run.prepare, custom)
        # dbt's graph is made anew for the run: what compile's renders kept there goes (each
        # render that touched it renders again as it runs)
        session.ctx.graph_extras.clear()
        executor.prepare_schemas(plan)
        started = on_run_start(session, plan)
        for hook in started:  # listed even when on-run-end fails the command, as in dbt
            record.node_finished(hook)
        if start_failed(started) and skip_nodes_if_on_run_start_fails(session.ctx.project.root):
            results = RunResults(plan.command, session.ctx.target["name"],
                                 results=skipped_for_start(session, plan))
        else:
            results = executor.execute(plan, session.ctx.target["name"])
        at_run.finish()
        if command in ("run", "build"):
            from datanet_sql.run.contracts import record_contracts

            record_contracts(session, results)
        metrics = []
        if command in ("run", "build", "seed"):
            metrics = record_history(session, results, record.run_id)
            # once for both: the contracts' fingerprints serve the next compile, the sources'
            # measured rows the next history
            session.ctx.cache.save()
        if command == "build" and session.ctx.project.dbt_mode:
            for query in saved_query_results(session.manifest, results.results, select,
                                             exclude):
                record.node_finished(query)
                results.results.append(query)
        ended = on_run_end(session, plan, results)
        # dbt's on-run-end `results` hold the nodes' only; its run results every hook's too
        results.results[0:0] = started
        results.results.extend(ended)
        results = record.finish(results)
    share_run(session, results, metrics)
    return results


def _defer(session: Session, chosen: set[str], deferral: Deferral) -> None:
    from datanet_sql.state.defer import defer

    deferred = defer(session.manifest, chosen, deferral, session.adapter)
    log = logging.getLogger("datanet_sql")
    for name, relation in deferred.read.items():
        log.info("deferred: %s is read from %s", name, relation)
    for name in deferred.attached_views:
        log.warning("%s is a view over the state's database file, attached for this run only: "
                    "outside runs with --defer it does not resolve (materialize it as a table "
                    "to read it later)", name)
