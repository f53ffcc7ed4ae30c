"""An xlsx in the layout of the ABS's time series spreadsheets: the series lines under the
names (`Unit` ... `Series ID`, label in the first column) are no rows: left out, noted, the
columns typed from the observations; the names' row found though its first cell is blank.
Near misses (some of the labels, a label among data) read as rows. On real workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest_helpers import local_or_pg_place, workbook

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

_LINES = [["Unit", "Index Numbers", "Percent"], ["Series Type", "Original", "Original"],
          ["Data Type", "INDEX", "PERCENT"], ["Frequency", "Quarter", "Quarter"],
          ["Collection Month", 3, 3],
          ["Series Start", dt.datetime(1996, 3, 1), dt.datetime(1996, 3, 1)],
          ["Series End", dt.datetime(1996, 9, 1), dt.datetime(1996, 9, 1)],
          ["No. Obs", 3, 3], ["Series ID", "A3348585R", "A2304402X"]]
_DATA = [[dt.datetime(1996, 3, 1), 89.13, 1.5], [dt.datetime(1996, 6, 1), 89.52, 1.25],
         [dt.datetime(1996, 9, 1), 89.88, 1.75]]
_ROWS = [{"quarter": dt.datetime(1996, 3, 1), "retail": 89.13, "rate": 1.5},
         {"quarter": dt.datetime(1996, 6, 1), "retail": 89.52, "rate": 1.25},
         {"quarter": dt.datetime(1996, 9, 1), "retail": 89.88, "rate": 1.75}]


def test_series_lines_under_the_names_are_left_out(tmp_path: Path) -> None:
    workbook(tmp_path / "retail.xlsx", {"Data1": [["quarter", "retail", "rate"], *_LINES,
                                                  *_DATA]})
    result = read_source(tmp_path / "retail.xlsx", None, {}, {})
    assert result.table.to_pylist() == _ROWS
    assert (
        "retail.xlsx: rows 2-10 under the header are an ABS time series sheet's series lines "
        "(Unit ... Series ID, each column's unit, frequency and id): not rows, left out; set "
        "header_row: 10 to name the columns by their Series ID instead"
    ) in result.schema_notes


def test_the_names_row_with_its_first_cell_blank(tmp_path: Path) -> None:
    """As the ABS writes it: A1 blank, so the `Unit` line was the first row as wide as the
    table, and was taken for the header."""
    names = [None, "Retail ;  Index ;", "Rate ;  Percent ;"]
    workbook(tmp_path / "abs.xlsx", {"Data1": [names, *_LINES, *_DATA]})
    result = read_source(tmp_path / "abs.xlsx", None, {}, {})
    assert result.table.num_rows == 3
    assert [list(r.values())[1:] for r in result.table.to_pylist()] == \
        [[89.13, 1.5], [89.52, 1.25], [89.88, 1.75]]
    assert any("rows 2-10 under the header" in n for n in result.schema_notes)
    assert "abs.xlsx: header on row 1" in result.schema_notes


def test_near_misses_are_rows(tmp_path: Path) -> None:
    """Three of the labels only, a label among the data, another order: rows as before."""
    few = [["field", "value"], ["Unit", "kg"], ["Frequency", "Monthly"], ["Series ID", "X1"],
           ["Weight", "4"]]
    workbook(tmp_path / "few.xlsx", {"S": few})
    assert read_source(tmp_path / "few.xlsx", None, {}, {}).table.num_rows == 4
    shuffled = [["quarter", "retail", "rate"], _LINES[1], _LINES[0], *_LINES[2:], *_DATA]
    workbook(tmp_path / "order.xlsx", {"S": shuffled})
    result = read_source(tmp_path / "order.xlsx", None, {}, {})
    assert result.table.num_rows == 12
    assert not any("series lines" in n for n in result.schema_notes)


def test_loaded_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    workbook(tmp_path / "landing" / "retail.xlsx",
             {"Data1": [["quarter", "retail", "rate"], *_LINES, *_DATA]})
    with local_or_pg_place("duckdb", tmp_path, "dn_abs") as place:
        job = place.job(tmp_path, "retail", "replace", path="landing/retail.xlsx")
        result = load(place.adapter, job, reading)
        assert result.rows == 3
        assert place.rows("retail", "retail, rate") == [(89.13, 1.5), (89.52, 1.25),
                                                       (89.88, 1.75)]
