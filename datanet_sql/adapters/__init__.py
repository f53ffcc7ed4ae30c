"""Warehouse adapters: the only modules that import database drivers (lazily)."""

from __future__ import annotations

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.adapters.registry import adapter_for

__all__ = ["Adapter", "Relation", "adapter_for"]
