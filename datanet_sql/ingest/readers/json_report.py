"""Analytics APIs' reports saved as JSON name their columns apart from their rows: header
lists hold the names (and each metric's type), each row only its values in that order.
DuckDB reads such a response as one row of its own keys (`rowCount`, `metadata`) beside a
nested list: no table, and no error to say so. Three APIs answer so:

- the Google Analytics Data API (GA4), `runReport` and `runRealtimeReport`:
  `dimensionHeaders` and `metricHeaders` (`[{"name": "sessions", "type":
  "TYPE_INTEGER"}]`), rows `{"dimensionValues": [{"value": "Japan"}], "metricValues":
  [{"value": "14763"}]}`, beside `rowCount`, `metadata`, `totals`, `maximums`, `minimums`,
  `propertyQuota` and `kind`; a `batchRunReports` holds such reports under `reports`;
- the Universal Analytics Reporting API v4 (archives of the Analytics before GA4),
  `reports.batchGet`: `{"reports": [{"columnHeader": {"dimensions": ["ga:date"],
  "metricHeader": {"metricHeaderEntries": [{"name": "ga:sessions", "type": "INTEGER"}]}},
  "data": {"rows": [{"dimensions": ["20200101"], "metrics": [{"values": ["12"]}]}],
  "totals": [...], "rowCount": 1}}]}`;
- the YouTube Analytics API, `reports.query`: `{"kind": "youtubeAnalytics#resultTable",
  "columnHeaders": [{"name": "day", "columnType": "DIMENSION", "dataType": "STRING"}],
  "rows": [["2017-01-01", 12]]}`.

Each is read as one row per report row, named by the headers. A metric's values (the
Analytics APIs send them as text) are read as numbers when its header's type is numeric
and every value is one (integers for an integer type), else kept as sent, named in the
note; dimensions stay text (`date` is `20240131`, `(not set)` a value of its own). Totals,
maximums and minimums (sent when the request asked for them) are sums over the table, no
rows of it: left out and named, as are the response's other keys. What the response says
of its rows goes into the note: a sampled report (its metrics estimates), rows summed into
one `(other)` row, rows withheld under privacy thresholds, figures not final (`isDataGolden:
false`), and a `rowCount` larger than the rows read (a page of the report). A report of no
rows (GA4 then sends no `rows` at all) is a table of no rows with the headers' columns,
typed by them, not one row of its metadata.

Refused, naming them: a row whose values do not match the headers in number, headers
naming a column twice, a Universal Analytics report over several date ranges (each metric
once per range, with no name to tell them apart), and a batch of several reports: each is
a table of its own, and mixing their rows loses which report a row came from.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_found import Found

_GA4 = "a Google Analytics Data API report"
_GA4_KEYS = frozenset({"dimensionHeaders", "metricHeaders", "rows", "totals", "maximums",
                       "minimums", "rowCount", "metadata", "propertyQuota", "kind"})
_UA = "a Universal Analytics Reporting API v4 report"
_UA_DATA = frozenset({"rows", "totals", "minimums", "maximums", "rowCount",
                      "samplesReadCounts", "samplingSpaceSizes", "isDataGolden",
                      "dataLastRefreshed"})
_YOUTUBE = "a YouTube Analytics report"
_BATCH = frozenset({"reports", "kind", "queryCost", "resourceQuotasRemaining"})
# a header's type (GA4's without its TYPE_ prefix): how its values are read, and its
# column's type in DuckDB; any other type (a dimension's, STRING) is text
_NUMBERS: dict[str, tuple[type[int | float], str]] = {"INTEGER": (int, "BIGINT")} | {
    kind: (float, "DOUBLE") for kind in (
        "FLOAT", "SECONDS", "MILLISECONDS", "MINUTES", "HOURS", "STANDARD", "CURRENCY",
        "FEET", "MILES", "METERS", "KILOMETERS", "PERCENT", "TIME")}
# what GA4's `metadata` says of the rows (its keys), as the note says it
_GA4_SAID = {"samplingMetadatas": "the report is sampled: its metrics are estimates",
             "dataLossFromOtherRow": 'rows past a cardinality limit are summed into one '
                                     '"(other)" row',
             "subjectToThresholding": "rows under Google's privacy thresholds may be "
                                      "withheld"}


@dataclass(frozen=True)
class _Report:
    """A report as its API sends it: its columns, each with the type its header declares
    (None for a dimension), each row's values in that order (None: a row whose cells are
    not values), the page's keys left out, what it says of its rows and how many rows it
    says the whole report has."""

    api: str
    named_by: str   # the headers the names were read from, as the note says it
    columns: list[tuple[str, str | None]]
    rows: list[list[Any] | None]
    left: list[str]
    said: list[str]
    total: int | None


def report(page: dict[str, Any], name: str) -> Found | None:
    """The rows of an analytics report (or of a batch holding one), named by its headers;
    None when `page` is not one."""
    reports = page.get("reports")
    if set(page) <= _BATCH and isinstance(reports, list) and reports:
        read = [r for r in (_parsed(r, name) for r in reports) if r is not None]
        if len(read) < len(reports):
            return None
        first = read[0]
        if len(read) > 1:
            raise IngestError(f"a batch of {len(read)} reports, each {first.api} and a "
                              f"table of its own", file=name,
                              hint="save each report of the batch in a file of its own")
        return _found(replace(first, left=[f"reports[].{k}" for k in first.left]
                              + [k for k in page if k != "reports"]), name)
    found = _parsed(page, name)
    return _found(found, name) if found else None


def _parsed(page: Any, name: str) -> _Report | None:
    """`page` read as the report of one of the APIs (see the module docstring)."""
    if not isinstance(page, dict):
        return None
    return _ga4(page) or _universal(page, name) or _youtube(page)


def _ga4(page: dict[str, Any]) -> _Report | None:
    """A Google Analytics Data API (GA4) report."""
    if not set(page) <= _GA4_KEYS or not {"dimensionHeaders", "metricHeaders"} & set(page):
        return None
    dimensions = page.get("dimensionHeaders") or []
    metrics = page.get("metricHeaders") or []
    if not _named(dimensions) or not _named(metrics) or not dimensions + metrics:
        return None
    rows = [_joined(_cells(row.get("dimensionValues") or []),
                    _cells(row.get("metricValues") or [])) if isinstance(row, dict) else None
            for row in page.get("rows") or []]
    metadata = page.get("metadata") if isinstance(page.get("metadata"), dict) else {}
    return _Report(
        _GA4, f"dimensionHeaders ({_names(dimensions)}) and metricHeaders "
              f"({_names(metrics)})",
        [(h["name"], None) for h in dimensions]
        + [(h["name"], h.get("type")) for h in metrics],
        rows, [k for k in page if k not in ("dimensionHeaders", "metricHeaders", "rows")],
        [f"{text} (metadata.{key})" for key, text in _GA4_SAID.items() if metadata.get(key)],
        _count(page.get("rowCount")))


def _universal(page: dict[str, Any], name: str) -> _Report | None:
    """A Universal Analytics Reporting API v4 report (one of a batchGet's `reports`)."""
    header, data = page.get("columnHeader"), page.get("data", {})
    if not set(page) <= {"columnHeader", "data", "nextPageToken"} or \
            not isinstance(header, dict) or not isinstance(data, dict) or \
            not set(data) <= _UA_DATA:
        return None
    dimensions = header.get("dimensions") or []
    metric_header = header.get("metricHeader") or {}
    metrics = (metric_header.get("metricHeaderEntries") or []) \
        if isinstance(metric_header, dict) else None
    if not isinstance(dimensions, list) or not all(isinstance(d, str) for d in dimensions) \
            or not _named(metrics) or not dimensions + metrics:
        return None
    rows = []
    for row in data.get("rows") or []:
        ranges = (row.get("metrics") or []) if isinstance(row, dict) else None
        if not isinstance(ranges, list):
            rows.append(None)
            continue
        if len(ranges) > 1:
            raise IngestError(f"{_UA} over {len(ranges)} date ranges: each metric is in it "
                              f"once per range, with no name to tell them apart", file=name,
                              hint="ask for one date range per report")
        values = ranges[0].get("values") if ranges and isinstance(ranges[0], dict) else []
        rows.append(_joined(_scalars(row.get("dimensions") or []), _scalars(values or [])))
    said = ["the report is sampled: its metrics are estimates (data.samplesReadCounts)"
            ] if data.get("samplesReadCounts") else []
    said += ["its figures may still change (data.isDataGolden: false)"
             ] if data.get("isDataGolden") is False else []
    return _Report(
        _UA, f"columnHeader.dimensions ({', '.join(dimensions)}) and metricHeaderEntries "
             f"({_names(metrics)})",
        [(d, None) for d in dimensions] + [(h["name"], h.get("type")) for h in metrics],
        rows, [k for k in page if k not in ("columnHeader", "data")]
        + [f"data.{k}" for k in data if k != "rows"], said, _count(data.get("rowCount")))


def _youtube(page: dict[str, Any]) -> _Report | None:
    """A YouTube Analytics report (a `resultTable`)."""
    headers = page.get("columnHeaders")
    if not set(page) <= {"kind", "columnHeaders", "rows"} or not _named(headers) or \
            not headers or not all(isinstance(h.get("columnType"), str) for h in headers):
        return None
    return _Report(
        _YOUTUBE, f"columnHeaders ({_names(headers)})",
        [(h["name"], h.get("dataType") if h["columnType"] == "METRIC" else None)
         for h in headers],
        [_scalars(row) for row in page.get("rows") or []],
        [k for k in page if k not in ("columnHeaders", "rows")], [], None)


def _found(report: _Report, name: str) -> Found:
    """The rows of `report` named by its columns, its metrics typed (see the module
    docstring), as `json_wrapped` reads pages."""
    names = [column for column, _ in report.columns]
    if twice := sorted(n for n, seen in Counter(names).items() if seen > 1):
        raise IngestError(f"{report.api} whose headers name {', '.join(twice)} twice: its "
                          f"columns cannot be told apart", file=name,
                          hint="ask for each dimension and metric once")
    rows = []
    for number, values in enumerate(report.rows, start=1):
        if values is None or len(values) != len(names):
            raise IngestError(f"{report.api}: its row {number} does not hold one value for "
                              f"each of its {len(names)} columns, named by "
                              f"{report.named_by}", file=name,
                              hint="save the report as the API sent it")
        rows.append(dict(zip(names, values)))
    typed = [f"{column} ({kind})" for column, kind in report.columns
             if _typed(rows, column, kind)]
    said = [f"metrics read as numbers by their headers' types: {', '.join(typed)}"] \
        if typed else []
    said += [f"{column} kept as the values sent ({kind}, a value not a number)"
             for column, kind in report.columns
             if _number(kind) and any(isinstance(row[column], str) for row in rows)]
    declared = {column: number[1] if (number := _number(kind)) else "VARCHAR"
                for column, kind in report.columns}
    return Found(f"{report.api}: read its rows named by {report.named_by}", rows,
                 report.left, [], report.api, tuple(said + report.said), report.total,
                 declared)


def _typed(rows: list[dict[str, Any]], column: str, kind: str | None) -> bool:
    """`column`'s values made numbers of `kind` in `rows` (in place) when its type is a
    number's, every value is a number and one at least was sent as text: whether they
    were."""
    if not (number := _number(kind)):
        return False
    values = [row[column] for row in rows]
    read = [_as_number(value, number[0]) for value in values]
    if any(r is None and v is not None for r, v in zip(read, values)) or \
            not any(isinstance(v, str) for v in values):
        return False
    for row, value in zip(rows, read):
        row[column] = value
    return True


def _number(kind: str | None) -> tuple[type[int | float], str] | None:
    """How the values of a header's type are read as numbers, and its DuckDB type; None
    when the type is no number's (GA4 spells them with a `TYPE_` prefix)."""
    return _NUMBERS.get(kind.removeprefix("TYPE_")) if isinstance(kind, str) else None


def _as_number(value: Any, number: type[int | float]) -> int | float | None:
    """`value` as an int or a finite float; None when it is not one."""
    try:
        read = number(value)
    except (TypeError, ValueError):
        return None
    return read if not isinstance(read, float) or math.isfinite(read) else None


def _named(headers: Any) -> bool:
    """`headers` is a list of objects, each with its name."""
    return isinstance(headers, list) and all(
        isinstance(h, dict) and isinstance(h.get("name"), str) for h in headers)


def _names(headers: list[dict[str, Any]]) -> str:
    """The headers' names, as the note lists them."""
    return ", ".join(h["name"] for h in headers)


def _cells(cells: Any) -> list[Any] | None:
    """The `value` of each of GA4's cells (`[{"value": "Japan"}]`); None when malformed."""
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        return None
    return [cell.get("value") for cell in cells]


def _scalars(values: Any) -> list[Any] | None:
    """A row's values as sent, when they are a list of values (no objects or lists)."""
    if not isinstance(values, list) or any(isinstance(v, dict | list) for v in values):
        return None
    return values


def _joined(*parts: list[Any] | None) -> list[Any] | None:
    """A row's dimension values then its metric values; None when either is malformed."""
    return None if any(p is None for p in parts) else [v for p in parts for v in p or []]


def _count(value: Any) -> int | None:
    """A report's `rowCount`, when it gives one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
