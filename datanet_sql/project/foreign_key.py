"""A model's foreign key as data: which of its columns must be found in which columns of
which parent (dbt's `foreign_key` constraint, resolved by `compile/foreign_keys.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from datanet_sql.adapters.base import Relation


@dataclass(frozen=True)
class ForeignKey:
    name: str  # the constraint's `name:`, else `<model>_<columns>_fkey` as Postgres names it
    columns: tuple[str, ...]
    parent: str  # the parent's node id (a model, seed, snapshot or source)
    parent_relation: Relation
    to_columns: tuple[str, ...]
