"""deps, clean, debug, run-operation: the housekeeping commands dbt users reach for."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from datanet_sql.cli.locking import locked
from datanet_sql.cli.options import parse_vars, project_options
from datanet_sql.cli.output import print_table
from datanet_sql.errors import ConfigError


@click.command()
@click.option("--project-dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="The project directory.")
def deps(project_dir: Path) -> None:
    """Install the packages of packages.yml / dependencies.yml into dbt_packages/."""
    from datanet_sql.project.packages import install_packages

    installed = install_packages(project_dir.resolve())
    if not installed:
        click.echo("No packages to install (no packages.yml or dependencies.yml entries).")
        return
    print_table(["package", "from", "action"],
                [(i.name, i.source, i.action) for i in installed])


@click.command()
@project_options
@locked("clean")
def clean(project_dir: Path, target: str | None, vars_text: str | None) -> None:
    """Delete what a build leaves behind and can remake: compiled SQL, caches, target/ (and
    dbt_project.yml's clean-targets). Warehouses, state history and profiles are kept."""
    root = project_dir.resolve()
    folders = [root / ".datanet" / "compiled", root / ".datanet" / "cache", root / "target"]
    folders += [root / name for name in _dbt_clean_targets(root)]
    outside = [folder for folder in folders if not folder.resolve().is_relative_to(root)]
    if outside:  # refused before anything is removed
        raise ConfigError(f"clean-targets entry {outside[0]} is outside the project",
                          file="dbt_project.yml", hint="list folders inside the project")
    removed = []
    for folder in folders:
        if folder.is_dir():
            shutil.rmtree(folder)
            removed.append(folder.relative_to(root).as_posix())
    click.echo(f"Removed {', '.join(removed)}" if removed else "Nothing to clean.")


def _dbt_clean_targets(root: Path) -> list[str]:
    from datanet_sql.config.yamlfile import read_yaml

    path = root / "dbt_project.yml"
    if not path.exists():
        return []
    data = read_yaml(path, display="dbt_project.yml").data
    return [str(t) for t in (data.get("clean-targets") or [])] if isinstance(data, dict) else []


@click.command()
@project_options
def debug(project_dir: Path, target: str | None, vars_text: str | None) -> None:
    """Check the project, its target and the connection, as `dbt debug` does."""
    from datanet_sql.adapters.registry import adapter_for
    from datanet_sql.compile.compile_target import compile_target
    from datanet_sql.config.project import load_project

    project = load_project(project_dir, target, parse_vars(vars_text))
    settings = compile_target(project, None)
    rows = [("project", f"{project.name} ({project.root})"),
            ("project file", project.config_file),
            ("target", (f"{settings['name']} ({settings['type']}, schema "
                        f"{settings.get('schema', '-')})")),
            ("models", str(len(project.sql_models) + len(project.yaml_models))),
            ("sources", str(len(project.source_tables))), ("seeds", str(len(project.seeds)))]
    adapter = adapter_for(settings["name"], settings)
    try:
        adapter.fetch("select 1")
        rows.append(("connection", "OK"))
    finally:
        adapter.close()
    print_table(["check", "result"], rows)
    for warning in project.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)


@click.command("run-operation")
@click.argument("macro")
@click.option("--args", "args_text", default=None,
              help="YAML mapping of the macro's arguments, e.g. '{table: orders}'.")
@project_options
@locked("run-operation")
def run_operation(macro: str, args_text: str | None, project_dir: Path, target: str | None,
                  vars_text: str | None) -> None:
    """Run a macro (`name` or `package.name`) against the target, as dbt run-operation does."""
    from datanet_sql.compile.dbt_jinja.operation import run_operation as run

    output = run(project_dir.resolve(), macro, parse_vars(args_text, "--args"), target,
                 parse_vars(vars_text))
    if output:
        click.echo(output)


COMMANDS = [deps, clean, debug, run_operation]
