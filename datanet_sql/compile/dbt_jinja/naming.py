"""Where a dbt model or seed is built: `generate_schema_name`, `generate_alias_name` and
`generate_database_name`, the project's (or a package's) override when there is one, else
dbt's default (`<target schema>_<custom schema>`; the alias or the name).

A datanet.yml project keeps datanet's rule: a custom schema is used as written.

The same defaults are dbt's global macros `generate_schema_name(...)` & co., which templates
call themselves (dbt-codegen's tests ask `generate_schema_name('raw_data')` where the seeds
went), so one function computes each name for the compiler and for templates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect, NormalizationStrategy

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.dbt_jinja.registry import BoundMacros
from datanet_sql.config.sandbox import call_macro


class Naming:
    """Names the relations of one compile (the macros bound once, with the project's
    context: target, var, env_var)."""

    def __init__(self, bound: Callable[[], BoundMacros], overrides: bool, default_schema: str,
                 dbt_defaults: bool, unquoted: Callable[[str, str], str] = lambda _, n: n) -> None:
        self._bind = bound  # only called when a package overrides a name: Jinja is slow to start
        self._bound: BoundMacros | None = None
        self._overrides = overrides
        self._schema = default_schema
        self._dbt_defaults = dbt_defaults
        self._unquoted = unquoted

    def relation(self, name: str, config: dict[str, Any],
                 view: Callable[[], dict[str, Any]]) -> Relation:
        """Where the node is built; `view` makes the node as the macros see it (its dbt
        manifest entry), asked only when a project or package overrides a name: building it
        for every model was a third of an edit's render pass."""
        custom = config.get("schema")
        schema_macro = self._override("generate_schema_name")
        if schema_macro is not None:
            schema = _text(call_macro(schema_macro, custom, view()))
        else:
            schema = default_schema_name(custom, self._schema, self._dbt_defaults)
        alias_macro = self._override("generate_alias_name")
        alias = _text(call_macro(alias_macro, config.get("alias"), view())) \
            if alias_macro is not None else str(config.get("alias") or name)
        return Relation(self._unquoted("identifier", alias), self._unquoted("schema", schema))

    def _override(self, name: str) -> Any:
        """The project's macro, else the first package's that defines it, else None."""
        if not self._overrides:
            return None
        if self._bound is None:
            self._bound = self._bind()
        found = self._bound.root_macros.get(name)
        if found is not None:
            return found
        for package, space in self._bound.namespaces.items():
            found = space.get(name) if package != "dbt" else None  # dbt's: the defaults
            if found is not None:
                return found
        return None


def unquoted_folding(quoting: dict[str, bool], engine: str) -> Callable[[str, str], str]:
    """dbt's `quoting:` as the warehouse sees it: a part dbt leaves unquoted is folded as the
    engine folds an unquoted name (Postgres: `MixedCase` is created as `mixedcase`), so the
    relation datanet creates and quotes is the one dbt's unquoted DDL creates. Engines that
    keep an unquoted name's case (DuckDB, Spark) need nothing."""
    dialect = Dialect.get(engine)
    if dialect is None or dialect.NORMALIZATION_STRATEGY not in (
            NormalizationStrategy.LOWERCASE, NormalizationStrategy.UPPERCASE):
        return lambda _, name: name

    def fold(part: str, name: str) -> str:
        if quoting.get(part, True):
            return name
        return dialect().normalize_identifier(exp.to_identifier(name, quoted=False)).name
    return fold


def default_schema_name(custom: Any, target_schema: str, dbt_defaults: bool) -> str:
    """dbt's `<target schema>_<custom>` (or datanet's custom schema as written); the target's
    schema without a custom one."""
    if not custom:
        return target_schema
    return f"{target_schema}_{_text(custom)}" if dbt_defaults else str(custom)


def naming_macros(target_schema: str, database: str | None,
                  dbt_defaults: bool) -> dict[str, Callable[..., str | None]]:
    """dbt's global naming macros and their `default__` forms, as templates call them (a
    project's or package's own macro of the same name still wins)."""

    def schema_name(custom_schema_name: Any = None, node: Any = None) -> str:
        return default_schema_name(custom_schema_name, target_schema, dbt_defaults)

    def alias_name(custom_alias_name: Any = None, node: Any = None) -> str:
        if custom_alias_name:
            return _text(custom_alias_name)
        view = node if isinstance(node, dict) else {}
        version = view.get("version")
        return f"{view.get('name')}_v{version}" if version is not None else str(view.get("name"))

    def database_name(custom_database_name: Any = None, node: Any = None) -> str | None:
        return _text(custom_database_name) if custom_database_name else database

    macros = {"generate_schema_name": schema_name, "generate_alias_name": alias_name,
              "generate_database_name": database_name}
    return {**macros, **{f"default__{name}": macro for name, macro in macros.items()}}


def _text(value: Any) -> str:
    return str(value).strip()
