"""emit: transpile each node to the target's dialect, write .datanet/compiled/<target>/ and
manifest.json.

Unsupported constructs raise (`unsupported_level=RAISE`) instead of being dropped silently.
Comments written around the SQL carry names (columns, models, files) that a user or a source
chose; they go through `line_comment`, so a newline in a name cannot end the comment and leave
the rest of the name as a live statement in the file.
"""

from __future__ import annotations

import functools
import re
from functools import partial
from pathlib import Path

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ErrorLevel, UnsupportedError
from sqlglot.optimizer.annotate_types import annotate_types

from datanet_sql.artifacts.dbt_manifest import write_dbt_manifest
from datanet_sql.compile import forks
from datanet_sql.compile.analyses import analysis_file, compile_analysis
from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.dialect_fixes import fix_for
from datanet_sql.compile.gc_budget import gc_paused
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.passes.parse import parse_sql
from datanet_sql.errors import UnsupportedSqlError
from datanet_sql.fs import atomic
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

# dbt's manifest of this many nodes takes ~0.1 s to build and encode, ten times what forking
# a compiler of that size costs: smaller projects write it themselves
MANIFEST_CHILD_NODES = 1000


def emit(manifest: Manifest, ctx: CompileContext) -> Manifest:
    files = compiled_files(manifest, ctx)
    if ctx.write:
        write_manifests(manifest, ctx, files)
    return manifest


def compiled_files(manifest: Manifest, ctx: CompileContext,
                   only: set[str] | None = None) -> dict[Path, str]:
    """Each node transpiled, and the text of the compiled files to write. With `only` (the
    edit path), only those nodes are transpiled and their files given, the others keeping
    the SQL they have; `tests.sql`, which all data tests share, is always whole."""
    out_dir = ctx.compiled_dir
    files: dict[Path, str] = {}
    tests: list[str] = []
    tests_path = f"{_from_root(out_dir, ctx.project.root)}/tests.sql"
    for node in manifest.in_order("model", "test", "snapshot"):
        if node.error or node.blocked or node.qualified_sql is None and node.expression is None:
            continue
        fresh = only is None or node.unique_id in only
        if fresh:
            with recorded(node):  # a construct the target cannot express fails this node only
                transpile_node(node, ctx)
        if node.error:
            continue
        if ctx.write and node.kind == "test":
            tests.append(line_comment(f"{node.name} ({node.path}): rows returned are failures")
                         + f"{node.compiled_sql};\n")
            node.compiled_path = tests_path
        elif ctx.write and node.materialized != "ephemeral" and fresh:
            files[model_file(node, ctx, out_dir)] = _file_text(node)
    for node in manifest.in_order("analysis"):  # compiled, never run
        if node.error or node.rendered_sql is None:
            continue
        with recorded(node):
            compile_analysis(node, manifest, ctx)
        if ctx.write and not node.error:
            files[analysis_file(node, out_dir, ctx.project.root)] = node.compiled_sql or ""
    if ctx.write:
        # data tests share one file: creating thousands of small files is most of a cold emit
        files[out_dir / "tests.sql"] = "\n".join(tests)
    return files


def write_manifests(manifest: Manifest, ctx: CompileContext,
                    files: dict[Path, str] | None = None) -> None:
    """.datanet/manifest.json and dbt's target/manifest.json (again after a run that compiled
    held-over nodes, so both show their run-time columns), and emit's compiled `files`.

    dbt's manifest (building and encoding 11 MB for 1000 models: the largest step after the
    models' analysis) is written by a forked child meanwhile when the compile may fork; if
    the child fails, it is written here, so its error reads as always."""
    dbt_manifest = partial(write_dbt_manifest, manifest, ctx.project.root, ctx.invocation_id)
    with gc_paused():
        child = forks.fork_child(dbt_manifest) \
            if len(manifest.nodes) >= MANIFEST_CHILD_NODES and forks.may_fork(ctx) else None
        try:
            if files:
                write_files(files, ctx)
            manifest.write(ctx.project.state_dir / "manifest.json")
        except BaseException:
            if child is not None:
                child.stop()
            raise
        if child is None or child.result() is None:
            dbt_manifest()


def transpile_node(node: Node, ctx: CompileContext) -> None:
    """The node's compiled SQL, each variant (incremental, rejects) in the target dialect;
    from the cache when the same qualified SQL was transpiled before."""
    main = node.qualified_sql or node.expression.sql(ctx.read_dialect)
    variants = (main, node.qualified_incremental_sql, node.qualified_rejects_sql)
    key = digest(variants, ctx.read_dialect, ctx.dialect)
    cached = ctx.cache.get(f"emit:{ctx.dialect}", node.unique_id, key)
    if cached is None:
        cached = tuple(_transpile_text(sql, node, ctx) for sql in variants)
        ctx.cache.put(f"emit:{ctx.dialect}", node.unique_id, key, cached)
    node.compiled_sql, node.compiled_incremental_sql, node.compiled_rejects_sql = cached


def model_file(node: Node, ctx: CompileContext, out_dir: Path | None = None) -> Path:
    """Where the model's compiled SQL is written (its `compiled_path` is set to it);
    `out_dir` is `ctx.compiled_dir` when the caller has it already."""
    out_dir = out_dir or ctx.compiled_dir
    node.compiled_path = f"{_from_root(out_dir, ctx.project.root)}/{node.name}.sql"
    return out_dir / f"{node.name}.sql"


def write_model_file(node: Node, ctx: CompileContext) -> None:
    """One model's compiled file, written when it is compiled at run time (held over)."""
    if ctx.write and node.materialized != "ephemeral":
        write_files({model_file(node, ctx): _file_text(node)}, ctx)


@functools.lru_cache(maxsize=64)
def _from_root(path: Path, root: Path) -> str:
    """The folder as manifest.json names paths: from the project root (with /), as dbt's
    `compiled_path` is, or as it is when outside it; once per folder, not per node (pathlib's
    relative_to per node was a tenth of an edit's emit)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _transpile_text(sql: str | None, node: Node, ctx: CompileContext) -> str | None:
    """One variant of a node in the target dialect (the tree in memory when it is fresh)."""
    if sql is None:
        return None
    fresh = node.expression if sql == node.qualified_sql or node.qualified_sql is None else None
    return transpile(fresh if fresh is not None else _reparsed(sql, node, ctx), node, ctx.dialect)


def _reparsed(sql: str, node: Node, ctx: CompileContext) -> exp.Expression:
    """A cached node's qualified SQL parsed back *with its types*: transpiling depends on them
    (e.g. DuckDB's `/` becomes a cast to float on Postgres only when the operands' types are
    unknown), so without them the SQL would differ between a cold and a warm compile."""
    tree = _field_reads(parse_sql(sql, node, ctx.read_dialect))
    return annotate_types(tree, schema=ctx.catalog.schema, dialect=ctx.read_dialect)


def _field_reads(tree: exp.Expression) -> exp.Expression:
    """`"o"."shipping"."city"` back to what qualify made of it, a struct field read
    (`Dot(o.shipping, city)`): in qualified SQL every plain column is `alias.column`, so more
    parts are a field path, not a schema-qualified column."""

    def rewrite(node: exp.Expression) -> exp.Expression:
        if not isinstance(node, exp.Column) or not node.args.get("db"):
            return node
        alias, column, *fields = [part.copy() for part in node.parts]
        read: exp.Expression = exp.Column(this=column, table=alias)
        for field in fields:
            read = exp.Dot(this=read, expression=field)
        return read

    return tree.transform(rewrite, copy=False)


def transpile(tree: exp.Expression, node: Node, dialect: str) -> str:
    tree = fix_for(dialect, tree)
    try:
        try:  # the tree is not used after emit: no defensive copy (a third of emit's time)
            return tree.sql(dialect=dialect, pretty=True, unsupported_level=ErrorLevel.RAISE,
                            copy=False)
        except UnsupportedError as err:
            if "translation not supported in window function" not in str(err):
                raise
            portable = explicit_null_order(tree.copy(), dialect)
            return portable.sql(dialect=dialect, pretty=True, unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as err:
        raise UnsupportedSqlError(
            f"model '{node.name}' uses SQL that {dialect} cannot express: {err}",
            file=node.path, model=node.name,
            hint="rewrite that construct portably, or compile for another dialect") from None


def explicit_null_order(tree: exp.Expression, dialect: str) -> exp.Expression:
    """Window ORDER BY keys with a sort key `x IS NULL` in front, for dialects (BigQuery) that
    cannot write NULLS FIRST/LAST in a window: the rows keep the order the model asked for."""
    null_ordering = Dialect.get_or_raise(dialect).NULL_ORDERING

    def key(this: exp.Expression, desc: bool) -> exp.Ordered:
        native_first = (not desc and null_ordering == "nulls_are_small") or \
            (desc and null_ordering == "nulls_are_large")
        return exp.Ordered(this=this, desc=desc or None, nulls_first=native_first)

    for ordered in list(tree.find_all(exp.Ordered)):
        if not isinstance(ordered.find_ancestor(exp.Window, exp.Select), exp.Window):
            continue
        nulls_key = key(exp.Is(this=ordered.this.copy(), expression=exp.null()),
                        bool(ordered.args.get("nulls_first")))
        value_key = key(ordered.this.copy(), bool(ordered.args.get("desc")))
        ordered.replace(value_key)
        value_key.parent.set(value_key.arg_key, _insert_before(value_key, nulls_key))
    return tree


def _insert_before(item: exp.Expression, new: exp.Expression) -> list[exp.Expression]:
    siblings = item.parent.args[item.arg_key]
    index = next(i for i, s in enumerate(siblings) if s is item)
    return [*siblings[:index], new, *siblings[index:]]


_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def line_comment(text: str) -> str:
    """`-- text` and its newline, with every control or line-breaking character of `text`
    written as an escape (`\\n`, `\\x0b`...): a comment ends at a line break in every dialect,
    so one inside a name would turn the rest of the name into SQL. (Block comments made by
    sqlglot need nothing: its generator escapes `*/` and a newline does not end them.)"""
    return "-- " + _LINE_BREAKING.sub(lambda m: repr(m.group())[1:-1], text) + "\n"


def _file_text(node: Node) -> str:
    header = "".join(line_comment(line) for line in node.notes)
    text = f"{header}{node.compiled_sql}\n"
    if node.compiled_incremental_sql:
        text += "\n" + line_comment("when the table exists (is_incremental()):") + \
            f"{node.compiled_incremental_sql}\n"
    if node.compiled_rejects_sql:
        text += "\n" + line_comment(f"{node.name}__rejects: values no cleansing rule could "
                                    "parse") + f"{node.compiled_rejects_sql}\n"
    return text


def write_files(files: dict[Path, str], ctx: CompileContext) -> None:
    """Write the compiled files that changed, from a few threads: creating small files is
    system-call time, which threads overlap; a file whose text the cache says was written
    already (and that still exists) is not even read."""
    from concurrent.futures import ThreadPoolExecutor

    changed = {path: text for path, text in files.items()
               if ctx.cache.get("written", str(path), digest(text)) is None or not path.exists()}
    for folder in {path.parent for path in changed}:
        folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(_write, changed, changed.values()))
    for path, text in changed.items():
        ctx.cache.put("written", str(path), digest(text), True)


def _write(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except FileNotFoundError:
        pass
    atomic.write_text(path, text)
