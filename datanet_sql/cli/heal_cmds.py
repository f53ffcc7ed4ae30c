"""heal: show what changed upstream and how models are healed, or accept a new contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from datanet_sql.cli.locking import locked
from datanet_sql.cli.options import parse_vars, project_options
from datanet_sql.cli.output import console
from datanet_sql.errors import ConfigError, RunFailedError, did_you_mean


@click.command()
@project_options
@click.option("--plan", "show_plan", is_flag=True, help="Show detected changes and rewrites.")
@click.option("--accept", multiple=True, metavar="SOURCE.TABLE",
              help="Record the live schema of this source as its new contract.")
@click.option("--output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the plan.")
@locked("heal")
def heal(project_dir: Path, target: str | None, vars_text: str | None, show_plan: bool,
         accept: tuple[str, ...], output: str) -> None:
    """Compare sources with their contracts: `--plan` shows heals and refusals (nothing runs);
    `--accept raw.orders` records the new contract after a human decision."""
    from datanet_sql.compile.heal_step import ContractBook, source_key
    from datanet_sql.compile.pipeline import compile_project

    manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    if accept:
        book = ContractBook(manifest, ctx)
        sources = {n.name: n for n in manifest.of_kind("source")}
        for name in accept:
            if name not in sources:
                raise ConfigError(f"no source table '{name}'." + did_you_mean(name, sources),
                                  hint="name it as source.table, e.g. raw.orders")
            live = book.live(sources[name], fresh=True)  # what the table holds now
            if live is None:
                raise ConfigError(f"source '{name}' cannot be read now: nothing to accept")
            path = book.accept(sources[name], live) or \
                book.store.path(source_key(sources[name]))
            click.echo(f"accepted the live schema of {name} -> {path}")
        return
    plans = [n for n in manifest.in_order("model") if n.error or n.healing and
             (n.healing.get("heals") or n.healing.get("refusals"))]
    changes = _source_changes(manifest, ContractBook(manifest, ctx))
    if output == "json":
        click.echo(json.dumps({"sources": changes,
                               "models": [{"model": n.name, "error": n.error,
                                           **(n.healing or {})} for n in plans]},
                              indent=1, default=str))
    else:
        _print_plans(changes, plans)
    refused = [n.name for n in plans if n.error]
    if refused and not show_plan:
        raise RunFailedError(f"refused: {', '.join(refused)}",
                             hint="see the options above; nothing was built")


def _source_changes(manifest: Any, book: Any) -> dict[str, list[str]]:
    """What changed in each source since its contract, whether or not a model is affected."""
    from datanet_sql.compile.heal_step import source_key
    from datanet_sql.heal import diff_contracts

    changes: dict[str, list[str]] = {}
    for node in manifest.in_order("source"):
        recorded = book.recorded(source_key(node))
        if recorded is not None:
            ops = diff_contracts(recorded, book.live(node)).ops
            if ops:
                changes[node.name] = [op.describe() for op in ops]
    return changes


def _print_plans(changes: dict[str, list[str]], nodes: list) -> None:  # type: ignore[type-arg]
    for source, ops in changes.items():
        console().print(f"[bold]source {source}[/bold] changed since its contract:")
        for op in ops:
            console().print(f"  - {op}", markup=False)
    if not changes and not nodes:
        console().print("No source changed since its contract: nothing to heal.")
    elif not nodes:
        console().print("No model reads what changed: nothing to heal.")
    for node in nodes:
        console().print(f"[bold]{node.name}[/bold]")
        for heal_ in (node.healing or {}).get("heals", []):
            console().print(f"  [cyan]heal[/cyan]    {heal_['summary']}", markup=True)
        for refusal in (node.healing or {}).get("refusals", []):
            console().print(f"  [red]REFUSED[/red] {refusal['source']}.{refusal['table']}."
                          f"{refusal['column']}: {refusal['change']}: {refusal['reason']}")
            for option in refusal["options"]:
                console().print(f"          - {option}")
        if node.error and not (node.healing or {}).get("refusals"):
            console().print(f"  [red]REFUSED[/red] {node.error}")


COMMANDS = [heal]
