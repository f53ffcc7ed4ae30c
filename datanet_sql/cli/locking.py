"""`--wait` and the project lock for the commands that build or write a project's state."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import click

from datanet_sql.compile.gc_budget import compile_gc
from datanet_sql.fs.lock import Holder, project_lock


def target_name(project_dir: Path, target: str | None) -> str:
    """The target a command will use: --target, else the project's default (datanet.yml's, or
    a dbt project's profile's)."""
    from datanet_sql.config.project import project_spec

    spec, _, _ = project_spec(project_dir.resolve())
    return target or spec.target


def locked(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run the command holding the lock of its project and target (see fs/lock.py), with a
    `--wait SECONDS` option: 0 (the default) refuses at once when another datanet holds it."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def run(*args: Any, wait: float, **kwargs: Any) -> Any:
            project_dir: Path = kwargs["project_dir"]
            with compile_gc():  # reading the target imports the project reader (gc_budget)
                name = target_name(project_dir, kwargs.get("target"))
            with hold(project_dir, name, command, wait):
                return func(*args, **kwargs)

        return wait_option(run)

    return decorate


def wait_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--wait", type=click.FloatRange(min=0), default=0.0,
                        show_default=True, metavar="SECONDS",
                        help="If another datanet is building this project's target, wait up to "
                             "this long for it instead of stopping at once.")(func)


def hold(project_dir: Path, target: str, command: str, wait: float) -> AbstractContextManager[None]:
    """The project lock of one target, saying so when it waits or takes a dead holder's lock."""
    return project_lock(project_dir / ".datanet", target, command, wait,
                        on_wait=functools.partial(_waiting, wait), on_takeover=_took_over)


def _waiting(wait: float, holder: Holder | None) -> None:
    who = holder.describe() if holder else "another datanet"
    click.secho(f"waiting up to {wait:g}s for the project lock held by {who}", fg="yellow",
                err=True)


def _took_over(holder: Holder) -> None:
    fate = "is gone" if not holder.alive() else "no longer holds it"
    click.secho(f"note: took over the project lock left by {holder.describe()}: that process "
                f"{fate} and its run did not finish", fg="yellow", err=True)
