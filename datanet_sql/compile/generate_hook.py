"""Declarative models meet the generate layer: cleanse -> select/rename/filter -> dedupe ->
aggregate, each step a sqlglot expression wrapping the previous one.

Cleansing decisions read a sample of the input (date order, currency, categorical style), so
the sample's signature is part of the model's cache key. Values a rule cannot parse go to the
model's rejects query, which the runner builds as `<model>__rejects`.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.declarative import build_select
from datanet_sql.compile.semantics_step import sampled_relation
from datanet_sql.errors import DatanetError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

SAMPLE_ROWS = 2000


def wants_cleansing(node: Node) -> bool:
    spec = node.spec
    return spec.cleanse not in (None, "none") or any(c.cleanse not in (None, "none")
                                                     for c in spec.columns)


def sample_signature(node: Node, manifest: Manifest, ctx: CompileContext) -> str | None:
    """What the cleansing plan read: part of the analysis cache key. A file's signature; for a
    warehouse relation, whose name says nothing of its data, the digest of the sample itself."""
    if not node.is_declarative or not wants_cleansing(node):
        return None
    parent = manifest.nodes[node.depends_on[0]]
    target = sampled_relation(ctx, parent)
    if target is None:
        return None
    if target[0] is not ctx.adapter:
        return target[2]
    return digest(_warehouse_sample(ctx, parent, target))


def declarative_query(node: Node, source: exp.Table, inputs: dict[str, str], ctx: CompileContext,
                      manifest: Manifest) -> exp.Expression:
    """The model's query; an error of the generate layer (which knows no files) is given the
    model's YAML file, line and name."""
    try:
        return _declarative_query(node, source, inputs, ctx, manifest)
    except DatanetError as err:
        if err.file is None:
            err.file, err.line = node.path, node.line
        err.model = err.model or node.name
        if f"model '{node.name}'" not in err.message:
            err.message = f"model '{node.name}': {err.message}"
        raise


def _declarative_query(node: Node, source: exp.Table, inputs: dict[str, str],
                       ctx: CompileContext, manifest: Manifest) -> exp.Expression:
    from datanet_sql.generate import aggregate_query, dedupe_query

    spec = node.spec
    current: exp.Expression = source
    if wants_cleansing(node):
        current, inputs = _cleanse(node, source, inputs, ctx, manifest)
    query: exp.Expression = build_select(node, current, inputs, ctx.read_dialect)
    if spec.dedupe:
        query = dedupe_query(query, spec.dedupe)
        node.notes.append(f"dedupe: {spec.dedupe}")
    if spec.aggregate:
        query = aggregate_query(query.subquery("_deduped") if spec.dedupe else query,
                                spec.aggregate, ctx.read_dialect)
        node.notes.append("aggregate: " + ", ".join(f"{k}={v}" for k, v in spec.aggregate.items()
                                                    if k in ("grain", "totals")))
    return query


def _cleanse(node: Node, source: exp.Table, inputs: dict[str, str], ctx: CompileContext,
             manifest: Manifest) -> tuple[exp.Expression, dict[str, str]]:
    from datanet_sql.generate import cleanse_query, plan_column, rejects_query, rule_comments

    parent = manifest.nodes[node.depends_on[0]]
    samples = _samples(parent, list(inputs), ctx)
    plans: dict[str, Any] = {}
    passthrough: list[str] = []
    chosen = {name: _rules_for(node, name, parent) for name in inputs}
    siblings: dict[str, tuple[str, list[Any]]] = {}
    for name, (_, semantic) in chosen.items():
        if semantic:   # the first column of each type
            siblings.setdefault(semantic, (name, samples.get(name, [])))
    for name, sql_type in inputs.items():
        rules, semantic = chosen[name]
        if rules == "none":
            passthrough.append(name)
            continue
        plan = plan_column(name, semantic, sql_type, samples.get(name, []), rules,
                           {t: s for t, s in siblings.items() if s[0] != name})
        plans[name] = plan
        node.notes += rule_comments(plan)
        node.notes += [f"{name}: WARNING {issue}" for issue in plan.issues]
        node.warnings += [f"{node.path}: model {node.name}, column {name}: {issue}"
                          for issue in plan.issues]
    cleansed = cleanse_query(source, plans, passthrough).subquery("_cleansed")
    node.rejects_expression = rejects_query(source, plans, _key_columns(node, parent), node.name)
    outputs = {name: inputs[name] for name in passthrough}
    for plan in plans.values():
        for output in plan.output_names:
            outputs[output] = plan.sql_type if output == plan.name else "VARCHAR"
    return cleansed, outputs


def _rules_for(node: Node, name: str, parent: Node) -> tuple[Any, str | None]:
    """(rules, semantic) of an input column: its YAML entry wins over the model's `cleanse:`."""
    entry = next((c for c in node.spec.columns if (c.from_column or c.name) == name), None)
    rules = entry.cleanse if entry is not None and entry.cleanse is not None else \
        (node.spec.cleanse or "none")
    if entry is not None and entry.semantic:
        return rules, entry.semantic  # declared: an unknown type is the user's error to see
    from datanet_sql.generate.cleanse import AUTO_RULES

    column = parent.columns.get(name)
    inferred = column.semantic if column else None
    return rules, inferred if inferred in AUTO_RULES else None  # e.g. city: text rules only


def _samples(parent: Node, columns: list[str], ctx: CompileContext) -> dict[str, list[Any]]:
    """Sampled raw values per column: from the cache for files (keyed by their signature),
    fresh for warehouse relations (once per compile). A failed sample is never cached."""
    from datanet_sql.semantics import sample_relation

    target = sampled_relation(ctx, parent)
    if target is None:
        return {}
    adapter, relation, signature = target
    if adapter is ctx.adapter:
        return _warehouse_sample(ctx, parent, target)
    cached = ctx.cache.get("samples", parent.unique_id, signature)
    if cached is None:
        try:
            cached = sample_relation(adapter, relation, columns, SAMPLE_ROWS)
        except Exception:  # noqa: BLE001 - an unreadable file: plan without a sample
            return {}
        ctx.cache.put("samples", parent.unique_id, signature, cached)
    return cached


def _warehouse_sample(ctx: CompileContext, parent: Node,
                      target: tuple[Any, exp.Expression, str]) -> dict[str, list[Any]]:
    """A warehouse relation's sample, taken once per compile and never kept across compiles:
    a table is rebuilt under the same name, so only its values can key a cached plan."""
    from datanet_sql.semantics import sample_relation

    if parent.unique_id not in ctx.live_samples:
        adapter, relation, _ = target
        try:
            sample = sample_relation(adapter, relation, list(parent.columns), SAMPLE_ROWS)
        except Exception:  # noqa: BLE001 - an upstream model not built yet: no sample this time
            sample = {}
        ctx.live_samples[parent.unique_id] = sample
    return ctx.live_samples[parent.unique_id]


def _key_columns(node: Node, parent: Node) -> list[str]:
    dedupe = node.spec.dedupe
    if isinstance(dedupe, dict) and dedupe.get("key"):
        key = dedupe["key"]
        renamed = {c.name: c.from_column for c in node.spec.columns if c.from_column}
        return [renamed.get(k, k) for k in ([key] if isinstance(key, str) else key)]
    return [name for name, col in parent.columns.items() if col.semantic == "identifier"][:1]
