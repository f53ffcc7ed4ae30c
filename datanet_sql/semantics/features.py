"""The classifier's view of a column: a fixed-length vector of value features.

Only values and the SQL type go in (no name): names are weighed separately, so a misleading name
cannot teach the model, and a model trained on synthetic columns transfers to any naming style.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from datanet_sql.semantics.validators import EPOCH_MS, EPOCH_S, ValueStats, share_in

SQL_FAMILIES = ("string", "integer", "float", "decimal", "date", "timestamp", "time", "boolean", "nested",
                "other")

_SHARE_KEYS = ("email", "url", "uuid", "ip", "phone", "luhn", "country", "currency", "postal",
               "bool_word", "date", "timestamp", "time", "money_text", "percent_text",
               "alpha_words", "street", "org", "title_case", "person_word", "unit_number", "house_number", "leading_zero", "code_like", "numeric")


def sql_family(sql_type: str | None) -> str:
    """Coarse family of a warehouse type name (DuckDB, Postgres, Spark spellings)."""
    t = (sql_type or "").upper()
    if t.startswith(("TIMESTAMP", "DATETIME")):
        return "timestamp"
    if t.startswith("DATE"):
        return "date"
    if t.startswith("TIME"):
        return "time"
    if t.startswith(("STRUCT", "MAP", "LIST", "ARRAY", "UNION", "ROW(")) or t.endswith("[]"):
        return "nested"
    if t.startswith(("BOOL", "BIT")):
        return "boolean"
    if t.startswith(("DECIMAL", "NUMERIC", "MONEY")):
        return "decimal"
    if any(k in t for k in ("INT", "SERIAL", "LONG", "SHORT")):
        return "integer"
    if any(k in t for k in ("DOUBLE", "FLOAT", "REAL")):
        return "float"
    if any(k in t for k in ("CHAR", "TEXT", "STRING", "VARCHAR", "UUID", "JSON")) or not t:
        return "string"
    return "other"


def _slog(x: float) -> float:
    return math.copysign(math.log10(1.0 + abs(x)), x)


def _decimals(text: str) -> int:
    if "." not in text or "e" in text.lower():
        return 0
    return len(text.rsplit(".", 1)[1].rstrip("0"))


def _char_shares(texts: Sequence[str]) -> list[float]:
    counts = [0] * 10
    total = 0
    for t in texts[:200]:
        for c in t:
            total += 1
            if c.isdigit():
                counts[0] += 1
            elif c.isupper():
                counts[1] += 1
            elif c.islower():
                counts[2] += 1
            elif c == " ":
                counts[3] += 1
            else:
                counts[5 + ".-@/:".find(c) if c in ".-@/:" else 4] += 1
    return [c / total for c in counts] if total else [0.0] * 10


def _length_features(texts: Sequence[str]) -> list[float]:
    lengths = [len(t) for t in texts] or [0]
    words = [len(t.split()) for t in texts] or [0]
    return [
        math.log1p(statistics.fmean(lengths)),
        math.log1p(statistics.pstdev(lengths)),
        math.log1p(min(lengths)),
        math.log1p(max(lengths)),
        float(max(lengths) == min(lengths)),
        statistics.fmean(words),
        sum(t.isdigit() for t in texts) / max(len(texts), 1),
        sum(t.replace(" ", "").isalpha() for t in texts) / max(len(texts), 1),
    ]


def _numeric_features(stats: ValueStats) -> list[float]:
    nums = stats.numbers
    if not nums:
        return [0.0] * 16
    ints = sum(x == int(x) for x in nums) / len(nums)
    decs = [_decimals(t) for t in stats.texts[:200]]
    return [
        ints,
        _slog(min(nums)), _slog(max(nums)), _slog(statistics.fmean(nums)),
        _slog(statistics.pstdev(nums)),
        sum(x < 0 for x in nums) / len(nums),
        share_in(nums, 0, 1), share_in(nums, 0, 100), share_in(nums, -90, 90),
        share_in(nums, -180, 180), share_in(nums, 1900, 2100) * ints,
        share_in(nums, *EPOCH_S) * ints, share_in(nums, *EPOCH_MS) * ints,
        statistics.fmean(decs) if decs else 0.0,
        sum(d == 2 for d in decs) / max(len(decs), 1),
        _sortedness(nums),
    ]


def _sortedness(nums: Sequence[float]) -> float:
    """Share of consecutive steps of +1: sequences (surrogate keys) look like this."""
    s = sorted(set(nums))
    if len(s) < 3:
        return 0.0
    return sum(b - a == 1 for a, b in zip(s, s[1:])) / (len(s) - 1)


def column_features(stats: ValueStats, sql_type: str | None,
                    distinct_ratio: float | None = None) -> list[float]:
    """The feature vector of one column (fixed order; see FEATURE_NAMES)."""
    n = max(stats.n, 1)
    family = sql_family(sql_type)
    sample_ratio = stats.distinct / n
    return [
        math.log1p(stats.n),
        1.0 - stats.n / max(stats.n_total, 1),
        sample_ratio,
        distinct_ratio if distinct_ratio is not None else sample_ratio,
        math.log1p(stats.distinct),
        *_char_shares(stats.texts),
        *_length_features(stats.texts),
        *_numeric_features(stats),
        *(stats.share(k) for k in _SHARE_KEYS),
        *(float(family == f) for f in SQL_FAMILIES),
    ]


FEATURE_NAMES: tuple[str, ...] = (
    "log_n", "null_share", "distinct_sample", "distinct_ratio", "log_distinct",
    "c_digit", "c_upper", "c_lower", "c_space", "c_other", "c_dot", "c_dash", "c_at", "c_slash",
    "c_colon",
    "len_mean", "len_std", "len_min", "len_max", "len_fixed", "words_mean", "all_digit", "all_alpha",
    "int_share", "num_min", "num_max", "num_mean", "num_std", "neg_share", "in_0_1", "in_0_100",
    "in_lat", "in_lon", "in_year", "in_epoch_s", "in_epoch_ms", "decimals_mean", "two_decimals",
    "step_one",
    *(f"v_{k}" for k in _SHARE_KEYS),
    *(f"sql_{f}" for f in SQL_FAMILIES),
)
