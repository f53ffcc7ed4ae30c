"""run, test, build, seed, snapshot, show: commands that talk to the target warehouse."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from datanet_sql.cli import log_format
from datanet_sql.cli.locking import hold, locked, target_name, wait_option
from datanet_sql.cli.options import (
    indirect_selection_option,
    invocation_from,
    parse_vars,
    project_dir_option,
    project_options,
    selection_options,
    state_defer_options,
)
from datanet_sql.cli.output import console, print_table, print_warnings
from datanet_sql.errors import RunFailedError
from datanet_sql.fs import atomic
from datanet_sql.run.results import NodeResult, RunResults

if TYPE_CHECKING:
    from datanet_sql.run.session import Session
    from datanet_sql.state.request import StateRequest

_STYLE = {"success": "green", "pass": "green", "warn": "yellow", "error": "red", "fail": "red",
          "skipped": "yellow"}


def _progress(result: NodeResult, index: int, total: int) -> None:
    if log_format.is_json():
        _node_event(result, index, total)
        return
    label = {"success": "OK", "pass": "PASS", "warn": "WARN", "error": "ERROR", "fail": "FAIL",
             "skipped": "SKIP"}[result.status]
    style = _STYLE[result.status]
    counted = result.rows is not None and result.kind not in ("test", "unit_test")
    rows = f", {result.rows} rows" if counted else ""
    message = result.message.splitlines()[0] if result.message else ""
    # click, not rich: one line per node, and rich's markup rendering cost as much as the
    # rest of a run's bookkeeping (and read a `[` in a message as markup)
    click.echo(f"{index:>4}/{total} {click.style(f'{label:<5}', fg=style)} {result.kind} "
               f"{click.style(result.name, bold=True)} {message}{rows} "
               f"{click.style(f'({result.duration:.2f}s)', dim=True)}")


def _node_event(result: NodeResult, index: int, total: int) -> None:
    """dbt's per-node event (`LogModelResult`, `LogTestResult`, ...) with its node_info."""
    name = {"test": "LogTestResult", "unit_test": "LogTestResult", "seed": "LogSeedResult",
            "model": "LogModelResult"}.get(result.kind, "LogNodeResult")
    level = "error" if result.status in ("error", "fail") else \
        "warn" if result.status == "warn" else "info"
    log_format.emit(
        name, f"{index} of {total} {result.status.upper()} {result.kind} {result.name}"
              f"{': ' + result.message if result.message else ''}", level,
        index=index, total=total, status=result.status, execution_time=result.duration,
        num_failures=result.rows if result.kind in ("test", "unit_test") else None,
        node_info={"unique_id": result.unique_id, "node_name": result.name,
                   "resource_type": result.kind, "node_status": result.status,
                   "node_started_at": result.started_at, "rows": result.rows,
                   "message": result.message, "heals": result.heals})


def _summary(results: RunResults, elapsed: float) -> None:
    """`elapsed` is the whole command (compile, inference, run), what the user waited for."""
    counts = results.counts()
    compile_time = max(0.0, elapsed - results.duration)
    if log_format.is_json():
        log_format.emit("StatsLine", f"{results.command} on {results.target}: " + ", ".join(
            f"{n} {status}" for status, n in sorted(counts.items())), stats=counts,
            elapsed=elapsed, compile_time=compile_time, run_time=results.duration,
            heals={r.name: r.heals for r in results.results
                   if r.status == "success" and r.heals})
        return
    print_table(["status", "nodes"], sorted(counts.items()),
                title=f"{results.command} on {results.target} in {elapsed:.2f}s "
                      f"(compile {compile_time:.2f}s, run {results.duration:.2f}s)")
    for result in results.results:
        if result.status != "success":  # a model that failed was not healed, whatever was tried
            continue
        for heal in result.heals:
            console().print(f"[cyan]HEALED[/cyan] {result.name}: {heal}", markup=True)
    problems = [r for r in results.results if r.status in ("error", "fail", "warn") or
                r.message.startswith("STALE")]
    for result in problems:
        from rich.markup import escape  # a message's `[cC][sS][vV]` is text, not markup

        style = "yellow" if result.message.startswith("STALE") else _STYLE[result.status]
        label = "STALE" if result.message.startswith("STALE") else result.status.upper()
        console().print(f"[{style}]{label}[/{style}] {result.kind} {result.name}: "
                        f"{escape(result.message)}")


def _run(command: str, project_dir: Path, target: str | None, vars_text: str | None,
         select: tuple[str, ...], exclude: tuple[str, ...], threads: int | None,
         full_refresh: bool = False, store_failures: bool = False, fail_fast: bool = False,
         mock: bool = False, mock_rows: int | None = None, seed: int = 0,
         warn_error: bool = False, warn_error_options: str | None = None,
         indirect_selection: str | None = None, state: StateRequest | None = None) -> None:
    from datanet_sql.config.targets import target_threads
    from datanet_sql.run.executor import RunOptions
    from datanet_sql.run.record import RunRecord
    from datanet_sql.run.session import execute
    from datanet_sql.run.warn_error import PROJECT_WARNING, TEST_WARNING
    from datanet_sql.run.warn_error import warn_error as warn_error_policy

    errors = warn_error_policy(warn_error, warn_error_options)

    started = time.perf_counter()
    logging.getLogger("datanet_sql").info(
        "compiling %s and checking its sources%s", project_dir.resolve().name,
        " (on mock data)" if mock else "")
    args = {"select": list(select), "exclude": list(exclude), "vars": vars_text,
            "threads": threads, "full_refresh": full_refresh, "store_failures": store_failures,
            "fail_fast": fail_fast, "mock": mock, "mock_rows": mock_rows, "mock_seed": seed,
            "warn_error": warn_error, "warn_error_options": warn_error_options,
            "indirect_selection": indirect_selection, **(state.args() if state else {})}
    record = RunRecord(project_dir.resolve() / ".datanet", command,
                       target_name(project_dir, target), args)
    with record.guard():  # a compile or a warehouse that refuses is recorded as the run's end
        session = _open(command, project_dir, target, vars_text, mock, mock_rows, seed)
        print_warnings(session.manifest.warnings +
                       (state.attach(session.manifest, session.ctx) if state else []))
        try:
            if session.manifest.warnings and errors.includes(PROJECT_WARNING):
                raise RunFailedError(f"{len(session.manifest.warnings)} warnings are errors "
                                     "(--warn-error); nothing was run",
                                     hint="fix what the warnings name, or run without "
                                          "--warn-error")
            options = RunOptions(threads=threads or target_threads(session.ctx.target),
                                 full_refresh=full_refresh, store_failures=store_failures,
                                 fail_fast=fail_fast, sources_in_warehouse=mock,
                                 warn_error=errors.includes(TEST_WARNING))
            results = execute(session, command, select, exclude, options, _progress, record,
                              indirect_selection=indirect_selection,
                              deferral=state.deferral(session.ctx, mock) if state else None)
            if mock and command in ("run", "build"):
                from datanet_sql.state.mock_state import write_mock_state

                write_mock_state(session.manifest, session.ctx.project.state_dir,
                                 session.ctx.invocation_id)
        finally:
            session.close()
    _summary(results, time.perf_counter() - started)
    if not results.success:
        failed = ", ".join(r.name for r in results.failed)
        skipped = [r.name for r in results.results if r.status == "skipped"]
        raise RunFailedError(f"{command} failed: {failed}" +
                             (f"; skipped: {', '.join(skipped)}" if skipped else ""),
                             hint="details in .datanet/run_results.json")


def _open(command: str, project_dir: Path, target: str | None, vars_text: str | None,
          mock: bool, mock_rows: int | None, seed: int) -> Session:
    """The session a command runs in. With --mock, `run`, `build` and `seed` generate fresh
    mocks into the mock warehouse; `test` tests what the last of them built there."""
    from datanet_sql.run.session import open_mock_session, open_session

    if not mock:
        return open_session(project_dir, target, parse_vars(vars_text),
                            unit_tests_offline=command == "test")
    if command != "test":
        return open_session(project_dir, target, parse_vars(vars_text),
                            mock={"rows": mock_rows, "seed": seed})
    if mock_rows is not None or seed:
        raise click.UsageError("--mock-rows and --mock-seed make new mocks: give them to "
                               "`run --mock` or `build --mock`; `test --mock` tests what those "
                               "built in the mock warehouse")
    return open_mock_session(project_dir, target, parse_vars(vars_text))


def _run_options(func):  # type: ignore[no-untyped-def]
    func = click.option("--mock-seed", "--seed", "seed", type=int, default=0, show_default=True,
                        help="Random seed of the --mock data.")(func)
    func = click.option("--mock-rows", type=click.IntRange(min=0), default=None,
                        help="Rows per mock source table (default: as profiled).")(func)
    func = click.option("--mock", is_flag=True,
                        help="Run on mock sources generated from profiles/, in the mock "
                             "warehouse .datanet/mock.duckdb (no production data needed; no "
                             "real relation is written).")(func)
    func = click.option("--warn-error-options", default=None,
                        help="Which warnings are errors, as YAML: '{error: all, warn: "
                             "[LogTestResult]}' (names: LogTestResult, ProjectWarning).")(func)
    func = click.option("--warn-error", is_flag=True,
                        help="Warnings are errors: a warning test fails, and project warnings "
                             "stop the run before it starts.")(func)
    func = click.option("--fail-fast", "-x", is_flag=True,
                        help="Stop scheduling at the first failure; nodes already running "
                             "finish, the rest are skipped.")(func)
    func = click.option("--threads", type=click.IntRange(min=1), default=None,
                        help="Parallel builds (default: the target's threads, else 4).")(func)
    return func


@click.command()
@project_options
@selection_options
@_run_options
@click.option("--full-refresh", is_flag=True,
              help="Rebuild incremental models from scratch (sources with `load:` load as "
                   "usual: `datanet ingest --full-refresh` reloads them).")
@state_defer_options
@locked("run")
def run(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
        exclude: tuple[str, ...], threads: int | None, fail_fast: bool, warn_error: bool,
        warn_error_options: str | None, mock: bool, mock_rows: int | None, seed: int,
        full_refresh: bool, state: StateRequest | None) -> None:
    """Build the selected models (and seeds) in dependency order."""
    _run("run", project_dir, target, vars_text, select, exclude, threads,
         full_refresh=full_refresh, fail_fast=fail_fast, mock=mock, mock_rows=mock_rows,
         seed=seed, warn_error=warn_error, warn_error_options=warn_error_options, state=state)


@click.command()
@project_options
@selection_options
@_run_options
@click.option("--store-failures", is_flag=True, help="Keep failing rows in <schema>_test_failures.")
@indirect_selection_option
@state_defer_options
@locked("test")
def test(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
         exclude: tuple[str, ...], threads: int | None, fail_fast: bool, warn_error: bool,
         warn_error_options: str | None, mock: bool, mock_rows: int | None, seed: int,
         store_failures: bool, indirect_selection: str | None,
         state: StateRequest | None) -> None:
    """Run the data tests of the selected nodes (with --mock: on what `build --mock` built)."""
    _run("test", project_dir, target, vars_text, select, exclude, threads,
         store_failures=store_failures, fail_fast=fail_fast, mock=mock, mock_rows=mock_rows,
         seed=seed, warn_error=warn_error, warn_error_options=warn_error_options,
         indirect_selection=indirect_selection, state=state)


@click.command()
@project_options
@selection_options
@_run_options
@click.option("--full-refresh", is_flag=True,
              help="Rebuild incremental models from scratch (sources with `load:` load as "
                   "usual: `datanet ingest --full-refresh` reloads them).")
@click.option("--store-failures", is_flag=True, help="Keep failing rows in <schema>_test_failures.")
@indirect_selection_option
@state_defer_options
@locked("build")
def build(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
          exclude: tuple[str, ...], threads: int | None, fail_fast: bool, warn_error: bool,
          warn_error_options: str | None, mock: bool, mock_rows: int | None, seed: int,
          full_refresh: bool, store_failures: bool, indirect_selection: str | None,
          state: StateRequest | None) -> None:
    """Seeds, models and their tests in DAG order: a model's tests gate its children."""
    _run("build", project_dir, target, vars_text, select, exclude, threads,
         full_refresh=full_refresh, store_failures=store_failures, fail_fast=fail_fast,
         mock=mock, mock_rows=mock_rows, seed=seed, warn_error=warn_error,
         warn_error_options=warn_error_options, indirect_selection=indirect_selection,
         state=state)


@click.command()
@project_options
@selection_options
@_run_options
@click.option("--full-refresh", is_flag=True,
              help="Accepted as in dbt: every seed is rebuilt from its file either way.")
@state_defer_options
@locked("seed")
def seed(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
         exclude: tuple[str, ...], threads: int | None, fail_fast: bool, warn_error: bool,
         warn_error_options: str | None, mock: bool, mock_rows: int | None, seed: int,
         full_refresh: bool, state: StateRequest | None) -> None:
    """Load seeds/*.csv into the warehouse (with --mock: into the mock warehouse)."""
    _run("seed", project_dir, target, vars_text, select, exclude, threads, fail_fast=fail_fast,
         mock=mock, mock_rows=mock_rows, seed=seed, full_refresh=full_refresh,
         warn_error=warn_error, warn_error_options=warn_error_options, state=state)


@click.command()
@project_options
@selection_options
@_run_options
@state_defer_options
@locked("snapshot")
def snapshot(project_dir: Path, target: str | None, vars_text: str | None,
             select: tuple[str, ...], exclude: tuple[str, ...], threads: int | None,
             fail_fast: bool, warn_error: bool, warn_error_options: str | None, mock: bool,
             mock_rows: int | None, seed: int, state: StateRequest | None) -> None:
    """Record what changed in the selected snapshots' queries since their last run (dbt's
    snapshots: slowly changing dimensions of type 2; with --mock, in the mock warehouse)."""
    _run("snapshot", project_dir, target, vars_text, select, exclude, threads,
         fail_fast=fail_fast, mock=mock, mock_rows=mock_rows, seed=seed, warn_error=warn_error,
         warn_error_options=warn_error_options, state=state)


@click.command()
@click.argument("model", required=False)
@project_options
@click.option("--inline", default=None, help="A query to preview, with {{ ref() }} allowed.")
@click.option("--limit", type=int, default=20, show_default=True, help="Rows to show at most.")
@click.option("--format", "fmt", type=click.Choice(["table", "records", "csv", "json"]),
              default="table", help="table (records when too wide for the terminal), records "
              "(one `column | value` line each), csv or json.")
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of the terminal.")
@click.option("--mock", is_flag=True,
              help="Read the mock warehouse that `build --mock` (or `mock`) left.")
def show(model: str | None, project_dir: Path, target: str | None, vars_text: str | None,
         inline: str | None, limit: int, fmt: str, output: Path | None, mock: bool) -> None:
    """Print the rows of a built model, seed or source (raw.orders), or of an --inline query."""
    from datanet_sql.run.preview import format_rows, preview

    names, rows = preview(project_dir, target, parse_vars(vars_text), model, inline, limit,
                          mock)
    text = format_rows(names, rows, fmt)
    if output is not None:
        atomic.write_text(output, text if fmt in ("csv", "json") else
                          format_rows(names, rows, "csv"))
        click.echo(f"Wrote {len(rows)} rows to {output}")
    elif fmt in ("table", "records"):
        print_table(names, rows, vertical=True if fmt == "records" else None)
    else:
        click.echo(text, nl=False)


@click.command()
@project_dir_option
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Parallel builds (default: as the run retried).")
@wait_option
def retry(project_dir: Path, threads: int | None, wait: float) -> None:
    """Run again the nodes that failed or were skipped in the last run, test, build or seed,
    with its target, selection's options and vars (as `dbt retry`)."""
    from datanet_sql.compile.dbt_jinja.invocation import invoked
    from datanet_sql.run.retry import last_run, retry_selection
    from datanet_sql.state.request import StateRequest

    last = last_run(project_dir.resolve() / ".datanet")
    selection = retry_selection(last)
    if selection is None:
        message = f"Nothing to retry: the last {last.command} on {last.target} succeeded."
        log_format.emit("NothingToDo", message) if log_format.is_json() else click.echo(message)
        return
    args = last.args
    state = StateRequest.read(Path(args["state"]), bool(args.get("defer")),
                              bool(args.get("favor_state")),
                              args.get("state_children") == "all") if args.get("state") else None
    # templates see the retried command and its options, as under `dbt retry`
    invocation = invocation_from(last.command, {**args, "vars_text": args.get("vars"),
                                                "target": last.target,
                                                "project_dir": project_dir})
    with hold(project_dir, last.target, "retry", wait), invoked(invocation):
        _run(last.command, project_dir, last.target, args.get("vars"), *selection,
             threads or args.get("threads"), full_refresh=bool(args.get("full_refresh")),
             store_failures=bool(args.get("store_failures")),
             fail_fast=bool(args.get("fail_fast")), mock=bool(args.get("mock")),
             mock_rows=args.get("mock_rows"), seed=int(args.get("mock_seed") or 0),
             warn_error=bool(args.get("warn_error")),
             warn_error_options=args.get("warn_error_options"),
             indirect_selection=args.get("indirect_selection"), state=state)


COMMANDS = [run, test, build, seed, snapshot, show, retry]
