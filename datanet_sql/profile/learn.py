"""Profile a table: SQL statistics, per-column models, dependencies, copula, primary key.

`profile_table` is the one entry point per table; `profile_tables` profiles several tables of
the sources and adds the foreign keys found between them (inclusion dependencies checked with
SQL anti-joins, see keys.py).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
from sqlglot import exp

from datanet_sql.profile import deps as D
from datanet_sql.profile import joint as J
from datanet_sql.profile.disclosure import Disclosure
from datanet_sql.profile.copula import category_scores, correlation, rank_scores
from datanet_sql.profile.keys import find_foreign_keys, primary_key
from datanet_sql.profile.marginals import fit_marginal, ordered_categories, probs
from datanet_sql.profile.model import ColumnProfile, TableProfile
from datanet_sql.profile.sample import SAMPLE_ROWS, as_source, fetch_sample, valid
from datanet_sql.profile.stats import ColumnSpec, column_stats

DATE_VARIABLE = "__date__"
JOINT_VARIABLE = "__joint{}__"   # a group of tied columns in the copula (see joint.py)


def list_columns(adapter: Any, relation: exp.Expression) -> list[tuple[str, str]]:
    """(name, type) of a relation: the adapter's catalog for tables, DESCRIBE for queries."""
    from datanet_sql.adapters.base import Relation

    if isinstance(relation, exp.Table) and hasattr(adapter, "list_columns"):
        cols = adapter.list_columns(Relation(relation.name, relation.db or None))
        if cols:
            return [(c.name, c.type) for c in cols]
    query = exp.select("*").from_(relation.copy()) if isinstance(relation, exp.Table) else relation
    _, rows = adapter.fetch(exp.Describe(this=query.copy()))
    return [(r[0], r[1]) for r in rows]


def profile_table(adapter: Any, relation: exp.Expression, source: str, table: str,
                  semantics: dict[str, str] | None = None,
                  disclosure: Disclosure = Disclosure(), sample_rows: int = SAMPLE_ROWS,
                  seed: int = 0, locale: str | None = None) -> TableProfile:
    """Learn one table's profile; semantic types (from datanet_sql.semantics) are optional,
    `disclosure` says which values the profile may hold (k-anonymous ones by default)."""
    semantics = semantics or {}
    specs = [ColumnSpec(n, t, semantics.get(n), disclosure.is_public(n))
             for n, t in list_columns(adapter, relation)]
    relation = as_source(relation)
    total, columns = column_stats(adapter, relation, specs, disclosure)
    profile = TableProfile(source=source, table=table, row_count=total, columns=columns,
                           profiled_at=_now(), locale=locale)
    if total == 0:
        return profile
    rows = fetch_sample(adapter, relation, [s.name for s in specs], sample_rows, seed)
    kinds = {s.name: s.kind for s in specs}
    numbers = _fit_marginals(columns, kinds, rows)
    rng = np.random.default_rng(seed)
    profile.dependencies = _dependencies(adapter, relation, profile, kinds, rows, numbers, rng,
                                         disclosure)
    pk = primary_key(columns, kinds)
    if pk:
        profile.keys = {"primary": pk}
    return profile


def profile_tables(adapter: Any, relations: dict[tuple[str, str], exp.Expression],
                   semantics: dict[tuple[str, str], dict[str, str]] | None = None,
                   disclosures: dict[tuple[str, str], Disclosure] | None = None,
                   **options: Any) -> list[TableProfile]:
    """Profile several (source, table) relations, then detect foreign keys between them."""
    semantics, disclosures = semantics or {}, disclosures or {}
    profiles = [profile_table(adapter, rel, src, tbl, semantics.get((src, tbl)),
                              disclosures.get((src, tbl), Disclosure()), **options)
                for (src, tbl), rel in relations.items()]
    by_name = {p.name: as_source(rel) for p, rel in zip(profiles, relations.values())}
    found = find_foreign_keys(adapter, profiles, by_name)
    for child in profiles:
        if child.name in found:
            child.keys = {**child.keys, "foreign": found[child.name]}
    return profiles


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fit_marginals(columns: list[ColumnProfile], kinds: dict[str, str],
                   rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Set each column's distribution; return numeric views of the copula's columns."""
    numbers: dict[str, np.ndarray] = {}
    for col in columns:
        dist, view = fit_marginal(col, kinds[col.name], rows[col.name])
        col.distribution = dist
        if view is not None:
            numbers[col.name] = view
    return numbers


def _dependencies(adapter: Any, relation: exp.Expression, profile: TableProfile,
                  kinds: dict[str, str], rows: dict[str, np.ndarray],
                  numbers: dict[str, np.ndarray], rng: np.random.Generator,
                  disclosure: Disclosure = Disclosure()) -> list[dict]:
    columns = {c.name: c for c in profile.columns}
    ints = {n: v for n, v in numbers.items() if kinds[n] == "integer"}
    ints.update({n: _as_numbers(rows[n]) for n, c in columns.items()
                 if kinds[n] == "integer" and n not in ints and not c.withheld})
    derived = D.derived_candidates(ints)
    skip = {(x, y) for y, x, _, _ in derived} | {(y, x) for y, x, _, _ in derived}
    codes = {n: D.factorize(v) for n, v in rows.items() if kinds[n] != "other"}
    n = len(next(iter(rows.values())))
    functional = D.functional_candidates(codes, n, skip)
    derived, functional = D.confirm(adapter, relation, derived, functional)
    functional += _public_pairs(profile.columns)
    rules = D.derived_rules(derived, {c.name: c.min for c in profile.columns})
    targets = {r["column"] for r in rules}
    result: list[dict] = list(rules)
    date_group = _date_group(profile, kinds, rows)
    if date_group:
        result.append(date_group)
    composed = _compose_times(profile, functional, date_group, rows, numbers)
    targets |= {r["column"] for r in composed}
    covered = {(r["column"], i) for r in composed for i in r["inputs"]}
    result += composed
    result += [_functional(x, y, columns, rows) for x, y in functional
               if y not in targets and (x, y) not in covered]
    categorical = [c.name for c in profile.columns
                   if (c.distribution or {}).get("kind") == "categorical" and c.name not in targets]
    joints = _joints(adapter, relation, profile, kinds, codes, categorical, date_group, disclosure)
    tied = {(x, y) for j in joints for x in j["columns"] for y in j["columns"]}
    exact = set(functional)
    for x, y, share in D.near_functional(codes, categorical, exact):
        rule = _functional(x, y, columns, rows)
        if "mapping" in rule and y not in targets and (x, y) not in tied:
            result.append({**rule, "share": round(share, 4)})
    result += joints
    masks = {c: ~valid(v) for c, v in rows.items() if kinds[c] != "other"}
    result += [{"kind": "null_group", "columns": g} for g in D.null_groups(masks)]
    copula = _copula(profile, kinds, rows, numbers, targets, date_group, rng, joints)
    if copula:
        result.append(copula)
    return result


def _joints(adapter: Any, relation: exp.Expression, profile: TableProfile,
            kinds: dict[str, str], codes: dict[str, tuple[np.ndarray, int]],
            categorical: list[str], date_group: dict | None,
            disclosure: Disclosure) -> list[dict[str, Any]]:
    """Tied categorical columns (see joint.py): their k-anonymous tuples, counted in SQL."""
    parts = {date_group[p] for p in ("year", "month", "day")} if date_group else set()
    stored = {c.name: len(c.top_values or []) for c in profile.columns}
    names = [c for c in categorical if kinds[c] != "temporal" and c not in parts
             and stored[c] <= J.MAX_CATEGORIES]
    rules = []
    for group in J.tied_groups(codes, names):
        k = max(disclosure.k_for(c) for c in group)
        rule = J.joint_rule(adapter, relation, group, kinds, k, profile.row_count)
        if rule:
            rules.append(rule)
    return rules


def _as_numbers(values: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values])


def _public_pairs(columns: list[ColumnProfile]) -> list[tuple[str, str]]:
    """Public keys are one-to-one (an airline's code and its name): the first determines the
    others, so mocks pair real reference values as they are, not a code with another's name.
    Uniqueness comes from the whole table, so no sample check is needed."""
    keys = [c.name for c in columns if c.public and c.unique and c.top_values]
    return [(keys[0], other) for other in keys[1:]]


def _functional(x: str, y: str, columns: dict[str, ColumnProfile],
                rows: dict[str, np.ndarray]) -> dict[str, Any]:
    """X -> Y; with the value mapping only when both sides are stored (k-anonymous) categories."""
    rule: dict[str, Any] = {"kind": "functional", "determinant": x, "dependent": y}
    cx, cy = columns[x], columns[y]
    if cx.top_values and cy.top_values and not (cx.withheld or cy.withheld):
        stored = {t["value"] for t in cx.top_values}
        allowed = {t["value"] for t in cy.top_values}
        mapping = {}
        for vx, vy in zip(rows[x], rows[y]):
            if vx in stored and vy in allowed:
                mapping.setdefault(vx, vy)
        if mapping:
            rule["mapping"] = [[a, b] for a, b in mapping.items()]
    return rule


def _date_group(profile: TableProfile, kinds: dict[str, str],
                rows: dict[str, np.ndarray]) -> dict[str, Any] | None:
    """year/month/day columns that form a valid date in every sampled row -> one date variable."""
    parts = D.date_part_columns([c.name for c in profile.columns], kinds)
    if not parts:
        return None
    days = []
    for y, m, d in zip(rows[parts["year"]], rows[parts["month"]], rows[parts["day"]]):
        if y is None or m is None or d is None:
            continue
        try:
            days.append((_dt.date(int(y), int(m), int(d)) - _dt.date(1970, 1, 1)).days)
        except ValueError:
            return None
    if not days:
        return None
    sketch = np.quantile(np.array(days, dtype=float), probs())
    values = [(_dt.date(1970, 1, 1) + _dt.timedelta(days=int(round(s)))).isoformat() for s in sketch]
    return {"kind": "date_parts", **parts, "values": values}


def _compose_times(profile: TableProfile, functional: list[tuple[str, str]],
                   date_group: dict | None, rows: dict[str, np.ndarray],
                   numbers: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    """A timestamp that determines the date-part columns is rebuilt from them (plus a constant
    offset such as a time zone), so the parts keep their own correlations (`hour` with
    `dep_time`) and the timestamp still agrees with every one of them."""
    if not date_group:
        return []
    rules = []
    for col in profile.columns:
        dist = col.distribution or {}
        if dist.get("kind") != "quantiles" or not dist.get("temporal") or col.name not in numbers:
            continue
        deps = {y for x, y in functional if x == col.name}
        if not {date_group["month"], date_group["day"]} <= deps:
            continue
        hour = next((y for y in deps if y.lower() in ("hour", "hr", "hh")), None)
        inputs = [date_group["year"], date_group["month"], date_group["day"]] + ([hour] if hour else [])
        local = _local_seconds(rows, inputs)
        delta = numbers[col.name] - local
        ok = np.isfinite(delta)
        if not ok.any():
            continue
        values, counts = np.unique(delta[ok], return_counts=True)
        if counts.max() < 0.5 * ok.sum():
            continue
        rule = {"kind": "compose_time", "column": col.name, "inputs": inputs,
                "offset": float(values[counts.argmax()])}
        if dist.get("format"):
            rule["format"] = dist["format"]
        rules.append(rule)
    return rules


def _local_seconds(rows: dict[str, np.ndarray], inputs: list[str]) -> np.ndarray:
    out = []
    for parts in zip(*(rows[c] for c in inputs)):
        try:
            day = (_dt.date(int(parts[0]), int(parts[1]), int(parts[2])) - _dt.date(1970, 1, 1)).days
            out.append(day * 86400.0 + (float(parts[3]) * 3600 if len(parts) > 3 else 0.0))
        except (TypeError, ValueError):
            out.append(np.nan)
    return np.array(out)


def _date_scores(group: dict[str, Any], rows: dict[str, np.ndarray]) -> np.ndarray:
    out = []
    for y, m, d in zip(rows[group["year"]], rows[group["month"]], rows[group["day"]]):
        try:
            out.append(float((_dt.date(int(y), int(m), int(d)) - _dt.date(1970, 1, 1)).days))
        except (TypeError, ValueError):
            out.append(np.nan)
    return rank_scores(np.array(out))


def _copula(profile: TableProfile, kinds: dict[str, str], rows: dict[str, np.ndarray],
            numbers: dict[str, np.ndarray],
            targets: set[str], date_group: dict | None, rng: np.random.Generator,
            joints: list[dict[str, Any]] = ()) -> dict | None:
    """Correlation of normal scores over every modelled column (derived ones excluded); a
    group of tied columns is one variable, its tuples as categories."""
    names, scores = [], []
    parts = {date_group[p] for p in ("year", "month", "day")} if date_group else set()
    parts |= {c for j in joints for c in j["columns"]}
    for col in profile.columns:
        if col.name in targets or col.name in parts:
            continue
        kind = (col.distribution or {}).get("kind")
        if kind == "categorical":
            tops = ordered_categories(col)
            index = {t["value"]: i for i, t in enumerate(tops)}
            as_text = kinds[col.name] == "temporal"   # stored as the warehouse's text form
            codes = np.array([index.get(str(v) if as_text else v, -1) for v in rows[col.name]])
            freqs = np.array([t["freq"] for t in tops])
            scores.append(category_scores(codes, freqs, rng))
        elif kind == "quantiles" and col.name in numbers:
            scores.append(rank_scores(numbers[col.name]))
        else:
            continue
        names.append(col.name)
    if date_group:
        names.append(DATE_VARIABLE)
        scores.append(_date_scores(date_group, rows))
    for i, joint in enumerate(joints):
        names.append(JOINT_VARIABLE.format(i))
        scores.append(category_scores(J.tuple_codes(joint, rows), np.array(joint["freqs"]), rng))
    if len(names) < 2:
        return None
    corr = correlation(np.column_stack(scores))
    return {"kind": "gaussian_copula", "columns": names,
            "correlation": [[round(float(v), 3) for v in row] for row in corr]}
