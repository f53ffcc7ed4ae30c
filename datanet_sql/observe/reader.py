"""Which history a command outside a run reads (`status`, `observe backtest --project-dir`):
the warehouse's when the project keeps it there (`history: {warehouse: true}`), else
.datanet/state.db. Only the project's settings and the target are read: nothing is compiled.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from datanet_sql.adapters.registry import adapter_for
from datanet_sql.config.project import project_spec
from datanet_sql.config.targets import resolve_target
from datanet_sql.observe.state import StateStore
from datanet_sql.observe.warehouse_history import WarehouseHistory

History = StateStore | WarehouseHistory


@contextlib.contextmanager
def open_history(root: Path, target: str | None = None) -> Iterator[tuple[History, str]]:
    """The history store and a sentence saying where it is (for `status`)."""
    spec, _, _ = project_spec(root)
    if not spec.history.warehouse:
        yield StateStore(root / ".datanet" / "state.db"), ".datanet/state.db"
        return
    settings = resolve_target(root, target or spec.target)
    adapter = adapter_for(settings["name"], settings)
    try:
        store = WarehouseHistory(adapter, spec.history.schema_)
        yield store, f"target {settings['name']}: {store.describe()}"
    finally:
        adapter.close()
