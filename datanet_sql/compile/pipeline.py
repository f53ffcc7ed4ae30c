"""The compiler: the ordered passes, folded over one Manifest (like sqlglot's optimizer rules)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.adapters.registry import ADAPTERS, adapter_for
from datanet_sql.compile.context import CompileContext, make_context
from datanet_sql.compile.gc_budget import compile_gc
from datanet_sql.compile.passes.annotate import annotate
from datanet_sql.compile.passes.contract import contract
from datanet_sql.compile.passes.data_tests import data_tests
from datanet_sql.compile.passes.emit import emit
from datanet_sql.compile.passes.govern import govern
from datanet_sql.compile.passes.load import load
from datanet_sql.compile.passes.parse import parse
from datanet_sql.compile.passes.render import render
from datanet_sql.compile.passes.resolve import resolve
from datanet_sql.compile.passes.unit_tests import unit_tests
from datanet_sql.compile.sources_ahead import sources_ahead, stop_sources_ahead
from datanet_sql.config.project import load_project
from datanet_sql.project.manifest import Manifest

Pass = Callable[[Manifest, CompileContext], Manifest]

PASSES: tuple[Pass, ...] = (load, sources_ahead, render, parse, resolve, govern, annotate,
                            contract, data_tests, unit_tests, emit)


def run_passes(ctx: CompileContext, passes: tuple[Pass, ...] = PASSES) -> Manifest:
    """Fold the manifest through the passes, with the garbage collector's thresholds raised
    (compile/gc_budget.py)."""
    manifest = Manifest(ctx.project.name, ctx.target, ctx.dialect,
                        selectors=ctx.project.selectors,
                        resource_roots=ctx.project.roots_by_package())
    try:
        with compile_gc():
            for compiler_pass in passes:
                manifest = compiler_pass(manifest, ctx)
    finally:
        stop_sources_ahead(ctx)
    ctx.cache.save()
    return manifest


def compile_project(root: Path, *, target: str | None = None, dialect: str | None = None,
                    vars: dict[str, Any] | None = None, adapter: Adapter | None = None,
                    write: bool = True) -> tuple[Manifest, CompileContext]:
    """Load and compile a project directory; returns the manifest and the context used.

    Sources that are warehouse tables are checked against the warehouse's real columns: the
    target's adapter is opened for the compile (and closed after) when the project has any and
    the target can be reached from here (compile-only warehouses, and the compile-only target
    of `--dialect` without a target of that engine, use the declared columns).
    """
    with compile_gc():  # the YAML's nodes and the unpickled cache: millions of objects
        project = load_project(root, target, vars)
        ctx = make_context(project, dialect=dialect, adapter=adapter, write=write)
    own = adapter is None and any(not t.table.path for t in project.source_tables) and \
        ctx.target["type"] in ADAPTERS and not ctx.target.get("compile_only")
    if own:
        ctx.adapter = adapter_for(ctx.target["name"], ctx.target)
    try:
        return run_passes(ctx), ctx
    finally:
        if own and ctx.adapter is not None:
            ctx.adapter.close()
