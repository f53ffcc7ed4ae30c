"""`run-operation MACRO --args '{...}'`: a macro of the project (or `pkg.macro` of a
package) called with the arguments, with warehouse access, as dbt's run-operation does.

The project is loaded and rendered first (macros see `graph`, and refs resolve to the
relations models are built in); then the macro runs against the target's adapter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.adapters.registry import adapter_for
from datanet_sql.compile.dbt_jinja.template_errors import template_errors
from datanet_sql.compile.jinja_context import RenderRecord
from datanet_sql.compile.passes.load import load
from datanet_sql.compile.passes.render import render
from datanet_sql.compile.pipeline import make_context, run_passes
from datanet_sql.config.project import load_project
from datanet_sql.config.sandbox import call_macro
from datanet_sql.errors import ReferenceNotFoundError, did_you_mean


def run_operation(root: Path, macro: str, args: dict[str, Any], target: str | None = None,
                  vars: dict[str, Any] | None = None) -> str:
    """Run the macro; returns what it rendered (or returned), stripped."""
    project = load_project(root, target, vars)
    ctx = make_context(project, write=False)
    ctx.adapter = adapter_for(ctx.target["name"], ctx.target)
    try:
        run_passes(ctx, (load, render))
        dbt = ctx.dbt_jinja
        assert dbt is not None and dbt.model_context is not None
        path = f"run-operation {macro}"
        context = dbt.model_context.build(macro, path, RenderRecord(), {}, False, "operation")
        with template_errors(path, macro, dbt.registry):
            bound, _ = dbt.bind(context)
            package, _, name = macro.rpartition(".")
            found = bound.find(package or None, name)
            if found is None and not package:
                found = next((space.get(name) for space in bound.namespaces.values()
                              if space.get(name) is not None), None)
            if found is None:
                known = sorted(bound.root_macros)
                raise ReferenceNotFoundError(f"no macro '{macro}' in the project or its "
                                             f"packages." + did_you_mean(name, known),
                                             hint="name a macro of macros/ or `package.macro`")
            result = call_macro(found, **args)
        return "" if result is None else str(result).strip()
    finally:
        ctx.adapter.close()
