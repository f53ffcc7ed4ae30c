"""Draw one column from its profile: a uniform per row in, values out.

Numbers and times are read off the inverse-CDF sketch, categories off their cumulative
frequencies, so a column driven by the copula's correlated uniforms keeps both its own shape
and its ties to the other columns. Values are numpy arrays: float64 seconds for times, float64
for numbers, object for text; NULLs are applied later as a mask.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datanet_sql.mock import pools
from datanet_sql.profile.marginals import ordered_categories, probs
from datanet_sql.profile.model import ColumnProfile
from datanet_sql.profile.stats import kind_of

_EPOCH = _dt.datetime(1970, 1, 1)


def seconds(value: Any) -> float:
    """Epoch seconds of a date/datetime/time, or of its ISO text after a YAML round trip."""
    if isinstance(value, str):
        text = value.rstrip("Z")
        if ":" in text and "-" not in text:
            value = _dt.time.fromisoformat(text)
        else:
            value = _dt.datetime.fromisoformat(text)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return (value - _EPOCH).total_seconds()
    if isinstance(value, _dt.date):
        return float((value - _EPOCH.date()).days * 86400)
    if isinstance(value, _dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    return float(value)


def categories(column: ColumnProfile,
               tops: list[dict[str, Any]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Stored categories (or `tops`) and their cumulative probabilities, renormalised over
    what is given."""
    tops = ordered_categories(column) if tops is None else tops
    freqs = np.array([t["freq"] for t in tops], dtype=float)
    values = np.empty(len(tops), dtype=object)
    values[:] = [t["value"] for t in tops]
    if kind_of(column.type) in ("integer", "number"):
        values = values.astype(float)
    elif kind_of(column.type) == "temporal":
        values = np.array([seconds(v) for v in values], dtype=float)
    return values, np.cumsum(freqs) / freqs.sum()


def rare_share(column: ColumnProfile) -> float:
    """Share of the non-NULL rows whose values were too rare (seen fewer than k times) to be
    stored as categories."""
    stored = sum(t["freq"] for t in column.top_values or [])
    return max(0.0, 1 - stored / max(1e-9, 1 - column.null_rate))


def draw_categorical(column: ColumnProfile, u: np.ndarray, rng: np.random.Generator,
                     tops: list[dict[str, Any]] | None = None,
                     rare: float | None = None) -> np.ndarray:
    """Values off the cumulative frequencies of the stored categories. For numbers, the share
    of values too rare to store is not dropped: it is drawn inside the column's recorded
    range, away from the stored values (an aircraft with 3 engines stays possible when the
    profile says engines go up to 4, without writing down which aircraft had 3)."""
    values, cum = categories(column, tops)
    rare = rare_share(column) if rare is None else rare
    others = _unstored_range(column, values) if rare > 1e-9 else None
    if others is None:
        return values[np.minimum(np.searchsorted(cum, u, side="right"), len(values) - 1)]
    out = values[np.minimum(np.searchsorted(cum, u / (1 - rare), side="right"), len(values) - 1)]
    tail = u >= 1 - rare
    if isinstance(others, tuple):
        out[tail] = rng.uniform(others[0], others[1], int(tail.sum()))
    else:
        out[tail] = others[rng.integers(0, others.size, int(tail.sum()))]
    return out


def _unstored_range(column: ColumnProfile, stored: np.ndarray) -> np.ndarray | tuple | None:
    """Integers of [min, max] that are not stored values (at most 10,000), or the (min, max)
    interval of a continuous number; None for other kinds, or when there is no room."""
    if kind_of(column.type) not in ("integer", "number") or stored.dtype.kind != "f":
        return None
    if not isinstance(column.min, (int, float)) or not isinstance(column.max, (int, float)):
        return None
    lo, hi = float(column.min), float(column.max)
    integral = kind_of(column.type) == "integer" or bool(np.all(stored == np.round(stored)))
    if not integral:
        return (lo, hi) if hi > lo else None
    if hi - lo > 10_000:
        return None
    candidates = np.arange(np.ceil(lo), np.floor(hi) + 1)
    free = candidates[~np.isin(candidates, stored)]
    return free if free.size else None


def draw(column: ColumnProfile, u: np.ndarray, rng: np.random.Generator, locale: str = "en_US",
         seed: int = 0) -> np.ndarray:
    """n values of one column (n = len(u)) following its distribution entry."""
    dist = column.distribution or {}
    kind = dist.get("kind")
    n = len(u)
    if kind == "categorical" and column.top_values:
        return draw_categorical(column, u, rng)
    if kind == "quantiles":
        return _quantiles(column, dist, u, rng)
    if kind == "sequence":
        return float(dist.get("start", 1)) + float(dist.get("step", 1)) * np.arange(n)
    if kind == "pattern" and dist.get("shapes"):
        return pools.from_shapes(dist["shapes"], n, rng)
    if kind == "faker" and dist.get("shapes"):
        return pools.phones_from_shapes(dist["shapes"], n, rng)
    if kind == "faker":
        return pools.faker_values(dist["provider"], n, rng, locale, seed)
    if kind == "text":
        lo, hi = dist.get("words", [1, 3])
        return pools.words(n, lo, hi, bool(dist.get("capitalized")), rng, locale, seed)
    return _fallback(column, n, rng)


def _quantiles(column: ColumnProfile, dist: dict, u: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
    raw = dist.get("values") or column.quantiles or [0.0, 0.0]
    temporal = dist.get("temporal")
    points = np.array([seconds(v) for v in raw] if temporal else raw, dtype=float)
    grid = np.linspace(0.0, 1.0, len(points)) if len(points) != len(probs()) else probs()
    x = np.interp(u, grid, points)
    if dist.get("encoding") == "hhmm":
        minutes = np.round(x)
        return np.floor_divide(minutes, 60) * 100 + np.mod(minutes, 60)
    if temporal:
        step = dist.get("resolution") or 1
        x = np.round(x / step) * step
        if temporal != "text":
            return x
        if dist.get("formats"):
            return _format_mixed(x, dist["formats"], rng)
        return format_times(x, dist["format"])
    if dist.get("integer"):
        return np.round(x) + 0.0   # + 0.0: no negative zeros
    if dist.get("decimals") is not None:
        return np.round(x, int(dist["decimals"])) + 0.0
    return x


def format_times(secs: np.ndarray, fmt: str) -> np.ndarray:
    """Text timestamps in the column's own format; each distinct instant is formatted once."""
    uniq, inverse = np.unique(secs, return_inverse=True)
    texts = np.array([(_EPOCH + _dt.timedelta(seconds=float(s))).strftime(fmt) for s in uniq],
                     dtype=object)
    return texts[inverse]


def _format_mixed(secs: np.ndarray, formats: list[dict], rng: np.random.Generator) -> np.ndarray:
    """Each row written in one of the column's recorded formats, in their shares."""
    freqs = np.array([f["freq"] for f in formats], dtype=float)
    choice = rng.choice(len(formats), size=len(secs), p=freqs / freqs.sum())
    out = np.empty(len(secs), dtype=object)
    for i, spec in enumerate(formats):
        rows = choice == i
        if rows.any():
            out[rows] = format_times(secs[rows], spec["format"])
    return out


def _fallback(column: ColumnProfile, n: int, rng: np.random.Generator) -> np.ndarray:
    """A column without a model (e.g. an old profile): plausible values of its type."""
    kind = kind_of(column.type)
    if kind in ("integer", "number"):
        lo = float(column.min) if isinstance(column.min, (int, float)) else 0.0
        hi = float(column.max) if isinstance(column.max, (int, float)) else 100.0
        x = rng.uniform(lo, hi, n)
        return np.round(x) if kind == "integer" else x
    if kind == "string" and column.pattern:
        return pools.shape_values(column.pattern, None, n, rng)
    if kind == "boolean":
        return rng.random(n) < 0.5
    return np.full(n, None, dtype=object)


def to_arrow(column: ColumnProfile, values: np.ndarray, nulls: np.ndarray) -> pa.Array:
    """The column as an Arrow array of its warehouse type, NULL where the mask says."""
    kind, t = kind_of(column.type), column.type.upper()
    mask = nulls | _missing(values)
    if kind == "integer":
        return pa.array(np.where(mask, 0, np.nan_to_num(values.astype(float))).astype(np.int64),
                        mask=mask)
    if kind == "number":
        floats = pa.array(np.where(mask, 0.0, values.astype(float)), mask=mask)
        match = re.match(r"(?:DECIMAL|NUMERIC)\s*\((\d+)\s*,\s*(\d+)\)", t)
        if match:
            return pc.round(floats, int(match.group(2))).cast(
                pa.decimal128(int(match.group(1)), int(match.group(2))), safe=False)
        return floats
    if kind == "boolean":
        return pa.array(values.astype(bool), mask=mask)
    if kind == "temporal" and values.dtype != object:
        secs = np.where(mask, 0, values).astype("int64")
        if t.startswith("TIMESTAMP") or t == "DATETIME":
            return pa.array(secs.astype("datetime64[s]"), mask=mask).cast(pa.timestamp("us"))
        if t.startswith("DATE"):
            return pa.array((secs // 86400).astype("datetime64[D]"), mask=mask)
        return pa.array((secs * 1_000_000).astype("int64"), mask=mask).cast(pa.time64("us"))
    texts = values.astype(object)
    try:
        return pa.array(texts, type=pa.string(), mask=mask)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # non-text values in a text column
        texts[mask] = None
        return pa.array([None if v is None else str(v) for v in texts], type=pa.string())


def _missing(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        missing = np.equal(values, None)
        floats = np.array([isinstance(v, float) for v in values[:1000]])
        if floats.any():  # NaN only appears where numbers were mixed in
            missing |= np.array([isinstance(v, float) and v != v for v in values], dtype=bool)
        return missing
    if values.dtype.kind == "f":
        return np.isnan(values)
    return np.zeros(len(values), dtype=bool)
