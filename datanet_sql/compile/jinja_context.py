"""The functions a model's Jinja sees: ref, source, var, env_var, config, is_incremental, this,
target and model (dbt's helper globals and macros are added by `compile/dbt_jinja/`).

`ref()` renders a placeholder relation (`"__dn_ref__"."model"`) that the resolve pass replaces
with the model's real relation, so rendering never depends on another model's config and a
file's rendered text can be cached on its own content.

Templates render in the sandbox (`config/sandbox.py`): these functions and values are the
only way out, so none of them may hand a template a module or an object that leads to one
(`modules.datetime` is a namespace of datetime's classes, not the module, whose `sys` would
reach `os`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.dbt_jinja.relation import DbtRelation
from datanet_sql.compile.passes.load import merge_config
from datanet_sql.compile.versions import VersionedModel, ref_target
from datanet_sql.config.model_config import check_config
from datanet_sql.config.targets import env_var
from datanet_sql.errors import ReferenceNotFoundError, TemplateError, did_you_mean
from datanet_sql.project.hooks import after_commit, before_begin

REF_SCHEMA = "__dn_ref__"
THIS_SCHEMA = "__dn_this__"
_MISSING = object()


@dataclass
class RenderRecord:
    """What a render of one file asked for: the pass turns it into dependencies and config."""

    refs: list[str] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    introspective: bool = False  # it asked the warehouse: its text is not cached
    per_command: bool = False  # it read `flags`/`invocation_args_dict`: not cached either
    missing: bool = False  # ... about a relation that does not exist (yet)
    read_config: bool = False  # it called `config.get`/`require`, which dbt's parse answers ''
    held_over: str | None = None  # why it rendered as dbt parses (`execute` false) for now
    # where each ref'd model was (database, schema, name) when the template saw it: a
    # template may print `ref('m').schema`, so the render is stale once that changes
    relations: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    # each environment variable env_var() read, with its value (None: unset): the cached
    # render is stale once one differs
    env: dict[str, str | None] = field(default_factory=dict)


class ConfigCall:
    """`{{ config(materialized='table') }}` records; `config.get('x')` reads (dbt allows both)."""

    def __init__(self, record: RenderRecord, base: dict[str, Any], path: str, model: str,
                 kind: str, custom: bool = False, view: dict[str, Any] | None = None) -> None:
        self._record = record
        # the template's `model` (dbt's node): dbt parses config() before it runs the model,
        # so `model.config.materialized` there already says what the call set
        self._view = view
        self._custom = custom  # the render pass warns about the keys this keeps
        self._base = base
        self._path = path
        self._model = model
        self._kind = kind
        self.as_parsed = False  # answer '' to every read, as dbt's parse does

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        if len(args) > 1 or (args and not isinstance(args[0], dict)):
            raise TemplateError(f"config() takes key=value pairs (or one dict), not {args!r}",
                                file=self._path, model=self._model,
                                hint="write {{ config(materialized='table') }}")
        if args:
            kwargs = {**args[0], **kwargs}
        # the line is filled in from the template by the render pass
        check_config(kwargs, file=self._path, model=self._model, kind=self._kind,
                     custom=self._custom)
        self._record.config.update(kwargs)
        if self._view is not None and isinstance(self._view.get("config"), dict):
            merge_config(self._view["config"], kwargs)
        return ""

    def get(self, key: str, default: Any = None, validator: Any = None) -> Any:
        """dbt's `config.get(key, default, validator=...)` (dbt checks the value's type with
        `validator`; datanet checks config keys when it loads them)."""
        self._record.read_config = True
        if self.as_parsed:
            return ""
        return self._record.config.get(key, self._base.get(key, default))

    def require(self, key: str) -> Any:
        """dbt's `config.require('x')` in macros: the value, or an error naming the key."""
        value = self.get(key)
        if value is None:
            raise TemplateError(f"config '{key}' is required here but not set",
                                hint=f"set it with {{{{ config({key}=...) }}}} or in YAML")
        return value


@dataclass
class Target:
    """dbt's `target`: the output the project runs on."""

    name: str
    schema: str
    type: str
    database: str | None = None
    threads: int = 1
    profile_name: str | None = None
    # the connection's fields dbt's target shows (never the password): elementary records
    # `target.user` of the run on Postgres
    user: str | None = None
    host: str | None = None
    port: int | None = None

    def __str__(self) -> str:
        return self.name


def target_database(target: dict[str, Any]) -> str | None:
    """`target.database`: the Postgres database, or a DuckDB file's catalog (its stem, as
    DuckDB names it; `memory` in memory)."""
    if target["type"] == "duckdb":
        path = target.get("path")
        return Path(str(path)).stem if path and path != ":memory:" else "memory"
    return target.get("dbname") or target.get("database")


def relation_sql(schema: str, name: str, dialect: str) -> str:
    return exp.table_(name, db=schema, quoted=True).sql(dialect=dialect)


class ModelContext:
    """Builds the Jinja globals for rendering one file."""

    def __init__(self, *, dialect: str, vars: dict[str, Any], sources: dict[tuple[str, str], str],
                 target: Target, versions: dict[str, VersionedModel] | None = None,
                 relation_of: Callable[[str], Relation | None] = lambda name: None,
                 custom_config: bool = False) -> None:
        self.dialect = dialect
        self.custom_config = custom_config  # a dbt project: config() keeps keys of its own
        self.vars = vars
        self.sources = sources  # (source, table) -> rendered relation
        self.target = target
        self.versions = versions or {}  # versioned models by name (see compile/versions.py)
        self.relation_of = relation_of  # a model's real relation, when it is known
        # per installed package, the vars its nodes see instead of `vars`: its dbt_project.yml's
        # under the project's global ones and those the project scopes to it (as in dbt)
        self.package_vars: dict[str, dict[str, Any]] = {}
        # what rendering a var's Jinja read, by (package or None, var): dbt renders a var
        # where var() reads it, so a `{{ ref('m') }}` in one is a dependency of the reader
        self.var_records: dict[tuple[str | None, str], RenderRecord] = {}

    def placeholder(self, schema: str, name: str) -> DbtRelation:
        """The relation a template sees for a model: printed as the placeholder resolve
        swaps, its schema and identifier the real ones where known."""
        real = self._real(name)
        return DbtRelation(real.schema, real.name, self.target.database, None, self.dialect,
                           placeholder=relation_sql(schema, name, self.dialect))

    def resolved(self, name: str) -> tuple[str | None, ...]:
        """Where a template sees the model `name` now (what RenderRecord.relations keeps): the
        placeholder's database, schema and identifier, without printing its SQL (asked for
        every ref of every cached render on each compile)."""
        real = self._real(name)
        return (self.target.database, real.schema, real.name)

    def _real(self, name: str) -> Relation:
        return self.relation_of(name) or Relation(name, self.target.schema)

    def build(self, name: str, path: str, record: RenderRecord, base_config: dict[str, Any],
              incremental: bool, kind: str = "model",
              node: dict[str, Any] | None = None) -> dict[str, Any]:
        def ref(*args: str, **kwargs: Any) -> DbtRelation:
            if not args or len(args) > 2:
                raise TemplateError("ref() takes the model name (and optionally a package)",
                                    file=path)
            target_name = ref_target(args[-1], kwargs.get("v", kwargs.get("version")),
                                     self.versions, path)
            record.refs.append(target_name)
            record.relations[target_name] = self.resolved(target_name)
            return self.placeholder(REF_SCHEMA, target_name)

        def source(source_name: str, table_name: str) -> str:
            key = (source_name, table_name)
            if key not in self.sources:
                known = [f"{s}.{t}" for s, t in self.sources]
                raise ReferenceNotFoundError(
                    f"source('{source_name}', '{table_name}') is not defined."
                    + did_you_mean(f"{source_name}.{table_name}", known), file=path,
                    model=name, hint="declare it in sources/*.yml")
            record.sources.append(key)
            return self.sources[key]

        package = (node or {}).get("package_name")
        known = self.package_vars.get(package, self.vars) if package else self.vars

        def var(var_name: str, default: Any = _MISSING) -> Any:
            if var_name in known:
                read = self.var_records.get((package if package in self.package_vars
                                             else None, var_name))
                if read is not None:
                    record.refs.extend(read.refs)
                    record.relations.update(read.relations)
                    record.sources.extend(read.sources)
                return known[var_name]
            if default is not _MISSING:
                return default
            raise TemplateError(f"var('{var_name}') is not defined." +
                                did_you_mean(var_name, known), file=path, model=name,
                                hint=f"add it to `vars:` in datanet.yml or pass --vars "
                                     f"'{{{var_name}: ...}}'")

        config = ConfigCall(record, base_config, path, name, kind, self.custom_config, node)
        return {
            "ref": ref, "source": source, "var": var,
            "env_var": lambda var_name, *default: env_var(var_name, *default, seen=record.env),
            "config": config,
            # dbt's macro: a test's `store_failures` (dbt_utils selects the failing rows then)
            "should_store_failures": lambda: bool(config.get("store_failures")),
            "is_incremental": lambda: incremental,
            "this": self.placeholder(THIS_SCHEMA, name),
            "target": self.target, "model": node or {"name": name, "path": path},
            "execute": True,
            "before_begin": before_begin, "after_commit": after_commit,
        }
