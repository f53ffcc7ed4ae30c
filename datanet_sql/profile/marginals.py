"""Per-column models (the `distribution` entry): how mock generation draws one column alone.

Kinds: `categorical` (the k-anonymous top values), `quantiles` (an inverse-CDF sketch for
numbers and times, optionally text-encoded times or HHMM clock times), `sequence` (unique
integer keys), `pattern` (identifier shapes such as `A99999` with the positions that never
change, e.g. a leading `N`), `text` (word counts for free text), `faker` (PII: a Faker
provider builds value pools; no value of the column is ever stored).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from typing import Any

import numpy as np

from datanet_sql.profile import sample as S
from datanet_sql.profile.model import ColumnProfile

SKETCH_POINTS = 33
NUMERIC_CATEGORY_MAX = 60

FAKER_PROVIDERS = {
    "email": "email", "phone": "phone_number", "address": "street_address",
    "postal_code": "postcode", "ip_address": "ipv4", "free_text": "sentence",
}
# Public semantic types whose values no k-anonymous profile can hold (a customer's city is
# seen once or twice): a Faker provider draws real-looking ones instead of random words.
SEMANTIC_PROVIDERS = {
    "city": "city", "country_code": "country_code", "currency_code": "currency_code",
    "url": "url", "uuid": "uuid4",
}


def probs() -> np.ndarray:
    return np.linspace(0.0, 1.0, SKETCH_POINTS)


def ordered_categories(column: ColumnProfile) -> list[dict[str, Any]]:
    """Stored categories in copula order: by value for numbers (so `hour` keeps its ties to
    `dep_time`), most frequent first otherwise. Profiling and mocking must agree on it."""
    tops = list(column.top_values or [])
    if column.type and any(w in column.type.upper() for w in ("INT", "DOUBLE", "FLOAT", "DECIMAL",
                                                             "NUMERIC", "REAL")):
        return sorted(tops, key=lambda t: float(t["value"]))
    return tops


def faker_provider(column: ColumnProfile) -> str | None:
    """The Faker provider for a PII semantic type (None: identifiers keep their own shape)."""
    if column.semantic == "person_name":
        lower = column.name.lower()
        if "first" in lower or "given" in lower:
            return "first_name"
        if "last" in lower or "surname" in lower or "family" in lower:
            return "last_name"
        return "name"
    if column.semantic == "address" and "city" in column.name.lower():
        return "city"
    semantic = column.semantic or ""
    return FAKER_PROVIDERS.get(semantic) or SEMANTIC_PROVIDERS.get(semantic)


def is_categorical(column: ColumnProfile, kind: str) -> bool:
    """Stored categories that cover most non-null rows, and not a key (unless the key's values
    were declared public: then mocks draw the real reference values, each once)."""
    if (column.unique and not column.public) or not column.top_values or column.withheld:
        return False
    covered = sum(t["freq"] for t in column.top_values) / max(1e-9, 1 - column.null_rate)
    if kind in ("integer", "number"):
        return (column.distinct_count or 0) <= NUMERIC_CATEGORY_MAX and covered >= 0.95
    return covered >= 0.5 or kind == "boolean"


def fit_marginal(column: ColumnProfile, kind: str, values: np.ndarray) -> tuple[dict, np.ndarray | None]:
    """The column's distribution entry and its numeric view for the copula (None: not in it)."""
    provider = faker_provider(column) if column.withheld and kind == "string" else None
    if provider:
        return _faker(column, provider, values), None
    if kind == "boolean" or (kind != "other" and is_categorical(column, kind)):
        return {"kind": "categorical"}, None
    if kind in ("integer", "number"):
        return _numeric(column, kind, values)
    if kind == "temporal":
        numbers = S.numeric(values, "temporal")
        dist = {"kind": "quantiles", "temporal": column.type.split("(")[0].split(" ")[0].lower(),
                "resolution": S.resolution(numbers)}
        if column.quantiles is None:
            dist["values"] = _iso(_sketch(numbers), dist["temporal"])
        return dist, numbers
    if kind == "string":
        return _string(column, values)
    return {"kind": "null"}, None


def _numeric(column: ColumnProfile, kind: str, values: np.ndarray) -> tuple[dict, np.ndarray]:
    numbers = S.numeric(values, "number")
    if column.unique and kind == "integer" and column.null_rate == 0:
        start = int(column.min) if column.min is not None else 1
        span = (int(column.max) - start) if column.max is not None else 0
        step = max(1, span // max(1, (column.distinct_count or 1) - 1))
        return {"kind": "sequence", "start": start, "step": step}, None
    dist: dict[str, Any] = {"kind": "quantiles", "integer": kind == "integer"}
    digits = S.decimals(numbers)
    if kind == "number" and digits is not None:
        dist["decimals"] = digits
    if _is_hhmm(numbers):
        minutes = np.floor_divide(numbers, 100) * 60 + np.mod(numbers, 100)
        dist.update({"encoding": "hhmm", "values": _sketch(minutes).tolist()})
        return dist, numbers
    if column.quantiles is None:
        dist["values"] = _sketch(numbers).tolist()
    return dist, numbers


def _is_hhmm(numbers: np.ndarray) -> bool:
    """Clock times written as HHMM integers (515 = 05:15): mocks must stay valid times."""
    ok = numbers[np.isfinite(numbers)]
    if ok.size < 20 or ok.min() < 0 or ok.max() > 2400 or np.unique(ok).size < 100:
        return False
    return bool(np.all(ok == np.round(ok)) and np.all(np.mod(ok, 100) < 60))


def _string(column: ColumnProfile, values: np.ndarray) -> tuple[dict, np.ndarray | None]:
    # a column known to hold dates keeps the forms that read most of it (the rest: null
    # tokens, garbage); other text must read almost whole to count as dates
    cover = 0.5 if column.semantic in ("date", "timestamp") else 0.95
    formats = [] if column.withheld else S.text_time_formats(values, cover)
    if formats:
        seconds = S.parse_text_times(values, [f for f, _ in formats])
        dist = {"kind": "quantiles", "temporal": "text", "format": formats[0][0],
                "resolution": S.resolution(seconds), "values": _iso(_sketch(seconds), "timestamp")}
        if len(formats) > 1:   # mixed forms: mocks write each in its share, all valid dates
            dist["formats"] = [{"format": f, "freq": round(share, 4)} for f, share in formats]
        return dist, seconds
    if column.semantic in SEMANTIC_PROVIDERS:
        return _faker(column, SEMANTIC_PROVIDERS[column.semantic], values), None
    shapes = column.extra.get("shapes") or []
    if sum(s["freq"] for s in shapes) >= 0.5 * (1 - column.null_rate):
        return {"kind": "pattern", "shapes": _fixed_positions(shapes, values)}, None
    text = _text(values)
    if text["words"] == [1, 1] and column.pattern and " " not in column.pattern:
        # one-word values too rare to store: keep the dominant shape, so the fingerprint holds
        return {"kind": "pattern", "shapes": [{"shape": column.pattern, "freq": 1.0}]}, None
    return text, None


def _faker(column: ColumnProfile, provider: str, values: np.ndarray) -> dict[str, Any]:
    """A Faker provider; phone numbers keep the formats the column was written in (its
    recorded shapes, with the characters every number of a shape shares, such as a trunk `0`),
    since Faker's own (`+0-...x977`) are not ones a project's checks expect."""
    dist: dict[str, Any] = {"kind": "faker", "provider": provider}
    shapes = column.extra.get("shapes") or []
    if provider == "phone_number" and shapes:
        dist["shapes"] = _fixed_positions(shapes, values)
    return dist


def _fixed_positions(shapes: list[dict], values: np.ndarray) -> list[dict]:
    """Per stored shape, the positions whose character never changes (e.g. tail numbers' `N`)."""
    out = []
    by_shape: dict[str, list[str]] = {}
    for v in values:
        if isinstance(v, str):
            by_shape.setdefault(shape_of(v), []).append(v)
    for s in shapes:
        entry = {"shape": s["shape"], "freq": s["freq"]}
        seen = by_shape.get(s["shape"], [])
        if len(seen) >= 5:
            fixed = {i: ch for i, ch in enumerate(seen[0])
                     if ch.isalnum() and all(len(v) > i and v[i] == ch for v in seen)}
            if fixed:
                entry["fixed"] = "".join(fixed.get(i, "_") for i in range(len(s["shape"])))
        out.append(entry)
    return out


def shape_of(value: str) -> str:
    """The same shape as the SQL one: A upper, a lower, 9 digit, other characters kept."""
    return "".join("A" if "A" <= c <= "Z" else "a" if "a" <= c <= "z" else "9" if "0" <= c <= "9"
                   else c for c in value)


def _text(values: np.ndarray) -> dict:
    """Free text: how many words, and whether they start with a capital (no words are kept)."""
    texts = [v for v in values if isinstance(v, str)]
    words = Counter(len(t.split()) for t in texts)
    caps = sum(1 for t in texts if t[:1].isupper()) / max(1, len(texts))
    lo, hi = (min(words), max(words)) if words else (1, 3)
    return {"kind": "text", "words": [lo, hi], "capitalized": caps >= 0.5}


def _sketch(numbers: np.ndarray) -> np.ndarray:
    ok = numbers[np.isfinite(numbers)]
    return np.quantile(ok, probs()) if ok.size else np.zeros(SKETCH_POINTS)


def _iso(seconds: np.ndarray, temporal: str) -> list[str]:
    epoch = _dt.datetime(1970, 1, 1)
    out = [epoch + _dt.timedelta(seconds=float(s)) for s in seconds]
    if temporal == "date":
        return [d.date().isoformat() for d in out]
    return [d.isoformat() for d in out]
