"""Models and custom tests whose Jinja asks the warehouse (`run_query`, `dbt_utils.star(ref('m'))`,
`get_column_values`) are rendered again just before they run, as dbt renders every node at
run time: the compile saw the warehouse before this run built their parents.

The new text is parsed, its refs resolved and transpiled for the target, the way the passes
did it at compile (without re-annotating its columns).
"""

from __future__ import annotations

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.passes.annotate import resolve_relations
from datanet_sql.compile.passes.emit import transpile
from datanet_sql.compile.passes.parse import parse_sql
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


def needs_render_at_run(ctx: CompileContext, node: Node) -> bool:
    return ctx.dbt_jinja is not None and node.unique_id in ctx.dbt_jinja.introspective


def render_at_run(ctx: CompileContext, manifest: Manifest, node: Node) -> None:
    """Render, parse, resolve and transpile the node again; its compiled SQL is replaced."""
    assert ctx.dbt_jinja is not None
    node.compiled_sql = _compiled(ctx, manifest, node, incremental=False)
    if node.compiled_incremental_sql is not None:
        node.compiled_incremental_sql = _compiled(ctx, manifest, node, incremental=True)


def _compiled(ctx: CompileContext, manifest: Manifest, node: Node, incremental: bool) -> str:
    assert ctx.dbt_jinja is not None
    sql = ctx.dbt_jinja.introspective[node.unique_id](incremental)
    tree = resolve_relations(parse_sql(sql, node, ctx.read_dialect), node, manifest)
    return transpile(tree, node, ctx.dialect)
