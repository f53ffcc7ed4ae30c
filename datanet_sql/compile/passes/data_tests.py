"""data_tests: `tests:` / `data_tests:` in YAML (dbt's generic tests) -> test nodes with SQL.

Arguments may sit directly under the test or under `arguments:` (dbt 1.10+), with `config:`
(severity, where, store_failures, thresholds) beside them; `dbt_utils.` prefixes are accepted.
Folder config (`tests:`/`data_tests:` of the project file) applies under the YAML's. Tests are
named as dbt names them. A test that cannot be built (unknown test or argument, SQL that does
not parse, a column its model does not have) becomes an error node naming the file, model
and test; the other tests go on. Last, every test node (singular and custom ones too) gets
its checked thresholds (`compile/test_config.py`), which the runner wraps its SQL with.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.dbt_jinja.scope import node_view
from datanet_sql.compile.dbt_jinja.test_macros import (
    custom_test_sql,
    has_test_macro,
    render_arguments,
    render_config,
)
from datanet_sql.compile.generic_tests import ARGUMENTS, BUILDERS, parse_condition
from datanet_sql.compile.node_errors import block_dependents, recorded
from datanet_sql.compile.passes.load import merge_config, package_name_at, tests_folder_config
from datanet_sql.compile.passes.parse import parse_sql
from datanet_sql.compile.passes.resolve import parse_from
from datanet_sql.compile.test_config import compile_verdict
from datanet_sql.compile.test_names import generic_test_names, model_argument, test_hash
from datanet_sql.errors import (
    ColumnNotFoundError,
    ConfigError,
    ReferenceNotFoundError,
    did_you_mean,
)
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

DBT_TEST_SCHEMA = "dbt_test__audit"  # dbt's default `schema` config of a data test
# dbt's test config keys (CONFIG_ARGS), plus `name` and `description`, which are no arguments
_CONFIG_KEYS = {"severity", "where", "store_failures", "store_failures_as", "limit", "warn_if",
                "error_if", "fail_calc", "enabled", "tags", "meta", "name", "description",
                "alias", "schema", "database"}


def data_tests(manifest: Manifest, ctx: CompileContext) -> Manifest:
    for node in list(manifest.in_order("model", "seed", "source", "snapshot")):
        for test in tests_of(node, manifest, ctx):
            if test.unique_id in manifest.nodes:  # dbt too names them alike; its hash
                test.unique_id += f".{test.test['hash']}"  # tells them apart
            while test.unique_id in manifest.nodes:
                test.unique_id += "_"
            manifest.add(test)
            manifest.order.append(test.unique_id)
    for test in manifest.of_kind("test"):
        finish_test(test, manifest, ctx)
    block_dependents(manifest)
    return manifest


def tests_of(node: Node, manifest: Manifest, ctx: CompileContext) -> list[Node]:
    """The test nodes of a node's YAML entries, in their order, named as written (the pass
    tells apart names that collide); the edit path builds an edited model's again."""
    if node.spec is None:
        return []
    return [test for column, entry in _entries(node)
            if (test := _test_node(node, column, entry, manifest, ctx)) is not None]


def finish_test(test: Node, manifest: Manifest, ctx: CompileContext) -> None:
    """Severity as dbt reads it, the verdict's SQL and, in a dbt project, the test's relation
    (every test, the singular ones too)."""
    with recorded(test, f"data test {test.name}"):
        test.config["severity"] = str(test.config.get("severity", "error")).lower()
        test.test = {**(test.test or {}),
                     "verdict": compile_verdict(test.config, ctx.read_dialect, ctx.dialect)}
        test.audit = _audit(test, manifest, ctx)


def _audit(test: Node, manifest: Manifest, ctx: CompileContext) -> Relation | None:
    """Where dbt puts the test's relation (its stored failures; its schema in `graph`): its
    `schema` config, dbt's default `dbt_test__audit`, through the project's
    generate_schema_name, and its alias through generate_alias_name, as dbt names every
    node; None in a datanet.yml project (its failures go to `<schema>_test_failures`)."""
    if not ctx.project.dbt_mode or ctx.naming is None:
        return None
    config = {**test.config, "schema": test.config.get("schema") or DBT_TEST_SCHEMA}
    return ctx.naming.relation(test.name, config, partial(node_view, test, manifest))


def tested_relation(node: Node, where: Any, ctx: CompileContext) -> exp.Expression:
    """What a generic test reads as its model: the relation, an ephemeral model's query in
    its place (dbt inlines it; it has no relation), filtered by the test's `where:` (dbt's
    get_where_subquery). Custom generic tests render `model` from this too."""
    relation: exp.Expression = node.relation.table()
    if node.kind == "model" and node.materialized == "ephemeral":
        relation = exp.Subquery(this=parse_sql(node.qualified_sql or "", node, ctx.read_dialect),
                                alias=exp.TableAlias(this=exp.to_identifier(node.name)))
    if where:
        condition = parse_condition(str(where), ctx.read_dialect, "where")
        relation = exp.Subquery(this=exp.select("*").from_(relation).where(condition),
                                alias=exp.TableAlias(this=exp.to_identifier("__dn_filtered")))
    return relation


def _entries(node: Node) -> list[tuple[str | None, Any]]:
    entries: list[tuple[str | None, Any]] = [(None, t) for t in
                                             list(node.spec.tests) + list(node.spec.data_tests)]
    for column in node.column_specs:
        entries += [(column.name, t) for t in list(column.tests) + list(column.data_tests)]
    return entries


def _where(node: Node) -> dict[str, Any]:
    """The YAML file and line that declared the node's tests (not its .sql file)."""
    return {"file": node.spec_path or node.path, "line": node.spec_line or node.line}


def _split(entry: Any) -> tuple[str, Any] | None:
    """(name, arguments) of `- unique`, `- accepted_values: {...}` or `- {test_name: ...}`;
    None when the entry is none of these. The arguments are as written (checked later)."""
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, dict) and len(entry) == 1:
        name, args = next(iter(entry.items()))
        return str(name), {} if args is None else args
    if isinstance(entry, dict) and "test_name" in entry:
        return str(entry["test_name"]), {k: v for k, v in entry.items() if k != "test_name"}
    return None


def _test_node(node: Node, column: str | None, entry: Any, manifest: Manifest,
               ctx: CompileContext) -> Node | None:
    """The test node of one YAML entry (None when `enabled: false`); what is wrong with the
    entry becomes the node's error."""
    split = _split(entry)
    name, written = split if split is not None else ("invalid_test", {})
    kind = name.split(".")[-1]
    raw = dict(written) if isinstance(written, dict) else {}
    nested = {key: raw.pop(key, None) for key in ("config", "arguments")}
    config = merge_config(tests_folder_config(ctx, _where(node)["file"]),
                          {k: v for k, v in raw.items() if k in _CONFIG_KEYS})
    merge_config(config, _mapping(nested["config"]))
    if config.get("enabled") is False:
        return None
    # dbt: a test takes its column's tags, and a source's test its source's and table's
    inherited = list(node.tags) if node.kind == "source" else []
    inherited += next((c.tags for c in node.column_specs if c.name == column), [])
    if inherited:
        merge_config(config, {"tags": list(dict.fromkeys(inherited))})
    args = {**_mapping(nested["arguments"]),
            **{k: v for k, v in raw.items() if k not in _CONFIG_KEYS}}
    test = _shell(node, column, name, config, args)
    test.package = package_name_at(ctx, _where(node)["file"])  # the YAML's, as in dbt
    with recorded(test, f"data test {test.name} on {node.name}"):
        if ctx.dbt_jinja is not None:
            render_config(ctx.dbt_jinja, test)
            if test.config.get("enabled") is False:  # `enabled: "{{ target.type in [...] }}"`
                return None
        if split is None:
            raise ConfigError(f"cannot read the test entry {entry!r}",
                              hint="write `- unique` or `- accepted_values: {values: [...]}`")
        for what, value in (("arguments of " + kind, written), *nested.items()):
            if value is not None and not isinstance(value, dict):
                raise ConfigError(f"the {what} must be a mapping, not {value!r}",
                                  hint=f"write `- {kind}: {{...}}`")
        if kind == "anomaly":  # learned from the run history, not a SQL query
            from datanet_sql.observe.anomaly_test import compile_anomaly_test

            compile_anomaly_test(test, node, column, args, config, manifest, ctx)
        elif has_test_macro(ctx.dbt_jinja, name):
            _build_custom(test, node, column, name, args, manifest, ctx)
        else:
            _build(test, node, column, kind, args, manifest, ctx)
    return test


def _build_custom(test: Node, node: Node, column: str | None, name: str, args: dict[str, Any],
                  manifest: Manifest, ctx: CompileContext) -> None:
    """A test macro's SQL (the project's or a package's `{% test %}`), with the node shape
    of the built-in tests, so the test config (where, severity, warn_if...) applies alike."""
    assert ctx.dbt_jinja is not None
    if node.error or node.blocked:  # blocked with it, as the built-in tests are
        return
    model = tested_relation(_compiled(node), test.config.get("where"), ctx)
    sql, refs = custom_test_sql(ctx.dbt_jinja, test, node, name, column, dict(args), model)
    introspective = test.unique_id in ctx.dbt_jinja.introspective
    if not sql.strip() and not introspective:
        raise ConfigError(f"the test macro of '{name}' rendered no SQL",
                          hint="a generic test's macro must render a query returning the "
                               "failing rows")
    if test.held_over or not sql.strip():
        # rendered as dbt parses it; the real query is rendered just before the test runs
        sql = exp.select("*").from_(model.copy()).where(exp.false()).sql(ctx.read_dialect)
    test.qualified_sql = sql
    for ref in refs:
        parent = manifest.find_model(ref)
        if parent is not None and parent.unique_id not in test.depends_on:
            test.depends_on.append(parent.unique_id)


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _shell(node: Node, column: str | None, written: str, config: dict[str, Any],
           args: dict[str, Any]) -> Node:
    """The test node before its SQL is built: dbt's name and id hash, place, config and
    what it tests. A name of 64 characters or more stores its failures under dbt's short
    alias of it."""
    namespace, _, kind = written.rpartition(".")
    kwargs = {**args, **({"column_name": column} if column is not None else {})}
    short, full = generic_test_names(kind, namespace or None, node.name.replace(".", "_"),
                                     node.kind == "source", kwargs)
    name = _sanitized(str(config["name"])) if config.get("name") else full
    where = _where(node)
    test = Node(f"test.{name}", name, "test", where["file"], where["line"],
                depends_on=[node.unique_id])
    test.config = dict(config)
    if not config.get("name") and short != full:
        test.config.setdefault("alias", short)
    source_name, _, table = node.name.partition(".")
    model = model_argument(node.spec.name if node.version is not None else node.name,
                           (source_name, table) if node.kind == "source" else None,
                           node.version)
    test.test = {"name": kind, "namespace": namespace or None, "attached_node": node.unique_id,
                 "column": column, "args": dict(args),
                 "hash": test_hash(name, namespace or None, kind, {**kwargs, "model": model})}
    return test


def _sanitized(name: str) -> str:
    """A test's name is a relation name too (--store-failures): word characters only."""
    return re.sub(r"\W+", "_", name).strip("_") or "test"


def _build(test: Node, node: Node, column: str | None, kind: str, args: dict[str, Any],
           manifest: Manifest, ctx: CompileContext) -> None:
    """Check the entry, then resolve what the test reads as plain data (names as the models
    spell them), from which its SQL is built, or found in the cache. A test of a node that
    did not compile is not built: it is blocked with it."""
    if ctx.dbt_jinja is not None:
        args = render_arguments(ctx.dbt_jinja, test, args)
    _check_arguments(kind, args)
    column_name = args.pop("column_name", None)
    tested = column if column is not None else column_name
    target = None if tested is None else _tested(node, tested)
    reads: dict[str, Any] = {}
    parent = None
    if kind == "unique_combination_of_columns":
        reads["columns"] = [_tested(node, c) for c in args["combination_of_columns"]]
    if kind == "relationships":
        parent = _parent(node, args, manifest)
        reads["to"] = _reading(parent)
        reads["field"] = ("column", _spelling(parent, str(args.get("field") or column or "")))
        test.depends_on.append(parent.unique_id)
    if any(n.error or n.blocked for n in (node, manifest.nodes.get(test.depends_on[-1]))):
        return
    test.qualified_sql, test.expression = _test_sql(node, kind, target, args, reads,
                                                    test.config, ctx, parent)


def _reading(node: Node) -> tuple[str, str | None]:
    """What a test reads of a node, as plain data for the cache key: its relation, and an
    ephemeral model's query (inlined in its place)."""
    ephemeral = node.kind == "model" and node.materialized == "ephemeral"
    return str(node.relation), node.qualified_sql if ephemeral else None


def _compiled(node: Node) -> Node:
    """The node, when it has a relation; one whose file did not render cannot be tested (its
    own error says why)."""
    if node.relation is None:
        raise ConfigError(f"{node.name} did not compile, so its tests cannot be built",
                          hint=f"fix the error reported for {node.name}")
    return node


def _check_arguments(kind: str, args: dict[str, Any]) -> None:
    """Unknown tests and arguments are errors with did-you-mean (a misspelt `valuez` would
    otherwise test nothing); required arguments must be there and have the right shape."""
    if kind not in BUILDERS:
        raise ConfigError(f"unknown test '{kind}'." + did_you_mean(kind, BUILDERS),
                          hint=f"generic tests: {', '.join(sorted(BUILDERS))}")
    allowed, required = ARGUMENTS[kind]
    unknown = sorted(set(args) - allowed - {"column_name"})
    if unknown:
        raise ConfigError(f"unknown argument '{unknown[0]}' of {kind}." +
                          did_you_mean(unknown[0], sorted(allowed | _CONFIG_KEYS)),
                          hint=f"{kind} takes: {', '.join(sorted(allowed)) or 'no arguments'}"
                               f"; test config: {', '.join(sorted(_CONFIG_KEYS))}")
    missing = sorted(required - set(args))
    if missing:
        raise ConfigError(f"{kind} needs `{missing[0]}:`",
                          hint=f"{kind} takes: {', '.join(sorted(allowed))}")
    for key in ("values", "combination_of_columns"):
        if key in args and not isinstance(args[key], list):
            raise ConfigError(f"`{key}:` of {kind} must be a list, not {args[key]!r}")
    for key in ("min", "max", "min_value", "max_value"):
        value = args.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ConfigError(f"`{key}:` of {kind} must be a number, not {value!r}")


# what a test reads: ("column", the name as its model spells it) or ("sql", an expression)
Read = tuple[str, str]


def _tested(node: Node, name: Any) -> Read:
    """A `column_name:` or combination entry: a column of the model (quoted when built), or
    else an SQL expression, as in dbt."""
    text = str(name)
    if node.column(text) is not None or re.fullmatch(r"\w+", text):
        return "column", _spelling(node, text)
    return "sql", text


def _spelling(node: Node, name: str) -> str:
    """The column as the node really spells it (`Upper` in YAML is the model's `upper`: quoting
    it as written would not match on Postgres); a column it lacks is an error."""
    if not node.columns:
        return name
    found = node.column(name)
    if found is None:
        raise ColumnNotFoundError(f"{node.name} has no column '{name}'." +
                                  did_you_mean(name, list(node.columns)), column=name,
                                  hint=f"columns of {node.name}: {', '.join(node.columns)}")
    return found.name


def _tree(read: Read, dialect: str) -> exp.Expression:
    kind, text = read
    return exp.column(text, quoted=True) if kind == "column" else \
        parse_condition(text, dialect, "column_name")


def _parent(node: Node, args: dict[str, Any], manifest: Manifest) -> Node:
    parent_id = parse_from(str(args.get("to", "")), node, manifest)
    parent = manifest.nodes.get(parent_id) or manifest.nodes.get(
        parent_id.replace("model.", "seed."))
    if parent is None:
        known = [n.name for n in manifest.nodes.values() if n.kind in ("model", "seed")]
        raise ReferenceNotFoundError(f"`to: {args.get('to')}` does not exist." +
                                     did_you_mean(parent_id.split(".")[-1], known))
    return parent


def _test_sql(node: Node, kind: str, target: Read | None, args: dict[str, Any],
              reads: dict[str, Any], config: dict[str, Any], ctx: CompileContext,
              parent: Node | None) -> tuple[str, exp.Expression | None]:
    """The test's query in the project's dialect, cached by what it is built from (plain data:
    building the trees of every test again took most of an unchanged recompile), and its tree
    when it was just built (so emit need not parse it back)."""
    key = digest(kind, target, args, reads, config.get("where"), _reading(node),
                 ctx.read_dialect)
    cache_id = f"{node.unique_id}|{kind}|{target}|{digest(args, config.get('where'))}"
    sql = ctx.cache.get("tests", cache_id, key)
    query = None
    if sql is None:
        dialect = ctx.read_dialect
        relation = tested_relation(node, config.get("where"), ctx)
        trees = {"_columns": [_tree(r, dialect) for r in reads.get("columns", [])]}
        if parent is not None:
            trees.update(_to_table=tested_relation(parent, None, ctx),
                         _field=_tree(reads["field"], dialect))
        query = BUILDERS[kind](relation, target and _tree(target, dialect), {**args, **trees},
                               dialect)
        sql = query.sql(dialect=dialect, copy=False)
        ctx.cache.put("tests", cache_id, key, sql)
    return sql, query
