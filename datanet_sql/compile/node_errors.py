"""Compile errors as error nodes: a mistake in one model, test or source stays with that node.

A pass compiles each node inside `recorded(node)`: a DatanetError raised there becomes the
node's `error` (with its file and line filled in from the node when the raiser did not know
them) instead of ending the compile. The runner reports an error node as an error and skips
what reads it; `compile` lists every error. Project-level mistakes (datanet.yml, a cycle, a
name defined twice) are raised outside `recorded` and still stop everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from datanet_sql.errors import CompileFailedError, DatanetError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


@contextmanager
def recorded(node: Node, what: str | None = None) -> Iterator[None]:
    """Run the body; a DatanetError it raises becomes the node's error (the first one wins).

    `what` is put in front of the message when the error does not name the node itself
    (e.g. "data test unique_m_id on m").
    """
    try:
        yield
    except DatanetError as err:
        if node.error is None:
            err.file = err.file or node.path
            err.line = err.line or (node.line if node.line > 1 else None)  # 1: not known
            err.model = err.model or node.name
            if what:
                err.message = f"{what}: {err.message}"
            node.error = err.render()


def block_dependents(manifest: Manifest) -> None:
    """Mark every node downstream of an error node as blocked (in DAG order, one pass)."""
    for node in manifest.in_order():
        if node.error is None and any(manifest.nodes[d].error or manifest.nodes[d].blocked
                                      for d in node.depends_on):
            node.blocked = True


def compile_failure(manifest: Manifest,
                    chosen: set[str] | None = None) -> CompileFailedError | None:
    """Every node (of `chosen`, when given) that did not compile, in one error (None when all
    did); one error alone reads as it always did, several get a count and the nodes they hold
    back."""
    failed = [n for n in manifest.in_order() if n.error and
              (chosen is None or n.unique_id in chosen)]
    if not failed:
        return None
    if len(failed) == 1:
        return CompileFailedError(str(failed[0].error))
    listed = "\n".join(f"{n.kind} {n.name}: " + str(n.error).replace("\n", "\n  ")
                       for n in failed)
    held = [n.name for n in manifest.in_order() if n.blocked and
            (chosen is None or n.unique_id in chosen)]
    tail = f"\n{len(held)} nodes reading them are skipped: {', '.join(held)}" if held else ""
    return CompileFailedError(f"{len(failed)} nodes did not compile:\n{listed}{tail}",
                              hint="`run` and `build` still build everything else")
