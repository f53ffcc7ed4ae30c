"""A Google Analytics Data API report saved as JSON (`runReport`, `runRealtimeReport`, or a
`batchRunReports` of one report) names its columns apart from its rows: `dimensionHeaders`
and `metricHeaders` hold the names (`[{"name": "country"}]`, `[{"name": "sessions",
"type": "TYPE_INTEGER"}]`), each row only its values in that order (`{"dimensionValues":
[{"value": "Japan"}], "metricValues": [{"value": "14763"}]}`). DuckDB reads it as one row
of the response's own keys (`rowCount`, `metadata`) beside a nested list: no table, and
no error to say so.

Read here as one row per report row, named by the headers. Every value is sent as text; a
metric's values are read as numbers when its header's type is numeric and every value is
one (`TYPE_INTEGER` as integers), else kept as the text sent, named in the note; dimensions
stay text (`date` is `20240131`, `(not set)` a value of its own). The `totals`, `maximums`
and `minimums` rows (sent when the request asked for them) are sums over the table, no rows
of it: left out and named, as are `rowCount`, `metadata`, `propertyQuota` and `kind`. What
the response says of its rows goes into the note: a sampled report (its metrics estimates),
rows summed into one `(other)` row past a cardinality limit, rows withheld under privacy
thresholds, and a `rowCount` larger than the rows read (a page of the report). A report
without rows (a day without visits: the API then sends no `rows` at all) is a table of no
rows with the headers' columns, the metrics typed by their headers, not one row of its
metadata.

A row whose values do not match the headers in number, or headers naming a column twice,
are refused naming them; so is a batch of several reports: each is its own table, and
mixing their rows loses which report a row came from.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_found import Found

_KIND = "a Google Analytics Data API report"
_REPORT = frozenset({"dimensionHeaders", "metricHeaders", "rows", "totals", "maximums",
                     "minimums", "rowCount", "metadata", "propertyQuota", "kind"})
_BATCH = frozenset({"reports", "kind"})
# a metric's type: how its values are read, and its column's type in DuckDB
_NUMBERS: dict[str, tuple[type[int | float], str]] = {"TYPE_INTEGER": (int, "BIGINT")} | {
    kind: (float, "DOUBLE") for kind in (
        "TYPE_FLOAT", "TYPE_SECONDS", "TYPE_MILLISECONDS", "TYPE_MINUTES", "TYPE_HOURS",
        "TYPE_STANDARD", "TYPE_CURRENCY", "TYPE_FEET", "TYPE_MILES", "TYPE_METERS",
        "TYPE_KILOMETERS")}
# what `metadata` says of the rows (its keys), as the note says it
_SAID = {"samplingMetadatas": "the report is sampled: its metrics are estimates",
         "dataLossFromOtherRow": 'rows past a cardinality limit are summed into one '
                                 '"(other)" row',
         "subjectToThresholding": "rows under Google's privacy thresholds may be withheld"}


def report(page: dict[str, Any], name: str) -> Found | None:
    """The rows of a Google Analytics Data API report (or of a batch holding one), named
    by its headers; None when `page` is not one."""
    reports = page.get("reports")
    if set(page) <= _BATCH and isinstance(reports, list) and reports and \
            all(isinstance(r, dict) and _headers(r) for r in reports):
        if len(reports) > 1:
            raise IngestError(f"a Google Analytics Data API batchRunReports response "
                              f"holding {len(reports)} reports: each is a table of its "
                              f"own", file=name,
                              hint="save each report of the batch in a file of its own")
        found = _report(reports[0], name)
        return Found(found.what, found.rows, [f"reports[].{k}" for k in found.left]
                     + [k for k in page if k != "reports"], [], _KIND, found.said,
                     found.total, found.declared)
    return _report(page, name) if _headers(page) else None


def _headers(page: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The dimension headers, then the metric headers, of a report; None when `page` is
    not one (a key no report has, a header without its name)."""
    if not set(page) <= _REPORT or not {"dimensionHeaders", "metricHeaders"} & set(page):
        return None
    headers = [page.get("dimensionHeaders") or [], page.get("metricHeaders") or []]
    if not all(isinstance(h, list) for h in headers) or not all(
            isinstance(h, dict) and isinstance(h.get("name"), str) for h in headers[0]
            + headers[1]):
        return None
    return headers[0] + headers[1] or None


def _report(page: dict[str, Any], name: str) -> Found:
    """One report's rows (see the module docstring); `page` has headers (`_headers`)."""
    dimensions = page.get("dimensionHeaders") or []
    metrics = page.get("metricHeaders") or []
    names = [h["name"] for h in dimensions + metrics]
    if twice := sorted(n for n, seen in Counter(names).items() if seen > 1):
        raise IngestError(f"{_KIND} whose headers name {', '.join(twice)} twice: its "
                          f"columns cannot be told apart", file=name,
                          hint="ask for each dimension and metric once")
    rows = []
    for number, row in enumerate(page.get("rows") or [], start=1):
        values = _values(row, "dimensionValues", len(dimensions)) + \
            _values(row, "metricValues", len(metrics)) if isinstance(row, dict) else None
        if values is None or len(values) != len(names):
            raise IngestError(f"{_KIND}: its row {number} does not hold one value for each "
                              f"of its {len(dimensions)} dimensionHeaders and "
                              f"{len(metrics)} metricHeaders", file=name,
                              hint="save the report as the API sent it")
        rows.append(dict(zip(names, values)))
    said = [f"metrics read as numbers by their headers' types: {', '.join(typed)}"
            for typed in [_typed(rows, metrics)] if typed]
    said += [f"{h['name']} kept as the text sent ({h.get('type')}, a value not a number)"
             for h in metrics if _kept(rows, h)]
    metadata = page.get("metadata") if isinstance(page.get("metadata"), dict) else {}
    said += [f"{text} (metadata.{key})" for key, text in _SAID.items() if metadata.get(key)]
    count = page.get("rowCount")
    declared = {h["name"]: "VARCHAR" for h in dimensions} | {
        h["name"]: _NUMBERS[h["type"]][1] if h.get("type") in _NUMBERS else "VARCHAR"
        for h in metrics}
    return Found(f"{_KIND}: read its rows named by dimensionHeaders "
                 f"({', '.join(h['name'] for h in dimensions)}) and metricHeaders "
                 f"({', '.join(h['name'] for h in metrics)})", rows,
                 [k for k in page if k not in ("dimensionHeaders", "metricHeaders", "rows")],
                 [], _KIND, tuple(said), count if isinstance(count, int) else None, declared)


def _values(row: dict[str, Any], key: str, wanted: int) -> list[Any]:
    """The `value` of each cell of a row's `dimensionValues` or `metricValues` (an empty
    list when absent and none is wanted); a list of another length when malformed."""
    cells = row.get(key) or []
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        return [None] * (wanted + 1)
    return [cell.get("value") for cell in cells]


def _typed(rows: list[dict[str, Any]], metrics: list[dict[str, Any]]) -> list[str]:
    """Each numeric metric whose every value is a number, its values made numbers in
    `rows` (in place); the metrics so read, with their types."""
    typed = []
    for header in metrics:
        column, kind = header["name"], header.get("type")
        number = _NUMBERS[kind][0] if kind in _NUMBERS else None
        values = [_number(row[column], number) for row in rows] if number else None
        if values is None or any(v is None and row[column] is not None
                                 for v, row in zip(values, rows)):
            continue
        for row, value in zip(rows, values):
            row[column] = value
        typed.append(f"{column} ({kind})")
    return typed


def _kept(rows: list[dict[str, Any]], header: dict[str, Any]) -> bool:
    """A metric of a numeric type whose values `_typed` left as text (one is no number)."""
    return header.get("type") in _NUMBERS and \
        any(isinstance(row[header["name"]], str) for row in rows)


def _number(text: Any, number: type[int | float]) -> int | float | None:
    """`text` as an int or a finite float; None when it is not one."""
    try:
        value = number(text)
    except (TypeError, ValueError):
        return None
    return value if not isinstance(value, float) or math.isfinite(value) else None
