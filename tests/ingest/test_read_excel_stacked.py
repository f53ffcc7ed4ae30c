"""A second table stacked under a sheet's data after empty rows, on real workbooks: the
table ends at the empty rows (noted); a gap inside the data does not end it."""

from __future__ import annotations

import pytest
from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_DATA = [["Site", "Birds", "Nests"], ["S1", 12, 3], ["S2", 0, 1], ["S3", 7, 2]]
_KEY = [
    ["Site code", "Site description"],
    ["S1", "Survey site S1, north bay"],
    ["S2", "Survey site S2, dunes"],
]


@pytest.mark.parametrize("chunk", [1, 10_000])
def test_a_table_under_the_data_after_empty_rows_is_not_read(tmp_path, monkeypatch, chunk):
    """A key of the site codes, with its own header, two empty rows under the data: read
    as rows it made `birds` text and added 3 rows."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    workbook(tmp_path / "birds.xlsx", {"Birds": [*_DATA, [], [], *_KEY]})
    result = read_source(tmp_path / "birds.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"site": s, "birds": b, "nests": n} for s, b, n in _DATA[1:]
    ]
    assert [str(t) for t in result.table.schema.types] == ["string", "int64", "int64"]
    assert (
        "birds.xlsx: a second table under the data from row 7 (after 2 empty rows): not "
        "read; set header_row: 7 to read it (or move it to a sheet of its own)"
    ) in result.schema_notes


def test_the_second_table_is_read_with_its_header_row(tmp_path):
    workbook(tmp_path / "birds.xlsx", {"Birds": [*_DATA, [], [], *_KEY]})
    key = read_source(tmp_path / "birds.xlsx", None, {"header_row": 7}, {})
    assert key.table.column("site_code").to_pylist() == ["S1", "S2"]


def test_the_data_is_cut_there_when_a_column_turned_to_text_is_read_again(tmp_path, monkeypatch):
    """A column that turns to text after numbers were staged makes the sheet read twice:
    the second reading stops at the second table too."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", 1)
    rows = [*_DATA[:2], ["S2", 0, "none"], _DATA[3], [], *_KEY]
    workbook(tmp_path / "birds.xlsx", {"Birds": rows})
    result = read_source(tmp_path / "birds.xlsx", None, {}, {})
    assert result.table.column("nests").to_pylist() == ["3", "none", "2"]
    assert any(
        "second table under the data from row 6 (after 1 empty row)" in n
        for n in result.schema_notes
    )


def test_a_gap_inside_the_data_and_rows_unlike_a_header_do_not_end_the_table(tmp_path):
    """An empty row between groups, then data; an error row (`#N/A`) and a one-cell note
    after empty rows are rows as before, not a second table."""
    rows = [*_DATA[:2], [], *_DATA[2:], [], [], ["S4", "#N/A", "#N/A"], [], ["see notes"]]
    workbook(tmp_path / "birds.xlsx", {"Birds": rows})
    result = read_source(tmp_path / "birds.xlsx", None, {}, {})
    assert result.table.column("site").to_pylist() == ["S1", "S2", "S3", "S4", "see notes"]
    assert result.table.column("birds").to_pylist() == [12, 0, 7, None, None]
    assert not any("second table" in n for n in result.schema_notes)
