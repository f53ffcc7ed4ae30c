"""dbt's analyses: queries kept with the project (`analyses/*.sql`) that dbt compiles and
never runs. Their SQL is the rendered template with each ref printed as the relation it
names, as dbt's `target/compiled/.../analyses/` holds it; it is not parsed (an analysis may
hold any SQL the warehouse reads: dbt checks nothing either).
"""

from __future__ import annotations

from pathlib import Path

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.jinja_context import REF_SCHEMA, relation_sql
from datanet_sql.errors import UnsupportedSqlError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


def compile_analysis(node: Node, manifest: Manifest, ctx: CompileContext) -> None:
    """Set the analysis' compiled SQL: its render with the refs' real relations."""
    sql = node.rendered_sql or ""
    for uid in node.depends_on:
        parent = manifest.nodes[uid]
        if parent.kind == "model" and parent.materialized == "ephemeral":
            # dbt inlines it as a CTE; printing its name would read a relation never built
            raise UnsupportedSqlError(
                f"analysis '{node.name}' reads the ephemeral model '{parent.name}', which "
                f"datanet does not inline into an analysis", file=node.path, model=node.name,
                hint=f"materialize '{parent.name}' as a view or table, or select from its "
                     f"parents in the analysis")
        if parent.relation is not None:
            placeholder = relation_sql(REF_SCHEMA, parent.name, ctx.read_dialect)
            sql = sql.replace(placeholder, parent.relation.table().sql(dialect=ctx.dialect))
    node.compiled_sql = sql


def analysis_file(node: Node, out_dir: Path, project_root: Path) -> Path:
    """`.datanet/compiled/<target>/analyses/<name>.sql` (its `compiled_path` set to it)."""
    path = out_dir / "analyses" / f"{node.name}.sql"
    node.compiled_path = path.relative_to(project_root).as_posix() \
        if path.is_relative_to(project_root) else path.as_posix()
    return path
