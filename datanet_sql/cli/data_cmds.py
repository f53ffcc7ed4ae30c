"""profile, mock: learned profiles of the sources, and mock tables made from them."""

from __future__ import annotations

from pathlib import Path

import click

from datanet_sql.cli.options import parse_vars, project_options, selection_options
from datanet_sql.cli.output import print_table


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
             ", ".join(c.name for c in p.columns if c.pii) or "-",
             ", ".join(c.name for c in p.columns if c.public) or "-") for path, p in written]
    print_table(["profile", "rows", "columns", "with values", "formats only (PII)", "public"],
                rows, title=f"wrote {len(rows)} profile(s): commit them")


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@click.command()
@project_options
@click.option("--select", "-s", multiple=True, help="Source tables (source.table) to mock.")
@click.option("--rows", type=int, default=None, help="Rows of each table no key points at.")
@click.option("--scale", type=float, default=None, help="Multiply every profiled row count.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write files here instead of into the target warehouse.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet")
def mock(project_dir: Path, target: str | None, vars_text: str | None, select: tuple[str, ...],
         rows: int | None, scale: float | None, seed: int, out: Path | None, fmt: str) -> None:
    """Generate mock source tables from profiles/: same shapes, keys and rules, no real data."""
    from datanet_sql.adapters.registry import adapter_for
    from datanet_sql.compile.pipeline import make_context
    from datanet_sql.config.project import load_project
    from datanet_sql.mock import write_files
    from datanet_sql.run.mocking import mock_tables, write_tables

    ctx = make_context(load_project(project_dir, target, parse_vars(vars_text)), write=False)
    tables = mock_tables(ctx, set(select) or None, rows, scale, seed)
    if out is not None:
        written = [str(p) for p in write_files(tables, out, fmt)]
    else:
        adapter = adapter_for(ctx.target["name"], ctx.target)
        try:
            written = write_tables(ctx, adapter, tables)
        finally:
            adapter.close()
    for name, table in zip(written, tables.values()):
        click.echo(f"{name}: {table.num_rows} rows")


COMMANDS = [profile, mock]
