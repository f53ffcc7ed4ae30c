"""A Google Sheets API `values` response saved as JSON (`{"range": ..., "majorDimension":
"ROWS", "values": [[header...], [row...]]}`, every cell a string, each row's trailing empty
cells left out): read as the CSV of its cells, short rows padded with NULLs, the types the
CSV reader's; by columns and as a batchGet of one range alike; a batchGet of several ranges
refused; near misses read as before. Files written by the tests, read, and loaded into
DuckDB."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

VALUES = [["artist", "track", "date.entered", "wk1", "wk2", "wk3"],
          ["2 Pac", "Baby Don't Cry", "2000-02-26", "87", "82", "72"],
          ["2Ge+her", "The Hardest Part", "2000-09-02", "91"],
          ["3 Doors Down", "Kryptonite", "2000-04-08", "81", "70"]]
ROWS = [{"artist": "2 Pac", "track": "Baby Don't Cry", "date_entered": datetime.date(2000, 2, 26),
         "wk1": 87, "wk2": 82, "wk3": 72},
        {"artist": "2Ge+her", "track": "The Hardest Part",
         "date_entered": datetime.date(2000, 9, 2), "wk1": 91, "wk2": None, "wk3": None},
        {"artist": "3 Doors Down", "track": "Kryptonite",
         "date_entered": datetime.date(2000, 4, 8), "wk1": 81, "wk2": 70, "wk3": None}]
NOTE = ("billboard.json: a Google Sheets API values response (range Sheet1!A1:F4): its 4 rows "
        "read as the CSV of their cells; 2 short row(s) (the API leaves out trailing empty "
        "cells) padded with empty cells")


def _response(values: list[list[Any]], major: str = "ROWS") -> dict[str, Any]:
    return {"range": "Sheet1!A1:F4", "majorDimension": major, "values": values}


def _read(path: Path, whole: Any, columns: dict[str, str] | None = None):
    path.write_text(json.dumps(whole, indent=2))
    return read_source(path, None, {}, columns or {})


def test_a_values_response_is_read_as_its_rows_typed(tmp_path: Path):
    result = _read(tmp_path / "billboard.json", _response(VALUES))
    assert result.table.to_pylist() == ROWS
    assert NOTE in result.schema_notes


def test_by_columns_and_as_a_batch_of_one_range_alike(tmp_path: Path):
    columns = [[row[i] if i < len(row) else "" for row in VALUES] for i in range(6)]
    while columns[-1] and columns[-1][-1] == "":
        columns[-1].pop()    # the API leaves out a column's trailing empty cells too
    by_columns = _read(tmp_path / "billboard.json", _response(columns, "COLUMNS"))
    assert by_columns.table.to_pylist() == ROWS
    batch = {"spreadsheetId": "1BxiM", "valueRanges": [_response(VALUES)]}
    assert _read(tmp_path / "billboard.json", batch).table.to_pylist() == ROWS


def test_a_batch_of_several_ranges_is_refused_naming_them(tmp_path: Path):
    batch = {"spreadsheetId": "1BxiM", "valueRanges": [
        _response(VALUES), {**_response(VALUES), "range": "Sheet2!A1:F4"}]}
    with pytest.raises(IngestError, match=r"a Google Sheets API batchGet response of 2 ranges "
                                          r"\(Sheet1!A1:F4, Sheet2!A1:F4\): each is a table"):
        _read(tmp_path / "billboard.json", batch)


def test_unformatted_cells_are_read_as_numbers_and_noted(tmp_path: Path):
    values = [["artist", "entered", "wk1", "charted"], ["2 Pac", 36582, 87, True],
              ["2Ge+her", 36771, 91.5, False]]
    result = _read(tmp_path / "billboard.json", _response(values))
    assert result.table.to_pylist() == [
        {"artist": "2 Pac", "entered": 36582, "wk1": 87.0, "charted": True},
        {"artist": "2Ge+her", "entered": 36771, "wk1": 91.5, "charted": False}]
    assert ("billboard.json: cells given unformatted (numbers, not their text): a date cell "
            "is then a serial number of days since 1899-12-30, read as a number; fetch with "
            "valueRenderOption FORMATTED_VALUE to read dates") in result.schema_notes


def test_a_declared_type_rejects_name_the_json_file(tmp_path: Path):
    path = tmp_path / "billboard.json"
    result = _read(path, _response(VALUES), {"track": "integer"})
    assert result.table.num_rows == 0
    assert {r.file for r in result.rejects} == {str(path)}
    assert len(result.rejects) == 3


def test_an_empty_range_is_an_empty_table(tmp_path: Path):
    result = _read(tmp_path / "billboard.json", {"range": "Sheet1!A1:Z1000",
                                                 "majorDimension": "ROWS"})
    assert result.table.num_rows == 0
    assert ("billboard.json: a Google Sheets API values response (range Sheet1!A1:Z1000): no "
            "values (an empty range): an empty table") in result.schema_notes


@pytest.mark.parametrize("whole", [
    {"range": "Sheet1!A1:F4", "values": VALUES, "owner": "ann"},          # a key of its own
    {"values": VALUES, "name": "billboard"},                              # no range
])
def test_near_misses_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "other.json", whole)
    assert result.table.num_rows == 1
    assert not any("Google Sheets" in n for n in result.schema_notes)


def test_a_values_response_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "billboard.json").write_text(json.dumps(_response(VALUES)))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 3
    assert adapter.fetch("select artist, wk1, wk3 from shop.sales order by artist")[1] == [
        ("2 Pac", 87, 72), ("2Ge+her", 91, None), ("3 Doors Down", 81, None)]
