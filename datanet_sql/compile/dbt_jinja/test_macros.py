"""Custom generic tests: a YAML test whose name is a test macro (`{% test name(model, ...) %}`
of the project, or a package's such as `dbt_utils.equality`) is the SQL that macro renders,
called as dbt calls it: `model` the tested relation (a `where:` subquery when the test has
one), `column_name` the column as written, and the test's arguments. An argument written
`ref('m')` or `source('s', 't')` (or holding `{{ }}`) is rendered first, as dbt does.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.dbt_jinja.relation import DbtRelation
from datanet_sql.compile.dbt_jinja.scope import DbtJinja, node_view
from datanet_sql.compile.dbt_jinja.template_errors import template_errors
from datanet_sql.compile.held_over import HELD_OVER_MISSING, held_over_failure
from datanet_sql.compile.jinja_context import RenderRecord
from datanet_sql.compile.passes.load import merge_config
from datanet_sql.config.model_config import has_jinja
from datanet_sql.config.sandbox import call_macro, new_template, render_limited
from datanet_sql.errors import DatanetError
from datanet_sql.project.hooks import HOOK_KEYS
from datanet_sql.project.nodes import Node

# dbt's own generic tests: datanet builds these itself (compile/generic_tests.py)
CORE_TESTS = frozenset({"not_null", "unique", "accepted_values", "relationships"})
_CALL = re.compile(r"^\s*(ref|source)\s*\(.*\)\s*$", re.DOTALL)


def has_test_macro(dbt: DbtJinja | None, name: str) -> bool:
    """Whether `name` (`pkg.test` or `test`) is a test macro of the project or a package."""
    if dbt is None or name.split(".")[-1] in CORE_TESTS:
        return False
    return dbt.registry.defines_test(name)


def custom_test_sql(dbt: DbtJinja, test: Node, node: Node, name: str, column: str | None,
                    args: dict[str, Any], model: exp.Expression) -> tuple[str, list[str]]:
    """The test's SQL and the models its arguments ref (more dependencies of the test).

    A test whose macro asked the warehouse is rendered again just before it runs (its model
    is built by then); when the question cannot be answered yet, it is held over and renders
    now as dbt parses it (`execute` false)."""
    record = RenderRecord()

    def render(execute: bool) -> str:
        return _render(dbt, test, node, name, column, args, model, record, execute)

    try:
        sql = render(True)
    except DatanetError as err:
        if not record.introspective:
            raise
        test.held_over = held_over_failure(err)
    else:
        if record.missing:  # what it asked about is built later in the run
            test.held_over = HELD_OVER_MISSING
    if test.held_over:
        sql = render(False)
    if record.introspective:
        dbt.introspective[test.unique_id] = lambda incremental: render(True)
    for key, value in record.config.items():  # the macro's `config(fail_calc=...)`: a
        if key == "tags":  # default the test's own YAML config overrides; tags add up
            merge_config(test.config, {key: value})
        else:
            test.config.setdefault(key, value)
    return sql, list(dict.fromkeys(record.refs))


def _render(dbt: DbtJinja, test: Node, node: Node, name: str, column: str | None,
            args: dict[str, Any], model: exp.Expression, record: RenderRecord,
            execute: bool) -> str:
    assert dbt.model_context is not None, "custom tests are built after the render pass"
    context = dbt.model_context.build(test.name, test.path, record, test.config, False, "test",
                                      node_view(test, dbt.manifest))
    context["execute"] = execute
    placeholder_ref = context["ref"]
    context["ref"] = lambda *a, **k: dbt.real_relation(placeholder_ref(*a, **k))
    env = dbt.registry.env
    limits = getattr(env, "limits", None)
    with dbt.lock:  # the sandbox's limits are one budget: one render at a time
        if limits is not None:
            limits.arm()
        try:
            with template_errors(test.path, test.name, dbt.registry):
                bound, warehouse = dbt.bind(context)
                try:
                    kwargs = {key: _rendered(dbt, value, context) for key, value in args.items()}
                    kwargs["model"] = DbtRelation(
                        node.relation.schema if node.relation else None, node.name,
                        dialect=dbt.dialect, placeholder=model.sql(dialect=dbt.dialect))
                    if column is not None:
                        kwargs["column_name"] = column
                    sql = call_macro(bound.test_macro(name), **kwargs)
                finally:
                    record.introspective = record.introspective or warehouse.introspective
                    record.missing = record.missing or warehouse.missing
        finally:
            if limits is not None:
                limits.disarm()
    return str(sql).strip().rstrip(";")


def render_config(dbt: DbtJinja, node: Node) -> None:
    """Jinja in a test's or seed's YAML config (`severity: "{{ 'warn' if target.type ==
    'spark' else 'error' }}"`, `column_types: {pct: "{{ 'float' if ... }}"}`) rendered as dbt
    renders it, in the node's context; a value that renders to a literal (`True`, `10`)
    becomes that value. Hooks and SQL headers are not: they render when they run."""
    keys = [k for k, v in node.config.items() if k not in _RENDERED_WHEN_RUN and has_jinja(v)]
    if not keys:
        return
    assert dbt.model_context is not None, "YAML config is rendered after the render pass"
    context = dbt.model_context.build(node.name, node.path, RenderRecord(), node.config, False,
                                      node.kind, node_view(node, dbt.manifest))
    with dbt.lock, template_errors(node.path, node.name, dbt.registry):
        dbt.bind(context)
        for key in keys:
            node.config[key] = _literal(_rendered(dbt, node.config[key], context,
                                                  f"<config '{key}'>"))


_RENDERED_WHEN_RUN = (*HOOK_KEYS, "sql_header")


def render_arguments(dbt: DbtJinja, test: Node, args: dict[str, Any]) -> dict[str, Any]:
    """Jinja in a built-in test's arguments (`values: "{{ var('model_types') }}"`, as
    dbt-project-evaluator writes), rendered as dbt renders test arguments: natively, so a
    list the template prints is that list."""
    pending = {key for key, value in args.items() if has_jinja(value)}
    if not pending:
        return args
    assert dbt.model_context is not None, "test arguments are rendered after the render pass"
    context = dbt.model_context.build(test.name, test.path, RenderRecord(), test.config, False,
                                      "test", node_view(test, dbt.manifest))
    with dbt.lock, template_errors(test.path, test.name, dbt.registry):
        dbt.bind(context)
        return {key: _native(_rendered(dbt, value, context)) if key in pending else value
                for key, value in args.items()}


def _native(value: Any) -> Any:
    """A rendered value as dbt's native rendering gives it: a printed Python literal (a list,
    a mapping, a number) is that value; any other text stays text."""
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        return value


def render_vars(dbt: DbtJinja, values: dict[str, Any], path: str,
                records: dict[str, RenderRecord] | None = None) -> dict[str, Any]:
    """dbt renders the vars of a dbt_project.yml (dbt-project-evaluator's
    `chained_views_threshold: "{{ 5 if target.type not in ['athena', 'trino'] else 4 }}"`):
    each value holding Jinja, rendered in the project's context; a literal it prints (`5`)
    is that value. `records` receives what each var's render read (Fivetran's packages set
    `ad_history: "{{ ref('stg_tiktok_ads__ad_history') }}"`), for the nodes that read it."""
    pending = {key for key, value in values.items() if has_jinja(value)}
    if not pending:
        return values
    assert dbt.model_context is not None, "vars are rendered by the render pass"
    rendered = dict(values)
    with dbt.lock, template_errors(path, path, dbt.registry):
        for key in pending:
            record = RenderRecord()
            context = dbt.model_context.build(path, path, record, {}, False, "operation")
            dbt.bind(context)
            rendered[key] = _literal(_rendered(dbt, values[key], context))
            if records is not None and (record.refs or record.sources):
                records[key] = record
    return rendered


def render_column_types(dbt: DbtJinja, node: Node) -> None:
    """Jinja in a column's `data_type:` (a contract's `"{{ 'UInt8' if target.type ==
    'clickhouse' else 'integer' }}"`, as dbt-project-evaluator writes) rendered as dbt renders
    a model's YAML, before the contract is checked or a table built from it."""
    pending = [i for i, c in enumerate(node.column_specs) if has_jinja(c.data_type)]
    if not pending:
        return
    assert dbt.model_context is not None, "column types are rendered after the render pass"
    context = dbt.model_context.build(node.name, node.spec_path or node.path, RenderRecord(),
                                      node.config, False, node.kind,
                                      node_view(node, dbt.manifest))
    with dbt.lock, template_errors(node.spec_path or node.path, node.name, dbt.registry):
        dbt.bind(context)
        for i in pending:
            spec = node.column_specs[i]
            rendered = str(_rendered(dbt, spec.data_type, context)).strip()
            node.column_specs[i] = spec.model_copy(update={"data_type": rendered})


def render_descriptions(dbt: DbtJinja, node: Node) -> None:
    """Jinja in a node's YAML description and its columns' (`'{{ doc("orders_status") }}'`)
    rendered as dbt's parse renders them, before any template reads them from `graph` or
    `model` (dbt-project-evaluator's `base_node_columns` does) or the manifest lists them."""
    specs = [i for i, c in enumerate(node.column_specs)
             if has_jinja(getattr(c, "description", None))]
    columns = [c for c in node.columns.values() if has_jinja(c.description)]
    if not (specs or columns or has_jinja(node.description)):
        return
    assert dbt.model_context is not None, "descriptions are rendered by the render pass"
    where = node.spec_path or node.path
    context = dbt.model_context.build(node.name, where, RenderRecord(), node.config, False,
                                      node.kind, node_view(node, dbt.manifest))
    with dbt.lock, template_errors(where, node.name, dbt.registry):
        dbt.bind(context)

        def render(text: str) -> str:
            return str(_rendered(dbt, text, context, "<description>"))

        if has_jinja(node.description):
            node.description = render(str(node.description))
        for i in specs:
            spec = node.column_specs[i]
            node.column_specs[i] = spec.model_copy(update={"description":
                                                           render(spec.description)})
        for column in columns:
            column.description = render(str(column.description))


def render_relation(dbt: DbtJinja, node: Node) -> None:
    """Jinja in a source's `schema:` or `identifier:` (dbt-codegen's `schema: "{{
    target.schema ~ '__data_source_schema' }}"`) rendered as dbt renders a source's YAML,
    before any model prints the source: left as written, the warehouse was asked for a
    schema named after the template."""
    relation = node.relation
    if relation is None or not has_jinja([relation.name, relation.schema]):
        return
    assert dbt.model_context is not None, "sources are rendered by the render pass"
    context = dbt.model_context.build(node.name, node.spec_path or node.path, RenderRecord(),
                                      node.config, False, node.kind,
                                      node_view(node, dbt.manifest))
    with dbt.lock, template_errors(node.path, node.name, dbt.registry):
        dbt.bind(context)
        name, schema = (str(_rendered(dbt, part, context)).strip() if part else part
                        for part in (relation.name, relation.schema))
    node.relation = Relation(name or relation.name, schema)


def _literal(value: Any) -> Any:
    """`True`, `False`, `None` and numbers a template printed, as their values."""
    if not isinstance(value, str):
        return value
    try:
        parsed = ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        return value
    return parsed if parsed is None or isinstance(parsed, (bool, int, float)) else value


def _rendered(dbt: DbtJinja, value: Any, context: dict[str, Any],
              label: str = "<test argument>") -> Any:
    """An argument or config value as dbt renders it: strings with Jinja (in lists and
    mappings too: `column_type_list: [date, "{{ dbt_expectations.type_timestamp() }}"]`);
    `label` names it in a template error."""
    if isinstance(value, list):
        return [_rendered(dbt, v, context, label) for v in value]
    if isinstance(value, dict):
        return {k: _rendered(dbt, v, context, label) for k, v in value.items()}
    if not isinstance(value, str):
        return value
    env = dbt.registry.env
    if _CALL.match(value):
        return env.compile_expression(value)(**context)
    if "{{" in value or "{%" in value:
        return render_limited(env, new_template(env, value, label), context)
    return value
