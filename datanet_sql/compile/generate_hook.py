"""Where declarative models meet the generate layer: plain SELECT, then cleanse/dedupe/aggregate."""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.declarative import build_select
from datanet_sql.project.nodes import Node


def declarative_query(node: Node, source: exp.Table, inputs: dict[str, str],
                      ctx: CompileContext) -> exp.Expression:
    return build_select(node, source, inputs, ctx.read_dialect)
