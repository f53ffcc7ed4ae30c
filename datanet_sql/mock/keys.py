"""Keys in mock tables: parent keys seeded with the values children store, and foreign keys that
point at generated parent rows, except for the share of orphans the real data had.

Real children do not all join their parents (a flight's aircraft missing from the planes file),
and a model's LEFT JOIN or relationships test behaves differently when every row joins: so a
foreign key's recorded `orphans` share stays orphan in the mock, drawn from the values that had
no parent in the real data when the profile stores them, else made up outside the parent keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from datanet_sql.mock import columns as C
from datanet_sql.mock import pools
from datanet_sql.profile.model import ColumnProfile, TableProfile

if TYPE_CHECKING:
    from datanet_sql.mock.generate import MockTable


def key_seeds(parent: TableProfile, profiles: list[TableProfile]) -> dict[str, list[Any]]:
    """Key values that children store as k-anonymous categories: reuse them as parent keys
    (all but those that had no parent in the real data: they stay orphans)."""
    seeds: dict[str, list[Any]] = {}
    for child in profiles:
        for fk in child.foreign_keys:
            if fk.get("references") != parent.name:
                continue
            orphans = set(fk.get("orphan_values") or [])
            for ccol, pcol in zip(fk.get("columns", []), fk.get("to", [])):
                col = child.column(ccol)
                if col is not None and col.top_values and not col.withheld:
                    values = seeds.setdefault(pcol, [])
                    values += [t["value"] for t in col.top_values
                               if t["value"] not in values and t["value"] not in orphans]
    return seeds


def repair_foreign_keys(table: MockTable, built: dict[str, MockTable],
                        rng: np.random.Generator) -> None:
    """Every foreign key points at a generated parent row, but for its recorded orphan share."""
    for fk in table.profile.foreign_keys:
        parent = built.get(fk.get("references", ""))
        if parent is None:
            continue
        for ccol, pcol in zip(fk.get("columns", []), fk.get("to", [])):
            keys = parent.values[pcol][~parent.nulls[pcol]]
            if keys.size == 0 or ccol not in table.values:
                table.nulls[ccol] = np.ones(table.n, dtype=bool)
                continue
            column = table.profile.column(ccol)
            table.values[ccol] = _repaired(column, table.values[ccol], table.nulls[ccol], keys,
                                           float(fk.get("orphans") or 0.0), rng)


def _repaired(column: ColumnProfile | None, child: np.ndarray, nulls: np.ndarray,
              keys: np.ndarray, orphan_rate: float, rng: np.random.Generator) -> np.ndarray:
    """Child values with round(orphan_rate * non-NULL rows) orphans, the rest parent keys.

    Orphans the draw made already are kept first (a stored category that had no parent keeps
    its frequency); missing ones copy those, or are made up outside the parent keys."""
    key_text = keys.astype(str)
    orphan = ~np.isin(child.astype(str), key_text) & ~nulls
    target = int(round(orphan_rate * int((~nulls).sum())))
    child = child.astype(keys.dtype) if child.dtype != object else child.copy()
    rows = np.flatnonzero(orphan)
    if rows.size > target:
        fix = rng.permutation(rows)[:rows.size - target]
        child[fix] = keys[rng.integers(0, keys.size, fix.size)]
    elif rows.size < target and column is not None:
        pool = np.unique(child[rows].astype(str)) if rows.size else _made_up(column, key_text,
                                                                             rng)
        joined = np.flatnonzero(~orphan & ~nulls)
        take = rng.permutation(joined)[:target - rows.size] if pool.size else joined[:0]
        if take.size:
            made = pool[rng.integers(0, pool.size, take.size)]
            child = child.astype(object) if child.dtype.kind != "f" else child
            child[take] = made.astype(float) if child.dtype.kind == "f" else made
    return child


def _made_up(column: ColumnProfile, key_text: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Values outside the parent keys: the column's own model first; when it only draws keys
    (stored categories), numbers above the largest key or text in the column's shape."""
    drawn = C.draw(column, rng.random(200), rng)
    if drawn.dtype.kind == "f" and np.isfinite(drawn).any():
        top = max(float(np.max(key_text.astype(float))), float(np.nanmax(drawn)))
        drawn = np.concatenate([drawn, top + 1 + np.arange(50)])
    elif column.pattern:
        drawn = np.concatenate([drawn.astype(object),
                                pools.shape_values(column.pattern, None, 200, rng)])
    outside = drawn[~np.isin(drawn.astype(str), key_text)]
    return np.unique(outside.astype(str))[:50] if outside.size else outside.astype(str)
