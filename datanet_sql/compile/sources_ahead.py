"""File sources described and sampled by a forked child while the compiler renders.

The annotate pass starts with the sources: each file described by DuckDB and sampled, and
its columns' semantic types inferred by the classifier (loaded, with numpy, on the way): half
a second for three 1,000-row CSV files in a cold compile, before any model can be analysed.
None of it reads a model, so right after load a forked child does it while this process
renders the models and builds the DAG, and sends back the cache entries it made (file
schemas, semantics). Annotate puts them into the cache before its first source, which then
finds them as a warm compile does. A child that fails sends nothing, and the walk does it
all as before (its errors found and worded as always).
"""

from __future__ import annotations

from functools import partial

from datanet_sql.compile import forks
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.semantics_step import infer_source
from datanet_sql.compile.source_schemas import apply_columns, own_describer, source_columns
from datanet_sql.errors import DatanetError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

Entries = list[tuple[str, str, str, object]]  # (namespace, node id, key, value) puts

# below this many models, rendering them is over before a child could save anything
MIN_MODELS = 200


def sources_ahead(manifest: Manifest, ctx: CompileContext) -> Manifest:
    """The pass: start the child, for a large project with file sources whose compile may
    fork."""
    sources = [node for node in manifest.of_kind("source") if node.config.get("path")]
    if sources and sum(1 for _ in manifest.of_kind("model")) >= MIN_MODELS \
            and not ctx.sources_in_warehouse and forks.may_fork(ctx):
        ctx.sources_ahead = forks.fork_child(partial(_describe_and_sample, sources, ctx))
    return manifest


def collect_sources_ahead(ctx: CompileContext) -> None:
    """Before annotate's first source: what the child found, into the cache (waiting for
    it when it is still at work)."""
    child, ctx.sources_ahead = ctx.sources_ahead, None
    if child is not None:
        for entry in child.result() or []:
            ctx.cache.put(*entry)


def stop_sources_ahead(ctx: CompileContext) -> None:
    """A compile that ended before annotate (a project-level error): the child is reaped."""
    child, ctx.sources_ahead = ctx.sources_ahead, None
    if child is not None:
        child.stop()


def _describe_and_sample(sources: list[Node], ctx: CompileContext) -> Entries:
    """In the child: the cache entries of each file source's columns and semantics; a source
    that fails is left to the walk."""
    own_describer()
    ctx.cache.journal = []
    for node in sources:
        try:
            apply_columns(node, source_columns(ctx, node))
            infer_source(ctx, node)
        except DatanetError:
            continue
    return ctx.cache.journal
