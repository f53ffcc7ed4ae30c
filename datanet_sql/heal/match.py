"""Evidence that a dropped contract column and an added live column are the same data.

A rename is believed only when the *values* agree (top-values hash, distinct count, null
rate, min/max, shape); the type and the name add confidence but never decide alone. The
scores are plain floats in [0, 1] with the evidence spelled out, so a plan can show why.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any

from datanet_sql.heal.contract import ContractColumn
from datanet_sql.heal.sketch import MIN_BUCKETS, containment
from datanet_sql.heal.types import family, is_numeric, same_type

UNIT_FACTORS = (10.0, 12.0, 60.0, 100.0, 1000.0, 3600.0, 1_000_000.0)
WEIGHTS = {"values": 0.6, "type": 0.2, "name": 0.2}


@dataclass
class Match:
    """A scored candidate: the contract column `old` may now be the live column `new`."""

    old: str
    new: str
    confidence: float
    value_score: float
    evidence: list[str] = field(default_factory=list)
    unit_factor: float | None = None


def _tokens(name: str) -> set[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return {t for t in re.split(r"[^a-zA-Z0-9]+", spaced.lower()) if t}


def name_similarity(a: str, b: str) -> float:
    """Best of edit-distance ratio, token overlap and abbreviation (`cust_id` ~ `customer_id`)."""
    la, lb = a.lower(), b.lower()
    ratio = difflib.SequenceMatcher(None, la, lb).ratio()
    ta, tb = _tokens(a), _tokens(b)
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    abbrev = 0.0
    if len(ta) == len(tb) and ta and all(
            any(x.startswith(y) or y.startswith(x) for y in tb) for x in ta):
        abbrev = 0.8
    return max(ratio, jaccard, abbrev)


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def _close(a: float, b: float, rel: float = 0.02) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-9)


def _same_value(a: Any, b: Any) -> bool:
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None:
        return _close(na, nb, 1e-6)
    return str(a) == str(b)


def _freqs_agree(old: ContractColumn, new: ContractColumn) -> bool | None:
    """Whether the value frequencies match (None when either side did not record them)."""
    if not old.top_freqs or not new.top_freqs:
        return None
    # profiles keep only values seen at least k times, so one side may list fewer: compare
    # the shared prefix, and only when it covers most of the rows
    shared = list(zip(old.top_freqs, new.top_freqs))
    if sum(a for a, _ in shared) < 0.8:
        return None
    return all(abs(a - b) <= 0.03 for a, b in shared)


def _hash_evidence(old: ContractColumn, new: ContractColumn) -> tuple[float, list[str]] | None:
    """Same top-values hash: decisive for many distinct values, needs frequencies for few."""
    same = bool(old.top_hash) and old.top_hash in (new.top_hash, new.clean_hash, new.parsed_hash)
    if not same:
        return None
    how = ("" if old.top_hash == new.top_hash else " once null tokens read as NULL"
           if old.top_hash == new.clean_hash else " once its text dates are parsed")
    text = f"same top-values hash {old.top_hash}{how}"
    few = (old.distinct_count or 0) <= 20
    if not few:
        return 1.0, [text]
    agree = _freqs_agree(old, new)
    if agree:
        return 1.0, [text, "same value frequencies"]
    return 0.7, [text + f" (only {old.distinct_count} distinct values)",
                 "frequencies differ" if agree is False else "frequencies unknown"]


def _distinct_ok(old: ContractColumn, new: ContractColumn, growth: float) -> bool:
    a, b = old.distinct_count, new.distinct_count
    if _close(a, b, 0.02):  # type: ignore[arg-type]
        return True
    return growth > 1 and a <= b <= a * growth * 1.02 + 1  # type: ignore[operator]


def _bound_ok(old: ContractColumn, new: ContractColumn, bound: str, growth: float) -> bool:
    a, b = getattr(old, bound), getattr(new, bound)
    if _same_value(a, b):
        return True
    na, nb, lo, hi = _num(a), _num(b), _num(old.min), _num(old.max)
    if growth <= 1:
        return False
    if isinstance(a, str) and isinstance(b, str) and None in (na, nb):
        return b <= a if bound == "min" else b >= a   # text range widened by new rows
    if None in (na, nb, lo, hi):
        return False
    span = max(hi - lo, 1e-9)  # type: ignore[operator]
    widened = nb <= na if bound == "min" else nb >= na  # type: ignore[operator]
    return widened and abs(nb - na) <= 0.5 * span  # type: ignore[operator]


def _sketch_evidence(old: ContractColumn, new: ContractColumn,
                     rows: tuple[int | None, int | None]) -> tuple[float, list[str]] | None:
    """Decisive evidence from the MinHash of the distinct values, when both sides have one:
    most of the contract's values found (and no null-rate contradiction), or almost none."""
    if family(old.type) != family(new.type) and not (is_numeric(old.type) and is_numeric(new.type)):
        return None   # text dates or numbers hash as they are written: other evidence decides
    found = containment(old.minhash, new.minhash, old.distinct_count, new.distinct_count)
    if found is None:
        return None
    text = f"{found:.0%} of the distinct values of {old.name} found in {new.name} (MinHash)"
    if found >= 0.8 and (old.distinct_count or 0) < MIN_BUCKETS:
        return 0.9, [f"all {old.distinct_count} distinct values of {old.name} found in "
                     f"{new.name} (MinHash)"]   # few values: other columns may hold them too
    if found >= 0.8:
        against = [c for c in contradictions(old, new, rows) if c.startswith("null")]
        return (0.5, [text, *(f"but {a}" for a in against)]) if against else (1.0, [text])
    if found < 0.3:
        return 0.0, [text]
    return None


def contradictions(old: ContractColumn, new: ContractColumn,
                   rows: tuple[int | None, int | None] = (None, None)) -> list[str]:
    """Facts that say the values are *not* the same even when the top-values hash agrees
    (the hash covers only the 20 most frequent values: filled NULLs or a few new extremes
    do not move it)."""
    growth = (rows[1] / rows[0]) if rows[0] and rows[1] else 1.0
    out = []
    if old.null_rate is not None and new.null_rate is not None:
        live_nulls = new.null_rate + (new.token_rate or 0.0)
        tolerance = 0.03 if growth != 1 else (0.5 / rows[0] if rows[0] else 0.01)
        if abs(old.null_rate - live_nulls) > tolerance:
            out.append(f"null rate {old.null_rate} vs {live_nulls:.4g}")
    if family(old.type) == family(new.type):
        for bound in ("min", "max"):
            if getattr(old, bound) is not None and getattr(new, bound) is not None \
                    and not _bound_ok(old, new, bound, growth):
                out.append(f"{bound} {getattr(old, bound)} vs {getattr(new, bound)}")
    return out


def value_evidence(old: ContractColumn, new: ContractColumn,
                   rows: tuple[int | None, int | None] = (None, None)) -> tuple[float, list[str]]:
    """How strongly the values say `old` and `new` hold the same data (0 when nothing known).

    `rows` (contract rows, live rows) lets a source that gained rows keep matching: distinct
    counts may grow with the rows and min/max may widen a little.
    """
    by_hash = _hash_evidence(old, new)
    if by_hash and by_hash[0] == 1.0:
        against = contradictions(old, new, rows)
        if not against:
            return by_hash
        return 0.5, [*by_hash[1], *(f"but {a}" for a in against)]
    by_sketch = _sketch_evidence(old, new, rows)
    if by_sketch is not None:
        return by_sketch
    growth = (rows[1] / rows[0]) if rows[0] and rows[1] else 1.0
    retyped = family(old.type) != family(new.type)
    checks: list[tuple[bool, str]] = []
    if old.distinct_count is not None and new.distinct_count is not None:
        checks.append((_distinct_ok(old, new, growth),
                       f"distinct {old.distinct_count} vs {new.distinct_count}"))
    if old.null_rate is not None and new.null_rate is not None:
        live_nulls = new.null_rate + (new.token_rate or 0.0)
        checks.append((abs(old.null_rate - live_nulls) <= (0.01 if growth == 1 else 0.03),
                       f"null rate {old.null_rate} vs {live_nulls:.4g}"))
    for bound in ("min", "max") if not retyped else ():
        if getattr(old, bound) is not None and getattr(new, bound) is not None:
            checks.append((_bound_ok(old, new, bound, growth),
                           f"{bound} {getattr(old, bound)} vs {getattr(new, bound)}"))
    if old.pattern and new.pattern and not retyped:
        checks.append((old.pattern == new.pattern, f"pattern {old.pattern} vs {new.pattern}"))
    if not checks:
        return by_hash or (0.0, ["no value fingerprint to compare"])
    hits = [text for ok, text in checks if ok]
    score = len(hits) / len(checks)
    if old.top_hash and new.top_hash and not by_hash:
        score *= 0.85   # hashes differ: the most frequent values are not the same set
        hits.append("top-values hash differs")
    if by_hash:
        return min(by_hash[0], score), by_hash[1] + hits
    return score, hits or ["values disagree"]


def type_score(old: ContractColumn, new: ContractColumn) -> float:
    if same_type(old.type, new.type):
        return 1.0
    if family(old.type) == family(new.type) or (is_numeric(old.type) and is_numeric(new.type)):
        return 0.7
    parse_key = {"integer": "BIGINT", "float": "DOUBLE", "decimal": "DOUBLE", "date": "DATE",
                 "timestamp": "TIMESTAMP", "boolean": "BOOLEAN"}.get(family(old.type))
    if family(new.type) == "text" and (new.parse_rates.get(parse_key or "", 0) >= 0.99
                                       or (family(old.type) in ("date", "timestamp")
                                           and new.date_formats)):
        return 0.7
    return 0.3


def unit_factor(old: ContractColumn, new: ContractColumn) -> float | None:
    """The factor (100, 1000, ...) by which numeric values were rescaled, if they were."""
    if not (is_numeric(old.type) and is_numeric(new.type)):
        return None
    pairs = [(_num(getattr(old, k)), _num(getattr(new, k))) for k in ("min", "max", "mean")]
    pairs = [(a, b) for a, b in pairs if a and b]
    if not pairs:
        return None
    for factor in UNIT_FACTORS:
        for f in (factor, 1 / factor):
            if all(_close(b, a * f, 0.02) for a, b in pairs):
                return f
    return _rescaled(pairs)


def _rescaled(pairs: list[tuple[float, float]]) -> float | None:
    """Any other factor (pounds to kilograms: 0.4536) when the mean moved by at least 25% and
    the minimum and maximum moved with it: the whole distribution was rescaled, which new rows
    alone rarely do (they widen the extremes, not all three by one factor). An extreme that
    stayed where it was means the old values are still there: rows were added, not rescaled."""
    if len(pairs) < 3:
        return None
    ratios = [b / a for a, b in pairs]
    mean_ratio = ratios[-1]
    if mean_ratio <= 0 or any(0.8 <= r <= 1.25 for r in ratios):
        return None
    if all(0.67 <= r / mean_ratio <= 1.5 for r in ratios):
        return round(mean_ratio, 4)
    return None


def score(old: ContractColumn, new: ContractColumn,
          rows: tuple[int | None, int | None] = (None, None)) -> Match:
    """Score `new` as the renamed `old`: values 60%, type 20%, name 20%."""
    values, evidence = value_evidence(old, new, rows)
    types = type_score(old, new)
    names = name_similarity(old.name, new.name)
    confidence = (WEIGHTS["values"] * values + WEIGHTS["type"] * types
                  + WEIGHTS["name"] * names)
    evidence = evidence + [f"type {old.type} -> {new.type}", f"name similarity {names:.2f}"]
    factor = unit_factor(old, new) if values < 1.0 else None
    if factor:
        evidence.append(f"values scaled by {factor:g}")
    return Match(old.name, new.name, round(confidence, 3), values, evidence, factor)
