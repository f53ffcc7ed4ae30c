"""Categorical columns tied together, kept together: an aircraft's manufacturer, model, engine
type, engine count and seats are one fact, not five.

A Gaussian copula over category intervals keeps the direction of an association but not which
category goes with which, so mock planes came out as a BOEING A320 with 80 seats. Columns
whose pairwise association is strong (Cramér's V) form a group; the profile stores the group's
k-anonymous tuples (each seen at least k times in the whole table, counted by SQL) with their
frequencies, and mocks draw whole tuples. The group enters the copula as one categorical
variable, so it keeps its ties to the other columns (a model to its year of manufacture).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlglot import exp

from datanet_sql.profile.stats import TOP_VALUES_LIMIT, typed_value

MIN_ASSOCIATION = 0.8   # Cramér's V of a pair for the two columns to be tied
MIN_COVERAGE = 0.5      # share of rows that k-anonymous tuples must cover to be worth storing
MAX_CATEGORIES = 200    # a column of more values (a tail number) is a key, not a category:
#                         functional rules tie it to what it determines, and a tuple table of
#                         its values would take its partners out of the copula
MAX_TUPLES = TOP_VALUES_LIMIT   # no more tuples than categories a column may store


def cramers_v(xc: np.ndarray, nx: int, yc: np.ndarray, ny: int) -> float:
    """Association of two coded categorical columns, 0 (independent) to 1 (each determines the
    other), with the small-sample bias correction (Bergsma 2013): sparse tables of many
    categories look associated by chance otherwise."""
    n = len(xc)
    if n < 10 or nx < 2 or ny < 2 or nx * ny > 4_000_000:
        return 0.0
    table = np.bincount(xc * ny + yc, minlength=nx * ny).reshape(nx, ny).astype(float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    r, k = table.shape
    if r < 2 or k < 2:
        return 0.0
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = float(((table - expected) ** 2 / expected).sum()) / n
    phi2 = max(0.0, phi2 - (k - 1) * (r - 1) / (n - 1))
    r_, k_ = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    denom = min(k_ - 1, r_ - 1)
    return float(np.sqrt(phi2 / denom)) if denom > 0 else 0.0


def tied_groups(codes: dict[str, tuple[np.ndarray, int]], names: list[str],
                threshold: float = MIN_ASSOCIATION) -> list[list[str]]:
    """Groups of columns linked by pairs with V >= threshold (connected components), in the
    table's column order; single columns are left out."""
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for i, x in enumerate(names):
        for y in names[i + 1:]:
            if root(x) != root(y) and cramers_v(*codes[x], *codes[y]) >= threshold:
                parent[root(y)] = root(x)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(root(n), []).append(n)
    return [g for g in groups.values() if len(g) > 1]


def tuples_query(relation: exp.Expression, columns: list[str], k: int) -> exp.Select:
    """The group's tuples seen at least k times, most frequent first, with their counts."""
    cols = [exp.column(c, quoted=True) for c in columns]
    texts = [exp.cast(c, "TEXT") for c in cols]
    return (exp.select(*texts, exp.func("count", exp.Star()))
            .from_(relation.copy())
            .group_by(*[t.copy() for t in texts])
            .having(exp.GTE(this=exp.func("count", exp.Star()), expression=exp.Literal.number(k)))
            .order_by(exp.Ordered(this=exp.func("count", exp.Star()), desc=True),
                      *[t.copy() for t in texts])
            .limit(MAX_TUPLES))


def joint_rule(adapter: Any, relation: exp.Expression, columns: list[str], kinds: dict[str, str],
               k: int, total: int) -> dict[str, Any] | None:
    """The `joint` dependency of one group, or None when its k-anonymous tuples cover too few
    rows (then the columns are too free to be tied this way)."""
    _, rows = adapter.fetch(tuples_query(relation, columns, k))
    covered = sum(int(r[-1]) for r in rows)
    if not rows or covered < MIN_COVERAGE * total:
        return None
    tuples = [[None if v is None else typed_value(v, kinds[c]) for v, c in zip(r[:-1], columns)]
              for r in rows]
    return {"kind": "joint", "columns": columns, "tuples": tuples,
            "freqs": [round(int(r[-1]) / total, 6) for r in rows]}


def tuple_codes(rule: dict[str, Any], rows: dict[str, np.ndarray]) -> np.ndarray:
    """Index of each sampled row's tuple among the stored ones (-1: a tuple too rare to store)."""
    index = {tuple(_key(v) for v in t): i for i, t in enumerate(rule["tuples"])}
    sampled = zip(*(rows[c] for c in rule["columns"]))
    return np.array([index.get(tuple(_key(v) for v in t), -1) for t in sampled], dtype=np.int64)


def _key(value: Any) -> Any:
    """Sampled and stored values compare as text (NULL as None): the tuples came back as text."""
    if value is None or value != value:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def draw_tuples(rule: dict[str, Any], u: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Each member column's values for uniforms `u`: whole tuples in their stored shares, and
    the mask of rows beyond the share the tuples cover (rows of rarer tuples, which the caller
    fills from `residual`)."""
    freqs = np.array(rule["freqs"], dtype=float)
    cum = np.cumsum(freqs)
    picked = np.searchsorted(cum, u, side="right")   # past the stored share: rarer tuples
    rest = picked >= len(freqs)
    picked = np.minimum(picked, len(freqs) - 1)
    out = {}
    for j, name in enumerate(rule["columns"]):
        values = np.empty(len(rule["tuples"]), dtype=object)
        values[:] = [t[j] for t in rule["tuples"]]
        out[name] = values[picked]
    return out, rest


def residual(rule: dict[str, Any], column: str, top_values: list[dict[str, Any]],
             null_rate: float) -> tuple[list[dict[str, Any]], float]:
    """A member's categories for the rows no stored tuple covers: its own stored shares less
    what the tuples already hold (so its marginal stays whole), and the share of those rows
    that takes a value too rare to store (see mock.columns.draw_categorical)."""
    j = rule["columns"].index(column)
    held: dict[Any, float] = {}
    for t, f in zip(rule["tuples"], rule["freqs"]):
        held[_key(t[j])] = held.get(_key(t[j]), 0.0) + f
    left = [{"value": t["value"], "freq": max(0.0, t["freq"] - held.get(_key(t["value"]), 0.0))}
            for t in top_values]
    left = [t for t in left if t["freq"] > 0] or list(top_values)
    unstored = max(0.0, 1 - null_rate - sum(t["freq"] for t in top_values))
    kept = sum(t["freq"] for t in left)
    return left, unstored / (unstored + kept) if unstored + kept > 0 else 0.0


def lead_column(rule: dict[str, Any]) -> str:
    """The member with the most distinct stored values (an aircraft's model): rows beyond the
    stored tuples draw it first and take their other values from tuples that share it."""
    counts = [len({_key(t[j]) for t in rule["tuples"]}) for j in range(len(rule["columns"]))]
    return rule["columns"][int(np.argmax(counts))]


def partners(rule: dict[str, Any], lead: str, lead_values: np.ndarray, column: str,
             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """For each lead value, a `column` value from a stored tuple with that lead value (drawn by
    the tuples' shares), and whether there was one."""
    i, j = rule["columns"].index(lead), rule["columns"].index(column)
    options: dict[Any, tuple[list[Any], list[float]]] = {}
    for t, f in zip(rule["tuples"], rule["freqs"]):
        vals, weights = options.setdefault(_key(t[i]), ([], []))
        vals.append(t[j])
        weights.append(f)
    out = np.empty(len(lead_values), dtype=object)
    found = np.zeros(len(lead_values), dtype=bool)
    keys = np.array(["\x00" if k is None else k for k in map(_key, lead_values)], dtype=str)
    uniq, inverse = np.unique(keys, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(uniq) + 1))
    for u, value in enumerate(uniq.tolist()):
        choice = options.get(None if value == "\x00" else value)
        if choice is None:
            continue
        rows = order[bounds[u]:bounds[u + 1]]
        w = np.array(choice[1]) / sum(choice[1])
        pool = np.empty(len(choice[0]), dtype=object)
        pool[:] = choice[0]
        out[rows], found[rows] = pool[rng.choice(len(w), rows.size, p=w)], True
    return out, found
