"""`datanet show`: a built model's rows, or an inline query with ref() rendered and resolved."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.passes.annotate import resolve_relations
from datanet_sql.compile.passes.emit import transpile
from datanet_sql.compile.passes.parse import ensure_parsed
from datanet_sql.compile.passes.render import render
from datanet_sql.errors import (
    CompileFailedError,
    ConfigError,
    ReferenceNotFoundError,
    RelationNotFoundError,
    did_you_mean,
)
from datanet_sql.project.nodes import Node
from datanet_sql.project.selection import select_nodes
from datanet_sql.run.session import open_mock_session, open_session


def preview(root: Path, target: str | None, vars: dict[str, Any], model: str | None,
            inline: str | None, limit: int, mock: bool = False) -> tuple[list[str], list[tuple]]:
    """Rows of a model, seed or source (`raw.orders`), or of an inline query; with `mock`, read
    from the mock warehouse the last `build --mock` left."""
    if not model and not inline:
        raise ConfigError("say what to show: a model name or --inline 'select ...'")
    session = open_mock_session(root, target, vars) if mock else open_session(root, target, vars)
    try:
        manifest, adapter = session.manifest, session.adapter
        if model:
            node = manifest.find_model(model.removesuffix("__rejects")) or \
                manifest.nodes.get(f"source.{model}")
            if node is None or (model.endswith("__rejects") and not node.compiled_rejects_sql):
                names = [n.name for n in manifest.of_kind("model", "seed", "source")]
                raise ReferenceNotFoundError(f"no model named '{model}'." +
                                             did_you_mean(model, names))
            _check_compiled(node)
            query: exp.Expression = _model_query(adapter, node, model, limit, mock)
        else:
            node = Node("model.__inline__", "__inline__", "model", "<inline>", raw_text=inline)
            manifest.add(node)
            render(manifest, session.ctx)
            _check_compiled(node)  # the render pass keeps a template error on the node
            tree = resolve_relations(ensure_parsed(node, session.ctx.read_dialect), node, manifest)
            query = exp.select("*").from_(exp.Subquery(
                this=tree, alias=exp.TableAlias(this=exp.to_identifier("__dn_inline")))).limit(limit)
            query = exp.maybe_parse(transpile(query, node, adapter.dialect), dialect=adapter.dialect)
        return adapter.fetch(query)
    finally:
        session.close()


def _check_compiled(node: Node) -> None:
    """A model that did not compile is not shown (its table, if any, is from an older build)."""
    if node.error:
        raise CompileFailedError(node.error)
    if node.blocked:
        raise CompileFailedError(f"'{node.name}' reads a model that did not compile",
                                 model=node.name, hint="`datanet compile` lists the errors")


def _model_query(adapter: Adapter, node: Node, model: str, limit: int,
                 mock: bool = False) -> exp.Expression:
    """What `show MODEL` reads: the built relation, or an ephemeral model's own query."""
    if node.materialized == "ephemeral" and not model.endswith("__rejects"):
        tree = sqlglot.parse_one(node.compiled_sql or "", read=adapter.dialect)
        return exp.select("*").from_(exp.Subquery(
            this=tree, alias=exp.TableAlias(this=exp.to_identifier("__dn_show")))).limit(limit)
    relation = node.relation.with_name(f"{node.relation.name}__rejects") \
        if model.endswith("__rejects") else node.relation
    if adapter.list_columns(relation) is None:
        raise RelationNotFoundError(f"'{model}' is not built in the warehouse yet ({relation})",
                                    model=node.name,
                                    hint="run `datanet build --mock` first" if mock else
                                    f"run `datanet run --select {node.name}` first")
    return adapter.select_star(relation, limit)


def built_rows(root: Path, target: str | None, vars: dict[str, Any],
               select: tuple[str, ...], exclude: tuple[str, ...],
               mock: bool = False) -> list[tuple[Node, int | None]]:
    """Each selected source, seed and model with the rows of its relation in the warehouse
    (None: not built; ephemeral models have none), for `ls --mock`."""
    session = open_mock_session(root, target, vars) if mock else open_session(root, target, vars)
    try:
        chosen = select_nodes(session.manifest, select, exclude)
        return [(node, _row_count(session.adapter, node))
                for node in session.manifest.in_order("source", "seed", "model")
                if node.unique_id in chosen]
    finally:
        session.close()


def _row_count(adapter: Adapter, node: Node) -> int | None:
    relation = node.relation
    if node.materialized == "ephemeral" or relation is None or \
            adapter.list_columns(relation) is None:
        return None
    row = adapter.fetch_one(exp.select(exp.func("count", exp.Star())).from_(relation.table()))
    return int(row[0]) if row else None


def format_rows(names: list[str], rows: list[tuple], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in rows], indent=1, default=str) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    writer.writerows(rows)
    return buffer.getvalue()
