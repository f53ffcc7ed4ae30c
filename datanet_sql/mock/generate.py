"""Mock tables from profiles: copula, marginals, exact NULL rates, keys, dependencies.

Per table, in this order (each step keeps what the previous ones guaranteed):
1. correlated uniforms from the Gaussian copula, independent ones for the other columns;
2. each column drawn from its own model; year/month/day drawn as one valid date; tied
   categorical columns drawn as whole tuples;
3. exact NULL counts, shared by columns that are NULL together;
4. unique columns made unique; primary keys seeded with the k-anonymous values children use;
5. foreign keys repaired to point at generated parent rows, but for the real orphan share;
6. functional dependencies and derived columns replayed in dependency order.
Tables are generated parents first, so every foreign key has its parent rows to point at.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pyarrow as pa

from datanet_sql.mock import columns as C
from datanet_sql.mock.keys import key_seeds, repair_foreign_keys
from datanet_sql.mock.rules import apply_rules, date_parts
from datanet_sql.profile.copula import sample_uniforms
from datanet_sql.profile.joint import draw_tuples, lead_column, partners, residual
from datanet_sql.profile.learn import DATE_VARIABLE, JOINT_VARIABLE
from datanet_sql.profile.model import TableProfile
from datanet_sql.profile.stats import kind_of


STRATIFY_MAX_ROWS = 200_000   # beyond this, independent draws miss each share by < 0.3%


@dataclass
class MockTable:
    """Columns under construction: values plus a NULL mask per column."""

    profile: TableProfile
    n: int
    values: dict[str, np.ndarray] = field(default_factory=dict)
    nulls: dict[str, np.ndarray] = field(default_factory=dict)

    def to_arrow(self) -> pa.Table:
        arrays = [C.to_arrow(c, self.values[c.name], self.nulls[c.name])
                  for c in self.profile.columns]
        return pa.table(arrays, names=[c.name for c in self.profile.columns])


def generate_mock(profiles: list[TableProfile], rows: int | None = None,
                  scale: float | None = None, seed: int = 0, locale: str | None = None,
                  accepted_values: dict[str, list[Any]] | None = None) -> dict[str, pa.Table]:
    """Mock Arrow tables keyed by `source.table`, parents before children, same for a seed.

    `rows` sets the size of every table that no foreign key points at (lookup tables keep their
    profiled size, so keys stay meaningful); `scale` multiplies every table's profiled size.
    `accepted_values` ("source.table.column" -> values, from the project's declared tests)
    restricts a column to those values: they are public (they are in the project's code) even
    when k-anonymity kept them out of the profile.
    """
    if accepted_values:
        profiles = [_with_accepted(p, accepted_values) for p in profiles]
    ordered = fk_order(profiles)
    built: dict[str, MockTable] = {}
    for profile in ordered:
        n = _row_count(profile, profiles, rows, scale)
        rng = np.random.default_rng([seed, zlib.crc32(profile.name.encode())])
        table = _generate_table(profile, n, rng, locale or profile.locale or "en_US", seed,
                                key_seeds(profile, profiles))
        repair_foreign_keys(table, built, rng)
        apply_rules(table.profile, table.values, table.nulls, rng)
        built[profile.name] = table
    return {name: built[name].to_arrow() for name in (p.name for p in ordered)}


def _with_accepted(profile: TableProfile, accepted: dict[str, list[Any]]) -> TableProfile:
    """A copy whose hinted columns draw only accepted values (stored frequencies kept)."""
    columns = []
    for col in profile.columns:
        allowed = accepted.get(f"{profile.name}.{col.name}")
        if allowed:
            stored = [t for t in col.top_values or [] if t["value"] in allowed]
            tops = stored or [{"value": v, "freq": 1 / len(allowed)} for v in allowed]
            col = replace(col, top_values=tops, distribution={"kind": "categorical"}, unique=False)
        columns.append(col)
    return replace(profile, columns=columns)


def fk_order(profiles: list[TableProfile]) -> list[TableProfile]:
    """Parents before children (stable by name); a cycle falls back to name order."""
    names = {p.name: p for p in profiles}
    done: list[TableProfile] = []
    seen: set[str] = set()

    def visit(p: TableProfile, stack: set[str]) -> None:
        if p.name in seen or p.name in stack:
            return
        for fk in p.foreign_keys:
            parent = names.get(fk.get("references", ""))
            if parent is not None and parent is not p:
                visit(parent, stack | {p.name})
        seen.add(p.name)
        done.append(p)

    for p in sorted(profiles, key=lambda p: p.name):
        visit(p, set())
    return done


def _row_count(profile: TableProfile, profiles: list[TableProfile], rows: int | None,
               scale: float | None) -> int:
    base = profile.row_count
    if scale is not None:
        base = profile.row_count * scale
    referenced = any(fk.get("references") == profile.name
                     for p in profiles for fk in p.foreign_keys)
    if rows is not None and not referenced:
        base = rows
    return max(1, int(round(base))) if base > 0 else 0


def _generate_table(profile: TableProfile, n: int, rng: np.random.Generator, locale: str,
                    seed: int, seeds: dict[str, list[Any]]) -> MockTable:
    table = MockTable(profile, n)
    uniforms = _uniforms(profile, n, rng)
    group = next((d for d in profile.dependencies if d.get("kind") == "date_parts"), None)
    if group:
        table.values.update(date_parts(group, _stratified(uniforms.get(DATE_VARIABLE), n, rng)))
    tied = _draw_joints(table, uniforms, rng)
    for col in profile.columns:
        if col.name in table.values:
            continue
        u = _stratified(uniforms.get(col.name), n, rng)
        table.values[col.name] = C.draw(col, u, rng, locale, seed)
    _apply_nulls(table, rng, tied)
    for col in profile.columns:
        if col.unique and kind_of(col.type) != "other":   # nested values are not mocked yet
            table.values[col.name] = _unique(col, table.values[col.name], seeds.get(col.name), rng)
    return table


def _draw_joints(table: MockTable, uniforms: dict[str, np.ndarray],
                 rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Tied columns drawn as whole tuples; returns their NULL masks (NULLs are tuple parts).

    Rows beyond the stored tuples' share (rarer combinations) draw the lead column from what
    its stored shares leave, and each other column from a stored tuple with that lead value
    (else from what its own shares leave), so even those rows stay plausible."""
    joints = [d for d in table.profile.dependencies if d.get("kind") == "joint"]
    nulls: dict[str, np.ndarray] = {}
    for i, rule in enumerate(joints):
        u = _stratified(uniforms.get(JOINT_VARIABLE.format(i)), table.n, rng)
        drawn, rest = draw_tuples(rule, u)
        lead = lead_column(rule)
        for name in [lead, *(c for c in rule["columns"] if c != lead)]:
            values, col = drawn[name], table.profile.column(name)
            if col is None:
                continue
            if rest.any() and col.top_values:
                tops, rare = residual(rule, name, col.top_values, col.null_rate)
                values[rest] = C.draw_categorical(col, rng.random(int(rest.sum())), rng, tops, rare)
                if name != lead:
                    paired, found = partners(rule, lead, drawn[lead][rest], name, rng)
                    rows = np.flatnonzero(rest)[found]
                    values[rows] = paired[found]
            missing = _rest_nulls(np.equal(values, None), rest, col.null_rate, rng)
            if kind_of(col.type) in ("integer", "number"):
                values = np.where(missing, np.nan, values).astype(float)
            table.values[name], nulls[name] = values, missing
    return nulls


def _rest_nulls(missing: np.ndarray, rest: np.ndarray, null_rate: float,
                rng: np.random.Generator) -> np.ndarray:
    """NULLs that the stored tuples do not hold (their NULL tuples were too rare) go to rows
    beyond the tuples' share, so the column keeps its NULL rate."""
    needed = int(round(null_rate * len(missing))) - int(missing.sum())
    free = np.flatnonzero(rest & ~missing)
    if needed <= 0 or free.size == 0:
        return missing
    missing = missing.copy()
    missing[rng.permutation(free)[:needed]] = True
    return missing


def _uniforms(profile: TableProfile, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    copula = next((d for d in profile.dependencies if d.get("kind") == "gaussian_copula"), None)
    if not copula:
        return {}
    u = sample_uniforms(np.array(copula["correlation"], dtype=float), n, rng)
    return {name: u[:, i] for i, name in enumerate(copula["columns"])}


def _stratified(u: np.ndarray | None, n: int, rng: np.random.Generator) -> np.ndarray:
    """One uniform in each 1/n stratum (Latin hypercube sampling), in the order of the copula's
    uniforms `u` when the column is in the copula, in random order otherwise.

    The copula's ranks, hence its dependence, are kept; each column's values then follow its
    stored distribution without sampling noise: 63 mock rows of a 63-row table give every
    category its share, and a public key's n values are drawn once each. Large tables keep
    plain draws: their sampling noise is already tiny, and ranking would cost seconds.
    """
    if n > STRATIFY_MAX_ROWS:
        return rng.random(n) if u is None else u
    if u is None:
        ranks = rng.permutation(n).astype(float)
    else:
        ranks = np.empty(n)
        ranks[np.argsort(u)] = np.arange(n)
    return (ranks + rng.random(n)) / n


def _apply_nulls(table: MockTable, rng: np.random.Generator,
                 fixed: dict[str, np.ndarray] | None = None) -> None:
    """Exactly round(null_rate * n) NULLs; columns NULL together share one random ordering;
    `fixed` masks (tied columns: NULL is part of their tuple) are kept as they are."""
    shared: dict[str, np.ndarray] = {}
    for dep in table.profile.dependencies:
        if dep.get("kind") == "null_group":
            order = rng.random(table.n)
            shared.update({c: order for c in dep["columns"]})
    for col in table.profile.columns:
        if fixed and col.name in fixed:
            table.nulls[col.name] = fixed[col.name]
            continue
        count = int(round(col.null_rate * table.n))
        mask = np.zeros(table.n, dtype=bool)
        if count:
            order = shared.get(col.name)
            order = order if order is not None else rng.random(table.n)
            mask[np.argpartition(order, count - 1)[:count] if count < table.n else slice(None)] = True
        table.nulls[col.name] = mask


def _unique(col: Any, values: np.ndarray, seeds: list[Any] | None,
            rng: np.random.Generator) -> np.ndarray:
    """Distinct values: seeds first (keys children reference), duplicates redrawn."""
    values = values.copy()
    if seeds:
        k = min(len(seeds), len(values))
        values[:k] = np.array(seeds[:k], dtype=values.dtype if values.dtype != object else object)
    if (col.distribution or {}).get("kind") == "categorical":
        values = _unused_for_repeats(values, C.categories(col)[0], rng)
    for _ in range(20):
        _, first = np.unique(values.astype(str), return_index=True)
        dup = np.setdiff1d(np.arange(len(values)), first)
        if dup.size == 0:
            return values
        values[dup] = C.draw(col, rng.random(dup.size), rng)
    temporal = kind_of(col.type) == "temporal"
    step = float((col.distribution or {}).get("resolution") or 1) if temporal else 1e9
    return _suffix_duplicates(values, step)


def _unused_for_repeats(values: np.ndarray, stored: np.ndarray,
                        rng: np.random.Generator) -> np.ndarray:
    """Repeats of a unique column drawn from stored values take stored values not yet used
    (a public key's reference values), in random order, while there are any."""
    _, first = np.unique(values.astype(str), return_index=True)
    repeats = np.setdiff1d(np.arange(len(values)), first)
    unused = stored[~np.isin(stored.astype(str), values.astype(str))]
    take = min(repeats.size, unused.size)
    if take:
        values = values.astype(object) if values.dtype != stored.dtype else values
        values[repeats[:take]] = unused[rng.permutation(unused.size)[:take]]
    return values


def _suffix_duplicates(values: np.ndarray, step: float) -> np.ndarray:
    """Last resort when the shape has too few combinations: number the repeats of text; move
    repeated numbers and times up by `step` to the next value not taken (they keep their type,
    and a time or date moves by its own resolution, so it stays one). NULLs are not repeats."""
    seen: dict[str, int] = {}
    out = values.copy() if values.dtype.kind in "fiu" else values.astype(object)
    for i, v in enumerate(out):
        if v is None:
            continue
        key = str(v)
        if key not in seen:
            seen[key] = 0
            continue
        seen[key] += 1
        if isinstance(v, str):
            out[i] = f"{v}{seen[key]}"
            continue
        candidate = v + step
        while str(candidate) in seen:
            candidate += step
        out[i], seen[str(candidate)] = candidate, 0
    return out
