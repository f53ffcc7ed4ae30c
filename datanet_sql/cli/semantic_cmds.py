"""infer, learn: what every source column means, and teaching the classifier."""

from __future__ import annotations

import json
from pathlib import Path

import click

from datanet_sql.cli.options import parse_vars, project_options, selection_options
from datanet_sql.cli.output import print_table


@click.command()
@project_options
@selection_options
@click.option("--output", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="How to print the results.")
@click.option("--write", is_flag=True, help="Record the results in profiles/<source>.<table>.yml.")
def infer(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
          exclude: tuple[str, ...], output: str, write: bool) -> None:
    """Semantic type, confidence, PII and evidence of every source column."""
    from datanet_sql.compile.infer_sources import infer_rows, write_to_profiles
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.project.selection import select_nodes

    manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    rows = infer_rows(manifest, ctx, select_nodes(manifest, select, exclude))
    if output == "json":
        click.echo(json.dumps(rows, indent=1, default=str))
    else:
        print_table(["source", "table", "column", "type", "semantic", "confidence", "pii",
                     "evidence"],
                    [(r["source"], r["table"], r["column"], r["type"], r["semantic"],
                      f"{r['confidence']:.2f}" if r["confidence"] is not None else "",
                      "yes" if r["pii"] else "", "; ".join(r["evidence"][:3])) for r in rows])
    if write:
        for path in write_to_profiles(rows, ctx):
            click.echo(f"wrote {path}", err=True)


@click.command()
@project_options
def learn(project_dir: Path, target: str | None, vars_text: str | None) -> None:
    """Retrain the semantic classifier with the project's confirmed `semantic:` labels."""
    from datanet_sql.compile.infer_sources import learn as learn_labels
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.compile.semantics_step import model_path

    manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    count = learn_labels(manifest, ctx)
    if not count:
        click.echo("No confirmed `semantic:` labels in the project: nothing to learn; the "
                   "shared classifier stays in use (confirm labels with `datanet infer "
                   "--write`, then edit them)")
        return
    click.echo(f"Trained the semantic classifier with {count} confirmed label"
               f"{'s' if count != 1 else ''} -> {model_path(ctx)}")


COMMANDS = [infer, learn]
