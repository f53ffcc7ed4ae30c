"""`datanet infer` and `datanet learn`: source-column semantics with their evidence, and the
classifier retrained on the labels a project confirmed (its YAML `semantic:` overrides)."""

from __future__ import annotations

from typing import Any

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.semantics_step import SAMPLE_ROWS, custom, sampled_relation, semantic_model
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Column


def infer_rows(manifest: Manifest, ctx: CompileContext, chosen: set[str]) -> list[dict[str, Any]]:
    """One record per column of each chosen source: type, semantic, confidence, PII, evidence;
    a field inside a STRUCT or JSON column gets its own (`address.postal_code`, with `field`)."""
    from datanet_sql.semantics import infer_relation
    from datanet_sql.semantics.fields import infer_fields

    rows: list[dict[str, Any]] = []
    model = semantic_model(ctx)
    for node in manifest.in_order("source", "seed"):
        if node.unique_id not in chosen:
            continue
        target = sampled_relation(ctx, node)
        declared = {c.name: c.semantic for c in node.column_specs if c.semantic}
        results, nested = {}, {}
        if target is not None:
            adapter, relation, _ = target
            columns = [(c.name, c.type or "VARCHAR") for c in node.columns.values()]
            results = infer_relation(adapter, relation, columns, n=SAMPLE_ROWS,
                                     custom=custom(ctx), model=model)
            nested = infer_fields(adapter, relation, columns, n=SAMPLE_ROWS, custom=custom(ctx),
                                  model=model)
        source, _, table = node.name.partition(".")
        where = {"source": source if table else "seed", "table": table or source}
        for column in node.columns.values():
            found = results.get(column.name)
            evidence = ["declared in YAML"] if column.name in declared else \
                (found.evidence if found else [])
            rows.append({**where, **_row(column, evidence)})
            for path, field in column.fields.items():
                inferred = nested.get(column.name, {}).get(path)
                rows.append({**where, **_row(field, inferred[1].evidence if inferred else []),
                             "field": {"column": column.name, "path": path}})
    return rows


def _row(column: Column, evidence: list[str]) -> dict[str, Any]:
    return {"column": column.name, "type": column.type, "semantic": column.semantic,
            "confidence": column.confidence, "pii": column.pii, "evidence": evidence}


def confirmed_labels(manifest: Manifest, ctx: CompileContext) -> list[Any]:
    """Every `semantic:` a user wrote on a source or seed column, with a sample of its values."""
    from datanet_sql.semantics import LabeledColumn, sample_relation

    labels = []
    for node in manifest.in_order("source", "seed"):
        declared = {c.name: c.semantic for c in node.column_specs if c.semantic}
        target = sampled_relation(ctx, node) if declared else None
        if not declared or target is None:
            continue
        adapter, relation, _ = target
        names = [n for n in declared if n in node.columns]
        values = sample_relation(adapter, relation, names, SAMPLE_ROWS)
        labels += [LabeledColumn(n, node.columns[n].type or "VARCHAR", values[n], declared[n])
                   for n in names]
    return labels


def learn(manifest: Manifest, ctx: CompileContext) -> int:
    """Retrain the project's classifier with its confirmed labels; returns how many it used."""
    labels = confirmed_labels(manifest, ctx)
    if labels:  # none: nothing to learn, and the shared classifier must stay as it is
        semantic_model(ctx, labels, retrain=True)
    return len(labels)


def write_to_profiles(rows: list[dict[str, Any]], ctx: CompileContext) -> list[str]:
    """Record inferred semantics in profiles/<source>.<table>.yml (other keys are kept)."""
    from datanet_sql.profile.model import (
        ColumnProfile,
        TableProfile,
        field_entry,
        load_profile,
        profile_path,
        save_profile,
    )

    directory = ctx.project.root / ctx.project.spec.paths.profiles
    written: list[str] = []
    by_table: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        by_table.setdefault((row["source"], row["table"]), []).append(row)
    for (source, table), items in by_table.items():
        path = profile_path(directory, source, table)
        profile = load_profile(path) if path.exists() else TableProfile(source, table)
        for item in items:
            if "field" in item:
                continue
            column = profile.column(item["column"])
            if column is None:
                column = ColumnProfile(item["column"], item["type"] or "")
                profile.columns.append(column)
            column.semantic, column.semantic_confidence = item["semantic"], item["confidence"]
            column.pii = bool(item["pii"])
            column.confirmed = True if item["evidence"] == ["declared in YAML"] else None
            column.fields = [field_entry(f["field"]["path"], f["type"], f["semantic"],
                                         f["confidence"], f["pii"]) for f in items
                             if f.get("field", {}).get("column") == item["column"]] or None
        written.append(str(save_profile(profile, path)))
    return written
