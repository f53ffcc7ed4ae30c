"""init, compile, ls: commands that need no warehouse."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from datanet_sql.cli.locking import hold, target_name, wait_option
from datanet_sql.cli.options import (
    indirect_selection_option,
    parse_vars,
    project_options,
    selection_options,
    state_options,
)
from datanet_sql.cli.output import print_table, print_warnings
from datanet_sql.errors import ConfigError
from datanet_sql.project.resources import RESOURCE_TYPES, Resource, selected_resources

if TYPE_CHECKING:
    from datanet_sql.compile import last_compile
    from datanet_sql.project.manifest import Manifest
    from datanet_sql.state.request import StateRequest


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="Project name (default: the directory's name).")
def init(directory: Path, name: str | None) -> None:
    """Create a new project in DIRECTORY from the starter template."""
    template = Path(__file__).resolve().parent.parent / "project_template"
    if directory.exists() and not directory.is_dir():
        raise ConfigError(f"{directory} is a file, not a directory",
                          hint="give the path of a new (or empty) directory")
    if directory.exists() and any(directory.iterdir()):
        raise ConfigError(f"{directory} exists and is not empty",
                          hint="choose a new directory name")
    try:
        shutil.copytree(template, directory, dirs_exist_ok=True)
    except OSError as err:  # a parent that is a file, no permission, a full disk
        raise ConfigError(f"cannot create the project in {directory}: {err.strerror or err}",
                          hint="give the path of a new directory you can write to") from None
    project_name = name or directory.resolve().name.replace("-", "_")
    config = directory / "datanet.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("my_project", project_name),
                      encoding="utf-8")
    click.echo(f"Created project '{project_name}' in {directory}.\n"
               f"Next: cd {directory} && datanet compile && datanet build")


@click.command("compile")
@project_options
@selection_options
@click.option("--dialect", type=click.Choice(["duckdb", "postgres", "spark", "snowflake",
                                              "bigquery", "trino", "redshift"]), default=None,
              help="Emit SQL in this dialect instead of the target's.")
@state_options
@wait_option
def compile_cmd(project_dir: Path, target: str | None, vars_text: str | None,
                select: tuple[str, ...], exclude: tuple[str, ...], dialect: str | None,
                state: StateRequest | None, wait: float) -> None:
    """Render, check, type and emit every model to .datanet/compiled/<target>/ (<dialect>/
    with --dialect and no target of that engine); with --select, also print the compiled SQL
    of the selected models."""
    from datanet_sql.compile import last_compile
    from datanet_sql.compile.gc_budget import compile_gc

    started = time.perf_counter()
    request = last_compile.Request(project_dir, target, dialect, vars_text)
    plain = not (select or exclude or state)  # the whole project, printing only a summary
    found = last_compile.changed_since(request) if plain else None
    if found is not None and not found[1]:
        last = found[0]
        with hold(project_dir, last.target, "compile", wait):
            if last.outputs_intact() and last.refresh():
                _report_compile(last.report, started, "nothing changed since the last compile")
                return
    with compile_gc(freeze=True), \
            hold(project_dir, target_name(project_dir, target), "compile", wait):
        if found is not None and found[1] and found[0].outputs_intact() and \
                _recompile_edited(request, *found, started):
            return
        _compile(request, select, exclude, state, started, record=plain)  # imports included


def _recompile_edited(request: last_compile.Request, last: last_compile.LastCompile,
                      changed: list[str], started: float) -> bool:
    """The edit path (compile/edit_compile.py), under the project lock: False when the
    whole compile must run (nothing was written then)."""
    from datanet_sql.compile import edit_compile
    from datanet_sql.compile import last_compile as stamps

    edited = edit_compile.recompile(request, last, changed)
    if edited is None:
        return False
    manifest, ctx = edited.manifest, edited.ctx
    models = sum(1 for _ in manifest.models())
    analysed = ctx.stats["annotated"]
    report = {"models": models, "tests": sum(1 for _ in manifest.of_kind("test")),
              "dialect": ctx.dialect, "analysed": analysed, "unchanged": models - analysed,
              "compiled_dir": str(ctx.compiled_dir), "warnings": []}
    _report_compile(report, started, f"{len(changed)} edited "
                                     f"file{'s' if len(changed) > 1 else ''} recompiled alone")
    state = edited.keep(changed) if stamps.stampable(ctx, manifest, request.root) else None
    stamps.record(request, edited.inputs, ctx, manifest,
                  {**report, "analysed": 0, "unchanged": models}, state, last.stamp["env"])
    return True


def _compile(request: last_compile.Request, select: tuple[str, ...], exclude: tuple[str, ...],
             state: StateRequest | None, started: float, *, record: bool) -> None:
    """The compile itself (under the project lock); stamped for reuse when `record`."""
    from datanet_sql.compile import last_compile
    from datanet_sql.compile.held_over import held_over_summary
    from datanet_sql.compile.node_errors import compile_failure
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.project.selection import select_nodes

    inputs = last_compile.scan(request.project_dir) if record else None
    last_compile.forget(request.project_dir)
    manifest, ctx = compile_project(request.project_dir, target=request.target,
                                    dialect=request.dialect, vars=parse_vars(request.vars_text))
    report = {"models": sum(1 for _ in manifest.models()),
              "tests": sum(1 for _ in manifest.of_kind("test")), "dialect": ctx.dialect,
              "analysed": ctx.stats["annotated"], "unchanged": ctx.stats["cached"],
              "compiled_dir": str(ctx.compiled_dir),
              "warnings": manifest.warnings + (state.attach(manifest, ctx) if state else [])}
    _report_compile(report, started)
    held = held_over_summary(manifest)
    if held:
        click.echo(f"{len(held)} nodes held over to run time (their SQL depends on what the run "
                   f"builds first; `run`/`build` render, type and emit them as they start):\n  "
                   + "\n  ".join(held))
    chosen = select_nodes(manifest, select, exclude)
    if select or exclude:
        for node in manifest.in_order("model", "snapshot"):
            if node.unique_id in chosen and node.compiled_sql is not None:
                click.echo(f"-- {node.name}\n{node.compiled_sql.rstrip()}\n")
    failure = compile_failure(manifest, chosen)
    if failure is not None:
        raise failure
    if record:
        from datanet_sql.compile import kept_state

        state = kept_state.keep_compiled(ctx, manifest) \
            if last_compile.stampable(ctx, manifest, request.root) else None
        last_compile.record(request, inputs, ctx, manifest,
                            {**report, "analysed": 0,
                             "unchanged": report["analysed"] + report["unchanged"]}, state)


def _report_compile(report: dict[str, Any], started: float, reused: str | None = None) -> None:
    """The compile's warnings and its one-line summary (the same for a reused compile)."""
    print_warnings(report["warnings"])
    click.echo(f"Compiled {report['models']} models and {report['tests']} tests for "
               f"{report['dialect']} in {time.perf_counter() - started:.2f}s "
               f"({report['analysed']} analysed, {report['unchanged']} unchanged) -> "
               f"{report['compiled_dir']}" + (f" ({reused})" if reused else ""))


@click.command("ls")
@project_options
@selection_options
@click.option("--resource-type", "kinds", multiple=True,
              type=click.Choice(["model", "source", "seed", "snapshot", "test", "unit_test",
                                 "analysis", *RESOURCE_TYPES, "all", "default"]),
              help="Only nodes of this kind (repeatable). As in dbt: analyses are listed "
                   "only when asked for (`analysis` or `all`); `default` is every other kind.")
@click.option("--columns", is_flag=True, help="List columns with type, semantic type and PII.")
@click.option("--output", type=click.Choice(["table", "json", "name"]), default="table",
              show_default=True, help="How to print the list.")
@click.option("--mock", is_flag=True,
              help="List what the mock warehouse of `build --mock` holds, with row counts.")
@indirect_selection_option
@click.option("--explain", is_flag=True,
              help="Say why each node is in or out of the selection (state:modified+ follows "
                   "changed columns).")
@state_options
def ls_cmd(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
           exclude: tuple[str, ...], kinds: tuple[str, ...], columns: bool, output: str,
           mock: bool, indirect_selection: str | None, explain: bool,
           state: StateRequest | None) -> None:
    """List the project's nodes (and their columns)."""
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.config.dbt_project import indirect_selection as indirect_selection_of
    from datanet_sql.project.selection import select_nodes

    if mock and columns:
        raise click.UsageError("--mock lists what the mock warehouse holds, with row counts; "
                               "--columns lists the compiled columns (the same on mocks): "
                               "give one of them")
    if mock:
        _ls_mock(project_dir, target, vars_text, select, exclude, kinds, output)
        return
    manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    failed = [n.name for n in manifest.in_order() if n.error]
    print_warnings(manifest.warnings + ([(f"{len(failed)} nodes did not compile ("
                                          f"{', '.join(failed)}): `datanet compile` lists why")]
                                        if failed else []) +
                   (state.attach(manifest, ctx) if state else []))
    # `exposure:x` lists the exposure; `group:x` is dbt's method for the models in group x
    wanted, unwanted = (tuple(s for s in given if s.split(":", 1)[0] not in RESOURCE_TYPES or
                              s.startswith("group:")) for given in (select, exclude))
    mode = indirect_selection_of(project_dir.resolve(), indirect_selection)
    chosen = select_nodes(manifest, wanted, unwanted, indirect=mode) \
        if wanted or not select else set()
    kinds = listed_kinds(kinds)
    nodes: list[Any] = [n for n in manifest.in_order() if n.unique_id in chosen and
                        n.kind in kinds]
    nodes += selected_resources(manifest.resources, select, exclude, kinds)
    if explain:
        _explain(manifest, chosen)
    elif output == "json":
        from datanet_sql.artifacts.dbt_manifest import ls_fields

        click.echo(json.dumps([{**n.to_dict(), **ls_fields(n, manifest)} for n in nodes],
                              indent=1, default=str))
    elif output == "name":
        for node in nodes:
            click.echo(node.name)
    elif columns:
        rows = [(n.name, c.name, c.type or "", c.semantic or "", "yes" if c.pii else "",
                 ", ".join(c.lineage[:3])) for n in nodes if not isinstance(n, Resource)
                for top in n.columns.values() for c in top.flattened()]
        print_table(["node", "column", "type", "semantic", "pii", "lineage"], rows)
    else:
        rows = [(n.unique_id, n.kind, n.materialized if n.kind in ("model", "snapshot") else "",
                 ", ".join(n.tags), n.path) if not isinstance(n, Resource) else
                (n.unique_id, n.kind, "", "", f"{n.path}:{n.line}") for n in nodes]
        print_table(["node", "kind", "materialized", "tags", "path"], rows)


def listed_kinds(asked: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds `ls --resource-type` asks for, as dbt's `ls` reads them: none or `default`
    is every kind but analyses (they are listed when asked for by name or by `all`)."""
    default = ("model", "source", "seed", "snapshot", "test", "unit_test", *RESOURCE_TYPES)
    kinds = [kind for kind in asked if kind not in ("all", "default")]
    if not asked or "default" in asked:
        kinds += default
    if "all" in asked:
        kinds += [*default, "analysis"]
    return tuple(dict.fromkeys(kinds))


def _explain(manifest: Manifest, chosen: set[str]) -> None:
    """Each node the selection took, or weighed and left, with the reason."""
    why = manifest.state.why if manifest.state else {}
    rows = [(node.name, node.kind, "in" if uid in chosen else "out",
             why.get(uid, "matched").removeprefix("in: ").removeprefix("out: "))
            for uid in manifest.order if uid in chosen or uid in why
            for node in [manifest.nodes[uid]]]
    print_table(["node", "kind", "selected", "why"], rows)


def _ls_mock(project_dir: Path, target: str | None, vars_text: str | None,
             select: tuple[str, ...], exclude: tuple[str, ...], kinds: tuple[str, ...],
             output: str) -> None:
    """The mock warehouse's relations: each source, seed and model with its rows there."""
    from datanet_sql.run.mock_place import MOCK_DATABASE
    from datanet_sql.run.preview import built_rows

    found = [(n, rows) for n, rows in built_rows(project_dir, target, parse_vars(vars_text),
                                                 select, exclude, mock=True)
             if not kinds or n.kind in kinds]
    if output == "json":
        click.echo(json.dumps([{"unique_id": n.unique_id, "kind": n.kind,
                                "relation": str(n.relation), "rows": rows}
                               for n, rows in found], indent=1))
    elif output == "name":
        for node, _ in found:
            click.echo(node.name)
    else:
        print_table(["node", "kind", "relation", "rows"],
                    [(n.unique_id, n.kind, str(n.relation),
                      "not built" if rows is None else rows) for n, rows in found],
                    title=f"the mock warehouse (.datanet/{MOCK_DATABASE})")


COMMANDS = [init, compile_cmd, ls_cmd]
