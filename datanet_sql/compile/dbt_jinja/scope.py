"""One compile's dbt Jinja: the macro registry, the warehouse, and per render the globals
dbt gives a template (adapter, api, run_query, statement, load_result, graph, builtins, doc,
exceptions, return...) with the project's and packages' macros bound over them."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from functools import cached_property
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.compile.cache import digest
from datanet_sql.compile.dbt_jinja.adapter_macros import adapter_macros
from datanet_sql.compile.dbt_jinja.adapter_ns import DbtAdapter
from datanet_sql.compile.dbt_jinja.builtins import dbt_builtins
from datanet_sql.compile.dbt_jinja.discover import macro_packages
from datanet_sql.compile.dbt_jinja.duckdb_macros import duckdb_macros
from datanet_sql.compile.dbt_jinja.naming import naming_macros
from datanet_sql.compile.dbt_jinja.registry import BoundMacros, MacroRegistry, overridden
from datanet_sql.compile.dbt_jinja.relation import ColumnApi, DbtRelation, RelationApi
from datanet_sql.compile.dbt_jinja.run_values import (
    Watched,
    WatchedDict,
    is_string,
    run_started_at,
)
from datanet_sql.compile.dbt_jinja.runtime_config import RuntimeConfig, RuntimeRef, runtime_config
from datanet_sql.compile.dbt_jinja.template_errors import template_errors
from datanet_sql.compile.dbt_jinja.warehouse import Warehouse
from datanet_sql.compile.jinja_context import (
    REF_SCHEMA,
    THIS_SCHEMA,
    ModelContext,
    RenderRecord,
    relation_sql,
    target_database,
)
from datanet_sql.config.dbt_project import dispatch_order
from datanet_sql.config.sandbox import call_macro, new_template, render_limited, sandbox
from datanet_sql.errors import TemplateError, did_you_mean
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

if TYPE_CHECKING:
    import jinja2

    from datanet_sql.compile.context import CompileContext


def node_view(node: Node, manifest: Manifest, compiled: bool = False) -> dict[str, Any]:
    """A node as dbt's `model` / `graph.nodes[...]` show it to templates: its entry in dbt's
    manifest.json (`depends_on`, `refs`, `fqn`, `test_metadata`, dbt's ids), with the columns
    and `meta` the project wrote, as dbt's graph holds them (manifest.json adds datanet's
    typed output columns and `meta.datanet`). dbt's graph is made before any node compiles:
    its nodes carry no compiled code (elementary hashes them); a run result's node
    (`compiled`) does."""
    from datanet_sql.artifacts.dbt_manifest import dbt_constraint, node_entry

    entry = node_entry(node, manifest)
    if not compiled and "compiled_code" in entry:
        entry.update(compiled=False, compiled_code=None, compiled_path=None,
                     extra_ctes_injected=False)
    entry["meta"] = {k: v for k, v in entry["meta"].items() if k != "datanet"}
    entry["columns"] = {spec.name: {
        **(getattr(spec, "model_extra", None) or {}),  # a package's own keys, as dbt keeps them
        "name": spec.name, "description": getattr(spec, "description", None) or "",
        "meta": dict(getattr(spec, "meta", None) or {}),
        "data_type": getattr(spec, "data_type", None), "tags": list(getattr(spec, "tags", [])),
        "quote": getattr(spec, "quote", None), "granularity": getattr(spec, "granularity", None),
        "constraints": [dbt_constraint(c, column_level=True)
                        for c in getattr(spec, "constraints", [])]} for spec in node.column_specs}
    return entry


class DbtJinja:
    """Made once per render pass; `bind()` gives each render its dbt globals and macros.

    It holds the compile context only weakly: Jinja leaves reference cycles through every
    render's context, and an adapter reachable from them would outlive its command."""

    def __init__(self, ctx: CompileContext, manifest: Manifest, dialect: str,
                 dbt_mode: bool) -> None:
        packages, self.docs, self.warnings = macro_packages(ctx.project)
        self.packages = packages
        self.project = ctx.project.name
        self.dialect = dialect
        self.adapter_type = str(ctx.target["type"])
        # dbt-duckdb's folder of external models' files (resolved from the project's folder)
        self.root = str(ctx.project.root)
        self.external_root = str(ctx.target.get("external_root") or self.root)
        self._ctx = weakref.ref(ctx)
        self.invocation_id = ctx.invocation_id
        self.invocation = ctx.invocation
        self.per_command_used = False  # a render read the command's flags: no fast path
        self.graph_extras = ctx.graph_extras  # what templates keep in `graph` (_LazyGraph)
        self.run_started_at = run_started_at()
        self._target = dict(ctx.target)
        self._manifest = manifest
        self._dbt_mode = dbt_mode
        self._env: jinja2.Environment | None = None
        self._own_adapter: Adapter | None = None
        self._runtime: RuntimeConfig | None = None  # dbt's runtime config, on first use
        builtin = {**cross_database(dialect, self._evaluate),
                   **naming_macros(ctx.schema, target_database(ctx.target), dbt_mode),
                   **adapter_macros(dialect)}
        if self.adapter_type == "duckdb":
            builtin.update(duckdb_macros(lambda: self._manifest, self.adapter,
                                         self.external_root, self.root))
        self.registry = MacroRegistry(lambda: self.env, packages, dispatch_order(ctx.project.root),
                                      self.adapter_type, builtin)
        self.key = digest([(p.name, p.text) for p in packages], self.docs)
        self.messages: list[str] = []
        self.model_context: ModelContext | None = None  # set by the render pass
        # nodes whose render asked the warehouse -> their render (incremental variant or
        # not), done again just before they run
        self.introspective: dict[str, Callable[[bool], str]] = {}
        self.lock = threading.RLock()

    @property
    def env(self) -> jinja2.Environment:
        """Made on first use: a warm compile, or templates holding only ref()/source(),
        never need Jinja. A dbt project's templates print an undefined name as nothing, as
        dbt's do (packages rely on it); a datanet project's stop at it."""
        if self._env is None:
            import jinja2

            self._env = sandbox(undefined=jinja2.Undefined) if self._dbt_mode else sandbox()
            self._env.tests["string"] = is_string
        return self._env

    def adapter(self) -> Adapter:
        """The target's adapter for compile-time queries: the run's (or the mock warehouse's),
        or one opened for this compile (closed by `close()`)."""
        ctx = self._ctx()
        if ctx is not None and ctx.adapter is not None:
            return ctx.adapter
        if self._own_adapter is None:
            from datanet_sql.adapters.registry import adapter_for

            self._own_adapter = adapter_for(self._target["name"], self._target)
        return self._own_adapter

    def close(self) -> None:
        if self._own_adapter is not None:
            self._own_adapter.close()
            self._own_adapter = None

    @property
    def manifest(self) -> Manifest:
        return self._manifest

    def nodes(self) -> list[Node]:
        return list(self._manifest.nodes.values())

    def relation_of(self, name: str) -> Relation | None:
        """A model's or seed's relation (None when the project has no such model)."""
        node = self._manifest.find_model(name)
        return node.relation if node is not None else None

    def bind(self, context: dict[str, Any]) -> tuple[BoundMacros, Warehouse]:
        """Add dbt's globals and the macros to one render's context (in place)."""
        warehouse = Warehouse(self.adapter, self.dialect, self._real_sql, self.real_relation,
                              live=context.get("execute", True) is not False)
        adapter = DbtAdapter(warehouse, self.adapter_type, self.external_root)
        context.update(dbt_builtins(self.messages.append), adapter=adapter,
                       api={"Relation": RelationApi(self.dialect), "Column": ColumnApi},
                       run_query=warehouse.run_query, statement=warehouse.statement,
                       load_result=warehouse.load_result, store_result=warehouse.store_result,
                       load_relation=warehouse.load_relation, doc=self._doc,
                       graph=_LazyGraph(self._manifest, warehouse, self.graph_extras), project_name=self.project,
                       builtins={"ref": self._runtime_ref(context),
                                 "source": context.get("source"),
                                 "config": context.get("config")},
                       # dbt's `context`: this render's globals, where macros keep state for
                       # the render (dbt-unit-testing's test context, its cache)
                       context=context)
        def seen() -> None:  # the render used a value of the command (run_values.py)
            warehouse.introspective = True

        def command_seen() -> None:  # the render used the command's flags (invocation.py)
            warehouse.per_command = self.per_command_used = True

        context.update(run_started_at=Watched(self.run_started_at, seen),
                       invocation_id=Watched(self.invocation_id, seen),
                       flags=Watched(SimpleNamespace(**self.invocation.flags()), command_seen),
                       invocation_args_dict=WatchedDict(self.invocation.args_dict(),
                                                        command_seen),
                       # dbt's render(string): a string rendered in this render's context,
                       # inside its limits (armed by the render around it)
                       render=lambda text: new_template(self.env, str(text), "<render()>")
                       .render(context))
        bound = self.registry.bind(context)
        adapter.bound = bound
        for name, macro in self.registry.builtin.items():  # below everything the project has
            context.setdefault(name, macro)
        context.update(overridden(bound.namespaces, context))
        context.update(bound.root_macros)
        package = (context.get("model") or {}).get("package_name")
        if package != self.project and package in bound.namespaces:
            # a package's own node: its package's macros first, then the project's (as dbt)
            context.update(bound.namespaces[package].macros())
        return bound, warehouse

    def _runtime_ref(self, context: dict[str, Any]) -> RuntimeRef | None:
        """`builtins.ref`: the render's `ref` with dbt's runtime config (made once)."""
        ref = context.get("ref")
        if ref is None:
            return None
        if self._runtime is None:
            ctx = self._ctx()
            assert ctx is not None, "a render after its compile"
            self._runtime = runtime_config(ctx.project, self.invocation.args_dict())
        return RuntimeRef(ref, self._runtime)

    def render(self, text: str, context: dict[str, Any], node: Node,
               record: RenderRecord, overrides: dict[str, Any] | None = None) -> str:
        """A file's template rendered with dbt's globals and the macros; `record` says whether
        it asked the warehouse. `overrides` (a unit test's macros, vars) win over both, for
        the file and for the macros it calls."""
        with template_errors(node.path, node.name, self.registry):
            context.update(overrides or {})
            _, warehouse = self.bind(context)
            context.update(overrides or {})
            try:
                return render_limited(self.env, new_template(self.env, text, node.path), context)
            finally:
                record.introspective = record.introspective or warehouse.introspective
                record.per_command = record.per_command or warehouse.per_command
                record.missing = record.missing or warehouse.missing

    def render_node(self, node: Node, incremental: bool = False) -> str:
        """Render a node's file again (for a run: the warehouse as it is now)."""
        assert self.model_context is not None, "render_node after the render pass"
        record = RenderRecord()
        context = self.model_context.build(node.name, node.path, record, node.config,
                                           incremental, node.kind,
                                           node_view(node, self._manifest))
        with self.lock:  # the sandbox's limits are one budget: one render at a time
            return self.render(node.raw_text, context, node, record)

    def render_hook(self, node: Node, text: str, label: str) -> str:
        """One hook of `node` rendered again as it runs (its Jinja asked the warehouse)."""
        from datanet_sql.compile.hook_render import render_hook

        assert self.model_context is not None, "render_hook after the render pass"
        context = self.model_context.build(node.name, node.path, RenderRecord(), node.config,
                                           False, node.kind,
                                           node_view(node, self._manifest))
        with self.lock:
            self.bind(context)
            return render_hook(self.env, text, context, label, node)

    def run_materialization(self, node: Node, package: str, macro: str,
                            extras: dict[str, Any]) -> tuple[Any, Warehouse]:
        """Call a materialization block's macro for `node`, as dbt runs it: in the model's
        context with `this` its real relation (and dbt's `schema`, `database`), plus
        `extras` (`sql`, `run_hooks`, ...); its statements run on the target as they come.
        Returns what the block returned and the warehouse its statements went to
        (`load_result('main')`)."""
        assert self.model_context is not None, "run_materialization after the render pass"
        assert node.relation is not None
        context = self.model_context.build(node.name, node.path, RenderRecord(), node.config,
                                           False, node.kind,
                                           node_view(node, self._manifest, compiled=True))
        database = target_database(self._target)
        # dbt's `schema` and `database`: where the model is built
        context.update(extras, schema=node.relation.schema, database=database,
                       this=DbtRelation(node.relation.schema, node.relation.name, database,
                                        dialect=self.dialect))
        with self.lock, template_errors(node.path, node.name, self.registry):
            # one block at a time: the macros read their globals from one shared dict
            bound, warehouse = self.bind(context)
            warehouse.phase = "run-time"
            try:
                return call_macro(bound.namespaces[package][macro]), warehouse
            except Exception:  # noqa: BLE001 - re-raised with template lines, as render does
                self.env.handle_exception()

    def _doc(self, name: str) -> str:
        if name not in self.docs:
            raise TemplateError(f"doc('{name}') is not defined." + did_you_mean(name, self.docs),
                                hint="define it in a {% docs %} block of a .md file or macro")
        return self.docs[name]

    def _real_sql(self, sql: str) -> str:
        """Query text with each ref (and `this`) placeholder replaced by the model's real
        relation."""
        schemas = [schema for schema in (REF_SCHEMA, THIS_SCHEMA) if schema in sql]
        if not schemas:
            return sql
        for node in self.nodes():
            if node.relation is None or node.kind not in ("model", "seed"):
                continue
            for schema in schemas:
                placeholder = relation_sql(schema, node.name, self.dialect)
                if placeholder in sql:
                    sql = sql.replace(placeholder,
                                      node.relation.table().sql(dialect=self.dialect))
        return sql

    def _evaluate(self, query: str) -> object:
        """One value a cross-database macro needs at compile time (date_spine's number of
        intervals), asked of the target: its bounds may read the project's tables."""
        import sqlglot

        adapter = self.adapter()
        sql = sqlglot.transpile(self._real_sql(query), read=self.dialect,
                                write=adapter.dialect)[0]
        row = adapter.fetch_one(sql)
        return row[0] if row else None

    def real_relation(self, relation: DbtRelation) -> DbtRelation:
        """A relation as it is in the warehouse (a placeholder's real schema and name)."""
        if relation.placeholder is None:
            return relation
        real = self.relation_of(relation.identifier)
        return DbtRelation(real.schema if real else relation.schema,
                           real.name if real else relation.identifier, relation.database,
                           relation.type, self.dialect)


class _LazyGraph:
    """`graph.nodes` / `graph.sources`, built on first read. A render that reads them is
    rendered again when it runs (like one that asked the warehouse): at compile, nodes
    rendered after it do not know their parents yet, and the graph changes with any file.

    Read as a dict too (`graph.get('nodes')`, `graph['sources']`, `in`), as dbt's graph is
    one; other keys are the command's own (`extras`, shared by every render of the command,
    as dbt's one graph object is): packages keep caches there (elementary's
    `graph.setdefault('elementary', {})`)."""

    def __init__(self, manifest: Manifest, warehouse: Warehouse,
                 extras: dict[str, Any]) -> None:
        self._manifest = manifest
        self._warehouse = warehouse
        self._extras = extras

    def _sections(self) -> tuple[str, ...]:
        from datanet_sql.artifacts.dbt_resources import SECTION

        return ("nodes", "sources", *SECTION.values())

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key) if key in self._sections() else self._kept()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def setdefault(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._sections() else self._kept().setdefault(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._sections() or key in self._kept()

    def _kept(self) -> dict[str, Any]:
        """What the command's templates keep: a render that reads it is rendered again when
        it runs (an on-run-start hook fills it first, as in dbt)."""
        self._warehouse.introspective = True
        return self._extras

    def keys(self) -> list[str]:
        return [*self._sections(), *self._kept()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def items(self) -> list[tuple[str, Any]]:
        return [(key, self[key]) for key in self.keys()]

    @cached_property
    def nodes(self) -> dict[str, dict[str, Any]]:
        """Every node but sources, the on-run hooks too (dbt's `operation` nodes)."""
        return {**self._views(lambda kind: kind != "source"), **self._manifest.operations}

    @cached_property
    def sources(self) -> dict[str, dict[str, Any]]:
        return self._views(lambda kind: kind == "source")

    def __getattr__(self, section: str) -> dict[str, dict[str, Any]]:
        """`graph.exposures`, `.metrics`, `.semantic_models`, `.saved_queries`, `.groups`: as
        dbt's manifest holds them."""
        from datanet_sql.artifacts.dbt_resources import SECTION, dbt_resources

        if section not in SECTION.values():
            raise AttributeError(section)
        self._warehouse.introspective = True
        return dbt_resources(self._manifest)[section]

    def _views(self, wanted: Callable[[str], bool]) -> dict[str, dict[str, Any]]:
        self._warehouse.introspective = True
        views = [node_view(n, self._manifest) for n in list(self._manifest.nodes.values())
                 if wanted(n.kind)]
        return {v["unique_id"]: v for v in views}


def cross_database(dialect: str, evaluate: Callable[[str], object]
                   ) -> dict[str, Callable[..., Any]]:
    """dbt's cross-database macros (`dbt.dateadd`, ...): the `dbt` namespace, unqualified
    names, and the `default__` targets of `adapter.dispatch(name, 'dbt')`."""
    from datanet_sql.compile.dbt_crossdb import cross_database_macros

    macros = dict(cross_database_macros(dialect, evaluate))
    return {**macros, **{f"default__{name}": macro for name, macro in macros.items()}}
