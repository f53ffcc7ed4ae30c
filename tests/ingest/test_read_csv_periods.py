"""A CSV headed by periods (`category,1940,1945,...` over numbers), which DuckDB's sniffer
reads as a data row: read as the header, noted; data rows that only look so stay rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source

EXPENDITURE = """category,1940,1945,1950,1955,1960
Food and Tobacco,22.2,44.5,59.6,73.2,86.8
Household Operation,10.5,15.5,29.0,36.5,46.2
Medical and Health,3.53,5.76,9.71,14.0,21.1
Personal Care,1.04,1.98,2.45,3.4,5.4
Private Education,0.341,0.974,1.8,2.6,3.64
"""
NOTE = (
    "header on line 1: its cells {} are read as names (a header of periods over columns "
    "of numbers, which DuckDB's sniffer took for a data row); set options: "
    "{{header: false}} if the line is data"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_a_header_of_years_over_numbers_is_the_header_and_noted(tmp_path):
    path = write(tmp_path / "expenditure.csv", EXPENDITURE)
    result = read_source(path, None, {}, {})
    table = result.table
    assert table.column_names == ["category", "1940", "1945", "1950", "1955", "1960"]
    assert [str(t) for t in table.schema.types] == ["string"] + ["double"] * 5
    assert table.num_rows == 5
    assert table.column("category").to_pylist()[0] == "Food and Tobacco"
    assert table.column("1940").to_pylist()[4] == 0.341
    assert table.column("1960").to_pylist() == [86.8, 46.2, 21.1, 5.4, 3.64]
    assert f"{path}: {NOTE.format('1940, 1945, ..., 1960')}" in result.schema_notes


def test_quarters_over_whole_amounts(tmp_path):
    """Whole numbers below too: the quarters lie below every amount."""
    path = write(
        tmp_path / "sales.csv",
        "region;1;2;3\nNorth;120;135;155\nSouth;98;101;99\nEast;230;210;250\n",
    )
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["region", "1", "2", "3"]
    assert result.table.to_pylist()[0] == {"region": "North", "1": 120, "2": 135, "3": 155}
    assert f"{path}: {NOTE.format('1, 2, 3')}" in result.schema_notes


def test_header_false_reads_the_line_as_a_row_again(tmp_path):
    path = write(tmp_path / "expenditure.csv", EXPENDITURE)
    result = read_source(path, None, {"header": False}, {})
    assert result.table.num_rows == 6
    assert result.table.to_pylist()[0]["column_2"] == 1940
    assert not any("periods" in n for n in result.schema_notes)


@pytest.mark.parametrize(
    "text",
    [
        # the first row's numbers lie among the others' below
        "a,10,20,30\nb,11,25,28\nc,9,22,35\nd,12,18,31\n",
        # every row a run of whole numbers in equal steps
        "a,1,2,3\nb,4,5,6\nc,7,8,9\n",
        # no name beside the run
        "1940,1945,1950\n22.2,44.5,59.6\n10.5,15.5,29.0\n",
        # two steps
        "a,1940,1945,1955\nb,22.2,44.5,59.6\nc,10.5,15.5,29.0\n",
        # text under a number of the run
        "a,1940,1945,1950\nb,22.2,x,59.6\nc,10.5,15.5,29.0\n",
    ],
)
def test_headerless_data_rows_stay_rows(tmp_path, text):
    path = write(tmp_path / "data.csv", text)
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == text.count("\n")
    width = len(text.split("\n")[0].split(","))
    assert result.table.column_names == [f"column_{i}" for i in range(1, width + 1)]
    assert f"{path}: no header line (the first line holds values as every other does): " \
        f"columns named column_1 to column_{width}; if the first line is the header, set " \
        "options: {header: true}" in result.schema_notes
    assert not any("periods" in n for n in result.schema_notes)
