"""render: Jinja in SQL models and singular tests -> SQL text, plus refs, sources and config.

Incremental models are rendered twice (first build, and `is_incremental()` true) so the runner
can pick the variant without re-entering the compiler. Results are cached by the file's text
and the project-wide render context.

Every template renders in the project sandbox (`config/sandbox.py`) with dbt's Jinja namespace
(`compile/dbt_jinja/`): the project's and packages' macros, adapter.dispatch, compile-time
queries. An error names the file and line it happened in, a macro file included (each
package's macro files are compiled as one template, whose lines are mapped back to their
files). A render that queried the warehouse is not cached: its text depends on the data; one
that read environment variables is rendered again once one of them changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from datanet_sql.artifacts.dbt_operations import operation_entries
from datanet_sql.artifacts.ids import database_of
from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.dbt_jinja.materializations import find_materialization, is_custom
from datanet_sql.compile.dbt_jinja.naming import Naming, unquoted_folding
from datanet_sql.compile.dbt_jinja.registry import BoundMacros
from datanet_sql.compile.dbt_jinja.relation import DbtRelation
from datanet_sql.compile.dbt_jinja.scope import DbtJinja, node_view
from datanet_sql.compile.dbt_jinja.template_errors import template_errors
from datanet_sql.compile.dbt_jinja.test_macros import (
    render_config,
    render_descriptions,
    render_relation,
    render_vars,
)
from datanet_sql.compile.held_over import HELD_OVER_MISSING, held_over_failure, held_over_unparsed
from datanet_sql.compile.jinja_context import (
    ModelContext,
    RenderRecord,
    Target,
    relation_sql,
    target_database,
)
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.passes.load import merge_config
from datanet_sql.compile.passes.parse import parse_sql
from datanet_sql.compile.snapshots import snapshot_relation
from datanet_sql.compile.versions import versioned_models
from datanet_sql.config.model_config import (
    CHOICES,
    NOT_RUN,
    OPEN_CHOICES,
    check_config,
    config_key,
    custom_key_warning,
    has_jinja,
    known_config_keys,
    open_choice_warning,
)
from datanet_sql.config.sandbox import call_macro
from datanet_sql.config.targets import env_unchanged
from datanet_sql.config.unrun import not_run_warning
from datanet_sql.errors import DatanetError, SqlSyntaxError
from datanet_sql.project.macros import macro_definitions
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

if TYPE_CHECKING:
    import jinja2


def render(manifest: Manifest, ctx: CompileContext) -> Manifest:
    renderer = _Renderer(manifest, ctx)
    manifest.macros = macro_definitions(renderer.dbt.packages)
    try:
        manifest.operations = operation_entries(ctx, renderer.naming.relation, manifest.macros,
                                                database_of(ctx.target))
        for seed in manifest.of_kind("seed"):
            with recorded(seed):
                seed.relation = renderer.naming.relation(seed.name, seed.config,
                                                         partial(node_view, seed, manifest))
        for node in list(manifest.of_kind("model", "test", "snapshot", "analysis")):
            if node.is_declarative or node.kind == "test" and node.test.get("name") != "singular" \
                    or node.is_python:  # a Python model: its parents are read at load
                continue
            with recorded(node):  # a template error stays with its model: the others go on
                renderer.render_node(node)
            if node.config.get("enabled") is False:  # dbt's `config(enabled=false)`: not built
                del manifest.nodes[node.unique_id]
        renderer.render_stale()
        for node in list(manifest.of_kind("seed", "model")):
            if node.error is None:
                with recorded(node):
                    renderer.render_hooks(node)
    finally:
        _close(renderer, manifest, ctx)
    return manifest


def render_edited(manifest: Manifest, ctx: CompileContext, nodes: list[Node]) -> bool:
    """Render only `nodes` as the pass would (the edit path, compile/edit_compile.py: every
    other node keeps what the last compile rendered); False when one's template saw a model
    elsewhere than where it is built, which the pass would render again after its parents."""
    renderer = _Renderer(manifest, ctx)
    try:
        for node in nodes:
            with recorded(node):
                renderer.render_node(node)
            if node.error is None:
                with recorded(node):
                    renderer.render_hooks(node)
    finally:
        _close(renderer, manifest, ctx)
    return all(renderer.context.resolved(name) == seen for record in renderer.records.values()
               for name, seen in record.relations.items())


def _close(renderer: _Renderer, manifest: Manifest, ctx: CompileContext) -> None:
    """The render's dbt namespace closed, its warnings and log lines kept on the manifest
    (once each), and the namespace left on `ctx`: custom generic tests render their macros
    with it."""
    renderer.dbt.close()
    manifest.warnings += [w for w in renderer.dbt.warnings + renderer.dbt.messages
                          if w not in manifest.warnings]
    ctx.dbt_jinja = renderer.dbt
    ctx.naming = renderer.naming


def operation_context(manifest: Manifest, ctx: CompileContext, path: str,
                      node: dict[str, Any] | None = None, extra: dict[str, Any] | None = None
                      ) -> tuple[jinja2.Environment, dict[str, Any]]:
    """The Jinja environment and globals of a project-level template (on-run-start/end in
    `path`): the project's vars, target and macros, as a model sees them; `node` is the
    template's `model` (a package's hook: its package's vars and macros first); `extra`
    globals (dbt's `results`, `schemas`) are seen by the macros too."""
    renderer = _Renderer(manifest, ctx)
    context = renderer.context.build(path, path, RenderRecord(), {}, False, "operation", node)
    context.update(extra or {})
    renderer.dbt.bind(context)
    return renderer.env, context


def render_with(node: Node, manifest: Manifest, ctx: CompileContext, *, incremental: bool,
                vars: dict[str, Any], globals_: dict[str, Any]) -> str:
    """The node's SQL rendered again, uncached, with more `vars` and some Jinja globals
    replaced (a unit test's `overrides:` of vars, env_vars and macros), `is_incremental()`
    answering `incremental`."""
    renderer = _Renderer(manifest, ctx, globals_)
    renderer.context.vars = {**renderer.context.vars, **vars}
    renderer.context.package_vars = {name: {**known, **vars} for name, known in
                                     renderer.context.package_vars.items()}
    try:
        return renderer._render_variant(node, RenderRecord(), incremental)
    finally:
        renderer.dbt.close()


class _Renderer:
    def __init__(self, manifest: Manifest, ctx: CompileContext,
                 overrides: dict[str, Any] | None = None) -> None:
        self.ctx = ctx
        self.manifest = manifest
        self.overrides = overrides or {}
        dialect = ctx.read_dialect
        target = Target(ctx.target["name"], ctx.schema, ctx.target["type"],
                        target_database(ctx.target), int(ctx.target.get("threads") or 1),
                        ctx.project.spec.profile or ctx.project.name, ctx.target.get("user"),
                        ctx.target.get("host"), ctx.target.get("port"))
        versions = versioned_models(manifest)
        self.dbt_mode = ctx.project.dbt_mode
        self.dbt = DbtJinja(ctx, manifest, dialect, self.dbt_mode)
        self.context = ModelContext(dialect=dialect, vars=ctx.project.vars, sources={},
                                    target=target, versions=versions,
                                    relation_of=self.dbt.relation_of,
                                    custom_config=self.dbt_mode)
        self.dbt.model_context = self.context
        for source in manifest.of_kind("source"):
            with recorded(source):
                render_relation(self.dbt, source)
        for node in manifest.nodes.values():
            with recorded(node):
                render_descriptions(self.dbt, node)
        sources = {tuple(n.name.split(".", 1)): relation_sql(n.relation.schema, n.relation.name,
                                                             dialect)
                   for n in manifest.of_kind("source")}
        self.context.sources = sources
        self._render_vars(ctx)
        self.naming = Naming(_naming_macros(self.dbt, self.context, ctx.project.name), any(
            self.dbt.registry.defines(f"generate_{what}_name") for what in ("schema", "alias")),
            ctx.schema, self.dbt_mode,
            unquoted_folding(ctx.project.spec.quoting, str(ctx.target.get("type", ""))))
        self.keys: dict[str, str] = {}  # each node's cache key, from its config as loaded
        self.records: dict[str, RenderRecord] = {}  # what each node's render recorded
        self.context_key = digest(self.context.vars, self.context.package_vars, self.dbt.key,
                                  sorted(sources.items()),
                                  ctx.target["name"], ctx.schema, ctx.target["type"],
                                  sorted(versions.items()))

    @property
    def env(self) -> jinja2.Environment:
        return self.dbt.env

    def render_node(self, node: Node, fresh: bool = False) -> None:
        """Render one node (from the cache unless `fresh`) and take in what it recorded."""
        if node.kind in ("model", "snapshot", "analysis") and node.unique_id not in self.keys:
            self._render_config(node)
        key = self.keys.setdefault(node.unique_id,
                                   digest(node.raw_text, self.context_key, node.config))
        cached = None if fresh else self.ctx.cache.get("render", node.unique_id, key)
        if cached is not None and not env_unchanged(cached[2].env):
            cached = None
        if cached is None:
            cached = self._render(node)
            if cached[2].introspective:
                # rendered again when it runs
                self.dbt.introspective[node.unique_id] = partial(self.dbt.render_node, node)
            elif not cached[2].per_command:  # what the command's flags say is its own
                self.ctx.cache.put("render", node.unique_id, key, cached)
            self.ctx.stats["rendered"] += 1
        sql, incremental_sql, record = cached
        self.records[node.unique_id] = record
        node.rendered_sql = sql
        node.held_over = record.held_over
        self._warn_not_run(node, record.config)
        merge_config(node.config, record.config)
        if node.materialized == "incremental":
            node.rendered_incremental_sql = incremental_sql
        node.depends_on = _unique([f"model.{r}" for r in record.refs] +
                                  [f"source.{s}.{t}" for s, t in record.sources])
        node.test = node.test or None
        if node.kind == "test":
            node.config.setdefault("severity", "error")
        if node.kind == "model":
            node.relation = self.naming.relation(node.name, node.config,
                                                 partial(node_view, node, self.manifest))
            if node.materialized == "external" and not node.config.get("location"):
                self._external_location(node)
            elif self.dbt_mode and is_custom(node.materialized):
                find_materialization(self.dbt.packages, node.materialized,
                                     self.dbt.adapter_type, node.path, node.name)

        elif node.kind == "snapshot":
            node.relation = snapshot_relation(node, self.naming.relation(
                node.name, node.config, partial(node_view, node, self.manifest)))

    def render_stale(self) -> None:
        """Render again each node whose template saw a ref'd model elsewhere than where it is
        built: its parent rendered after it (a custom schema is known once the parent's
        `config()` ran), or a cached render from before a parent's schema or alias changed
        (the cache key holds the node's own text and config, not its parents')."""
        for uid, record in list(self.records.items()):
            node = self.manifest.nodes.get(uid)
            if node is None or node.error is not None:
                continue
            if any(self.context.resolved(name) != seen for name, seen in record.relations.items()):
                with recorded(node):
                    self.render_node(node, fresh=True)

    def render_hooks(self, node: Node) -> None:
        """The node's pre/post hooks and sql_header, rendered in its context (see
        `compile/hook_render.py`)."""
        from datanet_sql.compile.hook_render import has_hooks, render_node_hooks

        if not has_hooks(node):
            return
        context = self.context.build(node.name, node.path, RenderRecord(), node.config, False,
                                     node.kind, node_view(node, self.manifest))
        _, warehouse = self.dbt.bind(context)
        node.hooks = render_node_hooks(node, self.env, context, self.context.dialect,
                                       self.context.target.database, warehouse,
                                       partial(partial, self.dbt.render_hook, node))

    def _render_vars(self, ctx: CompileContext) -> None:
        """dbt renders a var's Jinja where var() reads it: here once per project and package,
        keeping what each read (its refs become dependencies of the nodes reading it)."""
        records = self.context.var_records
        if self.dbt_mode:
            read: dict[str, RenderRecord] = {}
            self.context.vars = render_vars(self.dbt, ctx.project.vars,
                                            ctx.project.config_file, read)
            records.update({(None, key): record for key, record in read.items()})
        for package in ctx.project.packages:
            read = {}
            self.context.package_vars[package.name] = {
                **render_vars(self.dbt, package.vars, f"{package.folder}/dbt_project.yml",
                              read),
                **render_vars(self.dbt, ctx.project.package_vars.get(package.name, {}),
                              ctx.project.config_file, read)}
            records.update({(package.name, key): record for key, record in read.items()})

    def _external_location(self, node: Node) -> None:
        """A project's own `external_location(relation, config)` macro names the file of an
        external model without `location:`, as dbt-duckdb's materialization asks it (the
        built-in default is the materialization's own: `<external_root>/<alias>.<format>`)."""
        if not self.dbt.registry.defines("external_location"):
            return
        context = self.context.build(node.name, node.path, RenderRecord(), node.config, False,
                                     node.kind, node_view(node, self.manifest))
        bound, _ = self.dbt.bind(context)
        macro = bound.root_macros.get("external_location")
        if macro is None or node.relation is None:
            return
        relation = DbtRelation(node.relation.schema or "", node.relation.name,
                               self.context.target.database, dialect=self.context.dialect)
        with template_errors(node.path, node.name, self.dbt.registry):
            location = str(call_macro(macro, relation, context["config"])).strip()
        node.config["location"] = location

    def _render_config(self, node: Node) -> None:
        """Jinja in the folder or YAML config of a model (`+materialized: "{{ 'ephemeral' if
        target.name == 'trino' else 'table' }}"`), rendered as dbt renders it, then checked as
        a written value is (the load pass left it unchecked)."""
        jinja = {k: v for k, v in node.config.items() if has_jinja(v)}
        if not jinja:
            return
        render_config(self.dbt, node)
        self.manifest.warnings += check_config({k: node.config[k] for k in jinja},
                                               file=node.path, model=node.name, kind=node.kind,
                                               custom=self.dbt_mode)

    def _warn_not_run(self, node: Node, config: dict[str, Any]) -> None:
        """`{{ config(post_hook=...) }}`: accepted, not run yet, or a dbt project's own key
        (kept without effect); said once per file and key."""
        known = known_config_keys(node.kind)
        for key, value in config.items():
            if config_key(key) in NOT_RUN:
                warning = not_run_warning(node.path, key)
            elif config_key(key) in OPEN_CHOICES and value not in CHOICES[config_key(key)]:
                warning = open_choice_warning(config_key(key), value, node.path)
            elif config_key(key) not in known:
                warning = custom_key_warning(key, node.kind, node.path)
            else:
                continue
            if warning not in self.manifest.warnings:
                self.manifest.warnings.append(warning)

    def _render(self, node: Node) -> tuple[str, str | None, RenderRecord]:
        record = RenderRecord()
        sql = self._render_variant(node, record, incremental=False)
        incremental_sql = None
        if node.config.get("materialized") == "incremental" or \
                record.config.get("materialized") == "incremental":
            incremental_sql = self._render_variant(node, RenderRecord(), incremental=True)
        if record.read_config and node.kind in ("model", "test", "snapshot"):
            self._add_parse_refs(node, record)
        return sql, incremental_sql, record

    def _add_parse_refs(self, node: Node, record: RenderRecord) -> None:
        """The refs and sources dbt's parse records: a template that read its config may call
        `ref()` only while dbt parses it, when `config.get` answers '' and `execute` is false
        (dbt-unit-testing's `ref` override refs the tested model only then, which is how its
        tests depend on it). Such a render that fails keeps what the real one recorded: dbt's
        parse would have failed, and datanet's compile did not."""
        parsed = RenderRecord()
        context = self.context.build(node.name, node.path, parsed, node.config, False,
                                     node.kind, node_view(node, self.manifest))
        context["execute"] = False
        context["config"].as_parsed = True
        try:
            self.dbt.render(node.raw_text, context, node, parsed, self.overrides)
        except DatanetError:
            return
        record.refs += [ref for ref in parsed.refs if ref not in record.refs]
        record.sources += [src for src in parsed.sources if src not in record.sources]

    def _render_variant(self, node: Node, record: RenderRecord, incremental: bool) -> str:
        text = node.raw_text
        if "{" not in text:
            return text
        context = self.context.build(node.name, node.path, record, node.config, incremental,
                                     node.kind, node_view(node, self.manifest))
        static = _render_static(text, context, node)
        if static is not None:
            return static
        try:
            sql = self.dbt.render(text, context, node, record, self.overrides)
            record.held_over = HELD_OVER_MISSING if record.missing else \
                self._not_a_query_yet(node, sql, record)
            if record.held_over is None:
                return sql
        except DatanetError as err:
            if not record.introspective:
                raise
            record.held_over = held_over_failure(err)
        # what the query asked about (missing, or failing) may be built by a run before this
        # node, which is rendered again then (`compile/held_over.py`); for now it renders as
        # dbt parses it (`execute` false), for its refs and config
        context = self.context.build(node.name, node.path, RenderRecord(), node.config,
                                     incremental, node.kind,
                                     node_view(node, self.manifest))
        context["execute"] = False
        return self.dbt.render(text, context, node, record, self.overrides)


    def _not_a_query_yet(self, node: Node, sql: str, record: RenderRecord) -> str | None:
        """Why a model whose Jinja asked the warehouse renders to no query now, or None: its
        answer may change once the run has built what the model reads (on a fresh schema
        dbt_utils' `get_relations_by_pattern` finds no tables and `union_relations` of none
        is no SELECT), and dbt renders the model only then; it is rendered again at run."""
        if not record.introspective or node.kind != "model" or node.is_python:
            return None
        try:
            parse_sql(sql, node, self.ctx.read_dialect)
        except SqlSyntaxError as err:
            return held_over_unparsed(err)
        return None


def _naming_macros(dbt: DbtJinja, context: ModelContext, project: str
                   ) -> Callable[[], BoundMacros]:
    """The macros bound with the project's context, for the naming macros (a function of
    its own: a method would tie the renderer, and the compile context, into a cycle)."""
    return lambda: dbt.bind(context.build("generate_schema_name", project, RenderRecord(), {},
                                          False))[0]


_STATIC_CALL = re.compile(r"""\{\{\s*(ref|source)\(\s*(['"])(\w+)\2\s*"""
                          r"""(?:,\s*(['"])(\w+)\4\s*)?\)\s*\}\}""")


def _render_static(text: str, context: dict[str, Any], node: Node) -> str | None:
    """The common template with nothing but `{{ ref('m') }}` / `{{ source('s', 't') }}` calls,
    filled in without compiling it with Jinja (like dbt's static parser); None otherwise.

    Compiling a template costs a few milliseconds, the largest part of a cold compile."""
    if "{%" in text or "{#" in text:
        return None
    calls = list(_STATIC_CALL.finditer(text))
    if len(calls) != text.count("{{"):
        return None
    parts: list[str] = []
    end = 0
    for call in calls:
        func, first, second = call.group(1), call.group(3), call.group(5)
        args = [first] if second is None else [first, second]
        if func == "source" and second is None:
            return None  # let Jinja report the wrong call
        try:
            value = context[func](*args)
        except DatanetError as err:
            err.line = err.line or text.count("\n", 0, call.start()) + 1
            raise
        parts += [text[end:call.start()], str(value)]
        end = call.end()
    return "".join(parts) + text[end:]


def _unique(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))
