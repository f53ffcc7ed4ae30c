"""dbt-duckdb's own global macros that dbt projects call on a DuckDB target.

dbt-duckdb ships them beside its `external` materialization; projects call them by name:
`register_upstream_external_models()` in `on-run-start` (a run that reads an external model
without building it needs the view over its file, which a fresh or in-memory warehouse lacks)
and `external_location(relation, config)` (where an external model's file goes by default,
often overridden by a project). Like dbt's built-ins they sit below the project's macros, so
a project's own copy of one wins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from datanet_sql.compile.dbt_jinja.pass_context import WithContext

if TYPE_CHECKING:
    from datanet_sql.adapters.base import Adapter
    from datanet_sql.project.manifest import Manifest


def duckdb_macros(manifest: Callable[[], Manifest], adapter: Callable[[], Adapter],
                  external_root: str, root: str) -> dict[str, Callable[..., Any]]:
    """The macros, for one compile: `manifest` and `adapter` are asked only when a macro
    runs (a compile that calls none opens no connection)."""

    def register_upstream_external_models(context: Any) -> str:
        """Runs only for real (`execute` true), as dbt-duckdb's does; the selection is the
        run's `selected_resources` (dbt's ids)."""
        if context.get("execute") is False:
            return ""
        # the file an external model writes has one home: its materialization
        from datanet_sql.artifacts.ids import dbt_unique_id
        from datanet_sql.run.external import register_upstream

        nodes = manifest()
        wanted = set(context.get("selected_resources") or ())
        selected = {uid for uid in nodes.nodes if dbt_unique_id(uid, nodes) in wanted}
        for warning in register_upstream(adapter(), nodes, selected, root):
            logging.getLogger("datanet_sql").warning(warning)
        return ""

    def external_location(relation: Any, config: Any) -> str:
        """`<external_root>/<identifier>.<format>` (a folder when partitioned), as dbt-duckdb's."""
        options = config.get("options", {}) or {}
        identifier = getattr(relation, "identifier", relation)
        if options.get("partition_by") is not None:
            return f"{external_root}/{identifier}"
        return f"{external_root}/{identifier}.{config.get('format', 'parquet')}"

    return {"register_upstream_external_models": WithContext(register_upstream_external_models),
            "external_location": external_location}
