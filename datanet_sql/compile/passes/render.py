"""render: Jinja in SQL models and singular tests -> SQL text, plus refs, sources and config.

Incremental models are rendered twice (first build, and `is_incremental()` true) so the runner
can pick the variant without re-entering the compiler. Results are cached by the file's text
and the project-wide render context.
"""

from __future__ import annotations

import re
import traceback
from typing import TYPE_CHECKING, Any

from datanet_sql.compile.cache import digest
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.jinja_context import ModelContext, RenderRecord, Target, relation_sql
from datanet_sql.compile.passes.load import merge_config
from datanet_sql.errors import DatanetError, TemplateError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

if TYPE_CHECKING:
    import jinja2


def render(manifest: Manifest, ctx: CompileContext) -> Manifest:
    renderer = _Renderer(manifest, ctx)
    for node in list(manifest.of_kind("model", "test")):
        if node.is_declarative or node.kind == "test" and node.test.get("name") != "singular":
            continue
        renderer.render_node(node)
    return manifest


class _Renderer:
    def __init__(self, manifest: Manifest, ctx: CompileContext) -> None:
        self.ctx = ctx
        dialect = ctx.read_dialect
        sources = {tuple(n.name.split(".", 1)): relation_sql(n.relation.schema, n.relation.name,
                                                             dialect)
                   for n in manifest.of_kind("source")}
        target = Target(ctx.target["name"], ctx.schema, ctx.target["type"],
                        ctx.target.get("dbname"))
        self.context = ModelContext(dialect=dialect, vars=ctx.project.vars, sources=sources,
                                    target=target)
        self._env: jinja2.Environment | None = None
        self.macro_text = "\n".join(m.text for m in ctx.project.macros)
        self._macro_template: jinja2.Template | None = None
        self.context_key = digest(ctx.project.vars, self.macro_text, sorted(sources.items()),
                                  ctx.target["name"], ctx.schema, ctx.target["type"])

    @property
    def env(self) -> jinja2.Environment:
        """Made on first use: a warm compile, or templates holding only ref()/source(),
        never need Jinja."""
        if self._env is None:
            import jinja2  # only when a template needs it: a warm compile never does

            self._env = jinja2.Environment(undefined=jinja2.StrictUndefined,
                                           keep_trailing_newline=True,
                                           extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
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
        context = self.context.build(node.name, node.path, record, node.config, incremental)
        static = _render_static(text, context, node)
        if static is not None:
            return static
        import jinja2

        try:
            if self.macro_text:
                if self._macro_template is None:  # compiled once, not once per model
                    self._macro_template = self.env.from_string(self.macro_text)
                macros = self._macro_template.make_module(vars=context)
                context.update({k: getattr(macros, k) for k in dir(macros)
                                if not k.startswith("_")})
            return self.env.from_string(text).render(context)
        except DatanetError as err:
            err.line = err.line or _template_line()
            raise
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(f"Jinja syntax error: {err.message}", file=node.path,
                                line=err.lineno, model=node.name) from None
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as err:
            raise TemplateError(f"Jinja error: {err}", file=node.path, line=_template_line(),
                                model=node.name,
                                hint="check the names used in {{ }} and {% %}") from None


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


def _template_line() -> int | None:
    """The template line being rendered when the current exception was raised."""
    import sys

    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename == "<template>":
            return frame.lineno
    return None


def _unique(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))
