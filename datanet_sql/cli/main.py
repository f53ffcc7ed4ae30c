"""`datanet`: the commands. Each parses options, calls the API and prints; errors end here."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

import click

from datanet_sql import __version__
from datanet_sql.cli import log_format
from datanet_sql.errors import DatanetError, Terminated

# each command's module, imported only when that command runs (or help lists them): the
# command modules import the compiler, runner and their dependencies, a quarter of a second
# that an unchanged `datanet compile` does not need (tests/cli/test_lazy_commands.py checks
# this table against each module's COMMANDS)
COMMAND_MODULES: dict[str, str] = {
    "init": "project_cmds", "compile": "project_cmds", "ls": "project_cmds",
    "run": "run_cmds", "test": "run_cmds", "build": "run_cmds", "seed": "run_cmds",
    "snapshot": "run_cmds", "show": "run_cmds", "retry": "run_cmds",
    "infer": "semantic_cmds", "learn": "semantic_cmds",
    "profile": "data_cmds", "mock": "data_cmds",
    "heal": "heal_cmds",
    "deps": "dbt_cmds", "clean": "dbt_cmds", "debug": "dbt_cmds", "run-operation": "dbt_cmds",
    "observe": "observe_cmds",
    "docs": "docs_cmds",
    "source": "status_cmds", "status": "status_cmds",
    "ingest": "ingest_cmds",
    "diff": "state_cmds",
}


class Boundary(click.Group):
    """The one error boundary: a DatanetError prints `Error: ...` on stderr and exits 1.

    Commands are loaded lazily (click's documented LazyGroup pattern) from COMMAND_MODULES."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMAND_MODULES, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            load_commands(COMMAND_MODULES[cmd_name])
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`--debug` is the group's option, but people type it after the command too
        (`datanet build --debug`): move it in front, up to a `--` separator."""
        end = args.index("--") if "--" in args else len(args)
        head, tail = list(args[:end]), list(args[end:])
        front: list[str] = []
        if "--debug" in head:
            front.append("--debug")
            head = [a for a in head if a != "--debug"]
        for index, arg in enumerate(head):  # `--log-format json` / `--log-format=json`
            if arg.startswith("--log-format=") or arg == "--log-format" and index + 1 < len(head):
                taken = head[index:index + 1 + (arg == "--log-format")]
                front += taken
                head = head[:index] + head[index + len(taken):]
                break
        return super().parse_args(ctx, [*front, *head, *tail])

    def invoke(self, ctx: click.Context) -> Any:
        with _sigterm_interrupts():
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatanetError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if log_format.is_json():
                log_format.emit("MainEncounteredError", err.render(), "error",
                                exc=err.message, file=err.file, line=err.line, model=err.model,
                                hint=err.hint)
            else:
                click.secho(f"Error: {err.render()}", fg="red", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt as interrupt:
            click.secho("Interrupted: nodes still running were rolled back; every table built "
                        "before this run is intact.", fg="yellow", err=True)
            sys.exit(143 if isinstance(interrupt, Terminated) else 130)


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a CI timeout, `kill`) stops a command as Ctrl-C does, so a run records itself
    as interrupted; the previous handler is back afterwards (for callers embedding the CLI)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


@click.group(cls=Boundary)
@click.version_option(__version__, prog_name="datanet")
@click.option("--debug", is_flag=True, help="Show Python tracebacks.")
@click.option("--log-format", type=click.Choice(log_format.FORMATS), default="text",
              envvar="DATANET_LOG_FORMAT", show_default=True,
              help="json: the run's log lines (node results, warnings, summary, errors) as one "
                   "JSON object per line on stdout, in dbt's structured-log envelope.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, log_format: str) -> None:
    """datanet: compile, run, test, heal and mock SQL data projects."""
    from datanet_sql.cli import log_format as logs
    from datanet_sql.cli.output import show_progress_notes

    ctx.obj = {"debug": debug}
    logs.use(log_format)
    if not logs.is_json():
        show_progress_notes()


def load_commands(module_name: str) -> None:
    """Add the commands of one `datanet_sql.cli.<module_name>` module to the group."""
    import importlib

    module = importlib.import_module(f"datanet_sql.cli.{module_name}")
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    """The console script: run the command, then leave without tearing down the heap.

    Freeing a compiled project's trees object by object at exit takes as long as a warm
    compile; everything is written and closed by then, so the process simply ends.
    """
    import os

    from datanet_sql.compile.gc_budget import process_ends_after_command

    process_ends_after_command()
    code = 0
    try:
        cli(prog_name="datanet")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        if isinstance(exit_.code, str):
            click.echo(exit_.code, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # `python -m datanet_sql.cli.main`, as the console script
    main()
