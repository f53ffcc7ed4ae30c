"""ThingsBoard's telemetry answer saved as JSON: its REST API's
`/api/plugins/telemetry/{entityType}/{entityId}/values/timeseries?keys=...` (or a client
library's `getTimeseries`) answers one object keyed by telemetry key, each a list of
`{"ts": <epoch milliseconds>, "value": "<text>"}`:
`{"temperature": [{"ts": 1780272000000, "value": "21.5"}, ...], "humidity": [...]}`.

DuckDB reads it as one row of lists of structs, one a key: the values, and the instants
that tie the keys' values together, end up in child tables, with no error to say so. The
answer is one table: a row per instant, `ts` and a column a key, each key's value at that
instant (NULL where a key has none: keys sent at other moments, or a key with no data in
the range). `ts` is milliseconds since 1970 in UTC (ThingsBoard's only unit): read as that
timestamp, noted. ThingsBoard sends every value as a string unless asked
`useStrictDataTypes=true` (then numbers, booleans and JSON as they are): the table of those
strings is read as the CSV of them (`json_grid`), which types them as a CSV's values.
The rows are in time order (the API's default `orderBy=DESC` sends the newest first: noted).

A key given the same instant twice with two values is no table (which is the reading?):
refused naming them; the same value twice (pages of an answer saved together, overlapping)
is kept once, noted. A key with exactly 100 values may have been cut by the API's default
`limit=100`: noted. Pages of answers (an array of them, or NDJSON one a line) are read as
one answer.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_grid import Grid
from datanet_sql.ingest.readers.json_sql import described, file_objects

_POINT = frozenset({"ts", "value"})   # one value of a key, as ThingsBoard writes it
# DuckDB's type of a key's list of points (either key order), or of a key with none
_SERIES = re.compile(r'STRUCT\((ts BIGINT, "value" .+|"value" .+, ts BIGINT)\)\[\]')
_EMPTY = "JSON[]"
_DEFAULT_LIMIT = 100   # values a key answers with when the request gives no `limit`
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_KIND = "ThingsBoard's telemetry answer"


def looks_thingsboard(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) has only columns of lists of `{ts, value}`
    structs (a key with no values an empty list), one at least: worth reading the file
    whole to see (`grid_of`)."""
    types = list(described(con, table).values())
    return any(_SERIES.fullmatch(t) for t in types) and \
        all(_SERIES.fullmatch(t) or t == _EMPTY for t in types)


def grid_of(con: Any, table: str, path: Path, name: str) -> Grid | None:
    """The answer (see the module docstring), its UTF-8 text at `path`, as a grid of
    strings: `ts` and a column a key, a row an instant; None when the file is not one.
    `name`: the file as messages name it."""
    if not looks_thingsboard(con, table):
        return None
    answers = file_objects(path)
    if not answers or not all(_answer(a) for a in answers):
        return None
    series: dict[str, dict[int, Any]] = {}
    repeated, newest_first = 0, False
    for answer in answers:
        for key, points in answer.items():
            kept = series.setdefault(key, {})
            stamps = [p["ts"] for p in points]
            newest_first = newest_first or any(a > b for a, b in itertools.pairwise(stamps))
            for point in points:
                if point["ts"] in kept and kept[point["ts"]] != point["value"]:
                    raise IngestError(
                        f"{_KIND}: key {key} holds two values at ts {point['ts']} "
                        f"({_text(kept[point['ts']])!r} and {_text(point['value'])!r}): no "
                        f"one table holds both", file=name,
                        hint="fetch the key again (one value an instant) or keep the values "
                             "you mean in the file")
                repeated += point["ts"] in kept
                kept[point["ts"]] = point["value"]
    instants = sorted({ts for points in series.values() for ts in points})
    header = ["ts", *series]
    rows = [[_instant(ts), *(_text(points.get(ts)) for points in series.values())]
            for ts in instants]
    return Grid([header, *rows], _note(name, series, len(instants), repeated, newest_first),
                header=True)


def _answer(value: Any) -> bool:
    """`value` is one telemetry answer: an object of keys, each a list of points with an
    integer `ts` and a `value` only, one point at least in all."""
    return isinstance(value, dict) and bool(value) and all(
        isinstance(points, list) and all(
            isinstance(p, dict) and set(p) == _POINT and isinstance(p["ts"], int)
            and not isinstance(p["ts"], bool) for p in points)
        for points in value.values()) and any(value.values())


def _note(name: str, series: dict[str, dict[int, Any]], instants: int, repeated: int,
          newest_first: bool) -> str:
    """What was read: the keys aligned by instant, and what the user should know."""
    note = (f"{name}: {_KIND} (per key a list of ts and value): {len(series)} key(s) "
            f"aligned by ts into {instants} rows, in time order; ts (epoch milliseconds, "
            f"UTC) read as timestamps; the values typed as a CSV's")
    if newest_first:
        note += "; the answer was newest first (ThingsBoard's default orderBy=DESC)"
    if gaps := [f"{k} ({instants - len(p)})" for k, p in series.items() if len(p) < instants]:
        note += f"; NULL where a key has no value at an instant: {', '.join(gaps)}"
    if repeated:
        note += f"; {repeated} value(s) given twice at one instant (pages overlapping) kept once"
    if cut := [k for k, p in series.items() if len(p) == _DEFAULT_LIMIT]:
        note += (f"; {', '.join(cut)} hold(s) exactly {_DEFAULT_LIMIT} values, the API's "
                 f"default limit: the answer may have been cut (fetch with a larger limit, "
                 f"or page by startTs and endTs)")
    return note


def _instant(ts: int) -> str:
    """Epoch milliseconds as the UTC timestamp a CSV reader types (`2026-06-01
    00:00:00.000`)."""
    stamp = _EPOCH + datetime.timedelta(milliseconds=ts)
    return f"{stamp:%Y-%m-%d %H:%M:%S}.{stamp.microsecond // 1000:03d}"


def _text(value: Any) -> str:
    """A value as its CSV text: a string as ThingsBoard sent it, a strict-typed number or
    boolean as JSON spells it, JSON as its text, none (no value at the instant) empty."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)
