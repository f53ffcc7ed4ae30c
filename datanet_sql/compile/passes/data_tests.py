"""data_tests: `tests:` / `data_tests:` in YAML (dbt's generic tests) -> test nodes with SQL.

Arguments may sit directly under the test or under `arguments:` (dbt 1.10+), with `config:`
(severity, where, store_failures) beside them; `dbt_utils.` prefixes are accepted.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.generic_tests import BUILDERS
from datanet_sql.compile.passes.resolve import parse_from
from datanet_sql.errors import ConfigError, ReferenceNotFoundError, did_you_mean
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

_CONFIG_KEYS = {"severity", "where", "store_failures", "limit", "warn_if", "error_if", "enabled",
                "tags", "meta", "name", "description", "alias"}


def data_tests(manifest: Manifest, ctx: CompileContext) -> Manifest:
    for node in list(manifest.in_order("model", "seed", "source")):
        spec = node.spec
        if spec is None:
            continue
        entries = [(None, t) for t in (list(spec.tests) + list(spec.data_tests))]
        for column in node.column_specs:
            entries += [(column.name, t) for t in list(column.tests) + list(column.data_tests)]
        for column, entry in entries:
            test = _build(node, column, entry, manifest, ctx)
            while test.unique_id in manifest.nodes:
                test.name += "_"
                test.unique_id = f"test.{test.name}"
            manifest.add(test)
            manifest.order.append(test.unique_id)
    return manifest


def _where(node: Node) -> dict[str, Any]:
    """The YAML file and line that declared the node's tests (not its .sql file)."""
    return {"file": node.spec_path or node.path, "line": node.spec_line or node.line}


def _split(entry: Any, node: Node) -> tuple[str, dict[str, Any]]:
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, dict) and len(entry) == 1:
        name, args = next(iter(entry.items()))
        return str(name), dict(args or {})
    if isinstance(entry, dict) and "test_name" in entry:
        args = {k: v for k, v in entry.items() if k != "test_name"}
        return str(entry["test_name"]), args
    raise ConfigError(f"cannot read the test entry {entry!r}", **_where(node),
                      hint="write `- unique` or `- accepted_values: {values: [...]}`")


def _build(node: Node, column: str | None, entry: Any, manifest: Manifest,
           ctx: CompileContext) -> Node:
    name, raw = _split(entry, node)
    kind = name.split(".")[-1]
    if kind not in BUILDERS:
        raise ConfigError(f"unknown test '{name}' on {node.name}" +
                          (f".{column}" if column else "") + "." + did_you_mean(kind, BUILDERS),
                          **_where(node),
                          hint=f"generic tests: {', '.join(sorted(BUILDERS))}")
    config = dict(raw.pop("config", {}) or {})
    args = {**raw.pop("arguments", {}), **{k: v for k, v in raw.items() if k not in _CONFIG_KEYS}}
    config.update({k: v for k, v in raw.items() if k in _CONFIG_KEYS})
    depends = [node.unique_id]
    if kind == "relationships":
        parent_id = parse_from(str(args.get("to", "")), node, manifest)
        parent = manifest.nodes.get(parent_id) or manifest.nodes.get(
            parent_id.replace("model.", "seed."))
        if parent is None:
            known = [n.name for n in manifest.nodes.values() if n.kind in ("model", "seed")]
            raise ReferenceNotFoundError(f"relationships test on {node.name}.{column} points to "
                                         f"{args.get('to')}, which does not exist." +
                                         did_you_mean(parent_id.split(".")[-1], known),
                                         **_where(node))
        args["_to_table"] = parent.relation.table()
        depends.append(parent.unique_id)
    query_sql, query = _test_sql(node, column, kind, args, config, ctx)
    args.pop("_to_table", None)
    test_name = config.get("name") or "_".join(p for p in (kind, node.name.replace(".", "_"),
                                                          column) if p)
    where = _where(node)
    test = Node(f"test.{test_name}", test_name, "test", where["file"], where["line"],
                depends_on=depends, qualified_sql=query_sql, expression=query)
    test.config = {"severity": str(config.get("severity", "error")).lower(), **config}
    test.test = {"name": kind, "attached_node": node.unique_id, "column": column, "args": args}
    return test


def _test_sql(node: Node, column: str | None, kind: str, args: dict[str, Any],
              config: dict[str, Any], ctx: CompileContext) -> tuple[str, exp.Expression | None]:
    """The test's query in the project's dialect, cached by what it is built from (building
    the trees of every test again took most of an unchanged recompile), and its tree when it
    was just built (so emit need not parse it back)."""
    inputs = {k: v for k, v in args.items() if k != "_to_table"}
    key = digest(kind, column, inputs, str(args.get("_to_table")), config.get("where"),
                 str(node.relation), ctx.read_dialect)
    cache_id = f"{node.unique_id}|{kind}|{column}|{digest(inputs, config.get('where'))}"
    sql = ctx.cache.get("tests", cache_id, key)
    query = None
    if sql is None:
        relation: exp.Expression = node.relation.table()
        if config.get("where"):
            import sqlglot

            relation = exp.Subquery(this=exp.select("*").from_(relation).where(
                sqlglot.parse_one(str(config["where"]), read=ctx.read_dialect)),
                alias=exp.TableAlias(this=exp.to_identifier("__dn_filtered")))
        query = BUILDERS[kind](relation, column, args, ctx.read_dialect)
        sql = query.sql(dialect=ctx.read_dialect, copy=False)
        ctx.cache.put("tests", cache_id, key, sql)
    return sql, query
