"""unit_tests: dbt's `unit_tests:` entries -> unit test nodes holding DuckDB SQL to run.

A unit test runs its model's SQL on rows it gives instead of the warehouse's relations, and
compares the output with the rows it expects. The query is built here, once: the model's
rendered SQL (rendered again when the test overrides vars, env_vars or macros; the incremental
variant when `is_incremental` is overridden true), each ref/source/this replaced by a typed
query of the given rows (`compile/unit_rows.py`), then transpiled from the project's dialect
to DuckDB, where the runner executes it in memory: a unit test never touches the warehouse.

What is wrong with a unit test (an unknown model or input, a column the input lacks, an input
the model reads but the test does not give, SQL DuckDB cannot run) becomes that test's error;
the other nodes go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlglot import exp
from sqlglot.errors import ErrorLevel, UnsupportedError

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.jinja_context import REF_SCHEMA, THIS_SCHEMA
from datanet_sql.compile.node_errors import recorded
from datanet_sql.compile.passes.load import folder_config, merge_config
from datanet_sql.compile.passes.parse import parse_sql
from datanet_sql.compile.passes.render import render_with
from datanet_sql.compile.unit_rows import Rows, input_query, parse_query, read_rows
from datanet_sql.compile.versions import (
    VersionedModel,
    node_name,
    ref_target,
    version_id,
    versioned_models,
)
from datanet_sql.config.project import Located
from datanet_sql.config.specs import UnitTestSpec
from datanet_sql.config.targets import env_var
from datanet_sql.errors import (
    ConfigError,
    ReferenceNotFoundError,
    UnsupportedSqlError,
    did_you_mean,
)
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

# `ref('m')` (or `ref('package', 'm')`, `ref('m', v=2)`), `source('s', 't')` or `this`
_INPUT = re.compile(r"""^\s*(?:ref\(\s*(?:['"][^'"]+['"]\s*,\s*)?['"](?P<ref>[^'"]+)['"]\s*"""
                    r"""(?:,\s*v(?:ersion)?\s*=\s*['"]?(?P<v>[\w.]+)['"]?\s*)?\)"""
                    r"""|source\(\s*['"](?P<src>[^'"]+)['"]\s*,\s*['"](?P<table>[^'"]+)['"]\s*\)"""
                    r"""|(?P<this>this))\s*$""")
# a relation in the model's rendered SQL: (schema, name), folded to lower case
Key = tuple[str, str]


def unit_tests(manifest: Manifest, ctx: CompileContext) -> Manifest:
    versioned = versioned_models(manifest)
    for located in ctx.project.unit_tests:
        spec = located.spec
        config = _config(located, ctx)
        if not config.pop("enabled", True):
            continue
        for model_name, name in _tested(spec, versioned.get(spec.model), located):
            node = _shell(located, manifest, config, model_name, name)
            if node.unique_id in manifest.nodes:
                raise ConfigError(f"unit test '{name}' of model '{spec.model}' is defined "
                                  f"twice (also in {manifest.nodes[node.unique_id].path})",
                                  file=located.path, line=located.line,
                                  hint="names must be unique per model")
            with recorded(node, f"unit test {name}"):
                node.compiled_sql = _compile(node, spec, manifest, ctx)
            manifest.add(node)
            manifest.warnings += node.warnings
            _place_before_model(manifest, node)
    return manifest


def _tested(spec: UnitTestSpec, versioned: VersionedModel | None,
            located: Located) -> list[tuple[str, str]]:
    """(model node, unit test name) pairs: the model itself, or each version of a versioned
    model that `versions: {include/exclude}` keeps (all by default, as in dbt), the test's
    name suffixed `_v<N>`."""
    if versioned is None:
        if spec.versions is not None:
            raise ConfigError(f"unit test '{spec.name}' has `versions:` but model "
                              f"'{spec.model}' has no versions", file=located.path,
                              line=located.line, hint="drop `versions:`")
        return [(spec.model, spec.name)]
    chosen = list(versioned.versions)
    wanted = spec.versions or {}
    if wanted.get("include") is not None:
        chosen = [v for v in chosen if v in {version_id(x) for x in wanted["include"]}]
    chosen = [v for v in chosen if v not in {version_id(x) for x in wanted.get("exclude") or []}]
    return [(node_name(spec.model, v), f"{spec.name}_v{v}") for v in chosen]


def _config(located: Located, ctx: CompileContext) -> dict[str, Any]:
    """dbt_project.yml's `unit_tests:` folder config, then the test's own `config:` (tags add
    up, as everywhere in dbt)."""
    config = folder_config(ctx.project.spec.unit_tests, ctx.project.name, located.path,
                           ctx.project.resource_roots())
    own = located.spec.config
    return merge_config(config, {key: getattr(own, key) for key in own.model_fields_set})


def _shell(located: Located, manifest: Manifest, config: dict[str, Any], model_name: str,
           name: str) -> Node:
    spec = located.spec
    model = manifest.nodes.get(f"model.{model_name}")
    node = Node(f"unit_test.{spec.model}.{name}", name, "unit_test", located.path,
                located.line, description=spec.description, spec=spec,
                depends_on=[model.unique_id] if model is not None else [])
    tags = config.get("tags", [])
    node.config = {**config, "tags": [tags] if isinstance(tags, str) else list(tags),
                   "severity": "error"}
    node.test = {"name": "unit", "attached_node": f"model.{model_name}"}
    return node


def _place_before_model(manifest: Manifest, node: Node) -> None:
    """In DAG order a unit test comes just before its model: `build` runs it first."""
    model = node.test["attached_node"] if node.test else None
    position = manifest.order.index(model) if model in manifest.order else len(manifest.order)
    manifest.order.insert(position, node.unique_id)


def _compile(node: Node, spec: UnitTestSpec, manifest: Manifest, ctx: CompileContext) -> str:
    model = _model(str(node.test["attached_node"]).split(".", 1)[1], manifest)
    node.test = {**(node.test or {}), "expect": _expect(spec, ctx).to_dict()}
    query = parse_sql(_model_sql(model, spec, manifest, ctx), model, ctx.read_dialect)
    given = _given(spec, model, manifest, ctx)
    replaced = _replace_inputs(query, given, node, ctx.read_dialect)
    _check_all_given(replaced, model, manifest, ctx.project.root)
    try:
        return replaced.sql(dialect="duckdb", unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as err:
        raise UnsupportedSqlError(
            f"model '{model.name}' cannot run on DuckDB, where unit tests run: "
            f"{str(err).splitlines()[0]}", model=model.name,
            hint=f"unit tests run the model's SQL transpiled from {ctx.read_dialect} to "
                 f"DuckDB; test this model with data tests instead") from None


def _expect(spec: UnitTestSpec, ctx: CompileContext) -> Rows:
    """The expected rows; a SQL expectation is transpiled to DuckDB, where it runs beside the
    model's output, and its columns (those compared) noted."""
    expect = read_rows(spec.expect, "expect", ctx.project.root, ctx.project.spec.paths.tests)
    if expect.sql is not None:
        query = parse_query(expect.sql, ctx.read_dialect, "expect")
        expect.columns = [] if query.is_star else list(query.named_selects)
        expect.sql = query.sql(dialect="duckdb")
    return expect


def _model(name: str, manifest: Manifest) -> Node:
    model = manifest.nodes.get(f"model.{name}")
    if model is None:
        known = [n.name for n in manifest.models()]
        raise ReferenceNotFoundError(f"model '{name}' does not exist." +
                                     did_you_mean(name, known),
                                     hint="`model:` names a SQL model of this project")
    if model.is_declarative or model.rendered_sql is None:
        why = "a declarative model" if model.is_declarative else "not rendered: " + \
            str(model.error or "it has no SQL").splitlines()[0]
        raise ConfigError(f"model '{name}' cannot be unit tested: it is {why}",
                          hint="unit tests run SQL models (models/**/*.sql)")
    return model


def _model_sql(model: Node, spec: UnitTestSpec, manifest: Manifest,
               ctx: CompileContext) -> str:
    """The SQL to test: as rendered for the build, or rendered again with the overrides."""
    overrides = spec.overrides
    macros = dict(overrides.macros)
    incremental = bool(macros.pop("is_incremental", False))
    _check_packages([name for name in macros if "." in name], ctx)
    if not macros and not overrides.vars and not overrides.env_vars:
        if not incremental:
            return str(model.rendered_sql)
        if model.rendered_incremental_sql is not None:
            return model.rendered_incremental_sql
    globals_: dict[str, Any] = {name: _returning(value) for name, value in macros.items()}
    if overrides.env_vars:
        globals_["env_var"] = _env_var(overrides.env_vars)
    return render_with(model, manifest, ctx, incremental=incremental, vars=dict(overrides.vars),
                       globals_=globals_)


def _check_packages(dotted: list[str], ctx: CompileContext) -> None:
    """`pkg.macro` overrides name a package the project has (else they would change nothing)."""
    known = {"dbt", *(ctx.dbt_jinja.registry.packages if ctx.dbt_jinja is not None else ())}
    for name in dotted:
        package = name.partition(".")[0]
        if package not in known:
            raise ConfigError(f"overrides: macro '{name}' names package '{package}', which the "
                              "project does not have." + did_you_mean(package, sorted(known)),
                              hint="override a package's macro as <package>.<macro>, the "
                                   "package installed in dbt_packages/")


def _returning(value: Any) -> Callable[..., Any]:
    """A macro overridden by a value: calling it (with any arguments) gives the value."""
    return lambda *args, **kwargs: value


def _env_var(values: dict[str, Any]) -> Callable[..., str]:
    """`env_var()` answering the overridden variables first."""

    def overridden(name: str, *default: Any) -> str:
        return str(values[name]) if name in values else env_var(name, *default)
    return overridden


def _given(spec: UnitTestSpec, model: Node, manifest: Manifest,
           ctx: CompileContext) -> dict[Key, Given]:
    """Each given input by the relation key it replaces in the model's SQL."""
    given: dict[Key, Given] = {}
    for entry in spec.given:
        what = f"given input {entry.input}"
        key, target = _input(entry.input, model, manifest, what)
        rows = read_rows(entry, what, ctx.project.root, ctx.project.spec.paths.tests)
        types = {name: c.type or "UNKNOWN" for name, c in target.columns.items()}
        given[key] = Given(entry.input, rows, types or None, what)
    return given


@dataclass
class Given:
    """A given input as written, its rows and the types of its relation's columns."""

    text: str
    rows: Rows
    types: dict[str, str] | None
    what: str

    def query(self, dialect: str) -> exp.Query:
        return input_query(self.rows, self.types, dialect, self.what)


def _input(text: str, model: Node, manifest: Manifest, what: str) -> tuple[Key, Node]:
    """The relation key of `ref('m')`, `source('s', 't')` or `this` in the rendered SQL, and
    the node whose columns type the rows."""
    match = _INPUT.match(text)
    if match is None:
        raise ConfigError(f"cannot read `input: {text}`",
                          hint="write input: ref('model'), source('source', 'table') or this")
    if match.group("this"):
        return (THIS_SCHEMA, model.name.lower()), model
    if match.group("ref"):
        name = ref_target(match.group("ref"), match.group("v"), versioned_models(manifest),
                          model.path)  # an unpinned ref of a versioned model: the latest
        target = manifest.find_model(name)
        if target is None:
            known = [n.name for n in manifest.of_kind("model", "seed")]
            raise ReferenceNotFoundError(f"{what}: there is no model or seed '{name}'." +
                                         did_you_mean(name, known))
        return (REF_SCHEMA, name.lower()), target
    uid = f"source.{match.group('src')}.{match.group('table')}"
    source = manifest.nodes.get(uid)
    if source is None or source.relation is None:
        known = [n.name for n in manifest.of_kind("source")]
        raise ReferenceNotFoundError(f"{what}: the source is not defined." +
                                     did_you_mean(uid.split(".", 1)[1], known))
    return _key(source.relation), source


def _key(relation: Relation) -> Key:
    return ((relation.schema or "").lower(), relation.name.lower())


def _replace_inputs(query: exp.Expression, given: dict[Key, Given], node: Node,
                    dialect: str) -> exp.Expression:
    """Every table of a given input becomes its rows, under the name the model reads it by."""
    built: dict[Key, exp.Query] = {}

    def replace(table: exp.Expression) -> exp.Expression:
        if not isinstance(table, exp.Table) or not table.name:
            return table
        key = (table.db.lower(), table.name.lower())
        if key not in given:
            return table
        if key not in built:
            built[key] = given[key].query(dialect)
        alias = table.alias or table.name
        return exp.Subquery(this=built[key].copy(),
                            alias=exp.TableAlias(this=exp.to_identifier(alias, quoted=True)))

    replaced = query.transform(replace, copy=False)
    unused = [entry.text for key, entry in given.items() if key not in built]
    if unused:
        node.warnings.append(f"{node.path}: unit test {node.name}: the model does not read "
                             f"given input {unused[0]}; it is ignored")
    return replaced


def _check_all_given(query: exp.Expression, model: Node, manifest: Manifest,
                     root: Path) -> None:
    """Every ref, source and `this` the model reads must be given (a seed left out is read
    from its CSV file, as dbt does), so that nothing is read from the warehouse."""
    sources = {_key(n.relation): n.name for n in manifest.of_kind("source") if n.relation}
    for table in list(query.find_all(exp.Table)):
        key = (table.db.lower(), table.name.lower())
        if key[0] == REF_SCHEMA:
            seed = manifest.nodes.get(f"seed.{table.name}")
            if seed is not None and f"model.{table.name}" not in manifest.nodes:
                table.replace(_seed_file(seed, table, root))
                continue
            missing = f"ref('{table.name}')"
        elif key[0] == THIS_SCHEMA:
            missing = "this"
        elif key in sources:
            missing = "source('{}', '{}')".format(*sources[key].split(".", 1))
        else:
            continue
        raise ConfigError(f"model '{model.name}' reads {missing}, which the unit test does "
                          f"not give", hint=f"add `- input: {missing}` with its `rows:` "
                                            f"(`rows: []` for none) under `given:`")


def _seed_file(seed: Node, table: exp.Table, root: Path) -> exp.Expression:
    """A seed not given is read from its CSV file, by its absolute path."""
    read = exp.func("read_csv_auto", exp.Literal.string((root / seed.path).as_posix()))
    select = exp.select("*").from_(read)
    return exp.Subquery(this=select, alias=exp.TableAlias(
        this=exp.to_identifier(table.alias or table.name, quoted=True)))
