"""Render hooks: a node's pre_hook / post_hook / sql_header, and the project's on-run hooks.

Hooks are Jinja templates rendered in the context of what they run for: a model's hooks see
the model's context (ref, var, macros, target) with `this` the model's own relation, so
`grant select on {{ this }}` names the table being built; on-run hooks see the project's
context plus `schemas` and, at the end, `results` (as dbt gives them). The render pass hands
in the context; nothing here knows how that context is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.dbt_jinja.relation import DbtRelation
from datanet_sql.config.sandbox import new_template, render_limited
from datanet_sql.errors import ConfigError, DatanetError, TemplateError
from datanet_sql.project.hooks import HOOK_KEYS, Hook, as_list, raw_hooks
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

if TYPE_CHECKING:
    import jinja2

    from datanet_sql.compile.dbt_jinja.warehouse import Warehouse


def has_hooks(node: Node) -> bool:
    return any(node.config.get(key) for key in (*HOOK_KEYS, "sql_header"))


def render_node_hooks(node: Node, env: jinja2.Environment, context: dict[str, Any],
                      dialect: str, database: str | None = None,
                      warehouse: Warehouse | None = None,
                      at_run: Callable[[str, str], Callable[[], str]] | None = None
                      ) -> list[Hook]:
    """Every hook of `node` rendered with `context` (the node's own render context), `this`
    being the node's relation; a template error names the hook and the file.

    `warehouse` is the one `context` is bound to: its statements wait for the run, and a
    hook that asked it anything gets `at_run(template, label)`, which renders it again when
    it runs (as dbt renders hooks then)."""
    if node.relation is not None and isinstance(context.get("this"), str):
        # a model's `this` prints a placeholder the compiler resolves in SQL it parses; hook
        # SQL is not parsed, so it gets the relation itself (a richer `this` is kept: its
        # placeholder is resolved when the hook runs)
        context = {**context, "this": DbtRelation(node.relation.schema or "", node.relation.name,
                                                  database, dialect=dialect)}
    hooks: list[Hook] = []
    if warehouse is not None:
        warehouse.defer_writes = True
    for kind in HOOK_KEYS:
        for index, (sql, transaction) in enumerate(
                raw_hooks(node.config, kind, file=node.path, model=node.name), start=1):
            label = f"{kind} {index}"
            if warehouse is not None:
                warehouse.introspective = False
            try:
                text = render_hook(env, sql, context, label, node)
            except TemplateError:
                if at_run is None or not _asked(warehouse):
                    raise
                text = ""  # it asked about what this run builds first: it renders then
            later = at_run(sql, label) if at_run is not None and _asked(warehouse) else None
            hooks.append(Hook(kind, index, text, transaction, later))
    header = node.config.get("sql_header")
    if isinstance(header, str) and header.strip():
        hooks.append(Hook("sql_header", 1, render_hook(env, header, context, "sql_header", node)))
    return hooks


def _asked(warehouse: Warehouse | None) -> bool:
    """The hook just rendered asked the warehouse (so it is rendered again when it runs)."""
    return warehouse is not None and warehouse.introspective


def render_hook(env: jinja2.Environment, text: str, context: dict[str, Any], label: str,
                node: Node | None = None, file: str | None = None) -> str:
    """One hook's SQL; errors say which hook of which node (or file) failed to render."""
    where = f"{label} of {node.kind} '{node.name}'" if node is not None else label
    file = file or (node.path if node is not None else None)
    model = node.name if node is not None else None
    if "{" not in text:
        return text
    import jinja2

    try:
        return render_limited(env, new_template(env, text, f"<{label}>"), context).strip()
    except DatanetError as err:
        raise TemplateError(f"{where}: {err.message}", file=file, model=model,
                            hint=err.hint) from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as err:
        raise TemplateError(f"{where} does not render: {err}", file=file, model=model,
                            hint="check the names used in the hook's {{ }} and {% %}") from None


def render_run_hooks(manifest: Manifest, ctx: CompileContext, key: str,
                     extra: dict[str, Any]) -> list[tuple[Hook, str]]:
    """The `key` hooks (on-run-start / on-run-end), each with the file that holds it, in
    dbt's order: each installed package's (by name; a dbt project's only), then the
    project's own; each rendered in its owner's context (its macros first, as its nodes'
    are) plus `extra` (dbt's `schemas`, `results`)."""
    from datanet_sql.compile.passes.render import operation_context

    hooks = []
    for owner, texts, file in run_hook_owners(ctx, key):
        if not any(isinstance(t, str) and t.strip() for t in texts):
            continue
        node = {"resource_type": "operation", "package_name": owner,
                "original_path": file, "name": f"{owner}-{key}"}
        env, context = operation_context(manifest, ctx, file, node, extra)
        for index, text in enumerate(texts, start=1):
            if not isinstance(text, str):
                raise ConfigError(f"{key} {index} is {text!r}, not a SQL string", file=file,
                                  hint=f"write {key} as a string or a list of strings")
            # one that renders to nothing (dbt-duckdb's register_upstream_external_models())
            # is still a hook that passed, as in dbt's results
            sql = render_hook(env, text, context, f"{key} {index}", file=file)
            hooks.append((Hook(key, index, sql, owner=owner), file))
    return hooks


def run_hook_owners(ctx: CompileContext, key: str) -> list[tuple[str, list[Any], str]]:
    """(owner, hook templates, file) of each project holding `key` hooks, in dbt's order."""
    project = ctx.project
    packages = sorted(project.packages, key=lambda p: p.name) if project.dbt_mode else []
    return [*((p.name, p.run_hooks.get(key, []), f"{p.folder}/dbt_project.yml")
              for p in packages if p.name != project.name),
            (project.name, as_list(getattr(project.spec, key.replace("-", "_"))),
             project.config_file)]
