"""Splunk's search results saved as JSON: the export, one `{"preview": false, "offset": N,
"result": {...}}` a line, and a finished job's `{"fields": [...], "results": [...]}`: the
results are the rows, their strings typed as a CSV's, the stream's bookkeeping left out and
named; preview lines left out, a file of preview results only or with error messages
refused; near misses (records that merely hold `offset` and `result`) read as before. Files
written by the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

LARYNX = [{"stage": "1", "time": "0.6", "age": "77", "diagyr": "76"},
          {"stage": "2", "time": "5.3", "age": "53", "diagyr": "71"},
          {"stage": "4", "time": "4.3", "age": "48", "diagyr": "76"}]
TYPED = [{"stage": 1, "time": 0.6, "age": 77, "diagyr": 76},
         {"stage": 2, "time": 5.3, "age": 53, "diagyr": 71},
         {"stage": 4, "time": 4.3, "age": 48, "diagyr": 76}]


def _export(results: list[dict[str, Any]], preview: bool = False, last: bool = True
            ) -> list[dict[str, Any]]:
    """The lines of `search/jobs/export?output_mode=json` for `results`."""
    lines: list[dict[str, Any]] = [{"preview": preview, "offset": n, "result": r}
                                   for n, r in enumerate(results)]
    if last:
        lines[-1] = {**lines[-1], "lastrow": True}
    return lines


def _read(path: Path, lines: list[dict[str, Any]]):
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return read_source(path, None, {}, {})


def test_an_export_is_read_as_its_results_typed(tmp_path: Path):
    result = _read(tmp_path / "larynx.json", _export(LARYNX))
    assert result.table.to_pylist() == TYPED
    assert result.table.schema.field("time").type == "double"
    assert ("larynx.json: Splunk's JSON export (one result a line): read the result of each "
            "of its 3 lines as a row, its strings typed as a CSV's; left out: lastrow, "
            "offset, preview") in result.schema_notes


def test_preview_lines_are_left_out_and_a_cut_export_noted(tmp_path: Path):
    early = _export(LARYNX[:1], preview=True, last=False)
    result = _read(tmp_path / "larynx.json", early + _export(LARYNX, last=False))
    assert result.table.to_pylist() == TYPED
    note = next(n for n in result.schema_notes if "Splunk's JSON export" in n)
    assert "; 1 preview line(s) (preview: true, sent before the search finished and " \
           "superseded by the final ones) left out" in note
    assert note.endswith("; no line says lastrow: true, so the export may have been cut short")


def test_an_export_of_preview_results_only_is_refused(tmp_path: Path):
    with pytest.raises(IngestError, match=r"Splunk's export holds only preview results \(3 "
                                          r"lines with preview: true\): the search had not "
                                          r"finished"):
        _read(tmp_path / "larynx.json", _export(LARYNX, preview=True))


def test_an_export_reporting_an_error_is_refused_naming_it(tmp_path: Path):
    failed = {"preview": False, "messages": [
        {"type": "ERROR", "text": "Search process did not exit cleanly"}]}
    with pytest.raises(IngestError, match=r"Splunk reported 1 error\(s\) beside the results: "
                                          r"ERROR: Search process did not exit cleanly; its "
                                          r"rows may be missing some"):
        _read(tmp_path / "larynx.json", [*_export(LARYNX), failed])


def test_multivalue_fields_are_joined_one_value_a_line(tmp_path: Path):
    events = [{"host": "web1", "_si": ["idx-1", "main"]}, {"host": "web2", "_si": ["idx-2"]}]
    result = _read(tmp_path / "events.json", _export(events))
    assert result.table.to_pylist() == [{"host": "web1", "si": "idx-1\nmain"},
                                        {"host": "web2", "si": "idx-2"}]
    assert ("events.json: multivalue field(s) _si: their values joined one a line, as "
            "Splunk's CSV export writes them") in result.schema_notes


def test_a_jobs_results_take_the_order_of_its_fields(tmp_path: Path):
    page = {"preview": False, "init_offset": 0, "messages": [],
            "fields": [{"name": "age"}, {"name": "stage"}],
            "results": [{"stage": "1", "age": "77"}, {"stage": "2", "age": "53"}],
            "highlighted": {}}
    path = tmp_path / "larynx.json"
    path.write_text(json.dumps(page, indent=2))
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"age": 77, "stage": 1}, {"age": 53, "stage": 2}]
    assert ("larynx.json: Splunk's search results: read the list under results as 2 rows, "
            "its strings typed as a CSV's; left out: fields, highlighted, init_offset, "
            "messages, preview") in result.schema_notes
    path.write_text(json.dumps({**page, "preview": True}))
    with pytest.raises(IngestError, match=r"a search that had not finished"):
        read_source(path, None, {}, {})


@pytest.mark.parametrize("lines", [
    [{"offset": n, "result": r} for n, r in enumerate(LARYNX)],          # no preview
    [{"preview": False, "id": n, "result": r} for n, r in enumerate(LARYNX)],  # a key of its own
])
def test_near_misses_read_as_before(tmp_path: Path, lines: list[dict[str, Any]]):
    result = _read(tmp_path / "runs.json", lines)
    assert "result__stage" in result.table.column_names
    assert result.table.column("result__age").to_pylist() == ["77", "53", "48"]
    assert not any("Splunk" in n for n in result.schema_notes)


def test_an_export_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "larynx.ndjson").write_text(
        "".join(json.dumps(line) + "\n" for line in _export(LARYNX)))
    adapter, result = load_landing(tmp_path, pattern="*.ndjson")
    assert result.rows == 3
    assert adapter.fetch("select stage, time, age, diagyr from shop.sales order by stage")[1] \
        == [(1, 0.6, 77, 76), (2, 5.3, 53, 71), (4, 4.3, 48, 76)]
