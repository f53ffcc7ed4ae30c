"""A reservoir sample of a table, fetched once, as numpy arrays: what the fitted models learn from.

Statistics come from SQL over the whole table; only the models (copula, dependencies, shapes)
need rows, and a fixed-size reservoir keeps that cost flat however large the table is.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
from sqlglot import exp

SAMPLE_ROWS = 20_000

_MONTH_FIRST = frozenset({"%m/%d/%Y", "%m/%d/%Y %H:%M"})
_DAY_FIRST = frozenset({"%d/%m/%Y", "%d/%m/%Y %H:%M", "%d.%m.%Y"})
_ISO_FORMATS = ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_TEXT_FORMATS = (*_ISO_FORMATS, "%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%d %H:%M", "%m/%d/%Y",
                 "%d/%m/%Y", "%Y/%m/%d", "%d %b %Y", "%b %d, %Y", "%d.%m.%Y", "%Y%m%d",
                 "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M")


def as_source(relation: exp.Expression) -> exp.Expression:
    """A table stays a table; a query becomes `(query) AS s`, usable in any FROM."""
    if isinstance(relation, (exp.Table, exp.Subquery)):
        return relation.copy()
    return exp.Subquery(this=relation.copy(), alias=exp.TableAlias(this=exp.to_identifier("s")))


def fetch_sample(adapter: Any, relation: exp.Expression, columns: list[str],
                 rows: int = SAMPLE_ROWS, seed: int = 0) -> dict[str, np.ndarray]:
    """Column name -> object array of the sampled values (None for NULL), drawn in the
    warehouse in its own dialect (a seeded reservoir on DuckDB)."""
    from datanet_sql.semantics.sample import sample_query

    names, data = adapter.fetch(sample_query(relation, columns, rows,
                                             dialect=adapter.dialect, seed=seed))
    if not data:
        return {n: np.empty(0, dtype=object) for n in names}
    columns = list(zip(*data))
    # fromiter keeps list and struct values as single objects (np.array would nest them)
    return {n: np.fromiter(col, dtype=object, count=len(col)) for n, col in zip(names, columns)}


def valid(values: np.ndarray) -> np.ndarray:
    """Mask of non-null entries (None or float NaN)."""
    return np.array([v is not None and v == v for v in values], dtype=bool)


def numeric(values: np.ndarray, kind: str) -> np.ndarray:
    """Numbers, dates and times as float64 (epoch seconds for temporal), NaN for NULL."""
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if v is None:
            continue
        out[i] = to_number(v) if kind == "temporal" else float(v)
    return out


def to_number(value: Any) -> float:
    """Epoch seconds of a date, datetime or time; floats pass through."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return (value - _dt.datetime(1970, 1, 1)).total_seconds()
    if isinstance(value, _dt.date):
        return float((value - _dt.date(1970, 1, 1)).days * 86400)
    if isinstance(value, _dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return float(value)


def text_time_formats(values: np.ndarray, cover: float = 0.95) -> list[tuple[str, float]]:
    """The strptime formats of a text column of dates, each with its share of the sampled
    values (padding ignored), when together they read at least `cover` of them (a hand-typed
    export mixes `2024-01-05`, `01/05/2024` and `5 Jan 2024`); none for other text. Greedy:
    the format that reads most of the values not yet read comes first."""
    sample = [v.strip() for v in values[:2000] if isinstance(v, str)]
    if len(sample) < 5:
        return []
    left, found = sample, []
    while left:
        best, best_read = None, []
        for fmt in _TEXT_FORMATS:
            read = [v for v in left if _parses(v, fmt)]
            if len(read) > len(best_read):
                best, best_read = fmt, read
        if best is None:
            break
        found.append((best, len(best_read) / len(sample)))
        read_set = set(best_read)
        left = [v for v in left if v not in read_set]
    found = _one_order(found)
    return found if sum(share for _, share in found) >= cover else []


def _one_order(found: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Numeric dates of one column in one day/month order: the order that reads more wins and
    the other's formats are dropped (mixing `%m/%d/%Y` with `%d.%m.%Y` in a mock makes the
    project's cleansing refuse the column as ambiguous)."""
    day = sum(share for fmt, share in found if fmt in _DAY_FIRST)
    month = sum(share for fmt, share in found if fmt in _MONTH_FIRST)
    drop = _MONTH_FIRST if day > month else _DAY_FIRST
    return [(fmt, share) for fmt, share in found if fmt not in drop]


def _parses(value: str, fmt: str) -> bool:
    try:
        _dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def parse_text_times(values: np.ndarray, formats: list[str]) -> np.ndarray:
    """Epoch seconds of text timestamps in the first of `formats` that reads each (NaN where
    NULL or unparsable); each distinct text is parsed once (timestamps repeat a lot)."""
    if len(formats) == 1 and formats[0] in _ISO_FORMATS:
        try:  # ISO text: numpy parses it in C
            texts = np.array([v.rstrip("Z") if isinstance(v, str) else "NaT" for v in values])
            stamps = texts.astype("datetime64[s]")
            out = stamps.astype("int64").astype(float)
            out[np.isnat(stamps)] = np.nan
            return out
        except ValueError:
            pass
    epoch = _dt.datetime(1970, 1, 1)
    parsed: dict[str, float] = {}
    for v in set(v for v in values if isinstance(v, str)):
        parsed[v] = np.nan
        for fmt in formats:
            if _parses(v.strip(), fmt):
                parsed[v] = (_dt.datetime.strptime(v.strip(), fmt) - epoch).total_seconds()
                break
    return np.array([parsed.get(v, np.nan) if isinstance(v, str) else np.nan for v in values])


def resolution(seconds: np.ndarray) -> int:
    """The coarsest unit (day, hour, minute, second) that every sampled time is a multiple of."""
    finite = seconds[np.isfinite(seconds)]
    for unit in (86400, 3600, 60, 1):
        if finite.size and np.all(np.mod(finite, unit) == 0):
            return unit
    return 0


def decimals(values: np.ndarray, limit: int = 6) -> int | None:
    """How many decimals the sampled numbers carry (None when they look continuous)."""
    finite = values[np.isfinite(values)]
    for d in range(limit + 1):
        if np.allclose(finite, np.round(finite, d), rtol=0, atol=1e-9):
            return d
    return None
