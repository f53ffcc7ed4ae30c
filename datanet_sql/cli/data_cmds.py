"""profile, mock: learned profiles of the sources, and mock tables made from them."""

from __future__ import annotations

from pathlib import Path

import click

from datanet_sql.cli.locking import locked
from datanet_sql.cli.options import parse_vars, project_options, selection_options
from datanet_sql.cli.output import print_table
from datanet_sql.errors import ConfigError


@click.command()
@project_options
@selection_options
def profile(project_dir: Path, target: str | None, vars_text: str | None,
            select: tuple[str, ...], exclude: tuple[str, ...]) -> None:
    """Learn what each source table looks like -> profiles/<source>.<table>.yml (commit them)."""
    from datanet_sql.compile.pipeline import compile_project
    from datanet_sql.project.selection import select_nodes
    from datanet_sql.run.mocking import profile_project

    manifest, ctx = compile_project(project_dir, target=target, vars=parse_vars(vars_text))
    written = profile_project(manifest, ctx, select_nodes(manifest, select, exclude))
    rows = [(_relative(path, project_dir), p.row_count, len(p.columns),
             sum(bool(c.top_values) for c in p.columns),
             ", ".join(c.name for c in p.columns if c.withheld) or "-",
             ", ".join(n for c in p.columns for n in c.pii_names) or "-",
             ", ".join(c.name for c in p.columns if c.public) or "-") for path, p in written]
    print_table(["profile", "rows", "columns", "with values", "formats only", "PII", "public"],
                rows, title=f"wrote {len(rows)} profile(s): commit them")


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@click.command()
@project_options
@click.option("--select", "-s", multiple=True,
              help="Source tables to mock: source.table, a source's name, or source:... "
                   "(default: all).")
@click.option("--rows", type=click.IntRange(min=0), default=None,
              help="Rows of each table no key points at.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Multiply every profiled row count.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed and profiles give the same rows.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write files here instead of into the mock warehouse.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="File format with --out.")
@locked("mock")
def mock(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
         rows: int | None, scale: float | None, seed: int, out: Path | None, fmt: str) -> None:
    """Generate mock source tables from profiles/: same shapes, keys and rules, no real data.

    They go to the mock warehouse (.datanet/mock.duckdb, where `build --mock` runs) on a
    DuckDB target, to the schema <schema>_mock on Postgres and Spark, or to files with --out:
    never into a relation real data lives in.
    """
    from datanet_sql.compile.pipeline import make_context
    from datanet_sql.config.project import load_project
    from datanet_sql.mock import write_files
    from datanet_sql.run.mock_place import file_place
    from datanet_sql.run.mocking import mock_tables, write_to_warehouse

    given = click.get_current_context().get_parameter_source("fmt")
    if out is None and given == click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--format is the format of --out files: give --out DIR too")
    ctx = make_context(load_project(project_dir, target, parse_vars(vars_text)), write=False)
    if not ctx.project.source_tables:
        raise ConfigError("the project has no source tables to mock",
                          hint="declare sources in sources/*.yml")
    tables = mock_tables(ctx, select, rows, scale, seed)
    if out is not None:
        written = [str(p) for p in write_files(tables, file_place(ctx, tables, out, fmt))]
        where = f"files in {out}"
    else:
        place, written = write_to_warehouse(ctx, tables)
        where = (f"the mock warehouse {_relative(Path(place.target['path']), project_dir)} "
                 f"(see `datanet ls --mock`, `datanet show --mock`)"
                 if place.target is not ctx.target else f"target '{place.target['name']}'")
    click.echo(f"Mock data written to {where}:")
    for name, table in zip(written, tables.values()):
        click.echo(f"  {name}: {table.num_rows} rows")


COMMANDS = [profile, mock]
