"""Replay the dependencies a profile recorded, so they hold exactly in the mock rows.

Functional dependencies (X -> Y) copy Y from the first row of each X value (or from the stored
k-anonymous mapping); derived columns are recomputed from their SQL expression. Rules run in
dependency order, twice, so chains and two-way dependencies settle.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlglot import exp, parse_one

from datanet_sql.mock.columns import seconds
from datanet_sql.profile.model import TableProfile

_OPS = {exp.Add: np.add, exp.Sub: np.subtract, exp.Mul: np.multiply, exp.Div: np.divide,
        exp.IntDiv: np.floor_divide, exp.Mod: np.mod}


def date_parts(group: dict[str, Any], u: np.ndarray) -> dict[str, np.ndarray]:
    """year, month and day columns of one valid date drawn from the group's date sketch."""
    points = np.array([seconds(v) / 86400 for v in group["values"]], dtype=float)
    grid = np.linspace(0.0, 1.0, len(points))
    days = np.round(np.interp(u, grid, points)).astype("int64").astype("datetime64[D]")
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    return {
        group["year"]: years.astype(int).astype(float) + 1970,
        group["month"]: (months - years).astype(int).astype(float) + 1,
        group["day"]: (days - months).astype(int).astype(float) + 1,
    }


def ordered_rules(profile: TableProfile) -> list[dict[str, Any]]:
    """Derived and functional rules, each after the rules that produce its inputs."""
    rules = [d for d in profile.dependencies
             if d.get("kind") in ("derived", "functional", "compose_time")]
    output = {_output(r): r for r in rules}
    done: list[dict[str, Any]] = []
    visiting: set[int] = set()

    def visit(rule: dict[str, Any]) -> None:
        if any(rule is d for d in done) or id(rule) in visiting:
            return
        visiting.add(id(rule))
        for name in _inputs(rule):
            if name in output:
                visit(output[name])
        done.append(rule)

    for rule in rules:
        visit(rule)
    return done


def _output(rule: dict[str, Any]) -> str:
    return rule["dependent"] if rule["kind"] == "functional" else rule["column"]


def _inputs(rule: dict[str, Any]) -> list[str]:
    return [rule["determinant"]] if rule["kind"] == "functional" else list(rule.get("inputs", []))


def apply_rules(profile: TableProfile, values: dict[str, np.ndarray],
                nulls: dict[str, np.ndarray], rng: np.random.Generator | None = None) -> None:
    """Make every recorded dependency hold in the generated columns (in place)."""
    rng = rng if rng is not None else np.random.default_rng(0)
    rules = ordered_rules(profile)
    for _ in range(2):
        for rule in rules:
            if not all(c in values for c in [*_inputs(rule), _output(rule)]):
                continue
            if rule["kind"] == "functional":
                _functional(rule, values, nulls, rng)
            elif rule["kind"] == "compose_time":
                _compose_time(rule, values, nulls)
            else:
                _derived(rule, values, nulls)


def _groups(values: np.ndarray, nulls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group id per row (NULL rows form the last group) and each group's key; hashed by Arrow,
    which is several times faster than sorting text with numpy."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        encoded = pa.array(values, from_pandas=True).dictionary_encode()
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        keys = values.astype(str) if values.dtype == object else values
        uniq, inverse = np.unique(keys, return_inverse=True)
        encoded = pa.DictionaryArray.from_arrays(pa.array(inverse.astype(np.int32)), pa.array(uniq))
    keys = encoded.dictionary.to_numpy(zero_copy_only=False)
    inverse = pc.fill_null(encoded.indices, len(keys)).to_numpy().astype(np.int64)
    inverse[nulls] = len(keys)
    return inverse, keys


def _null_groups(sizes: np.ndarray, target: int, rng: np.random.Generator) -> np.ndarray:
    """Groups to make NULL so that their rows add up to `target` as closely as possible."""
    order = rng.permutation(np.flatnonzero(sizes))
    chosen = np.zeros(len(sizes), dtype=bool)
    if len(order) > 20_000:  # many small groups: a prefix of a random order is close enough
        chosen[order[:int(np.searchsorted(np.cumsum(sizes[order]), target, side="right"))]] = True
        return chosen
    total = 0
    for g in order.tolist():  # greedy: skip a group that would overshoot
        if total + sizes[g] <= target:
            chosen[g] = True
            total += int(sizes[g])
    return chosen


def _functional(rule: dict[str, Any], values: dict[str, np.ndarray],
                nulls: dict[str, np.ndarray], rng: np.random.Generator) -> None:
    """Y := one value per X group (or the stored mapping where X is known).

    Whole groups are made NULL until Y's NULL count is met again, and the other groups take a
    non-NULL Y of their own rows: the dependency holds and Y keeps its NULL rate and values.
    """
    x, y = rule["determinant"], rule["dependent"]
    groups, keys = _groups(values[x], nulls[x])
    count = len(keys) + 1
    sizes = np.bincount(groups, minlength=count)
    null_group = _null_groups(sizes, int(nulls[y].sum()), rng)
    filled = np.flatnonzero(~nulls[y])
    if filled.size == 0:
        values[y], nulls[y] = values[y], np.ones(len(groups), dtype=bool)
        return
    rep = filled[rng.integers(0, filled.size, count)]          # groups without a value
    rep[groups[filled[::-1]]] = filled[::-1]                   # first non-NULL row of the group
    yv, yn = values[y][rep][groups], null_group[groups]
    text = keys.dtype == object
    mapping = {str(a) if text else float(a): b for a, b in rule.get("mapping") or []}
    if mapping:
        hit = np.array([k in mapping for k in keys.tolist()] + [False])
        if hit.any():
            mapped = np.empty(count, dtype=object)
            mapped[:-1][hit[:-1]] = [mapping[k] for k, h in zip(keys.tolist(), hit) if h]
            rows = hit[groups]
            if yv.dtype != object and any(isinstance(b, str) for b in mapping.values()):
                yv = yv.astype(object)
            yv[rows] = mapped[groups[rows]].astype(yv.dtype)
            yn[rows] = False
    values[y], nulls[y] = yv, yn


def _derived(rule: dict[str, Any], values: dict[str, np.ndarray],
             nulls: dict[str, np.ndarray]) -> None:
    tree = parse_one(rule["expr"], read="duckdb")
    result = _evaluate(tree, values)
    missing = np.zeros(len(result), dtype=bool)
    for name in rule.get("inputs", []):
        missing |= nulls[name]
    values[rule["column"]] = np.where(missing, np.nan, result)
    nulls[rule["column"]] = missing


def _evaluate(node: exp.Expression, values: dict[str, np.ndarray]) -> np.ndarray:
    """Numpy evaluation of the arithmetic that derived rules use (columns, numbers, + - * / // %)."""
    if isinstance(node, exp.Paren):
        return _evaluate(node.this, values)
    if isinstance(node, exp.Column):
        return values[node.name].astype(float)
    if isinstance(node, exp.Literal):
        return np.float64(float(node.this))
    op = _OPS.get(type(node))
    if op is None:
        raise ValueError(f"unsupported expression in a derived column: {node.sql()}")
    with np.errstate(divide="ignore", invalid="ignore"):
        return op(_evaluate(node.this, values), _evaluate(node.expression, values))



def _compose_time(rule: dict[str, Any], values: dict[str, np.ndarray],
                  nulls: dict[str, np.ndarray]) -> None:
    """timestamp = date(year, month, day) + hour + offset, as seconds or in the text format."""
    year, month, day, *rest = (values[c] for c in rule["inputs"])
    missing = np.zeros(len(year), dtype=bool)
    for name in rule["inputs"]:
        missing |= nulls[name] | ~np.isfinite(values[name].astype(float))
    y = np.where(missing, 1970, year).astype("int64")
    m = np.where(missing, 1, month).astype("int64")
    d = np.where(missing, 1, day).astype("int64")
    months = (y - 1970) * 12 + (m - 1)
    days = (months.astype("datetime64[M]").astype("datetime64[D]") - np.datetime64("1970-01-01", "D")
            ).astype("int64") + d - 1
    secs = days * 86400.0 + float(rule.get("offset", 0))
    if rest:
        secs = secs + np.where(missing, 0, rest[0]).astype(float) * 3600
    if rule.get("format"):
        from datanet_sql.mock.columns import format_times

        result = format_times(secs, rule["format"]).astype(object)
        result[missing] = None
    else:
        result = np.where(missing, np.nan, secs)
    values[rule["column"]], nulls[rule["column"]] = result, missing
