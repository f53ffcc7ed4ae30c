"""ingest: load source tables with `load:` into the warehouse, exactly once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from datanet_sql.cli.locking import locked
from datanet_sql.cli.options import parse_vars, project_options, selection_options
from datanet_sql.cli.output import print_table
from datanet_sql.compile.gc_budget import compile_gc
from datanet_sql.errors import ConfigError, DatanetError

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadResult

_NOTES_SHOWN = 5  # reader notes printed per table and round (all go to the contract)


@click.command()
@project_options
@selection_options
@click.option("--follow", is_flag=True,
              help="Keep polling the landing folders (and the complete lines appended to "
                   "NDJSON files) and load what arrives, until Ctrl-C or SIGTERM (the batch "
                   "in flight commits first).")
@click.option("--interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              metavar="SECONDS", help="With --follow: seconds between polls.")
@click.option("--full-refresh", is_flag=True,
              help="Load each selected table again from scratch (every landed file, the whole "
                   "database table), then swap it in whole: until that commits, the old table, "
                   "its child tables, ledger rows and rejects stay as they were.")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Tables loaded side by side (default: the target's threads, else 4; "
                   "with --follow, 1: a stop signal then ends the one batch in flight); "
                   "each table's own batches load in order.")
@locked("ingest")
def ingest(project_dir: Path, target: str | None, vars_text: str | None,
           select: tuple[str, ...], exclude: tuple[str, ...], follow: bool,
           interval: float, full_refresh: bool, threads: int | None) -> None:
    """Load the source tables that have `load:` (each file or batch once) into the warehouse."""
    if follow and full_refresh:
        raise click.UsageError("--full-refresh reloads each table once and cannot be combined "
                               "with --follow: run `datanet ingest --full-refresh`, then "
                               "`datanet ingest --follow`")
    with compile_gc(freeze=True):  # start-up: imports, the project, the connection (gc_budget)
        from datanet_sql.config.targets import target_threads
        from datanet_sql.ingest import runner
        from datanet_sql.ingest.project import open_sources

        session = open_sources(project_dir, target, parse_vars(vars_text), select, exclude)
    try:
        failed = _load(session, runner, select, exclude, follow, interval, full_refresh,
                       threads or (1 if follow else target_threads(session.ctx.target)))
    finally:
        session.close()
    if failed:
        sys.exit(1)


def _load(session: Any, runner: Any, select: tuple[str, ...], exclude: tuple[str, ...],
          follow: bool, interval: float, full_refresh: bool = False, threads: int = 1
          ) -> list[str]:
    """Load the selected tables once, or round after round while following, or reload each
    from scratch (`full_refresh`, see ingest/refresh.py), `threads` tables side by side (as
    `run` loads sources); what each did is said in the tables' order, after the round. The
    names of the tables whose load failed."""
    chosen = _chosen(session.manifest, select, exclude)
    nodes = runner.load_nodes(session.manifest, chosen)
    if not nodes:
        raise ConfigError("no source table with `load:` is selected",
                          hint="add `load: {mode: ...}` to a source table, or check --select")
    failed: list[str] = []

    def round_(stop: Any) -> None:
        """Load each chosen table once; a stop request (`runner.Stop`, following) ends the
        round after the batch in flight, which commits (the loader checks it before each
        batch)."""
        from concurrent.futures import ThreadPoolExecutor

        def one(node: Any) -> LoadResult | DatanetError | None:
            if stop:
                return None
            try:
                if full_refresh:
                    return runner.refresh_node(session.adapter, node, session.ctx.schema,
                                               session.ctx.project.root)
                return runner.load_node(session.adapter, node, session.ctx.schema,
                                        session.ctx.project.root, follow, stop.__bool__)
            except DatanetError as err:
                return err

        with ThreadPoolExecutor(max_workers=min(threads, len(nodes)),
                                thread_name_prefix="datanet-ingest") as pool:
            outcomes = list(pool.map(one, nodes))
        rows = []
        for node, result in zip(nodes, outcomes):
            if result is None:
                continue
            if isinstance(result, DatanetError):
                failed.append(node.name)
                click.secho(f"{node.name}: {result.render()}", fg="red", err=True)
                continue
            _report(session, node, result, full_refresh)
            if result.batches or not follow:
                children = ", ".join(f"{name} {count}" for name, count
                                     in sorted(result.children.items()))
                rows.append((node.name, str(node.relation), result.batches, result.rows,
                             result.skipped, result.rejects, children))
        if rows:
            print_table(["source", "table", "batches", "rows", "unchanged", "rejects",
                         "child rows"], rows, vertical=False)

    if not follow:
        round_(runner.Stop())
        return failed
    with runner.stop_on_signals() as stop:
        runner.follow(lambda: round_(stop), interval, stop)
    click.echo("stopped: every loaded batch is committed", err=True)
    sys.exit(stop.code)


def _chosen(manifest: Any, select: tuple[str, ...], exclude: tuple[str, ...]) -> set[str]:
    """The selected nodes; none chosen (every `load:` table) without a selection, and then
    the selector grammar is not even imported."""
    if not select and not exclude:
        return set()
    from datanet_sql.project.selection import select_nodes

    return select_nodes(manifest, select, exclude)


def _report(session: Any, node: Any, result: LoadResult, remade: bool = False) -> None:
    """Say what the reader decided, what a load changed in the table and what it did not
    load (re-sent files); under `heal`, record the first two in the source's contract (and
    the schema of a table `remade` by a full refresh: see `runner.record_contract`)."""
    from datanet_sql.ingest import runner

    if result.read_notes:
        shown = result.read_notes[:_NOTES_SHOWN]
        more = len(result.read_notes) - len(shown)
        click.echo(f"{node.name}: read: {'; '.join(shown)}"
                   + (f" (and {more} more note(s))" if more else ""), err=True)
    if result.notes:
        click.secho(f"{node.name}: {', '.join(result.notes)}", fg="yellow", err=True)
    for warning in result.warnings:
        click.secho(f"{node.name}: warning: {warning}", fg="yellow", err=True)
    if node.config.get("on_schema_change", "heal") == "heal":
        path = runner.record_contract(session.manifest, session.ctx, node, result, remade)
        if path is not None:
            click.echo(f"{node.name}: contract recorded in {path}", err=True)


COMMANDS = [ingest]
