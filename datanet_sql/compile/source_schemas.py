"""The real columns of sources and seeds: files described by DuckDB, tables by the adapter.

File schemas are cached by the files' paths, sizes and modification times, so a warm compile
reads no data file at all.
"""

from __future__ import annotations

import os
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.config.duckdb_sources import reader_query
from datanet_sql.errors import IngestError, RelationNotFoundError, WarehouseError, did_you_mean
from datanet_sql.ingest.files import resolve_path, scan, scan_query
from datanet_sql.ingest.in_place import Chosen, choose
from datanet_sql.project.nodes import MISSING_FAILS_READERS, READER, Column, Node
from datanet_sql.project.seeds import seed_column_name

_describer: DuckDBAdapter | None = None


def file_signature(ctx: CompileContext, node: Node, path: str, fmt: str,
                   options: dict[str, Any]) -> tuple[Chosen, str]:
    """(the files a file source reads, as `datanet ingest` would choose them: `in_place`;
    a cache key from their names, sizes and mtimes)."""
    try:
        chosen = choose(resolve_path(ctx.project.root, path))
    except RelationNotFoundError as err:
        raise RelationNotFoundError(f"{node.kind} '{node.name}': {err.message}", file=node.path,
                                    line=node.line, hint=err.hint) from None
    stats = [(f, os.stat(f).st_size, os.stat(f).st_mtime_ns) for f in chosen.files]
    return chosen, digest(stats, fmt, options)


def describer() -> DuckDBAdapter:
    """An in-memory DuckDB that reads file sources at compile time (no warehouse needed)."""
    global _describer
    if _describer is None:
        _describer = DuckDBAdapter({"path": ":memory:"})
    return _describer


def own_describer() -> None:
    """In a forked child: a DuckDB of its own from the next describe on. One opened before the
    fork is not usable after it (its threads stayed in the parent), nor even closable: it is
    kept, unused, until the child ends."""
    global _describer
    if _describer is not None:
        _inherited.append(_describer)
    _describer = None


_inherited: list[DuckDBAdapter] = []


def describe_file(ctx: CompileContext, node: Node, path: str, fmt: str,
                  options: dict[str, Any]) -> dict[str, str]:
    """Column name -> DuckDB type of a file source (or seed), cached by file stats."""
    types = node.config.get("column_types") if node.kind == "seed" else None
    chosen, key = file_signature(ctx, node, path, fmt, {**options, "__types": types})
    cached = ctx.cache.get("files", node.unique_id, key)
    if cached is not None:
        return cached
    try:
        query = scan_query(chosen.pattern, fmt, options, types, chosen.duckdb_paths(describer()))
        columns = describer().describe_query(query.sql("duckdb"))
    except WarehouseError as err:
        raise WarehouseError(f"{node.kind} '{node.name}': cannot read {path}: {err.message}",
                             file=node.path, line=node.line,
                             hint="check the file's format and the source's `options:`") from None
    result = {c.name: c.type for c in columns}
    ctx.cache.put("files", node.unique_id, key, result)
    return result


def source_columns(ctx: CompileContext, node: Node) -> dict[str, str]:
    """The live columns of a source: its file, its warehouse table, or what YAML declares."""
    config = node.config
    if config.get("path") and not ctx.sources_in_warehouse:
        return describe_file(ctx, node, config["path"], config["format"], config["options"])
    if config.get(READER) and not ctx.sources_in_warehouse:
        return _describe_reader(node, config[READER])
    if ctx.adapter is not None and node.relation is not None:
        live = ctx.adapter.list_columns(node.relation)
        if live is not None:
            return {c.name: c.type for c in live}
        if config.get("load"):
            return _not_loaded_yet(ctx, node)
        if not node.columns and not config.get(MISSING_FAILS_READERS):
            raise RelationNotFoundError(f"source '{node.name}': {node.relation} does not exist",
                                        file=node.path, line=node.line,
                                        hint="check the source's `table:`, or the warehouse")
        node.config["missing"] = True  # declared columns let models compile; the run will say
    elif config.get("load") and not node.columns:
        # compiled without a warehouse (`compile` offline): a database table with `load:`
        # has no file to describe, so its columns are read as the load will write them
        return _not_loaded_yet(ctx, node)
    return {c.name: (c.type or "UNKNOWN") for c in node.columns.values()}


def _describe_reader(node: Node, reader: str) -> dict[str, str]:
    """Column name -> DuckDB type of a source read through a table function call, as DuckDB
    reads it from the folder the command runs in (dbt-duckdb's)."""
    try:
        columns = describer().describe_query(reader_query(reader).sql("duckdb"))
    except WarehouseError as err:
        if node.config.get(MISSING_FAILS_READERS):  # dbt's: the run fails only its readers
            node.config["missing"] = True
            return {c.name: (c.type or "UNKNOWN") for c in node.columns.values()}
        raise WarehouseError(f"source '{node.name}': cannot read {reader}: {err.message}",
                             file=node.path, line=node.line,
                             hint="relative file names in external_location are read from "
                                  "the folder datanet runs in, as dbt-duckdb reads them"
                             ) from None
    return {c.name: c.type for c in columns}


def _not_loaded_yet(ctx: CompileContext, node: Node) -> dict[str, str]:
    """A `load:` table before its first ingest: its columns as the load will write them,
    read by the loader's own reader (`loader.first_schema`: a DuckDB sniff of a messy file,
    an Excel sheet or a database table would not match it), so models compile and the run
    (which loads it first) can build them. A file's answer is cached by its stats."""
    from datanet_sql.ingest import reading
    from datanet_sql.ingest.loader import first_schema, job_for

    load = node.config["load"]
    key = None
    if load["path"]:
        _, key = file_signature(ctx, node, load["path"], "load", load)
        cached = ctx.cache.get("files", node.unique_id, key)
        if cached is not None:
            node.config["missing"] = True
            return dict(cached)
    try:
        schema = first_schema(job_for(node, "main", ctx.project.root), reading)
    except (IngestError, WarehouseError) as err:
        raise type(err)(f"source '{node.name}': {err.message}", file=node.path,
                        line=node.line, hint=err.hint) from None
    columns = arrow_columns(schema)
    if key is not None:
        ctx.cache.put("files", node.unique_id, key, columns)
    node.config["missing"] = True  # nothing to sample or heal against until it is loaded
    return columns


def arrow_columns(schema: Any) -> dict[str, str]:
    """Column name -> DuckDB type of an Arrow schema, as DuckDB would create the table."""
    relation = describer().connection.from_arrow(schema.empty_table())
    return {name: str(kind) for name, kind in zip(relation.columns, relation.types)}


def seed_columns(ctx: CompileContext, node: Node) -> dict[str, str]:
    declared = {k: str(v) for k, v in (node.config.get("column_types") or {}).items()}
    options: dict[str, Any] = {}
    if node.config.get("delimiter"):
        options["delimiter"] = node.config["delimiter"]
    node.config["options"] = options
    node.config["column_types"] = None
    described = describe_file(ctx, node, node.path, "csv", options)
    declared = _declared_in_file(node, declared, described)
    declared = {**{name: "TEXT" for name in worded_booleans(ctx, node, described, options,
                                                              declared)}, **declared}
    if ctx.project.dbt_mode and ctx.target.get("type") in AGATE_SEED_ENGINES:
        declared = {**agate_seed_types(ctx, node, described, options), **declared}
    if declared:
        node.config["column_types"] = declared
        described = describe_file(ctx, node, node.path, "csv", options)
    return {seed_column_name(node, name, ctx.dialect): ctype for name, ctype in described.items()}


# engines whose dbt adapter loads a seed through agate, typing each column as dbt-core's
# SQLAdapter does (dbt-duckdb loads with DuckDB's COPY instead; dbt-spark names other types)
AGATE_SEED_ENGINES = ("postgres", "redshift")
# DuckDB's sniffed type -> the type dbt's agate loader gives the column on those engines:
# whole numbers `integer`, any with decimals `float8`, `%Y-%m-%d` dates, datetimes as
# `timestamp` (without time zone), `true`/`false` booleans, anything else (times too) text
_AGATE_TYPES = {"TINYINT": "integer", "SMALLINT": "integer", "INTEGER": "integer",
                "BIGINT": "integer", "HUGEINT": "integer", "UTINYINT": "integer",
                "USMALLINT": "integer", "UINTEGER": "integer", "UBIGINT": "integer",
                "FLOAT": "float8", "DOUBLE": "float8", "DATE": "date", "TIMESTAMP": "timestamp",
                "TIMESTAMP WITH TIME ZONE": "timestamp", "BOOLEAN": "boolean"}


def agate_seed_types(ctx: CompileContext, node: Node, described: dict[str, str],
                     options: dict[str, Any]) -> dict[str, str]:
    """The types dbt-postgres gives a seed's columns (its agate loader), from DuckDB's reading
    of the file: so `get_columns_in_relation`, codegen's YAML and every `data_type` a dbt
    project reads say `integer` and `text` where dbt's do. A column with no value at all is
    `integer`, as agate's first type tester accepts it."""
    types = {name: _AGATE_TYPES.get(ctype.upper().split("(")[0], "text")
             for name, ctype in described.items()}
    texts = [name for name, ctype in types.items() if ctype == "text"]
    if texts:
        chosen, key = file_signature(ctx, node, node.path, "csv", {**options, "__agate": 1})
        counts = ctx.cache.get("files", node.unique_id, key)
        if counts is None:
            query = exp.select(*[exp.func("count", exp.column(name, quoted=True))
                                 for name in texts]).from_(scan(chosen.pattern, "csv", options))
            counts = list(describer().fetch(query)[1][0])
            ctx.cache.put("files", node.unique_id, key, counts)
        types.update({name: "integer" for name, count in zip(texts, counts) if count == 0})
    return types


def worded_booleans(ctx: CompileContext, node: Node, described: dict[str, str],
                    options: dict[str, Any], declared: dict[str, str]) -> list[str]:
    """The seed's columns DuckDB types BOOLEAN that hold a word other than true/false
    (`Yes`/`No`, `T`/`F`, `y`/`n`): read as text, as spelled, by the rule `datanet ingest`
    keeps (`csv_booleans`), and as dbt seeds keep them on every adapter (agate's Boolean takes
    only true/false; dbt-duckdb creates the table from agate's types before its COPY). A
    column in `column_types` is left to it: declared `boolean`, the words convert. Every row
    is read (DuckDB sniffs a sample), once per version of the file (cached by its stats)."""
    import duckdb

    from datanet_sql.ingest.readers import csv_booleans

    booleans = [name for name, ctype in described.items()
                if ctype.upper() == "BOOLEAN" and name not in declared]
    if not booleans:
        return []
    chosen, key = file_signature(ctx, node, node.path, "csv", {**options, "__worded": booleans})
    worded = ctx.cache.get("files", node.unique_id, key)
    if worded is None:
        text = scan(chosen.pattern, "csv", options, {name: "VARCHAR" for name in booleans})
        try:
            worded = [*csv_booleans.worded(describer().connection, text, booleans)]
        except duckdb.Error as err:
            raise WarehouseError(f"seed '{node.name}': cannot read {node.path}: {err}",
                                 file=node.path, line=node.line,
                                 hint="check the file's format and the seed's `delimiter`"
                                 ) from None
        ctx.cache.put("files", node.unique_id, key, worded)
    return list(worded)


def _declared_in_file(node: Node, declared: dict[str, str],
                      header: dict[str, str]) -> dict[str, str]:
    """The `column_types` of columns the seed's file has, matched by exact name as dbt does.

    Folder config gives one `column_types` to many seeds, each of which may lack some of the
    columns: dbt types the columns present and ignores the rest, and so does datanet, with a
    warning naming them (DuckDB's reader would fail the seed, and would match `ID` to `id`
    where dbt does not)."""
    absent = [name for name in declared if name not in header]
    if absent:
        near = "".join(did_you_mean(name, header) for name in absent)
        node.warnings.append(f"seed '{node.name}': column_types of {', '.join(absent)} "
                             f"ignored: {node.path} has no such column (names match exactly, "
                             f"as in dbt).{near}")
    return {name: ctype for name, ctype in declared.items() if name in header}


def apply_columns(node: Node, columns: dict[str, str]) -> None:
    """Set a node's columns from a live schema, keeping what YAML says about each."""
    documented = {c.name: c for c in node.column_specs}
    node.columns = {
        name: Column(name, ctype, getattr(documented.get(name), "description", None),
                     semantic=getattr(documented.get(name), "semantic", None))
        for name, ctype in columns.items()
    }
