"""Nodes held over to run time: their SQL depends on the warehouse as the run leaves it.

dbt renders every node when it runs; at parse it renders with `execute` false and never
reads the SQL. datanet reads it (types, lineage, semantics), so a node whose Jinja asked the
warehouse about a relation this run builds first (`union_relations`, `unpivot`,
`get_column_values`) cannot be analysed at compile: it renders as dbt parses it (for its refs
and config), is marked held over with the reason, and is rendered, parsed, typed and emitted
just before it runs (`dbt_jinja/at_run.py`). A model reading a held-over model is held over
too: its columns come from the parent's.
"""

from __future__ import annotations

from datanet_sql.errors import DatanetError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

HELD_OVER_MISSING = "its Jinja asks the warehouse about a relation that is not built yet"


def held_over_failure(err: DatanetError) -> str:
    """The reason for a node whose compile-time query failed (its first line)."""
    return f"its compile-time query failed ({err.message.splitlines()[0]})"


def held_over_unparsed(err: DatanetError) -> str:
    """The reason for a model whose Jinja, answered by the warehouse as the compile found it,
    rendered to no query (its first line)."""
    return f"rendered with the warehouse as it is before the run, it is no query " \
           f"({err.message.splitlines()[0]})"


def reads_held_over(node: Node, manifest: Manifest) -> str | None:
    """Why a model must wait for the run: a parent of it is held over (None when none is)."""
    parent = next((manifest.nodes[d] for d in node.depends_on if manifest.nodes[d].held_over),
                  None)
    return None if parent is None else f"it reads {parent.name}, which is held over to run time"


def held_over_summary(manifest: Manifest) -> list[str]:
    """One line per held-over model or test, for `compile` and `ls` to print."""
    return [f"{n.kind} {n.name} ({n.path}): {n.held_over}" for n in manifest.in_order()
            if n.held_over and not n.error]
