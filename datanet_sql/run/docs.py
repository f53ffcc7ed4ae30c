"""`persist_docs: {relation: true, columns: true}`: descriptions from YAML written into the
warehouse's catalog as COMMENT ON TABLE/VIEW/COLUMN, where BI tools and `\\d+` show them.

Run in the build's transaction, after it: a rebuilt table has lost its old comments, so they
are written every time. Only columns the relation has are commented (a description of a
column the model no longer selects is not an error, as in dbt).
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.project.nodes import Node


def wants_docs(node: Node) -> bool:
    config = node.config.get("persist_docs")
    return isinstance(config, dict) and bool(config.get("relation") or config.get("columns"))


def persist_docs(adapter: Adapter, node: Node, kind: str) -> str:
    """COMMENT ON the relation and its described columns; a note when the engine cannot."""
    if not adapter.supports_comments:
        return f"persist_docs not applied: {adapter.dialect} has no COMMENT ON"
    config = node.config["persist_docs"]
    if node.relation is None:
        return ""
    table = node.relation.table()
    if config.get("relation") and node.description:
        adapter.execute(exp.Comment(this=table, kind=kind.upper(),
                                    expression=exp.Literal.string(node.description)))
    if config.get("columns"):
        live = {c.name.casefold(): c.name for c in adapter.list_columns(node.relation) or []}
        for name, description in column_descriptions(node).items():
            if name.casefold() in live:
                column = exp.column(live[name.casefold()], table=table.name, db=table.db,
                                    quoted=True)
                adapter.execute(exp.Comment(this=column, kind="COLUMN",
                                            expression=exp.Literal.string(description)))
    return ""


def column_descriptions(node: Node) -> dict[str, str]:
    """Column descriptions written in YAML (the model's own entry first, then what the
    compiler knows of each column)."""
    found = {c.name: c.description for c in node.columns.values() if c.description}
    found.update({c.name: c.description for c in node.column_specs
                  if getattr(c, "description", None)})
    return found
