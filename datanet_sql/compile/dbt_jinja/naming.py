"""Where a dbt model or seed is built: `generate_schema_name`, `generate_alias_name` and
`generate_database_name`, the project's (or a package's) override when there is one, else
dbt's default (`<target schema>_<custom schema>`; the alias or the name).

A datanet.yml project keeps datanet's rule: a custom schema is used as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datanet_sql.adapters.base import Relation
from datanet_sql.compile.dbt_jinja.registry import BoundMacros
from datanet_sql.config.sandbox import call_macro


class Naming:
    """Names the relations of one compile (the macros bound once, with the project's
    context: target, var, env_var)."""

    def __init__(self, bound: Callable[[], BoundMacros], overrides: bool, default_schema: str,
                 dbt_defaults: bool) -> None:
        self._bind = bound  # only called when a package overrides a name: Jinja is slow to start
        self._bound: BoundMacros | None = None
        self._overrides = overrides
        self._schema = default_schema
        self._dbt_defaults = dbt_defaults

    def relation(self, name: str, config: dict[str, Any], node: dict[str, Any]) -> Relation:
        custom = config.get("schema")
        schema_macro = self._override("generate_schema_name")
        if schema_macro is not None:
            schema = _text(call_macro(schema_macro, custom, node))
        elif custom and self._dbt_defaults:
            schema = f"{self._schema}_{str(custom).strip()}"
        else:
            schema = str(custom or self._schema)
        alias_macro = self._override("generate_alias_name")
        alias = _text(call_macro(alias_macro, config.get("alias"), node)) \
            if alias_macro is not None else str(config.get("alias") or name)
        return Relation(alias, schema)

    def _override(self, name: str) -> Any:
        """The project's macro, else the first package's that defines it, else None."""
        if not self._overrides:
            return None
        if self._bound is None:
            self._bound = self._bind()
        found = self._bound.root_macros.get(name)
        if found is not None:
            return found
        for space in self._bound.namespaces.values():
            found = space.get(name)
            if found is not None:
                return found
        return None


def _text(value: Any) -> str:
    return str(value).strip()
