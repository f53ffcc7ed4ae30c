"""render: Jinja in SQL models and singular tests -> SQL text, plus refs, sources and config.

Incremental models are rendered twice (first build, and `is_incremental()` true) so the runner
can pick the variant without re-entering the compiler. Results are cached by the file's text
and the project-wide render context.

Every template renders in the project sandbox (`config/sandbox.py`); an error names the file
and line it happened in, a macro file included (the macro files are compiled as one template,
whose lines are mapped back to their files).
"""

from __future__ import annotations

import re
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, Any

from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.jinja_context import ModelContext, RenderRecord, Target, relation_sql
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.passes.load import merge_config
from datanet_sql.compile.versions import versioned_models
from datanet_sql.config.model_config import NOT_RUN, config_key
from datanet_sql.config.project import ProjectFile
from datanet_sql.config.sandbox import new_template, render_limited, sandbox
from datanet_sql.config.unrun import not_run_warning
from datanet_sql.errors import DatanetError, TemplateError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

if TYPE_CHECKING:
    import jinja2


MACROS = "<macros>"  # the name of the one template all macro files are compiled into


def render(manifest: Manifest, ctx: CompileContext) -> Manifest:
    renderer = _Renderer(manifest, ctx)
    for node in list(manifest.of_kind("model", "test")):
        if node.is_declarative or node.kind == "test" and node.test.get("name") != "singular":
            continue
        with recorded(node):  # a template error stays with its model: the others go on
            renderer.render_node(node)
        if node.config.get("enabled") is False:  # dbt's `config(enabled=false)`: not built
            del manifest.nodes[node.unique_id]
    for node in list(manifest.of_kind("seed", "model")):
        if node.error is None:
            with recorded(node):
                renderer.render_hooks(node)
    return manifest


def operation_context(manifest: Manifest, ctx: CompileContext,
                      path: str) -> tuple[jinja2.Environment, dict[str, Any]]:
    """The Jinja environment and globals of a project-level template (on-run-start/end in
    `path`): the project's vars, target and macros, as a model sees them."""
    renderer = _Renderer(manifest, ctx)
    context = renderer.context.build(path, path, RenderRecord(), {}, False, "operation")
    renderer.add_macros(context)
    return renderer.env, context


class _Renderer:
    def __init__(self, manifest: Manifest, ctx: CompileContext) -> None:
        self.ctx = ctx
        self.manifest = manifest
        dialect = ctx.read_dialect
        sources = {tuple(n.name.split(".", 1)): relation_sql(n.relation.schema, n.relation.name,
                                                             dialect)
                   for n in manifest.of_kind("source")}
        target = Target(ctx.target["name"], ctx.schema, ctx.target["type"],
                        ctx.target.get("dbname"))
        versions = versioned_models(manifest)
        self.context = ModelContext(dialect=dialect, vars=ctx.project.vars, sources=sources,
                                    target=target, versions=versions)
        self._env: jinja2.Environment | None = None
        self.macro_text = "\n".join(m.text for m in ctx.project.macros)
        self.macro_lines = _macro_lines(ctx.project.macros)
        self._macro_template: jinja2.Template | None = None
        self.context_key = digest(ctx.project.vars, self.macro_text, sorted(sources.items()),
                                  ctx.target["name"], ctx.schema, ctx.target["type"],
                                  sorted(versions.items()))

    @property
    def env(self) -> jinja2.Environment:
        """Made on first use: a warm compile, or templates holding only ref()/source(),
        never need Jinja."""
        if self._env is None:
            self._env = sandbox()  # Jinja is imported only now: a warm compile never needs it
        return self._env

    def render_node(self, node: Node) -> None:
        key = digest(node.raw_text, self.context_key, node.config)
        cached = self.ctx.cache.get("render", node.unique_id, key)
        if cached is None:
            cached = self._render(node)
            self.ctx.cache.put("render", node.unique_id, key, cached)
            self.ctx.stats["rendered"] += 1
        sql, incremental_sql, record = cached
        node.rendered_sql = sql
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
            from datanet_sql.adapters.base import Relation

            node.relation = Relation(str(node.config.get("alias") or node.name),
                                     str(node.config.get("schema") or self.ctx.schema))

    def render_hooks(self, node: Node) -> None:
        """The node's pre/post hooks and sql_header, rendered in its context (see
        `compile/hook_render.py`)."""
        from datanet_sql.compile.hook_render import has_hooks, render_node_hooks

        if not has_hooks(node):
            return
        context = self.context.build(node.name, node.path, RenderRecord(), node.config, False,
                                     node.kind)
        self.add_macros(context)
        node.hooks = render_node_hooks(node, self.env, context, self.context.dialect,
                                       self.context.target.database)

    def add_macros(self, context: dict[str, Any]) -> None:
        """Put the project's macros (bound to `context`) into `context`."""
        if not self.macro_text:
            return
        if self._macro_template is None:  # compiled once, not once per model
            self._macro_template = new_template(self.env, self.macro_text, MACROS)
        try:
            macros = self._macro_template.make_module(vars=context)
        except Exception:  # noqa: BLE001 - re-raised with template lines, as render does
            self.env.handle_exception()
        context.update({k: getattr(macros, k) for k in dir(macros) if not k.startswith("_")})

    def _warn_not_run(self, node: Node, config: dict[str, Any]) -> None:
        """`{{ config(post_hook=...) }}`: accepted, not run yet; said once per file and key."""
        for key in config:
            warning = not_run_warning(node.path, key)
            if config_key(key) in NOT_RUN and warning not in self.manifest.warnings:
                self.manifest.warnings.append(warning)

    def _render(self, node: Node) -> tuple[str, str | None, RenderRecord]:
        record = RenderRecord()
        sql = self._render_variant(node, record, incremental=False)
        incremental_sql = None
        if node.config.get("materialized") == "incremental" or \
                record.config.get("materialized") == "incremental":
            incremental_sql = self._render_variant(node, RenderRecord(), incremental=True)
        return sql, incremental_sql, record

    def _render_variant(self, node: Node, record: RenderRecord, incremental: bool) -> str:
        text = node.raw_text
        if "{" not in text:
            return text
        context = self.context.build(node.name, node.path, record, node.config, incremental,
                                     node.kind)
        static = _render_static(text, context, node)
        if static is not None:
            return static
        import jinja2
        from jinja2.sandbox import SecurityError

        try:
            self.add_macros(context)
            return render_limited(self.env, new_template(self.env, text, node.path), context)
        except DatanetError as err:
            if err.line is None:
                err.file, err.line = self._where(_template_frame(err, node.path), node)
            err.model = err.model or node.name
            raise
        except jinja2.TemplateSyntaxError as err:
            file, line = self._where((err.filename or node.path, err.lineno), node)
            raise TemplateError(f"Jinja syntax error: {err.message}", file=file, line=line,
                                model=node.name) from None
        except SecurityError as err:
            file, line = self._where(_template_frame(err, node.path), node)
            raise TemplateError(f"refused: {err}", file=file, line=line, model=node.name,
                                hint="templates may use ref, source, var, env_var, config, "
                                     "this, target, is_incremental and macros; not Python "
                                     "internals") from None
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError,
                OverflowError, RecursionError) as err:  # RecursionError: in a macro file's body
            file, line = self._where(_template_frame(err, node.path), node)
            if isinstance(err, RecursionError):
                raise TemplateError("the template nests too deeply (a loop or macro calling "
                                    "itself?)", file=file, line=line, model=node.name) from None
            raise TemplateError(f"Jinja error: {err}", file=file, line=line, model=node.name,
                                hint="check the names used in {{ }} and {% %}") from None

    def _where(self, frame: tuple[str, int | None], node: Node) -> tuple[str, int | None]:
        """(file, line) of a template frame, a line of the macro template mapped to its file."""
        name, line = frame
        if name != MACROS or line is None:
            return node.path if name == MACROS else name, line
        for path, first in reversed(self.macro_lines):
            if line >= first:
                return path, line - first + 1
        return node.path, None


def _macro_lines(macros: list[ProjectFile]) -> list[tuple[str, int]]:
    """Where each macro file starts in the joined macro template: (path, first line)."""
    starts: list[tuple[str, int]] = []
    line = 1
    for macro in macros:
        starts.append((macro.path, line))
        line += macro.text.count("\n") + 1
    return starts


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


def _template_frame(err: BaseException, path: str) -> tuple[str, int | None]:
    """(template name, line) of the innermost template frame of the error, or of the error it
    replaced (a RecursionError turned into a limit error); (path, None) when there is none."""
    for error in (err, err.__context__):
        tb: TracebackType | None = error.__traceback__ if error is not None else None
        frames = traceback.extract_tb(tb) if tb is not None else []
        for frame in reversed(frames):
            if frame.filename in (path, MACROS):
                return frame.filename, frame.lineno
    return path, None


def _unique(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))
