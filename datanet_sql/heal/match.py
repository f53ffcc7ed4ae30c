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


def value_evidence(old: ContractColumn, new: ContractColumn) -> tuple[float, list[str]]:
    """How strongly the values say `old` and `new` hold the same data (0 when nothing known)."""
    if old.top_hash and new.top_hash and old.top_hash == new.top_hash:
        return 1.0, [f"same top-values hash {old.top_hash}"]
    if old.top_hash and new.clean_hash and old.top_hash == new.clean_hash:
        return 1.0, [f"same top-values hash {old.top_hash} once null tokens read as NULL"]
    retyped = family(old.type) != family(new.type)
    checks: list[tuple[bool, str]] = []
    if old.distinct_count is not None and new.distinct_count is not None:
        checks.append((_close(old.distinct_count, new.distinct_count, 0.02),
                       f"distinct {old.distinct_count} vs {new.distinct_count}"))
    if old.null_rate is not None and new.null_rate is not None:
        live_nulls = new.null_rate + (new.token_rate or 0.0)
        checks.append((abs(old.null_rate - live_nulls) <= 0.01,
                       f"null rate {old.null_rate} vs {live_nulls:.4g}"))
    for bound in ("min", "max") if not retyped else ():
        a, b = getattr(old, bound), getattr(new, bound)
        if a is not None and b is not None:
            checks.append((_same_value(a, b), f"{bound} {a} vs {b}"))
    if old.pattern and new.pattern and not retyped:
        checks.append((old.pattern == new.pattern, f"pattern {old.pattern} vs {new.pattern}"))
    if not checks:
        return 0.0, ["no value fingerprint to compare"]
    hits = [text for ok, text in checks if ok]
    score = len(hits) / len(checks)
    if old.top_hash and new.top_hash:
        score *= 0.85   # hashes differ: the most frequent values are not the same set
        hits.append("top-values hash differs")
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
    return None


def score(old: ContractColumn, new: ContractColumn) -> Match:
    """Score `new` as the renamed `old`: values 60%, type 20%, name 20%."""
    values, evidence = value_evidence(old, new)
    types = type_score(old, new)
    names = name_similarity(old.name, new.name)
    confidence = (WEIGHTS["values"] * values + WEIGHTS["type"] * types
                  + WEIGHTS["name"] * names)
    evidence = evidence + [f"type {old.type} -> {new.type}", f"name similarity {names:.2f}"]
    factor = unit_factor(old, new) if values < 1.0 else None
    if factor:
        evidence.append(f"values scaled by {factor:g}")
    return Match(old.name, new.name, round(confidence, 3), values, evidence, factor)
