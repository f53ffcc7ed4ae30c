"""annotate: in DAG order, check every model against the columns that really exist upstream.

Per node: build (declarative) or parse (SQL) its query, put real relations in place of ref()
placeholders, inline ephemeral models as CTEs, then sqlglot's qualify (expanding `SELECT *`,
failing on unknown columns) and annotate_types, then lineage. The model's output columns go
into the catalog for its children. Results are cached by the node's SQL and its upstream
columns, so an unchanged model is never analysed twice.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from sqlglot import exp
from sqlglot.errors import OptimizeError
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import build_scope

from datanet_sql.compile.cache import digest
from datanet_sql.compile.column_scope import missing_from
from datanet_sql.compile.column_spelling import case_matters, restore_spelling
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.dbt_jinja.test_macros import render_column_types, render_config
from datanet_sql.compile.dialect_fixes import printed
from datanet_sql.compile.generate_hook import declarative_query, sample_signature
from datanet_sql.compile.heal_step import (
    ContractBook,
    heal_model,
    keep_declarative_outputs,
    source_key,
)
from datanet_sql.compile.held_over import reads_held_over
from datanet_sql.compile.jinja_context import REF_SCHEMA, THIS_SCHEMA, target_database
from datanet_sql.compile.level_workers import LevelWorkers, level_workers
from datanet_sql.compile.lineage import column_sources
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.passes.emit import transpile_node
from datanet_sql.compile.passes.parse import (
    ensure_parsed,
    parse_sql,
    parsed_when_analysed,
    sql_digest,
)
from datanet_sql.compile.semantics_step import infer_source, propagate_columns
from datanet_sql.compile.snapshots import add_meta_columns
from datanet_sql.compile.source_schemas import apply_columns, seed_columns, source_columns
from datanet_sql.compile.sources_ahead import collect_sources_ahead
from datanet_sql.compile.table_functions import give_columns, still_described, take_columns
from datanet_sql.compile.typecheck import check_types
from datanet_sql.config.model_config import has_jinja
from datanet_sql.errors import (
    ColumnNotFoundError,
    DatanetError,
    RelationNotFoundError,
    SchemaChangeError,
    did_you_mean,
)
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import MISSING_FAILS_READERS, Column, Node


def annotate(manifest: Manifest, ctx: CompileContext) -> Manifest:
    collect_sources_ahead(ctx)
    book = ContractBook(manifest, ctx)
    with level_workers(manifest, ctx, partial(_ahead_wanted, manifest=manifest, ctx=ctx, book=book),
                       partial(_analyse_ahead, manifest=manifest, ctx=ctx, book=book)) as workers:
        _walk(manifest, ctx, book, workers)
    return manifest


def _walk(manifest: Manifest, ctx: CompileContext, book: ContractBook,
          workers: LevelWorkers) -> None:
    for node in manifest.in_order():
        if node.kind == "source":
            _annotate_source(node, ctx, book)
        elif node.kind == "seed":  # a seed that cannot be read fails alone, and its readers
            with recorded(node):
                if ctx.dbt_jinja is not None:
                    render_config(ctx.dbt_jinja, node)
                _annotate_source(node, ctx, book)
            manifest.warnings += node.warnings
        elif node.kind in ("model", "snapshot"):
            workers.before(node)
            if analyse_node(node, manifest, ctx, book):
                manifest.warnings += node.warnings  # fresh or from the cache: said every time
                transpile_now(node, ctx)
        elif node.kind == "test" and node.rendered_sql is not None and node.error is None \
                and not node.held_over:
            with recorded(node):
                node.expression = resolve_relations(ensure_parsed(node, ctx.read_dialect), node,
                                                    manifest)


def analyse_node(node: Node, manifest: Manifest, ctx: CompileContext, book: ContractBook) -> bool:
    """One model or snapshot, in DAG order: blocked by a failed parent, held over to run time,
    or analysed (or taken from the cache) and its columns put into the catalog for its
    children. True when it was analysed (its warnings are then the compile's too)."""
    if ctx.dbt_jinja is not None:
        with recorded(node):
            render_column_types(ctx.dbt_jinja, node)
    if node.blocked or any(manifest.nodes[d].error or manifest.nodes[d].blocked
                           for d in node.depends_on):
        if parsed_when_analysed(node) and node.rendered_sql is not None and not node.held_over:
            with recorded(node):  # its own syntax error is said, as for any other node
                ensure_parsed(node, ctx.read_dialect)
        node.blocked = node.error is None
        return False
    node.held_over = node.held_over or reads_held_over(node, manifest)
    if node.held_over and node.error is None:  # analysed when it runs
        return False
    analysed = node.error is None
    if analysed:
        with recorded(node):
            try:
                annotate_model(node, manifest, ctx, book)
            except ColumnNotFoundError as err:  # said as what it is, when that is the cause
                raise _missing_source(node, manifest) or err from None
            if node.kind == "snapshot" and node.error is None:
                add_meta_columns(node)  # what the snapshot table adds to its query's
    if node.error is None:
        ctx.catalog.add(node.relation, output_types(node), node.unique_id)
    return analysed


def _missing_source(node: Node, manifest: Manifest) -> RelationNotFoundError | None:
    """Why a model reads columns nothing has, when it reads a source table that does not
    exist and declares none (a dbt project's: it fails when it runs, as under dbt)."""
    for uid in node.depends_on:
        source = manifest.nodes[uid]
        if source.kind == "source" and source.config.get("missing") and not source.columns:
            return RelationNotFoundError(
                f"{node.kind} '{node.name}' reads source {source.name}, whose table "
                f"{source.relation} does not exist", file=node.path, model=node.name,
                hint="create or load that table before the run (dbt does not check sources: "
                     "the nodes reading it fail until it exists)")
    return None


def _ahead_wanted(node: Node, manifest: Manifest, ctx: CompileContext,
                  book: ContractBook) -> bool:
    """Whether a forked worker may analyse the model ahead of the walk: a plain SQL model
    that can be analysed and is not in the cache already. The others stay in the walk: a
    declarative model may sample its source and a model reading a source may fingerprint it
    for healing (through a DuckDB connection, which a forked process must not share), a
    column type written in Jinja is rendered by dbt's Jinja (which may ask the warehouse), and
    an ephemeral model's tree is inlined into its children."""
    return node.kind == "model" and node.error is None and not node.is_declarative \
        and not any(has_jinja(c.data_type) for c in node.column_specs) \
        and node.materialized != "ephemeral" and not node.held_over \
        and not any(manifest.nodes[d].error or manifest.nodes[d].blocked
                    or manifest.nodes[d].kind == "source" for d in node.depends_on) \
        and not reads_held_over(node, manifest) \
        and ctx.cache.get(_namespace(ctx), node.unique_id,
                          analysis_key(node, manifest, ctx, book)) is None


def _analyse_ahead(node: Node, manifest: Manifest, ctx: CompileContext,
                   book: ContractBook) -> None:
    """A worker's step for one model: the walk's, then emit's transpile, so that what comes
    back is cache entries only (no tree: emit finds the model's SQL in the cache)."""
    analyse_node(node, manifest, ctx, book)
    if node.error is None:
        with recorded(node):
            transpile_node(node, ctx)


def transpile_now(node: Node, ctx: CompileContext) -> None:
    """A plain SQL model just analysed is transpiled at once, as a forked worker does, and
    its tree dropped (emit finds its SQL in the cache): the trees are not all kept until
    emit (memory, and the collector scanning them), and the walk and the workers do the same
    work per model. A construct the target cannot express is left for emit to find and say,
    as before (it fails the model, not its children)."""
    if node.kind != "model" or node.expression is None or node.error is not None \
            or node.is_declarative or node.materialized == "ephemeral":
        return
    try:
        transpile_node(node, ctx)
    except DatanetError:
        return
    node.expression = None


def _annotate_source(node: Node, ctx: CompileContext, book: ContractBook) -> None:
    """Live columns of a source or seed; a missing source with a contract keeps its contract's
    columns so that healing can refuse just the models reading it."""
    try:
        columns = source_columns(ctx, node) if node.kind == "source" else seed_columns(ctx, node)
    except RelationNotFoundError as err:
        if node.kind != "source":
            raise
        contract = book.recorded(source_key(node))
        node.config["missing"] = True
        if contract is None:  # nothing known: the models reading it are refused, not the run
            if not node.config.get(MISSING_FAILS_READERS):  # dbt's readers fail as they run
                node.error = err.render()
            columns = {c.name: c.type or "UNKNOWN" for c in node.columns.values()}
        else:
            columns = {c.name: c.type for c in contract.columns}
            node.config["moved_to"] = book.moved_file(node)
    apply_columns(node, columns)
    if not node.config.get("missing"):
        infer_source(ctx, node)
    ctx.catalog.add(node.relation, output_types(node), node.unique_id)


def output_types(node: Node) -> dict[str, str]:
    """Column -> type, as the catalog holds a relation for the nodes reading it."""
    return {name: col.type or "UNKNOWN" for name, col in node.columns.items()}


def _signature(node: Node) -> list[tuple[Any, ...]]:
    """What a child's analysis depends on: each column's name, type, semantic and PII flag."""
    return [(c.name, c.type, c.semantic, c.pii) for c in node.columns.values()]


def analysis_key(node: Node, manifest: Manifest, ctx: CompileContext, book: ContractBook) -> str:
    upstream = [(dep, str(manifest.nodes[dep].relation), _signature(manifest.nodes[dep]),
                 manifest.nodes[dep].compiled_sql if manifest.nodes[dep].materialized ==
                 "ephemeral" else None)
                for dep in node.depends_on]
    own = sql_digest(node) if not node.is_declarative else node.checksum
    contracts = [book.signature(manifest.nodes[d]) for d in node.depends_on
                 if manifest.nodes[d].kind == "source"]
    return digest(own, upstream, str(node.relation), node.config.get("materialized"),
                  ctx.read_dialect, sample_signature(node, manifest, ctx), contracts)


def _namespace(ctx: CompileContext) -> str:
    """Analyses are kept per output dialect: emit transpiles the typed tree of a fresh
    analysis, and a tree parsed back from SQL transpiles differently (struct reads, regex
    flags), so switching dialect analyses afresh instead of giving different SQL."""
    return f"analysis:{ctx.dialect}"


def annotate_model(node: Node, manifest: Manifest, ctx: CompileContext,
                    book: ContractBook) -> None:
    key = analysis_key(node, manifest, ctx, book)
    cached = ctx.cache.get(_namespace(ctx), node.unique_id, key)
    if cached is not None and still_described(cached.get("calls", {})):
        node.columns = {c.name: c for c in cached["columns"]}
        node.expression = None
        for field in _CACHED_FIELDS:
            setattr(node, field, cached[field])
        ctx.stats["annotated" if node.unique_id in ctx.analysed_ahead else "cached"] += 1
        return
    try:
        query = _query(node, manifest, ctx, book)
    except SchemaChangeError as err:
        node.error = err.render()
        return
    if not node.is_declarative and not ctx.sources_in_warehouse:  # mocks match by design
        try:
            query = heal_model(node, query, manifest, ctx, book)
        except DatanetError as err:
            node.error = err.render()
            return
    calls: dict[str, Any] = {}  # the table function calls read, as described
    typed = _qualify(query, node, ctx, calls)
    check_types(typed, node, ctx.read_dialect)
    node.expression = typed
    node.columns = _columns(typed, node, manifest, ctx)
    # no defensive copy where printing leaves the tree as it was: the copy cost more than
    # the printing (~2.5 ms a model); emit prints the same tree again
    node.qualified_sql = printed(typed, ctx.read_dialect)
    if node.rendered_incremental_sql:
        ctx.catalog.add(node.relation, output_types(node), node.unique_id)
        incremental = resolve_relations(node.incremental_expression, node, manifest)
        node.incremental_expression = _qualify(incremental, node, ctx, calls)
        node.qualified_incremental_sql = printed(node.incremental_expression,
                                                 ctx.read_dialect)
    if node.rejects_expression is not None:
        rejects = _qualify(resolve_relations(node.rejects_expression, node, manifest), node, ctx)
        node.qualified_rejects_sql = printed(rejects, ctx.read_dialect)
    ctx.stats["annotated"] += 1
    ctx.cache.put(_namespace(ctx), node.unique_id, key,
                  {"columns": list(node.columns.values()), "calls": calls,
                   **{field: getattr(node, field) for field in _CACHED_FIELDS}})


_CACHED_FIELDS = ("qualified_sql", "qualified_incremental_sql", "qualified_rejects_sql", "notes",
                  "healing", "warnings")


def _query(node: Node, manifest: Manifest, ctx: CompileContext,
           book: ContractBook) -> exp.Expression:
    if node.is_declarative:
        parent = manifest.nodes[node.depends_on[0]]

        base = parent_table(parent)
        query = declarative_query(node, base, output_types(parent), ctx, manifest)
        if not ctx.sources_in_warehouse:  # mocks match their profiles by design
            query = keep_declarative_outputs(node, query, manifest, ctx, book)
        return resolve_relations(query, node, manifest)
    ensure_parsed(node, ctx.read_dialect)
    return resolve_relations(node.expression, node, manifest)


def parent_table(parent: Node) -> exp.Table:
    if parent.materialized == "ephemeral":
        return exp.table_(parent.name, db=REF_SCHEMA, quoted=True)
    return parent.relation.table()


def resolve_relations(query: exp.Expression, node: Node, manifest: Manifest) -> exp.Expression:
    """Replace ref()/this placeholders with real relations; inline ephemeral models as CTEs."""
    ephemerals: dict[str, exp.Expression] = {}

    def replace(table: exp.Expression) -> exp.Expression:
        if not isinstance(table, exp.Table) or table.db not in (REF_SCHEMA, THIS_SCHEMA):
            return table
        target = node if table.db == THIS_SCHEMA else manifest.find_model(table.name)
        if target is None:
            return table
        if target.materialized == "ephemeral" and table.db == REF_SCHEMA:
            cte = f"__dn_eph_{target.name}"
            ephemerals[cte] = _ephemeral_query(target)
            new = exp.to_table(cte)
        else:
            new = target.relation.table()
        for key, value in table.args.items():  # PIVOT, TABLESAMPLE, hints... stay with it
            if key not in ("this", "db", "catalog") and value:
                new.set(key, value)
        if not table.alias:
            new.set("alias", exp.TableAlias(this=exp.to_identifier(target.name)))
        return new

    resolved = query.transform(replace, copy=False)  # a tree of our own: no copy needed
    for name, inner in ephemerals.items():
        resolved = _prepend_cte(resolved, name, inner)
    _printed_refs(resolved, manifest, node)
    return resolved


_PRINTED_REF = re.compile(rf'"({REF_SCHEMA}|{THIS_SCHEMA})"\."((?:[^"]|"")+)"')


def _printed_refs(query: exp.Expression, manifest: Manifest, node: Node) -> None:
    """A ref or `this` printed inside a string (union_relations' `_dbt_source_relation`,
    dbt-privacy's pepper hashed from `this`) is the relation as dbt prints it,
    `"database"."schema"."name"`, not the placeholder."""
    database = target_database(manifest.target)

    def printed(match: re.Match[str]) -> str:
        target = node if match.group(1) == THIS_SCHEMA else \
            manifest.find_model(match.group(2).replace('""', '"'))
        if target is None or target.relation is None:
            return match.group(0)
        if target.materialized == "ephemeral":
            return f"__dbt__cte__{target.name}"
        parts = [database, target.relation.schema, target.relation.name]
        return ".".join('"' + str(p).replace('"', '""') + '"' for p in parts if p)

    for literal in query.find_all(exp.Literal):
        if literal.is_string and (REF_SCHEMA in literal.this or THIS_SCHEMA in literal.this):
            literal.set("this", _PRINTED_REF.sub(printed, literal.this))


def _ephemeral_query(target: Node) -> exp.Expression:
    if target.expression is not None:
        return target.expression.copy()
    return parse_sql(target.qualified_sql, target, "duckdb")


def _prepend_cte(query: exp.Expression, name: str, inner: exp.Expression) -> exp.Expression:
    cte = exp.CTE(this=inner, alias=exp.TableAlias(this=exp.to_identifier(name)))
    with_ = query.args.get("with_") or query.args.get("with")
    if with_ is None:
        query.set("with_", exp.With(expressions=[cte]))
    else:
        with_.set("expressions", [cte, *with_.expressions])
    return query


# the warehouse's own catalogs, which a model may read as any other relation (audit_helper's
# Postgres `get_columns_in_relation_sql` reads information_schema.columns)
SYSTEM_SCHEMAS = ("information_schema", "pg_catalog")


def _describe_system_relations(query: exp.Expression, ctx: CompileContext) -> None:
    """Put the system catalog views the query reads into the catalog, with their columns as
    the target lists them (only with a connection: a compile without one never forks then)."""
    if ctx.adapter is None:
        return
    from datanet_sql.adapters.base import Relation

    for table in query.find_all(exp.Table):
        relation = Relation(table.name, table.db)
        if table.db.lower() in SYSTEM_SCHEMAS and ctx.catalog.columns(relation) is None:
            columns = ctx.adapter.list_columns(relation)
            if columns:
                ctx.catalog.add_system(relation, {c.name: c.type for c in columns})


def _qualify(query: exp.Expression, node: Node, ctx: CompileContext,
             calls: dict[str, Any] | None = None) -> exp.Expression:
    """The query qualified and typed against the catalog; the DuckDB table function calls it
    reads are described first (their columns, by call, go into `calls`)."""
    _describe_system_relations(query, ctx)
    if ctx.read_dialect == "duckdb":
        (calls if calls is not None else {}).update(give_columns(query))
    try:
        qualified = qualify(query, schema=ctx.catalog.schema, dialect=ctx.read_dialect,
                            validate_qualify_columns=True, quote_identifiers=True)
        take_columns(qualified)
        if case_matters(ctx.dialect) and not case_matters(ctx.read_dialect):
            restore_spelling(qualified, ctx.catalog)
        return annotate_types(qualified, schema=ctx.catalog.schema, dialect=ctx.read_dialect)
    except OptimizeError as err:
        raise _column_error(err, node, query, ctx) from None


def _column_error(err: OptimizeError, node: Node, query: exp.Expression,
                  ctx: CompileContext) -> DatanetError:
    message = str(err)
    match = re.search(r"Column '\"?([^'\"]+)\"?' could not be resolved|"
                      r"Unknown column: \"?([^\s\"]+)", message)
    column = (match.group(1) or match.group(2)) if match else None
    if column is None:
        return ColumnNotFoundError(f"model '{node.name}': {message}", file=node.path,
                                   model=node.name)

    def columns_of(table: exp.Table) -> list[str] | None:
        from datanet_sql.adapters.base import Relation

        if isinstance(table.this, exp.Func):  # a table function call, described or not
            return table.alias_column_names or None
        cols = ctx.catalog.columns(Relation(table.name, table.db or ctx.schema))
        return list(cols) if cols is not None else None

    found = missing_from(query, column, columns_of)
    where, available = "upstream", found[1] if found is not None else []
    if found is None:
        for table in query.find_all(exp.Table):
            available += [c for c in columns_of(table) or [] if c not in available]
    elif found[0]:  # a CTE or subquery on the way does not pass it on
        where = f"in {', '.join(found[0])}"
    return ColumnNotFoundError(
        f"model '{node.name}' reads column '{column}', which does not exist {where}." +
        did_you_mean(column, available), file=node.path, line=_line_of(node, column),
        model=node.name, column=column,
        hint=f"columns available: {', '.join(available) or 'none'}")


def _line_of(node: Node, word: str) -> int | None:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for number, line in enumerate(node.raw_text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return node.line if node.is_declarative else None


def _columns(typed: exp.Expression, node: Node, manifest: Manifest,
             ctx: CompileContext) -> dict[str, Column]:
    documented = {c.name: c for c in node.column_specs}
    selects = typed.selects if isinstance(typed, exp.Query) else []
    root = build_scope(typed)  # read by lineage and semantics alike: built once
    lineage = column_sources(root)
    columns: dict[str, Column] = {}
    for projection in selects:
        name = projection.alias_or_name
        dtype = _type_name(projection.type, ctx.read_dialect)
        spec = documented.get(name)
        ids = [_lineage_id(ctx, manifest, schema, table, col)
               for schema, table, col in lineage.get(name, [])]
        columns[name] = Column(name, dtype, getattr(spec, "description", None),
                               semantic=getattr(spec, "semantic", None), lineage=ids)
    node.columns = columns
    propagate_columns(node, root, manifest, ctx)
    return columns


_TYPE_NAMES: dict[tuple[str, exp.DataType], str] = {}
# sqlglot writes DuckDB types by their aliases; DuckDB itself (hence every source and seed
# column) says VARCHAR, INTEGER, HUGEINT: model columns use the engine's names too
_ENGINE_NAMES = {"duckdb": (re.compile(r"\b(TEXT|INT|INT128|UINT128|TIMESTAMPTZ)\b"),
                            {"TEXT": "VARCHAR", "INT": "INTEGER", "INT128": "HUGEINT",
                             "UINT128": "UHUGEINT", "TIMESTAMPTZ": "TIMESTAMP WITH TIME ZONE"})}


def _type_name(dtype: exp.DataType | None, dialect: str) -> str | None:
    """`BIGINT`, `DECIMAL(12, 2)`, `VARCHAR`: memoised, since rendering a type copies it."""
    if dtype is None:
        return None
    key = (dialect, dtype)
    name = _TYPE_NAMES.get(key)
    if name is None:
        name = dtype.sql(dialect=dialect).upper()
        if dialect in _ENGINE_NAMES:
            pattern, names = _ENGINE_NAMES[dialect]
            name = pattern.sub(lambda m: names[m.group(1)], name)
        _TYPE_NAMES[key] = name
    return name


def _lineage_id(ctx: CompileContext, manifest: Manifest, schema: str, table: str,
                column: str) -> str:
    owner = ctx.catalog.owner(schema, table)
    if owner is None:
        return f"{schema}.{table}.{column}"
    found = manifest.nodes[owner].column(column)
    return f"{owner}.{found.name if found else column}"
