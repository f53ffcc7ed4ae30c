"""The project as `datanet ingest` needs it: its source tables, on its target's adapter.

Loading needs the source nodes (their `load:` config, relation and `on_schema_change`), which
the compiler's first pass makes from the YAML. The other passes serve the models: rendering,
parsing, describing and sampling every file source (DuckDB reading the very file about to be
loaded), inferring semantics, writing compiled SQL and manifest.json; on a 200k-line NDJSON
they and their imports were 0.12 of `ingest`'s 1.05 CPU s. So `ingest` runs the first pass
only, unless its selection needs the DAG (a graph operator, a model, a selector): then the
whole compile, as before. A contract recorded after a load reads the loaded table itself
(`runner.record_contract`), not the compile's view of the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.run.bound import Session

# a selection term naming source tables only, without graph operators (`source:shop`,
# `source:shop.orders`, `source:shop.*`): the first pass's nodes answer it
_SOURCE_TERM = re.compile(r"source:[^+@\s,]+")


def open_sources(root: Path, target: str | None, vars: dict[str, Any],
                 select: Iterable[str] = (), exclude: Iterable[str] = ()) -> Session:
    """The project's sources compiled (the whole project when the selection needs it) and
    its target's adapter, reached before anything is read. Writes no compiled SQL, no
    manifest.json and no compile cache: the models were not compiled."""
    if not sources_only([*select, *exclude]):
        from datanet_sql.run.session import open_session

        return open_session(root, target, vars)
    from datanet_sql.adapters.registry import adapter_for
    from datanet_sql.compile.context import make_context
    from datanet_sql.compile.gc_budget import compile_gc
    from datanet_sql.compile.passes.load import load
    from datanet_sql.config.project import load_project
    from datanet_sql.project.manifest import Manifest

    ctx = make_context(load_project(root, target, vars), write=False)
    adapter = adapter_for(ctx.target["name"], ctx.target)
    adapter.fetch_one(exp.select(exp.Literal.number(1)))
    ctx.adapter = adapter
    with compile_gc():  # a large project's YAML: many objects (see gc_budget)
        manifest = load(Manifest(ctx.project.name, ctx.target, ctx.dialect,
                                 selectors=ctx.project.selectors), ctx)
    return Session(manifest, ctx, adapter)


def sources_only(selection: list[str]) -> bool:
    """Whether every term of the selection names source tables without graph operators."""
    terms = [term for value in selection for term in re.split(r"[\s,]+", value) if term]
    return all(_SOURCE_TERM.fullmatch(term) for term in terms)
