"""Dependencies between columns, found in the sample and confirmed on the whole table with SQL.

Distribution scores miss logical consistency: a mock `hour` that disagrees with
`sched_dep_time`, or a city in the wrong country, passes a histogram test and breaks a model.
So profiling records what *exactly* holds in the real data, as data the mock layer replays:

- `derived`: a column that is an expression of others (`hour = sched_dep_time // 100`), or a
  column composed of others (`sched_dep_time = hour * 100 + minute`), kept as SQL text;
- `functional`: X determines Y (`carrier -> carrier_name`), with the mapping when both sides are
  k-anonymous categories, otherwise only the fact (the mock builds its own mapping);
- `date_parts`: year/month/day columns that always form a valid date;
- `null_group`: columns that are NULL together (a cancelled flight has no times at all).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlglot import exp

DIVISORS = (10, 100, 1000, 60, 3600, 24)
_PART_NAMES = {"year": ("year", "yr"), "month": ("month", "mon", "mo"), "day": ("day", "dd")}


def factorize(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer codes per value (NULL is a value of its own) and the number of codes."""
    missing = np.array([v is None or v != v for v in values], dtype=bool)
    text = values.astype(str)
    text[missing] = ""
    _, codes = np.unique(text, return_inverse=True)
    codes = codes.astype(np.int64) + 1
    codes[missing] = 0
    _, codes = np.unique(codes, return_inverse=True)
    return codes.astype(np.int64), int(codes.max(initial=-1)) + 1


def _holds(xc: np.ndarray, nx: int, yc: np.ndarray, ny: int) -> bool:
    """X -> Y on these rows: as many distinct (x, y) pairs as distinct x."""
    pairs = xc * ny + yc
    if nx * ny <= 4_000_000:
        return int(np.count_nonzero(np.bincount(pairs, minlength=nx * ny))) == len(np.unique(xc))
    return np.unique(pairs).size == np.unique(xc).size


def functional_candidates(codes: dict[str, tuple[np.ndarray, int]], n: int,
                          skip: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs (X, Y) with X -> Y in the sample, X not unique and Y not constant."""
    found = []
    for x, (xc, nx) in codes.items():
        if nx >= n or nx < 2:
            continue
        for y, (yc, ny) in codes.items():
            if y == x or ny < 2 or (x, y) in skip:
                continue
            if _holds(xc[:500], nx, yc[:500], ny) and _holds(xc, nx, yc, ny):
                found.append((x, y))
    return found


def near_functional(codes: dict[str, tuple[np.ndarray, int]], names: list[str],
                    exact: set[tuple[str, str]], share: float = 0.95) -> list[tuple[str, str, float]]:
    """Categorical pairs where Y is X's most common partner in >= `share` of rows (city ->
    country with a few dirty rows): replayed as a conditional table, not left to the copula."""
    found = []
    for x in names:
        xc, nx = codes[x]
        for y in names:
            yc, ny = codes[y]
            if x == y or (x, y) in exact or nx < 2 or ny < 2 or nx * ny > 4_000_000:
                continue
            table = np.bincount(xc * ny + yc, minlength=nx * ny).reshape(nx, ny)
            agree = table.max(axis=1).sum() / max(1, len(xc))
            base = table.sum(axis=0).max() / max(1, len(xc))   # Y's own mode: no X needed
            lift = (agree - base) / (1 - base) if base < 1 else 0.0
            if agree >= share and lift >= 0.8 and nx >= ny:
                found.append((x, y, float(agree)))
    return found


def derived_candidates(numbers: dict[str, np.ndarray]) -> list[tuple[str, str, str, int]]:
    """(target, source, op, divisor) where target == source // d or source % d in the sample."""
    found = []
    for x, xs in numbers.items():
        ok = np.isfinite(xs)
        if ok.sum() < 5 or np.unique(xs[ok]).size < 20:
            continue
        for y, ys in numbers.items():
            both = ok & np.isfinite(ys)
            if y == x or both.sum() < 5 or not np.array_equal(both, ok):
                continue
            xb, yb = xs[both], ys[both]
            for d in DIVISORS:
                for op, fn in (("div", np.floor_divide), ("mod", np.mod)):
                    if np.array_equal(yb[:50], fn(xb[:50], d)) and np.array_equal(yb, fn(xb, d)):
                        found.append((y, x, op, d))
                        break
    return found


def derived_expression(source: str, op: str, d: int) -> exp.Expression:
    col = exp.column(source, quoted=True)
    lit = exp.Literal.number(d)
    return exp.IntDiv(this=col, expression=lit) if op == "div" else exp.Mod(this=col, expression=lit)


def verify_query(relation: exp.Expression, derived: list[tuple[str, str, str, int]],
                 functional: list[tuple[str, str]]) -> exp.Select | None:
    """One aggregate that counts the violations of every candidate on the whole table."""
    projections: list[exp.Expression] = []
    for i, (y, x, op, d) in enumerate(derived):
        bad = exp.NullSafeNEQ(this=exp.column(y, quoted=True), expression=derived_expression(x, op, d))
        projections.append(exp.alias_(exp.func("sum", exp.If(this=bad, true=exp.Literal.number(1),
                                                              false=exp.Literal.number(0))), f"d{i}"))
    for i, (x, y) in enumerate(functional):
        xs = exp.Count(this=exp.Distinct(expressions=[exp.Tuple(expressions=[
            exp.column(x, quoted=True), exp.Literal.number(1)])]))
        xy = exp.Count(this=exp.Distinct(expressions=[exp.Tuple(expressions=[
            exp.column(x, quoted=True), exp.column(y, quoted=True)])]))
        projections.append(exp.alias_(exp.Sub(this=xy, expression=xs), f"f{i}"))
    if not projections:
        return None
    return exp.select(*projections).from_(relation.copy())


def confirm(adapter: Any, relation: exp.Expression, derived: list[tuple[str, str, str, int]],
            functional: list[tuple[str, str]]) -> tuple[list, list]:
    """Keep only the candidates with zero violations on the whole table."""
    query = verify_query(relation, derived, functional)
    if query is None:
        return [], []
    names, rows = adapter.fetch(query)
    got = dict(zip(names, rows[0]))
    keep_d = [c for i, c in enumerate(derived) if not got[f"d{i}"]]
    keep_f = [c for i, c in enumerate(functional) if not got[f"f{i}"]]
    return keep_d, keep_f


def derived_rules(derived: list[tuple[str, str, str, int]],
                  minimums: dict[str, Any]) -> list[dict[str, Any]]:
    """Turn confirmed div/mod pairs into compositions (`x = h * d + m`) and the rest into rules.

    A composition lets the parts be generated freely (each keeps its own distribution) while
    the whole stays exactly consistent with them; a single derived column is computed last.
    """
    rules: list[dict[str, Any]] = []
    used: set[str] = set()
    by_source: dict[tuple[str, int], dict[str, str]] = {}
    for y, x, op, d in derived:
        by_source.setdefault((x, d), {})[op] = y
    for (x, d), ops in by_source.items():
        low = minimums.get(x)
        if {"div", "mod"} <= set(ops) and x not in used and low is not None and low >= 0:
            expr = exp.Add(this=exp.Mul(this=exp.column(ops["div"], quoted=True),
                                        expression=exp.Literal.number(d)),
                           expression=exp.column(ops["mod"], quoted=True))
            rules.append({"kind": "derived", "column": x, "inputs": [ops["div"], ops["mod"]],
                          "expr": expr.sql(dialect="duckdb")})
            used.update({x, ops["div"], ops["mod"]})
    for y, x, op, d in derived:
        if y in used or any(r["column"] == y for r in rules):
            continue
        rules.append({"kind": "derived", "column": y, "inputs": [x],
                      "expr": derived_expression(x, op, d).sql(dialect="duckdb")})
    return rules


def date_part_columns(names: list[str], kinds: dict[str, str]) -> dict[str, str] | None:
    """year/month/day integer columns by name (the candidates for a valid-date group)."""
    found: dict[str, str] = {}
    for part, spellings in _PART_NAMES.items():
        for name in names:
            if kinds.get(name) == "integer" and name.lower() in spellings:
                found[part] = name
                break
    return found if len(found) == 3 else None


def null_groups(masks: dict[str, np.ndarray], threshold: float = 0.8) -> list[list[str]]:
    """Columns whose NULLs fall on the same rows (Jaccard >= threshold), greedily grouped."""
    groups: list[list[str]] = []
    for name, mask in masks.items():
        if not mask.any():
            continue
        for group in groups:
            other = masks[group[0]]
            union = np.logical_or(mask, other).sum()
            if union and np.logical_and(mask, other).sum() / union >= threshold:
                group.append(name)
                break
        else:
            groups.append([name])
    return [g for g in groups if len(g) > 1]
