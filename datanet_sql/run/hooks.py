"""Run a node's build with what dbt runs around it, in dbt's order, on the build's connection:

    pre_hooks outside the transaction (`before_begin`)
    BEGIN
      pre_hooks, sql_header, the build, post_hooks, grants, persist_docs
    COMMIT
    post_hooks outside the transaction (`after_commit`)

A statement that fails inside rolls the whole block back, so a failing post_hook fails its
model only and leaves the previous table (and its grants and comments) as they were. A
node with none of these builds exactly as before (no transaction is opened for it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.jinja_context import REF_SCHEMA, THIS_SCHEMA, relation_sql
from datanet_sql.errors import DatanetError
from datanet_sql.project.hooks import Hook
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.docs import persist_docs, wants_docs
from datanet_sql.run.grants import apply_grants
from datanet_sql.run.materialize import Outcome


def build_with_hooks(adapter: Adapter, node: Node, manifest: Manifest, kind: str,
                     build: Callable[[], Outcome]) -> Outcome:
    """`build()` wrapped in the node's hooks, sql_header, grants and persist_docs.

    `kind` is the relation kind the build leaves ('view' or 'table'), for COMMENT ON."""
    grants = node.config.get("grants")
    if not node.hooks and not grants and not wants_docs(node):
        return build()
    hooks = node.hooks
    run = partial(run_hooks, adapter, node, manifest=manifest)
    run([h for h in hooks if h.kind == "pre_hook" and not h.transaction])
    notes: list[str] = []
    with adapter.atomic():
        run([h for h in hooks if h.transaction and h.kind != "post_hook"])
        outcome = build()
        run([h for h in hooks if h.kind == "post_hook" and h.transaction])
        if grants:
            notes.append(apply_grants(adapter, node, grants))
        if wants_docs(node):
            notes.append(persist_docs(adapter, node, kind))
    run([h for h in hooks if h.kind == "post_hook" and not h.transaction])
    outcome.message = "; ".join(m for m in (outcome.message, *notes) if m)
    return outcome


def run_hooks(adapter: Adapter, node: Node | None, hooks: list[Hook], where: str = "",
              manifest: Manifest | None = None) -> None:
    """Run each hook (rendered now if its Jinja asked the warehouse; its relations put in
    when it is a node's); a failure names the hook and its node (or `where`), keeping the
    kind of the warehouse's error (a deadlock stays retryable)."""
    for hook in hooks:
        sql = hook.sql_now()  # a template error names the hook itself
        if node is not None and manifest is not None:
            sql = _resolved(sql, node, manifest, adapter.dialect)
        try:
            if sql.strip():
                adapter.execute(sql)
        except DatanetError as err:
            owner = f" of {node.kind} '{node.name}'" if node is not None else where
            err.message = f"{hook.label}{owner} failed: {err.message}"
            sql = " ".join(sql.split())
            err.hint = err.hint or f"fix the hook's SQL: `{sql[:120]}{'...' if len(sql) > 120 else ''}`"
            raise


def _resolved(sql: str, node: Node, manifest: Manifest, dialect: str) -> str:
    """`{{ ref('m') }}` (and a `this` that printed the compiler's placeholder) in a hook:
    put the relations in, as the resolve pass does for a model's parsed SQL."""
    if REF_SCHEMA not in sql and THIS_SCHEMA not in sql:
        return sql

    def relation(match: re.Match[str]) -> str:
        found = node if match.group(1) == THIS_SCHEMA else manifest.find_model(match.group(2))
        if found is None or found.relation is None:
            return match.group(0)
        return relation_sql(found.relation.schema or "", found.relation.name, dialect)

    placeholder = re.escape(relation_sql("SCHEMA", "NAME", dialect)).replace(
        "SCHEMA", f"({REF_SCHEMA}|{THIS_SCHEMA})").replace("NAME", r"(\w+)")
    return re.sub(placeholder, relation, sql)
