"""resolve: dependencies -> DAG in topological order; unknown refs and cycles are errors."""

from __future__ import annotations

import re
from functools import partial
from graphlib import CycleError as GraphCycle
from graphlib import TopologicalSorter

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.foreign_keys import resolve_foreign_keys
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.versions import ref_target, versioned_models
from datanet_sql.errors import CycleError, ReferenceNotFoundError, did_you_mean
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

_FROM = re.compile(r"""^\s*(?:(ref)\(\s*['"]([^'"]+)['"]\s*\)|(source)\(\s*['"]([^'"]+)['"]\s*,"""
                   r"""\s*['"]([^'"]+)['"]\s*\)|([\w$]+)\.([\w$]+)|([\w$]+))\s*$""")


def resolve(manifest: Manifest, ctx: CompileContext) -> Manifest:
    """An unknown ref or `from:` is an error of the node that reads it (which then depends on
    nothing); a cycle stops the compile."""
    for node in manifest.models():
        if node.is_declarative:
            node.depends_on = []
            with recorded(node):
                node.depends_on = [parse_from(node.spec.from_, node, manifest)]
        with recorded(node):  # `to: ref('customers')`: the parent is built first, as in dbt
            node.foreign_keys = resolve_foreign_keys(node, manifest, partial(
                _parent, manifest=manifest))
            node.depends_on += [k.parent for k in node.foreign_keys
                                if k.parent not in node.depends_on]
    for node in manifest.nodes.values():
        node.depends_on = [seed_or_model(dep, manifest) for dep in node.depends_on]
        unknown = [dep for dep in node.depends_on if dep not in manifest.nodes]
        if unknown:
            node.error = node.error or _unknown(node, unknown[0], manifest).render()
            node.depends_on = [dep for dep in node.depends_on if dep in manifest.nodes]
    manifest.order = _topological(manifest)
    return manifest


def parse_from(text: str, node: Node, manifest: Manifest) -> str:
    """`ref('m')`, `source('s', 't')`, `s.t` (a source) or `m` (a model) -> a node id."""
    match = _FROM.match(text or "")
    if match is None:
        raise ReferenceNotFoundError(
            f"cannot read `from: {text}`", file=node.path, line=node.line, model=node.name,
            hint="write from: ref('model'), from: source('source', 'table') or from: source.table")
    ref, ref_name, src, s_name, s_table, dotted_s, dotted_t, bare = match.groups()
    if ref and f"model.{ref_name}" not in manifest.nodes:  # a versioned model: its latest
        return f"model.{ref_target(ref_name, None, versioned_models(manifest), node.path)}"
    if ref:
        return f"model.{ref_name}"
    if src:
        return f"source.{s_name}.{s_table}"
    if dotted_s:
        return f"source.{dotted_s}.{dotted_t}"
    return f"model.{bare}" if f"model.{bare}" in manifest.nodes else f"seed.{bare}"


def _parent(text: str, node: Node, manifest: Manifest) -> str:
    """The node a YAML `ref()` / `source()` names; an unknown one is the node's error."""
    parent = seed_or_model(parse_from(text, node, manifest), manifest)
    if parent not in manifest.nodes:
        error = _unknown(node, parent, manifest)
        error.file, error.line = node.spec_path or node.path, node.spec_line
        raise error
    return parent


def seed_or_model(dep: str, manifest: Manifest) -> str:
    """ref() names models, seeds and snapshots alike (as in dbt)."""
    kind, _, name = dep.partition(".")
    if kind == "model" and dep not in manifest.nodes:
        for other in (f"seed.{name}", f"snapshot.{name}"):
            if other in manifest.nodes:
                return other
    return dep


def _unknown(node: Node, dep: str, manifest: Manifest) -> ReferenceNotFoundError:
    kind, _, name = dep.partition(".")
    candidates = [n.name for n in manifest.nodes.values() if n.kind in
                  (("model", "seed", "snapshot") if kind == "model" else ("source",))]
    what = f"ref('{name}')" if kind == "model" else "source('{}', '{}')".format(*name.split(".", 1))
    return ReferenceNotFoundError(
        f"{node.kind} '{node.name}' reads {what}, which does not exist." +
        did_you_mean(name, candidates), file=node.path, line=_line_of(node, name),
        model=node.name, hint="check the name, or add the model/source it refers to")


def _line_of(node: Node, name: str) -> int | None:
    for number, line in enumerate(node.raw_text.splitlines(), start=1):
        if name in line:
            return number
    return node.line if node.line > 1 else None


def _topological(manifest: Manifest) -> list[str]:
    graph = {uid: node.depends_on for uid, node in manifest.nodes.items()}
    try:
        return list(TopologicalSorter(graph).static_order())
    except GraphCycle as err:
        loop = list(err.args[1])
        names = [manifest.nodes[u].name for u in reversed(loop)]
        first = manifest.nodes[loop[0]]
        raise CycleError("models depend on each other in a loop: " + " -> ".join(names) +
                         " (each reads the next)",
                         file=first.path, model=first.name,
                         hint="break the loop: one of these models must not ref() the next") \
            from None
