"""diff: the project compared with a previous manifest, column by column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from datanet_sql.cli.options import parse_vars, project_options, state_options
from datanet_sql.cli.output import print_warnings

if TYPE_CHECKING:
    from datanet_sql.state.request import StateRequest


@click.command()
@project_options
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True, help="markdown for a CI job summary.")
@click.option("--mock", is_flag=True,
              help="Compile on the mock warehouse `build --mock` left (as its state was).")
@state_options
def diff(project_dir: Path, target: str | None, vars_text: str | None, fmt: str, mock: bool,
         state: StateRequest | None) -> None:
    """What changed since the --state manifest: nodes, their columns (added, removed,
    retyped, recomputed), the children that read them, and breaking changes."""
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.state.report import diff_report, to_markdown, to_text

    if state is None:
        raise click.UsageError("diff needs --state DIR, the folder of the manifest.json to "
                               "compare with")
    if mock:
        from datanet_sql.run.session import open_mock_session

        session = open_mock_session(project_dir, target, parse_vars(vars_text))
        session.close()
        manifest, ctx = session.manifest, session.ctx
    else:
        manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    state.attach(manifest, ctx)
    print_warnings(manifest.warnings)
    report = diff_report(manifest.state)
    click.echo(json.dumps(report, indent=1) if fmt == "json" else
               to_markdown(report) if fmt == "markdown" else to_text(report), nl=False)


COMMANDS = [diff]
