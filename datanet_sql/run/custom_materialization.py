"""A model whose `materialized` names a `{% materialization %}` block of the project or a
package, built as dbt builds it: the block's Jinja runs now, with the model's compiled SQL as
`sql` / `compiled_code`, and each statement it calls goes to the target on the model's
connection as it comes.

Besides dbt's Jinja globals (`config`, `this`, `adapter`, `statement`, `load_result`,
`load_relation`, `make_temp_relation`, `create_table_as`, ...), the block sees dbt's
materialization helpers: `pre_hooks` / `post_hooks` with `run_hooks`, `should_full_refresh`,
`persist_docs`, `apply_grants` and `should_revoke`, each doing what datanet's own builds do.

Blocks run one at a time (the other models build alongside), each in one transaction (on
engines that have them): a statement that fails, or a block that raises, rolls back
everything it did, so the model's previous relation and everything else already built stay
as they were; the model fails with a message naming it
and the block's file and line, and its children are skipped. As in dbt, the block must call
`statement('main')` (its engine response is the run result's `adapter_response`) and should
`return({'relations': [...]})`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.dbt_jinja.materializations import find_materialization
from datanet_sql.errors import DatanetError, RunFailedError
from datanet_sql.project.hooks import Hook
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node
from datanet_sql.run.docs import persist_docs, wants_docs
from datanet_sql.run.grants import apply_grants
from datanet_sql.run.hooks import run_hooks
from datanet_sql.run.materialize import Outcome, count_rows

if TYPE_CHECKING:
    from datanet_sql.compile.dbt_jinja.scope import DbtJinja


class CustomMaterializations:
    """The executor's builder of models with a custom materialization, for one run."""

    def __init__(self, dbt: DbtJinja, manifest: Manifest, adapter: Adapter,
                 full_refresh: bool, built: Callable[[Node], None]) -> None:
        self.dbt = dbt
        self.manifest = manifest
        self.adapter = adapter
        self.full_refresh = full_refresh
        self.built = built  # records the columns of what the block built (at_run.py)

    def __call__(self, node: Node) -> Outcome:
        name = node.materialized
        package, block = find_materialization(self.dbt.packages, name, self.dbt.adapter_type,
                                              node.path, node.name)
        notes: list[str] = []  # what persist_docs and apply_grants could not do
        try:
            # one block at a time, its transaction included: its macros read their globals
            # from one shared dict, and two blocks' DDL would conflict (DuckDB's catalog)
            with self.dbt.lock, self.adapter.atomic():
                returned, warehouse = self.dbt.run_materialization(
                    node, package, block.macro, self._helpers(node, notes))
                if warehouse.load_result("main") is None:
                    raise RunFailedError("it did not call `statement('main')`, which dbt "
                                         "requires of a materialization",
                                         hint="run the model's build in "
                                              "`{% call statement('main') %}...{% endcall %}`")
                relations = _returned(returned)
        except DatanetError as err:
            err.message = f"materialization '{name}' of model '{node.name}' " \
                          f"({block.file}:{block.line}) failed: {err.message}"
            err.file, err.line = err.file or block.file, err.line or block.line
            err.model = node.name
            raise
        kind = self.adapter.relation_kind(node.relation)
        if kind is not None:
            self.built(node)
        rows = count_rows(self.adapter, node) if kind == "table" else None
        if relations is None:
            message = f"{name}: built {node.relation} (the block returned no " \
                      "{'relations': [...]}: dbt takes the model's own relation then, and warns)"
        else:
            message = f"{name}: built {', '.join(str(r) for r in relations) or 'no relation'}"
        return Outcome(rows=rows, message="; ".join(m for m in (message, *notes) if m),
                       response=warehouse.responses.get("main"))

    def _helpers(self, node: Node, notes: list[str]) -> dict[str, Any]:
        """dbt's materialization helpers and the model's code, for the block's context;
        what datanet's persist_docs and apply_grants report goes to `notes`."""
        adapter, manifest = self.adapter, self.manifest

        def hooks_of(kind: str) -> list[Hook]:
            return [h for h in node.hooks if h.kind == kind]

        def run_hooks_(hooks: list[Hook], inside_transaction: bool = True) -> str:
            run_hooks(adapter, node, [h for h in hooks if h.transaction == inside_transaction],
                      manifest=manifest)
            return ""

        def should_full_refresh() -> bool:
            configured = node.config.get("full_refresh")
            return bool(self.full_refresh if configured is None else configured)

        def persist_docs_(relation: Any, model: Any = None, for_relation: bool = True,
                          for_columns: bool = True) -> str:
            if wants_docs(node):
                notes.append(persist_docs(adapter, node,
                                          getattr(relation, "type", None) or "table"))
            return ""

        def apply_grants_(relation: Any, grant_config: Any, should_revoke: bool = True) -> str:
            if grant_config:
                notes.append(apply_grants(adapter, node, grant_config))
            return ""

        def should_revoke(existing_relation: Any, full_refresh_mode: bool = True) -> bool:
            """dbt's default: revoke what a rebuilt relation carried over (its `copy_grants`
            is true, so an altered one keeps its grants)."""
            return bool(existing_relation) and bool(full_refresh_mode)

        return {"sql": node.compiled_sql, "compiled_code": node.compiled_sql,
                "pre_hooks": hooks_of("pre_hook"), "post_hooks": hooks_of("post_hook"),
                "run_hooks": run_hooks_, "should_full_refresh": should_full_refresh,
                "persist_docs": persist_docs_, "apply_grants": apply_grants_,
                "should_revoke": should_revoke}


def _returned(value: Any) -> list[Any] | None:
    """The relations a block returned (`{'relations': [...]}`); None when it returned no
    dict (dbt then records the model's own relation, with a deprecation warning)."""
    if isinstance(value, str):
        return None
    relations = value.get("relations", []) if isinstance(value, dict) else None
    if not isinstance(relations, list):
        raise RunFailedError(f"it returned {value!r}, not {{'relations': [...]}}",
                             hint="end the block with `{{ return({'relations': "
                                  "[target_relation]}) }}`")
    return relations
