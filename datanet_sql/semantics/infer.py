"""Infer one column's semantic type from its name, SQL type and a sample of its values.

The values decide which types are possible (compat.py); among those, the classifier's
probabilities, the name's hints, the project's confirmed labels and a few decisive validators
are added as log-scores. Every piece that moved the decision is kept as a sentence in
`evidence`, which `datanet infer` prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from datanet_sql.semantics.classifier import SemanticModel, default_model
from datanet_sql.semantics.compat import all_midnight, allowed_types, with_units
from datanet_sql.semantics.features import column_features, sql_family
from datanet_sql.semantics.names import name_hints
from datanet_sql.semantics.validators import ValueStats, epoch_unit, read_values
from datanet_sql.semantics.vocabulary import VOCABULARY, SemanticType, is_pii

# format validators that are specific enough to outweigh any name
_DECISIVE = {"email": 3.0, "url": 3.0, "uuid": 3.0, "ip_address": 3.0, "credit_card": 2.0,
             "country_code": 1.0, "currency_code": 1.0, "date": 2.0, "timestamp": 2.0, "time": 2.0,
             "boolean": 2.0}
_TYPED = {"date": "date", "timestamp": "timestamp", "time": "time", "boolean": "boolean"}
# numeric types that values alone cannot tell from a plain measure: they need the name's support
_NEED_NAME = {"money": 2.0, "percent": 2.0, "latitude": 2.0, "longitude": 2.0, "year": 0.8,
              "postal_code": 2.5, "identifier": 2.0}
_NUMERIC_FAMILIES = ("integer", "float", "decimal")


@dataclass(frozen=True)
class Inference:
    """The decision for one column, with why (for `datanet infer` and the manifest)."""

    semantic: str
    confidence: float
    pii: bool
    evidence: list[str] = field(default_factory=list)
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def profile_fields(self) -> dict[str, object]:
        """The keys this layer owns in profiles/<source>.<table>.yml (docs/PROFILE_FORMAT.md)."""
        return {"semantic": self.semantic, "semantic_confidence": self.confidence, "pii": self.pii}

    @classmethod
    def confirmed(cls, semantic: str, custom: Sequence[SemanticType] = ()) -> Inference:
        """A user's `semantic:` override: certain, and it beats whatever the values suggest."""
        return cls(semantic, 1.0, is_pii(semantic, custom), ["set by the user (semantic: in YAML)"])


def infer_column(name: str, sql_type: str, values: Sequence[object], *,
                 distinct_ratio: float | None = None, custom: Sequence[SemanticType] = (),
                 model: SemanticModel | None = None) -> Inference:
    """The semantic type of a column; values win over a misleading name.

    `distinct_ratio` is the whole column's (from SQL), which a sample cannot see; `custom` are
    the project's types (vocabulary.custom_types); `model` defaults to one trained on
    synthetic columns only.
    """
    return infer_columns([(name, sql_type, values, distinct_ratio)], custom=custom, model=model)[0]


def infer_columns(columns: Sequence[tuple[str, str, Sequence[object], float | None]], *,
                  custom: Sequence[SemanticType] = (),
                  model: SemanticModel | None = None) -> list[Inference]:
    """`infer_column` for many (name, sql_type, values, distinct_ratio) at once: one model call."""
    model = model or default_model()
    pending: list[tuple[int, str, str, ValueStats, dict[str, str], list[float]]] = []
    out: list[Inference | None] = [None] * len(columns)
    for i, (name, sql_type, values, distinct_ratio) in enumerate(columns):
        stats = read_values(values)
        ratio = distinct_ratio if distinct_ratio is not None else stats.distinct / max(stats.n, 1)
        early = _nested(sql_type) or (_from_name_only(name, sql_type, custom, model) if stats.n == 0
                                      else _custom_match(name, stats, custom))
        if early is not None:
            out[i] = early
            continue
        allowed = allowed_types(stats, sql_type, ratio)
        _rescue_by_name(name, stats, allowed)
        if not allowed:
            allowed = {_fallback(stats, sql_type, ratio): "no type's validator matched"}
        pending.append((i, name, sql_type, stats, allowed,
                        column_features(stats, sql_type, distinct_ratio)))
    probs_list = model.predict_many([p[5] for p in pending])
    for (i, name, sql_type, stats, allowed, _), probs in zip(pending, probs_list):
        _learned_types(name, probs, model, allowed)
        scores, notes = _score(name, sql_type, stats, allowed, probs, model)
        out[i] = _decide(scores, notes, allowed, probs, custom)
    return [inf for inf in out if inf is not None]


def _score(name: str, sql_type: str, stats: ValueStats, allowed: dict[str, str],
           probs: dict[str, float], model: SemanticModel) -> tuple[dict[str, float], dict[str, list[str]]]:
    scores = {t: math.log(probs.get(t, 0.0) + 0.02) for t in allowed}
    notes: dict[str, list[str]] = {t: [] for t in allowed}
    hinted = set()
    for hint in name_hints(name):
        if hint.semantic in scores:
            scores[hint.semantic] += hint.weight
            notes[hint.semantic].append(f"name token '{hint.token}'")
            hinted.add(hint.semantic)
    _unsupported(scores, hinted, stats, sql_type)
    remembered = model.remembered(name)
    if remembered in scores:
        scores[remembered] += 4.0
        notes[remembered].append(f"a user confirmed {remembered} for a column named {name!r}")
    fam = sql_family(sql_type)
    for t, bonus in _DECISIVE.items():
        if t in scores and (_TYPED.get(t) != fam or t in ("date", "time")):
            scores[t] += bonus
    for t, typed in _TYPED.items():
        if t in scores and fam == typed:
            scores[t] += 3.0
    if "timestamp" in scores and fam in ("integer", "string") and epoch_unit(stats.numbers):
        scores["timestamp"] += 1.5
    if "date" in scores and all_midnight(stats):
        scores["date"] += 6.0
    _written_forms(scores, notes, stats, fam)
    return scores, notes


def _written_forms(scores: dict[str, float], notes: dict[str, list[str]], stats: ValueStats,
                   fam: str) -> None:
    """How values are written outweighs a classifier that sees few distinct values: numbers
    with units of one measure are a measure, numbers some of which carry `%` are a percent."""
    if "numeric_measure" in scores and fam == "string" and with_units(stats):
        scores["numeric_measure"] += 4.0
        notes["numeric_measure"].append("numbers written with units of one measure")
    percent_text = stats.share("percent_text")
    if "percent" in scores and 0.05 <= percent_text < 0.5 and stats.share("numeric") >= 0.95:
        scores["percent"] += 2.0
        notes["percent"].append(f"{round(100 * percent_text)}% of the numbers carry %")


def _unsupported(scores: dict[str, float], hinted: set[str], stats: ValueStats, sql_type: str) -> None:
    """Numbers are measures unless the name says more; tiny code sets need a name to be ISO codes."""
    numeric = sql_family(sql_type) in _NUMERIC_FAMILIES or stats.share("numeric") >= 0.95
    step_one = _steps_of_one(stats.numbers)
    for t, penalty in _NEED_NAME.items():
        if t in scores and t not in hinted and numeric and not (t == "identifier" and step_one):
            if not (t == "money" and stats.share("money_text") >= 0.5) and not (
                    t == "percent" and stats.share("percent_text") >= 0.05):
                scores[t] -= penalty
    ratio = stats.distinct / max(stats.n, 1)
    if "categorical" in scores and "identifier" in scores and ratio >= 0.95 and stats.n >= 20:
        scores["categorical"] -= 3.0  # labels repeat; unique short codes are keys
    if "city" in scores and "city" not in hinted:
        scores["city"] -= 1.5
    for t in ("country_code", "currency_code"):
        if t in scores and t not in hinted and stats.distinct < 5:
            scores[t] -= 3.0


def _steps_of_one(numbers: Sequence[float]) -> bool:
    """Consecutive integers (1, 2, 3, ...): a surrogate key, not a measure."""
    s = sorted(set(numbers))
    return len(s) >= 5 and sum(b - a == 1 for a, b in zip(s, s[1:])) >= 0.8 * (len(s) - 1)


def _learned_types(name: str, probs: dict[str, float], model: SemanticModel,
                   allowed: dict[str, str]) -> None:
    """Types known only from confirmed labels have no validator: the model's vote lets them in."""
    for t, p in probs.items():
        if t not in VOCABULARY and (p >= 0.15 or model.remembered(name) == t):
            allowed[t] = "learned from confirmed labels"


def _rescue_by_name(name: str, stats: ValueStats, allowed: dict[str, str]) -> None:
    """Where values are plausible but not conclusive, a strong name lets a type in.

    A foreign key repeats (low distinct ratio) yet is a key; whole-degree coordinates
    (`Latitude` 44, 55) fail the "has decimals" test yet are coordinates.
    """
    key_like = not any(" " in t for t in stats.texts[:50]) and not (
        stats.numbers and any(x != int(x) for x in stats.numbers))
    for hint in name_hints(name):
        if hint.weight < 4.0 or hint.semantic in allowed:
            continue
        if hint.semantic == "identifier" and key_like:
            allowed["identifier"] = f"key-like values and name token '{hint.token}'"
        bound = {"latitude": 90, "longitude": 180}.get(hint.semantic)
        if bound and stats.numbers and stats.share("numeric") == 1.0 and \
                all(-bound <= x <= bound for x in stats.numbers):
            allowed[hint.semantic] = f"whole degrees within +-{bound} and name token '{hint.token}'"


def _decide(scores: dict[str, float], notes: dict[str, list[str]], allowed: dict[str, str],
            probs: dict[str, float], custom: Sequence[SemanticType]) -> Inference:
    top = max(scores.values())
    weights = {t: math.exp(s - top) for t, s in scores.items()}
    total = sum(weights.values())
    ranked = sorted(weights, key=lambda t: (-weights[t], t))
    best = ranked[0]
    evidence = notes[best] + [allowed[best]]
    if probs.get(best, 0.0) > 0:
        evidence.append(f"classifier p={probs[best]:.2f}")
    alts = [(t, round(weights[t] / total, 3)) for t in ranked[1:4]]
    return Inference(best, round(weights[best] / total, 3), is_pii(best, custom), evidence, alts)


def _nested(sql_type: str) -> Inference | None:
    """A STRUCT, LIST or MAP has no single meaning: its fields are inferred once unnested."""
    if sql_family(sql_type) != "nested":
        return None
    return Inference("nested", 1.0, False, [f"SQL type {sql_type} is nested"])


def _custom_match(name: str, stats: ValueStats, custom: Sequence[SemanticType]) -> Inference | None:
    """A project type whose regex or value list fits 90% of the values wins outright."""
    best: tuple[float, SemanticType] | None = None
    for t in custom:
        share = sum(t.matches(v) for v in stats.texts) / stats.n
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, t)
    if best is None:
        return None
    share, t = best
    kind = "regex" if t.regex else "value list"
    return Inference(t.name, round(share, 3), t.pii, [f"{round(100 * share)}% match the {t.name} {kind}"])


def _fallback(stats: ValueStats, sql_type: str, ratio: float) -> str:
    fam = sql_family(sql_type)
    if fam in ("integer", "float", "decimal"):
        return "numeric_measure"
    if fam in _TYPED.values():
        return fam
    return "categorical" if ratio <= 0.5 else "free_text"


def _from_name_only(name: str, sql_type: str, custom: Sequence[SemanticType],
                    model: SemanticModel) -> Inference:
    """No values to look at (an empty or all-NULL column): the name and SQL type decide, weakly."""
    remembered = model.remembered(name)
    if remembered:
        return Inference(remembered, 0.9, is_pii(remembered, custom), ["a user confirmed this name"])
    fam = sql_family(sql_type)
    if fam in _TYPED.values():
        return Inference(fam, 0.6, False, [f"SQL type {sql_type}", "no non-null values sampled"])
    for t in custom:
        if t.name in name.lower():
            return Inference(t.name, 0.5, t.pii, [f"name contains {t.name!r}"])
    hints = name_hints(name)
    if hints:
        h = hints[0]
        return Inference(h.semantic, round(min(0.3 + h.weight / 10, 0.6), 3), is_pii(h.semantic, custom),
                         [f"name token '{h.token}'", "no non-null values sampled"])
    semantic = "numeric_measure" if fam in ("integer", "float", "decimal") else "categorical"
    return Inference(semantic, 0.2, False, ["no name hint", "no non-null values sampled"])
