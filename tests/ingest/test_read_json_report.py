"""Analytics reports saved as JSON, their names in headers apart from the rows: a Google
Analytics Data API report (`runReport`: `dimensionHeaders` and `metricHeaders`, each row
`dimensionValues` and `metricValues` lists of `{"value": "..."}`), a Universal Analytics
Reporting API v4 report and a YouTube Analytics report: one row per report row named by
the headers, metrics read as numbers by their types, totals left out, what the report says
of its rows noted; pages and a batch of one alike; malformed rows, several date ranges and
a batch of several reports refused; near misses read as before. Files written by the
tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

ARRIVALS = [{"quarter": "1981 Q1", "origin": "Japan", "arrivals": 14763, "stay": 6.5},
            {"quarter": "1981 Q2", "origin": "Japan", "arrivals": 9321, "stay": 7.25},
            {"quarter": "1981 Q1", "origin": "(not set)", "arrivals": 2011, "stay": 0.0}]
HEADERS = {"dimensionHeaders": [{"name": "quarter"}, {"name": "origin"}],
           "metricHeaders": [{"name": "arrivals", "type": "TYPE_INTEGER"},
                             {"name": "stay", "type": "TYPE_HOURS"}]}
WHAT = ("a Google Analytics Data API report: read its rows named by dimensionHeaders "
        "(quarter, origin) and metricHeaders (arrivals, stay)")
TYPED = "metrics read as numbers by their headers' types: arrivals (TYPE_INTEGER), stay (TYPE_HOURS)"


def _row(record: dict[str, Any]) -> dict[str, Any]:
    return {"dimensionValues": [{"value": record["quarter"]}, {"value": record["origin"]}],
            "metricValues": [{"value": str(record["arrivals"])}, {"value": str(record["stay"])}]}


def _report(records: list[dict], **more: Any) -> dict[str, Any]:
    return {**HEADERS, "rows": [_row(r) for r in records], "rowCount": len(ARRIVALS),
            "metadata": {"currencyCode": "AUD", "timeZone": "Australia/Sydney"},
            "kind": "analyticsData#runReport", **more}


def _read(path: Path, whole: Any, lines: bool = False):
    """`whole` written as indented JSON, or its pages as NDJSON (`lines`), and read."""
    path.write_text("".join(json.dumps(p) + "\n" for p in whole) if lines
                    else json.dumps(whole, indent=2))
    return read_source(path, None, {}, {})


def test_a_report_is_read_as_its_rows_named_by_its_headers(tmp_path: Path):
    total = [{"dimensionValues": [{"value": "RESERVED_TOTAL"}, {"value": "RESERVED_TOTAL"}],
              "metricValues": [{"value": "26095"}, {"value": "13.75"}]}]
    result = _read(tmp_path / "arrivals.json", _report(ARRIVALS, totals=total))
    assert result.table.to_pylist() == ARRIVALS
    assert [str(result.table.schema.field(c).type) for c in ("arrivals", "stay")] == [
        "int64", "double"]
    assert (f"arrivals.json: {WHAT} of the object as 3 rows; left out: kind, metadata, "
            f"rowCount, totals; {TYPED}") in result.schema_notes


def test_what_the_report_says_of_its_rows_is_noted(tmp_path: Path):
    sampled = _report(ARRIVALS[:2], metadata={"samplingMetadatas": [
        {"samplesReadCount": "120", "samplingSpaceSize": "400"}],
        "dataLossFromOtherRow": True})
    note = " ".join(_read(tmp_path / "arrivals.json", sampled).schema_notes)
    assert "the report is sampled: its metrics are estimates (metadata.samplingMetadatas)" \
        in note
    assert 'rows past a cardinality limit are summed into one "(other)" row ' \
           "(metadata.dataLossFromOtherRow)" in note
    assert "it says the whole answer has 3 rows: the others are on pages not in this file" \
        in note


@pytest.mark.parametrize("lines", [False, True])
def test_pages_as_an_array_or_one_a_line(tmp_path: Path, lines: bool):
    pages = [_report(ARRIVALS[:2]), _report(ARRIVALS[2:])]
    result = _read(tmp_path / "arrivals.json", pages, lines)
    assert result.table.to_pylist() == ARRIVALS
    notes = " ".join(result.schema_notes)
    assert f"{WHAT} in each of 2 pages" in notes and "the others are on pages" not in notes


def test_a_batch_of_one_report_is_read_and_of_several_refused(tmp_path: Path):
    batch = {"reports": [_report(ARRIVALS)], "kind": "analyticsData#batchRunReports"}
    result = _read(tmp_path / "arrivals.json", batch)
    assert result.table.to_pylist() == ARRIVALS
    assert any("left out: kind, reports[].kind, reports[].metadata" in n
               for n in result.schema_notes)
    batch["reports"].append(_report(ARRIVALS[:1]))
    with pytest.raises(IngestError, match=r"arrivals.json: a batch of 2 reports, each a "
                                          r"Google Analytics Data API report and a table "
                                          r"of its own"):
        _read(tmp_path / "arrivals.json", batch)


def test_a_metric_with_a_value_not_a_number_is_kept_as_text(tmp_path: Path):
    report = _report(ARRIVALS)
    report["rows"][1]["metricValues"][0]["value"] = "n/a"
    result = _read(tmp_path / "arrivals.json", report)
    assert [r["arrivals"] for r in result.table.to_pylist()] == ["14763", "n/a", "2011"]
    assert any("arrivals kept as the values sent (TYPE_INTEGER, a value not a number)" in n
               and "read as numbers by their headers' types: stay (TYPE_HOURS)" in n
               for n in result.schema_notes)


def test_a_row_not_matching_the_headers_is_refused_naming_it(tmp_path: Path):
    report = _report(ARRIVALS)
    del report["rows"][2]["metricValues"][1]
    with pytest.raises(IngestError, match=r"arrivals.json: a Google Analytics Data API "
                                          r"report: its row 3 does not hold one value for "
                                          r"each of its 4 columns, named by "
                                          r"dimensionHeaders \(quarter, origin\)"):
        _read(tmp_path / "arrivals.json", report)


def _universal(records: list[dict], ranges: int = 1, **data: Any) -> dict[str, Any]:
    """A Universal Analytics batchGet response of one report over `ranges` date ranges."""
    return {"reports": [{
        "columnHeader": {"dimensions": ["ga:quarter", "ga:origin"], "metricHeader": {
            "metricHeaderEntries": [{"name": "ga:arrivals", "type": "INTEGER"},
                                    {"name": "ga:stay", "type": "TIME"}]}},
        "data": {"rows": [{"dimensions": [r["quarter"], r["origin"]], "metrics": [
            {"values": [str(r["arrivals"]), str(r["stay"])]}] * ranges} for r in records],
            "totals": [{"values": ["26095", "13.75"]}], "rowCount": len(records), **data}}]}


def test_a_universal_analytics_report_is_read_as_its_rows(tmp_path: Path):
    whole = _universal(ARRIVALS, samplesReadCounts=["999"], isDataGolden=False)
    result = _read(tmp_path / "arrivals.json", whole)
    assert result.table.to_pylist() == [
        {"ga_quarter": r["quarter"], "ga_origin": r["origin"], "ga_arrivals": r["arrivals"],
         "ga_stay": r["stay"]} for r in ARRIVALS]
    assert ("arrivals.json: a Universal Analytics Reporting API v4 report: read its rows "
            "named by columnHeader.dimensions (ga:quarter, ga:origin) and "
            "metricHeaderEntries (ga:arrivals, ga:stay) of the object as 3 rows; left out: "
            "reports[].data.isDataGolden, reports[].data.rowCount, "
            "reports[].data.samplesReadCounts, reports[].data.totals; metrics read as "
            "numbers by their headers' types: ga:arrivals (INTEGER), ga:stay (TIME); the "
            "report is sampled: its metrics are estimates (data.samplesReadCounts); its "
            "figures may still change (data.isDataGolden: false)") in result.schema_notes


def test_a_universal_analytics_report_over_two_date_ranges_is_refused(tmp_path: Path):
    with pytest.raises(IngestError, match=r"arrivals.json: a Universal Analytics Reporting "
                                          r"API v4 report over 2 date ranges: each metric "
                                          r"is in it once per range"):
        _read(tmp_path / "arrivals.json", _universal(ARRIVALS, ranges=2))


def test_a_youtube_analytics_report_is_read_as_its_rows(tmp_path: Path):
    whole = {"kind": "youtubeAnalytics#resultTable", "columnHeaders": [
        {"name": "day", "columnType": "DIMENSION", "dataType": "STRING"},
        {"name": "views", "columnType": "METRIC", "dataType": "INTEGER"},
        {"name": "averageViewDuration", "columnType": "METRIC", "dataType": "FLOAT"}],
        "rows": [["2017-01-01", 12, 31.5], ["2017-01-02", 0, None]]}
    result = _read(tmp_path / "views.json", whole)
    assert result.table.to_pylist() == [   # (ISO days read as dates, as in any JSON)
        {"day": date(2017, 1, 1), "views": 12, "average_view_duration": 31.5},
        {"day": date(2017, 1, 2), "views": 0, "average_view_duration": None}]
    assert ("views.json: a YouTube Analytics report: read its rows named by columnHeaders "
            "(day, views, averageViewDuration) of the object as 2 rows; left out: kind"
            ) in result.schema_notes


@pytest.mark.parametrize("whole", [
    {**_report(ARRIVALS), "owner": "ops"},   # a key no report has
    {"columnHeaders": [{"name": "quarter"}], "rows": [{"quarter": "1981 Q1"}], "n": 1},
    {"columnHeaders": [{"name": "quarter"}], "rows": [["1981 Q1"]]},   # no column types
])
def test_near_misses_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "other.json", whole)
    assert result.table.num_rows == 1
    assert not any("Google Analytics" in n for n in result.schema_notes)


def test_a_report_without_rows_is_a_table_of_none_with_its_columns(tmp_path: Path):
    empty = {**HEADERS, "metadata": {"currencyCode": "AUD"}, "kind": "analyticsData#runReport"}
    result = _read(tmp_path / "arrivals.json", empty)
    assert result.table.num_rows == 0
    assert [(f.name, str(f.type)) for f in result.table.schema] == [
        ("quarter", "string"), ("origin", "string"), ("arrivals", "int64"), ("stay", "double")]
    assert any(f"{WHAT} of the object as 0 rows; left out: kind, metadata" in n
               for n in result.schema_notes)


def test_an_empty_first_delivery_then_a_report_load_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "day-1.json").write_text(json.dumps(HEADERS))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 0
    assert adapter.fetch("select count(*) from shop.sales")[1] == [(0,)]
    (tmp_path / "landing" / "day-2.json").write_text(json.dumps(_report(ARRIVALS)))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert adapter.fetch("select quarter, arrivals from shop.sales order by arrivals")[1] == [
        ("1981 Q1", 2011), ("1981 Q2", 9321), ("1981 Q1", 14763)]


def test_a_report_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "arrivals.json").write_text(json.dumps(_report(ARRIVALS)))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select origin, arrivals, stay from shop.sales order by arrivals"
                         )[1] == [("(not set)", 2011, 0.0), ("Japan", 9321, 7.25),
                                  ("Japan", 14763, 6.5)]
