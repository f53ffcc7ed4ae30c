"""parse: rendered SQL -> sqlglot expression, in the project's dialect.

A syntax error names the file and line and underlines the bad SQL. Nodes whose analysis is
cached are parsed lazily (only if a later pass needs their tree), so a warm compile parses
nothing. A model that is not ephemeral is parsed where it is analysed (annotate's walk, or a
forked worker of compile/level_workers.py, so that its parse is shared out too); its syntax
error is then found there, worded the same.

A model or test is one query: a statement that writes (`WITH d AS (DELETE ... RETURNING 1)`,
`SELECT ... INTO`, a second `; DROP TABLE`) is refused here, found by walking the tree, so
that building a model can never change another relation.
"""

from __future__ import annotations

import functools

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from datanet_sql.compile.backticks import double_quote_backticks
from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.output_names import name_outputs
from datanet_sql.errors import SqlSyntaxError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


def parse(manifest: Manifest, ctx: CompileContext) -> Manifest:
    """Parse every node whose rendered SQL is new; known SQL is parsed only if needed later."""
    unread: set[str] | None = None
    for node in manifest.of_kind("model", "test", "snapshot"):
        if node.rendered_sql is None or node.held_over or parsed_when_analysed(node):
            continue
        sql_key = sql_digest(node)
        if ctx.cache.get("sql", node.unique_id, sql_key) is None:
            with recorded(node):  # a syntax error stays with its model: the others go on
                try:
                    ensure_parsed(node, ctx.read_dialect)
                except SqlSyntaxError as err:
                    unread = unread if unread is not None else unread_ephemerals(manifest)
                    if node.unique_id not in unread:
                        raise
                    _leave_unread(node, err, manifest)
                    continue
                ctx.cache.put("sql", node.unique_id, sql_key, True)
    return manifest


def parsed_when_analysed(node: Node) -> bool:
    """A model parsed by annotate when it is analysed: not an ephemeral model (a syntax error
    there may be only a warning, when nothing built reads it: see `unread_ephemerals`)."""
    return node.kind == "model" and node.materialized != "ephemeral"


def unread_ephemerals(manifest: Manifest) -> set[str]:
    """Ephemeral models that nothing built reads, not even through other ephemeral models:
    dbt never compiles them (dbt-project-evaluator keeps a few that are not queries)."""
    children = manifest.children()
    unread = {uid for uid, n in manifest.nodes.items()
              if n.kind == "model" and n.materialized == "ephemeral"}
    changed = True
    while changed:  # a model read by something read is read: until nothing changes
        read = {uid for uid in unread if any(c not in unread for c in children.get(uid, []))}
        unread -= read
        changed = bool(read)
    return unread


def _leave_unread(node: Node, err: SqlSyntaxError, manifest: Manifest) -> None:
    """An ephemeral model nothing built reads, whose SQL is not one query: not analysed or
    run (it is skipped, with what reads it), and said in a warning rather than failing the
    build, as dbt never compiles it."""
    node.blocked = True
    manifest.warnings.append(
        f"{node.path}: ephemeral model '{node.name}' is not compiled: {err.message}; nothing "
        f"built reads it (as in dbt, a model or test reading it would fail)")


def sql_digest(node: Node) -> str:
    return _sql_digest(node.rendered_sql, node.rendered_incremental_sql)


@functools.lru_cache(maxsize=8192)
def _sql_digest(sql: str | None, incremental_sql: str | None) -> str:
    """Asked three times per model and compile (the parse cache, then the analysis key twice:
    for the level's workers and the walk); a string keeps its hash, so looking it up again is
    cheap where hashing its JSON is not."""
    return digest(sql, incremental_sql)


def ensure_parsed(node: Node, dialect: str) -> exp.Expression:
    """The node's expression, parsing its rendered SQL the first time it is needed."""
    if node.expression is None:
        node.expression = parse_sql(node.rendered_sql or "", node, dialect)
    if node.rendered_incremental_sql and node.incremental_expression is None:
        node.incremental_expression = parse_sql(node.rendered_incremental_sql, node, dialect)
    return node.expression


def parse_sql(sql: str, node: Node, dialect: str) -> exp.Expression:
    sql = double_quote_backticks(sql, dialect)
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except (ParseError, TokenError) as err:
        raise _syntax_error(err, sql, node) from None
    kinds = [statement_kind(s) for s in statements]
    if len(statements) != 1:
        raise SqlSyntaxError(
            f"{node.kind} '{node.name}' must be exactly one SELECT statement, found "
            f"{len(statements)} ({', '.join(kinds) or 'none'})", file=node.path, model=node.name,
            hint="remove extra statements or a stray ';'")
    statement = statements[0]
    if not isinstance(statement, exp.Query):
        raise SqlSyntaxError(f"{node.kind} '{node.name}' must be a SELECT query, not {kinds[0]}",
                             file=node.path, model=node.name,
                             hint="datanet builds the table/view itself from your SELECT")
    writer = first_write(statement)
    if writer is not None:
        raise SqlSyntaxError(
            f"{node.kind} '{node.name}' is refused: it holds a {statement_kind(writer)} "
            f"statement; a {node.kind} is a query and may not change data or objects",
            file=node.path, line=_line_of(writer), model=node.name,
            hint="keep only the SELECT (hooks, when they come, will run statements)")
    if node.kind in _NAMED_OUTPUTS:
        name_outputs(statement, sql, dialect, f"{node.kind} '{node.name}'", node.path)
    return statement


# nodes whose columns are a table's (a data test's or an analysis's are read by nobody)
_NAMED_OUTPUTS = frozenset({"model", "snapshot"})


# statements that write data or change objects; Command is what sqlglot makes of any other
# statement it cannot parse (CALL, VACUUM, LOAD...), so it is refused too
_WRITES: tuple[type[exp.Expression], ...] = (
    exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Drop, exp.Create, exp.Alter,
    exp.TruncateTable, exp.Copy, exp.Grant, exp.Revoke, exp.Into, exp.Command, exp.Attach,
    exp.Detach, exp.Pragma, exp.Install, exp.Set, exp.Use, exp.Transaction, exp.Commit,
    exp.Rollback, exp.LoadData, exp.Cache, exp.Uncache, exp.Refresh,
)
_KIND_NAMES = {exp.TruncateTable: "TRUNCATE", exp.Into: "SELECT ... INTO",
               exp.LoadData: "LOAD DATA", exp.Transaction: "BEGIN"}


def first_write(tree: exp.Expression) -> exp.Expression | None:
    """The first statement inside the tree that writes data or changes objects, if any."""
    return next(tree.find_all(*_WRITES), None)


def statement_kind(statement: exp.Expression) -> str:
    """DELETE, DROP, SELECT ... INTO: what a statement is, in SQL's words."""
    if isinstance(statement, exp.Command):
        return str(statement.this).upper()
    return _KIND_NAMES.get(type(statement), statement.key.upper())


def _line_of(node: exp.Expression) -> int | None:
    """The line sqlglot recorded for the statement's first token, when it kept one."""
    for part in node.walk():
        meta = getattr(part, "meta", None) or {}
        if isinstance(meta, dict) and meta.get("line"):
            return int(meta["line"])
    return None


def _syntax_error(err: Exception, sql: str, node: Node) -> SqlSyntaxError:
    details = getattr(err, "errors", None) or [{}]
    first = details[0]
    line = first.get("line")
    col = first.get("col")
    description = first.get("description") or str(err).splitlines()[0]
    lines = sql.splitlines()
    snippet = ""
    if line and 0 < line <= len(lines):
        bad = lines[line - 1]
        marker = " " * max((col or 1) - len(first.get("highlight") or " "), 0) + "^" * max(
            len(first.get("highlight") or " "), 1)
        snippet = f"\n    {bad.rstrip()}\n    {marker}"
    return SqlSyntaxError(f"SQL syntax error: {description}{snippet}", file=node.path, line=line,
                          model=node.name, hint="fix the SQL near the marked position")
