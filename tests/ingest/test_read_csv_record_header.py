"""A short headerless CSV whose first record DuckDB's sniffer took for the header (a decimal
over the one whole number below it): read headerless, every record kept, noted; a real
header of names, and near misses, stay the header; a file of text columns only with one
record at most under its first line keeps it as the header, noted with `header: false`."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import read_text

from datanet_sql.ingest.reading import read_source

HEADERLESS = "no header line (the first line holds values as every other does): columns " \
    "named column_1 to column_{}; if the first line is the header, set options: {{header: true}}"


@pytest.mark.parametrize(("text", "rows"), [
    ("1,10.5,2024-01-01\n2,20,2024-01-02\n",
     [(1, 10.5, "2024-01-01"), (2, 20.0, "2024-01-02")]),
    ("1,10.5,2024-01-01\n2,20,2024-01-02\n3,30,2024-01-03\n",
     [(1, 10.5, "2024-01-01"), (2, 20.0, "2024-01-02"), (3, 30.0, "2024-01-03")]),
    ("1,10.5,2024-01-01 08:30:00\n2,20,2024-01-02 09:00:00\n",
     [(1, 10.5, "2024-01-01 08:30:00"), (2, 20.0, "2024-01-02 09:00:00")]),
])
def test_a_record_taken_for_the_header_is_read_as_a_record(tmp_path: Path, text: str,
                                                           rows: list[tuple]) -> None:
    result = read_text(tmp_path, text)
    table = result.table
    assert table.column_names == ["column_1", "column_2", "column_3"]
    assert [(a, b, str(c)) for a, b, c in zip(*table.to_pydict().values())] == rows
    assert f"{tmp_path / 'near.csv'}: {HEADERLESS.format(3)}" in result.schema_notes


def test_decimals_over_whole_numbers_with_a_text_column(tmp_path: Path) -> None:
    result = read_text(tmp_path, "1.5,Alice\n3,Bob\n")
    assert result.table.to_pylist() == [{"column_1": 1.5, "column_2": "Alice"},
                                        {"column_1": 3.0, "column_2": "Bob"}]


@pytest.mark.parametrize(("text", "names", "rows"), [
    # a header of names over one record: the names are no values of their columns
    ("id,amount,day\n1,10.5,2024-01-01\n", ["id", "amount", "day"], 1),
    ("x,y\n1,2\n", ["x", "y"], 1),
    # one name among numbers is still a header
    ("1,amount\n2,3\n", ["1", "amount"], 1),
    # a date over a column of numbers is not one of its values
    ("2024-01-01,10.5\n1,20\n", ["2024_01_01", "10_5"], 1),
    # a header with a blank cell over numbers: the blank is not a value's shape
    (",10.5\n2,20\n", ["column_1", "10_5"], 1),
    # a header of periods over amounts (see csv_periods) is a header, short as the file is
    ("category,1940,1945,1950\nFood,22.2,44.5,59.6\nCare,1.04,1.98,2.45\n",
     ["category", "1940", "1945", "1950"], 2),
    # numbers over text are a header of periods over notes, or a record: kept as read
    ("2019,2020\nup,down\n", ["2019", "2020"], 1),
])
def test_near_misses_keep_their_header(tmp_path: Path, text: str, names: list[str],
                                       rows: int) -> None:
    result = read_text(tmp_path, text)
    assert result.table.column_names == names
    assert result.table.num_rows == rows
    assert not [n for n in result.schema_notes if "no header line" in n]


def test_header_true_keeps_the_first_line_as_the_header(tmp_path: Path) -> None:
    path = tmp_path / "near.csv"
    path.write_text("1,10.5,2024-01-01\n2,20,2024-01-02\n")
    result = read_source(path, None, {"header": True}, {})
    assert result.table.column_names == ["1", "10_5", "2024_01_01"]
    assert result.table.num_rows == 1


DOUBT = ("header on line 1 ({}) read as names over {}: every column is text, so the values "
         "cannot tell a header from a record; if the line is data, set options: "
         "{{header: false}}")


@pytest.mark.parametrize(("text", "names", "shown", "below"), [
    ("id,name\nAlice,Bob\n", ["id", "name"], "id, name", "one record"),
    ("Alice,London\nBob,Paris\n", ["alice", "london"], "Alice, London", "one record"),
    ("id,name,day\n", ["id", "name", "day"], "id, name, day", "no record"),
    ("a,b,c,d\n", ["a", "b", "c", "d"], "a, b, c, ...", "no record"),
])
def test_a_text_only_header_over_one_record_at_most_is_noted(
        tmp_path: Path, text: str, names: list[str], shown: str, below: str) -> None:
    result = read_text(tmp_path, text)
    assert result.table.column_names == names
    assert f"{tmp_path / 'near.csv'}: {DOUBT.format(shown, below)}" in result.schema_notes


def test_header_false_reads_the_text_line_as_a_record(tmp_path: Path) -> None:
    path = tmp_path / "near.csv"
    path.write_text("Alice,London\nBob,Paris\n")
    result = read_source(path, None, {"header": False}, {})
    assert result.table.to_pylist() == [{"column_1": "Alice", "column_2": "London"},
                                        {"column_1": "Bob", "column_2": "Paris"}]
    assert not [n for n in result.schema_notes if "cannot tell" in n]


@pytest.mark.parametrize("text", [
    "id,name\nAlice,Bob\nCarol,Dan\n",   # two records under it: no note
    "id,amount\n1,2.5\n",                # a column of numbers confirms the names
])
def test_no_doubt_where_the_values_tell(tmp_path: Path, text: str) -> None:
    result = read_text(tmp_path, text)
    assert result.table.column_names[0] == "id"
    assert not [n for n in result.schema_notes if "cannot tell" in n]
