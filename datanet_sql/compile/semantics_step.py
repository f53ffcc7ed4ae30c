"""Column semantics inside the compiler: infer them for sources, propagate them to models.

Sources are sampled with SQL (files through an in-memory DuckDB, tables through the target's
adapter) and classified; results are cached by the files' signature, so a warm compile samples
nothing. A `semantic:` written in YAML always wins, and is a training label for the classifier.
Model columns inherit semantics and PII through their expanded lineage.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from sqlglot import exp
from sqlglot.optimizer.scope import Scope

from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.lineage import projections, select_branches
from datanet_sql.compile.source_schemas import describer, file_signature
from datanet_sql.config.duckdb_sources import reader_table
from datanet_sql.ingest.files import scan
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import READER, Column, Node
from datanet_sql.semantics.fields import as_field_column, field_column, infer_fields

SAMPLE_ROWS = 500
_models: dict[str, Any] = {}


def model_path(ctx: CompileContext) -> Path:
    return ctx.project.state_dir / "semantics" / "model.pkl"


def user_model_path() -> Path:
    from datanet_sql import __version__

    return Path.home() / ".cache" / "datanet" / f"semantic-model-{__version__}.pkl"


def semantic_model(ctx: CompileContext, labels: list[Any] | None = None,
                   retrain: bool = False) -> Any:
    """The project's classifier: trained with its confirmed labels, or the shared default."""
    from datanet_sql.semantics import load_or_train

    path = model_path(ctx) if labels or model_path(ctx).exists() else user_model_path()
    key = str(path)
    if retrain or key not in _models:
        _models[key] = load_or_train(path, labels or (), retrain=retrain)
    return _models[key]


def model_signature(ctx: CompileContext) -> str:
    """Which classifier `semantic_model(ctx)` would give, without loading it: an unchanged
    recompile must not unpickle a forest just to build a cache key. The file's content, not its
    timestamp: the shared model is rebuilt byte for byte by whichever process finds it missing
    (two at once on a new machine), and that must not re-analyse every project."""
    path = model_path(ctx) if model_path(ctx).exists() else user_model_path()
    if not path.exists():
        return "untrained"
    stat = path.stat()
    return _content_digest(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _content_digest(path: str, size: int, mtime_ns: int) -> str:
    """sha1 of a file (about 4 MB: a few ms), once per version of it in this process."""
    return f"{hashlib.sha1(Path(path).read_bytes()).hexdigest()}:{size}"


def custom(ctx: CompileContext) -> list[Any]:
    from datanet_sql.semantics import custom_types

    return custom_types(ctx.project.spec.semantics.get("custom_types"))


def sampled_relation(ctx: CompileContext, node: Node) -> tuple[Any, exp.Expression, str] | None:
    """(adapter, relation expression, cache signature) to sample a source or seed, if possible."""
    if (node.config.get("path") and not ctx.sources_in_warehouse) or node.kind == "seed":
        path = node.config.get("path") or node.path
        fmt = node.config.get("format", "csv")
        chosen, key = file_signature(ctx, node, path, fmt, node.config.get("options") or {})
        return describer(), scan(chosen.pattern, fmt, node.config.get("options"),
                                 node.config.get("column_types"),
                                 chosen.duckdb_paths(describer())), key
    if node.config.get(READER) and not ctx.sources_in_warehouse:  # a table function call
        if node.config.get("missing"):
            return None
        return describer(), reader_table(node.config[READER]), digest(node.config[READER])
    if ctx.adapter is not None and node.relation is not None:
        return ctx.adapter, node.relation.table(), digest(str(node.relation), "live")
    return None


def infer_source(ctx: CompileContext, node: Node) -> None:
    """Give every column of a source (or seed) a semantic type, confidence and PII flag."""
    from datanet_sql.semantics import infer_relation
    from datanet_sql.semantics.vocabulary import is_pii as is_pii_type

    declared = {c.name: c.semantic for c in node.column_specs if c.semantic}
    target = sampled_relation(ctx, node)
    if target is None:
        _apply_declared(node, declared)
        return
    adapter, relation, signature = target
    custom_types = custom(ctx)
    columns = [(c.name, c.type or "VARCHAR") for c in node.columns.values()]
    key = digest(signature, columns, sorted(declared.items()), ctx.project.spec.semantics,
                 model_signature(ctx), _model_version())
    inferred = ctx.cache.get("semantics", node.unique_id, key)
    if inferred is None:
        model = semantic_model(ctx)
        results = infer_relation(adapter, relation, columns, n=SAMPLE_ROWS, custom=custom_types,
                                 model=model)
        nested = infer_fields(adapter, relation, columns, n=SAMPLE_ROWS, custom=custom_types,
                              model=model)
        inferred = {name: (r.semantic, round(r.confidence, 3), r.pii,
                           {path: (leaf, f.semantic, round(f.confidence, 3), f.pii)
                            for path, (leaf, f) in nested.get(name, {}).items()})
                    for name, r in results.items()}
        ctx.cache.put("semantics", node.unique_id, key, inferred)
    for name, (semantic, confidence, pii, fields) in inferred.items():
        column = node.columns[name]
        column.semantic, column.confidence, column.pii = semantic, confidence, pii
        column.fields = {path: Column(f"{name}.{path}", leaf, semantic=s, confidence=c, pii=p)
                         for path, (leaf, s, c, p) in fields.items()}
        column.pii = column.pii or any(f.pii for f in column.fields.values())
    for name, semantic in declared.items():
        if name in node.columns:
            column = node.columns[name]
            column.semantic, column.confidence = semantic, 1.0
            column.pii = is_pii_type(semantic, custom_types)


def _apply_declared(node: Node, declared: dict[str, str]) -> None:
    for name, semantic in declared.items():
        if name in node.columns:
            node.columns[name].semantic, node.columns[name].confidence = semantic, 1.0


def _model_version() -> int:
    from datanet_sql.semantics.classifier import MODEL_VERSION

    return MODEL_VERSION


def propagate_columns(node: Node, root: Scope | None, manifest: Manifest,
                      ctx: CompileContext) -> None:
    """Model columns inherit semantics and PII from what they are computed from.

    Walks the query's scopes (CTEs, derived tables, UNION branches) with memoisation instead of
    expanding every projection, so it costs about one pass over the tree. A read of a field
    inside a STRUCT or JSON column (`address.postal_code`) is looked up as that field; a column
    passed through whole keeps its fields, so a model downstream can read them too.
    """
    from datanet_sql.semantics import is_pii, propagate

    memo: dict[tuple[int, str, str], Any] = {}

    def base_column(scope: Scope, column: exp.Column) -> Column | None:
        source = scope.sources.get(column.table)
        if not isinstance(source, exp.Table):
            return None
        owner = ctx.catalog.owner(source.db, source.name)
        parent = manifest.nodes.get(owner) if owner else None
        return parent.column(column.name) if parent else None

    def inner(scope: Scope, name: str, what: str) -> Any:
        key = (id(scope), name, what)
        if key not in memo:
            memo[key] = False if what == "pii" else None
            for branch in select_branches(scope):
                match = _projection(branch, name, what == "pii")
                if match is not None:
                    memo[key] = evaluate(branch, match, what)
                    break
        return memo[key]

    def evaluate(scope: Scope, expression: exp.Expression, what: str) -> Any:
        def lookup(column: exp.Column) -> Any:
            source = scope.sources.get(column.table)
            if isinstance(source, Scope):
                return inner(source, column.name, what)
            found = base_column(scope, column)
            if found is None and what == "pii" and "." in column.name:
                # a key no sample showed: as personal as the document it is read from
                found = base_column(scope, exp.column(column.name.partition(".")[0],
                                                      table=column.table))
            if what == "column":
                return found
            return (found.semantic if what == "semantic" else bool(found and found.pii)) \
                if found else (None if what == "semantic" else False)
        if what == "column":  # the upstream Column a plain reference or field read stands for
            unaliased = expression.this if isinstance(expression, exp.Alias) else expression
            reference = as_field_column(unaliased) or unaliased
            return lookup(reference) if isinstance(reference, exp.Column) else None
        return propagate(expression, lookup) if what == "semantic" else is_pii(expression, lookup)

    if root is None:  # `build_scope` of the model's query, shared with its lineage
        return
    declared = {c.name: c.semantic for c in node.column_specs if c.semantic}
    branch = select_branches(root)[0]
    for name, expression in projections(branch):
        column = node.columns.get(name)
        if column is not None:
            column.semantic = declared.get(name) or evaluate(branch, expression, "semantic")
            column.pii = evaluate(branch, expression, "pii")
            column.fields = _fields_of(evaluate(branch, expression, "column"), name)


def _projection(branch: Scope, name: str, pii: bool) -> exp.Expression | None:
    """What a SELECT computes `name` from; for a field (`address.postal_code`) of a column the
    SELECT passes on, the read of that field, or (asked about PII) the whole computed column."""
    found: dict[str, exp.Expression] = {}
    for output, expression in projections(branch):
        found.setdefault(output, expression)  # the first of two same-named projections
    if name in found or "." not in name:
        return found.get(name)
    head, _, path = name.partition(".")
    whole = found.get(head)
    field = field_column(whole, path) if whole is not None else None
    return whole if field is None and pii else field


def _fields_of(upstream: Column | None, name: str) -> dict[str, Column]:
    """The fields of the nested column a model column passes on, renamed under its name."""
    if upstream is None:
        return {}
    return {path: Column(f"{name}.{path}", f.type, semantic=f.semantic,
                         confidence=f.confidence, pii=f.pii)
            for path, f in upstream.fields.items()}
