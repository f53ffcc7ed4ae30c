"""Compiling at run time what the compile could not finish: dbt renders every node when it
runs, so a model or test whose Jinja asks the warehouse (`run_query`, `dbt_utils.star`,
`union_relations`, `get_column_values`) is rendered again just before it runs, once the run
has built its parents.

A model is then parsed, typed, given lineage and semantics, checked against its contract and
transpiled like any node (`annotate_model`, `transpile_node`), so its columns are those of
the SQL that runs; so is a model held over at compile (`compile/held_over.py`), and any model
reading one whose columns changed. An error fails that node alone (its children are skipped)
and names its model and file. A test's new text is parsed, its refs resolved, transpiled.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.contracts import check_contract, contract_enforced
from datanet_sql.compile.heal_step import ContractBook
from datanet_sql.compile.passes.annotate import annotate_model, output_types, resolve_relations
from datanet_sql.compile.passes.emit import (
    transpile,
    transpile_node,
    write_manifests,
    write_model_file,
)
from datanet_sql.compile.passes.parse import parse_sql
from datanet_sql.errors import DatanetError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Column, Node


class RunTimeCompiler:
    """The executor's `prepare` hook for one run: `prepare(node)` before a node runs,
    `finish()` after the run (the manifests then describe what ran)."""

    def __init__(self, ctx: CompileContext, manifest: Manifest) -> None:
        self.ctx = ctx
        self.manifest = manifest
        self.changed: set[str] = set()  # models whose columns differ from the compile's
        self.done: set[str] = set()  # models compiled in this run
        self._lock = threading.Lock()  # the catalog and the cache are one compile's state
        self._book: ContractBook | None = None

    def prepare(self, node: Node) -> None:
        rendered_again = self._introspective(node)
        if node.kind == "test":
            if rendered_again:
                with self._lock:
                    node.compiled_sql = self._test_sql(node)
            return
        if rendered_again or node.held_over or any(d in self.changed for d in node.depends_on):
            with self._lock, _located(node):
                self._compile_parents(node)
                if not node.is_python:  # its columns are read once it is built
                    self._compile_model(node, rendered_again)

    def finish(self) -> None:
        if self.done and self.ctx.write:
            write_manifests(self.manifest, self.ctx)

    def _introspective(self, node: Node) -> bool:
        return self.ctx.dbt_jinja is not None and node.unique_id in self.ctx.dbt_jinja.introspective

    def _compile_parents(self, node: Node) -> None:
        """Held-over parents this run did not build (`--select child`) are compiled first,
        from what an earlier run left in the warehouse: the child reads their columns."""
        for dep in node.depends_on:
            parent = self.manifest.nodes[dep]
            if not parent.held_over or dep in self.done or parent.kind != "model":
                continue
            if parent.materialized != "ephemeral" and self.ctx.adapter is not None and \
                    self.ctx.adapter.relation_kind(parent.relation) is None:
                raise DatanetError(f"it reads {parent.name}, which is held over to run time "
                                   f"and not built yet",
                                   hint=f"build {parent.name} first, or select it too "
                                        f"(`--select +{node.name}`)")
            self._compile_parents(parent)
            self._compile_model(parent, self._introspective(parent))

    def _compile_model(self, node: Node, render: bool) -> None:
        before = _signature(node.columns)
        if node.is_python:
            self._describe_built(node)
            return
        if render:
            assert self.ctx.dbt_jinja is not None
            again = self.ctx.dbt_jinja.introspective[node.unique_id]
            node.rendered_sql = again(False)
            if node.rendered_incremental_sql is not None:
                node.rendered_incremental_sql = again(True)
        node.expression = node.incremental_expression = None
        if self._book is None:
            self._book = ContractBook(self.manifest, self.ctx)
        annotate_model(node, self.manifest, self.ctx, self._book)
        if node.error:  # a refused schema change: the node's error, raised for this run only
            error, node.error = node.error, None
            raise DatanetError(error)
        self.ctx.catalog.add(node.relation, output_types(node), node.unique_id)
        if node.spec is not None and contract_enforced(node):
            check_contract(node, self.ctx.dialect)
        transpile_node(node, self.ctx)
        write_model_file(node, self.ctx)
        self.done.add(node.unique_id)
        if _signature(node.columns) != before:
            self.changed.add(node.unique_id)

    def built(self, node: Node) -> None:
        """A model a custom materialization just built: when the relation's columns are not
        the ones its SQL gave at compile (the block added or dropped some), they are taken
        from the warehouse, and its readers compiled again against them as they start."""
        assert self.ctx.adapter is not None and node.relation is not None
        found = self.ctx.adapter.list_columns(node.relation) or []
        if [c.name.lower() for c in found] != [name.lower() for name in node.columns]:
            with self._lock:
                self._describe_built(node)

    def _describe_built(self, node: Node) -> None:
        """A Python model's columns, as the warehouse holds its table (built by this run or
        an earlier one), for its readers' analysis."""
        assert self.ctx.adapter is not None and node.relation is not None
        found = self.ctx.adapter.list_columns(node.relation) or []
        node.columns = {c.name: Column(c.name, c.type) for c in found}
        self.ctx.catalog.add(node.relation, {c.name: c.type for c in found}, node.unique_id)
        self.done.add(node.unique_id)
        self.changed.add(node.unique_id)

    def _test_sql(self, node: Node) -> str:
        assert self.ctx.dbt_jinja is not None
        sql = self.ctx.dbt_jinja.introspective[node.unique_id](False)
        tree = resolve_relations(parse_sql(sql, node, self.ctx.read_dialect), node,
                                 self.manifest)
        return transpile(tree, node, self.ctx.dialect)


def _signature(columns: dict[str, Column]) -> list[tuple[str, str | None]]:
    return [(c.name, c.type) for c in columns.values()]


@contextmanager
def _located(node: Node) -> Iterator[None]:
    """An error compiling a node at run time names the node and its file."""
    try:
        yield
    except DatanetError as err:
        err.file = err.file or node.path
        err.model = err.model or node.name
        named = f"'{node.name}'" in err.message
        err.message = ("" if named else f"{node.kind} '{node.name}', ") + \
            f"compiled at run time: {err.message}"
        raise
