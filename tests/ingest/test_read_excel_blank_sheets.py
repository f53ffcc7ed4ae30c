"""A workbook whose first sheet was left blank (Excel's untouched `Sheet1`) with the data on
the next: without `sheet:` the blank one is passed over, noted naming both; a first sheet
holding a header alone is a table and stays; a workbook of blank sheets only is an empty
table with a note, as an empty file is. On real files, read and loaded into DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place, workbook
from openpyxl import load_workbook

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

CEMENT = [["x1", "x4", "y"], [7, 60, 78.5], [1, 52, 74.3]]


def test_an_empty_first_sheet_is_passed_over_for_the_sheet_with_data(tmp_path: Path) -> None:
    workbook(tmp_path / "cement.xlsx", {"Sheet1": [], "cement": CEMENT})
    result = read_source(tmp_path / "cement.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"x1": 7, "x4": 60, "y": 78.5},
        {"x1": 1, "x4": 52, "y": 74.3},
    ]
    assert result.schema_notes[0] == (
        "cement.xlsx: sheet 'cement' read, empty sheet(s) before it skipped (no cell with a "
        "value): Sheet1 (name another with sheet:)"
    )


def test_blank_cells_and_several_empty_sheets_are_passed_over_too(tmp_path: Path) -> None:
    """A sheet whose cells hold nothing (a formatted cell, an empty string) is empty; so is
    each of several blank sheets before the data, named in the one note."""
    workbook(tmp_path / "b.xlsx", {"Sheet1": [], "Sheet2": [], "cement": CEMENT})
    book = load_workbook(tmp_path / "b.xlsx")
    book["Sheet1"]["C7"].number_format = "0.00"
    book["Sheet2"]["B2"] = ""
    book.save(tmp_path / "b.xlsx")
    result = read_source(tmp_path / "b.xlsx", None, {}, {})
    assert result.table.num_rows == 2
    assert "skipped (no cell with a value): Sheet1, Sheet2 (name" in result.schema_notes[0]


def test_a_first_sheet_with_a_header_alone_is_the_table(tmp_path: Path) -> None:
    workbook(tmp_path / "h.xlsx", {"Sheet1": [["x1", "x4", "y"]], "cement": CEMENT})
    result = read_source(tmp_path / "h.xlsx", None, {}, {})
    assert (result.table.column_names, result.table.num_rows) == (["x1", "x4", "y"], 0)
    assert not any("skipped" in n for n in result.schema_notes)


def test_a_named_empty_sheet_is_read_as_named(tmp_path: Path) -> None:
    workbook(tmp_path / "n.xlsx", {"Sheet1": [], "cement": CEMENT})
    result = read_source(tmp_path / "n.xlsx", None, {"sheet": "Sheet1"}, {})
    assert (result.table.num_columns, result.table.num_rows) == (0, 0)
    assert result.schema_notes == ["n.xlsx: empty sheet"]


@pytest.mark.parametrize(
    ("sheets", "note"),
    [
        ({"Sheet1": []}, None),
        (
            {"Sheet1": [], "Sheet2": []},
            "e.xlsx: every sheet is empty (no cell with a value: Sheet1, Sheet2): nothing to load",
        ),
    ],
)
def test_a_workbook_of_empty_sheets_is_an_empty_table_with_a_note(
    tmp_path: Path, sheets: dict[str, list], note: str | None
) -> None:
    workbook(tmp_path / "e.xlsx", sheets)
    result = read_source(tmp_path / "e.xlsx", None, {}, {})
    assert (result.table.num_columns, result.table.num_rows) == (0, 0)
    assert "e.xlsx: empty sheet" in result.schema_notes
    assert note is None or note in result.schema_notes


def test_an_empty_first_sheet_loads_the_data_sheet(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    workbook(tmp_path / "landing" / "cement.xlsx", {"Sheet1": [], "cement": CEMENT})
    with local_or_pg_place("duckdb", tmp_path, "dn_xl") as place:
        job = place.job(tmp_path, "cement", "replace", path="landing/cement.xlsx")
        assert load(place.adapter, job, reading).rows == 2
        assert place.rows("cement", "x1, x4, y") == [(1, 52, 74.3), (7, 60, 78.5)]


def test_a_workbook_of_empty_sheets_loads_no_rows_as_an_empty_csv_does(tmp_path: Path) -> None:
    """Nothing to load: a new file of an incremental load adds no rows, saying why; under
    `replace` the load is refused, as for an empty CSV, rather than empty the table."""
    (tmp_path / "landing").mkdir()
    workbook(tmp_path / "landing" / "e.xlsx", {"Sheet1": [], "Sheet2": []})
    with local_or_pg_place("duckdb", tmp_path, "dn_xl") as place:
        job = place.job(tmp_path, "blank", "incremental_files", path="landing/*.xlsx")
        result = load(place.adapter, job, reading)
        assert result.rows == 0
        assert any("every sheet is empty" in n for n in result.read_notes)
        job = place.job(tmp_path, "whole", "replace", path="landing/e.xlsx")
        with pytest.raises(IngestError, match="the file has no columns"):
            load(place.adapter, job, reading)
