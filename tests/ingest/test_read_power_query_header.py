"""Power Query's generic header (`Column1` ... over the real names, its "Use First Row as
Headers" step not applied), on real workbooks and a CSV saved from one: the names are read from the row under it,
noted; columns really named `Column1` ... with values under them are read as they are; a
table of text only, where the row under the header could be names or a record, is read as
it is with a note saying how to promote it."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_NAMES = ["Station", "Year", "Rainfall", "Measured"]
_ROWS = [["Kew", 2019, 612.5, "yes"], ["Oxford", 2019, 598.0, "no"],
         ["Kew", 2020, 701.25, "yes"]]


def test_the_names_under_power_querys_generic_header_are_the_header(tmp_path: Path) -> None:
    workbook(tmp_path / "rain.xlsx", {"Query1": [
        ["Column1", "Column2", "Column3", "Column4"], _NAMES, *_ROWS]})
    result = read_source(tmp_path / "rain.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"station": s, "year": y, "rainfall": r, "measured": m} for s, y, r, m in _ROWS]
    assert [str(t) for t in result.table.schema.types] == ["string", "int64", "double",
                                                           "string"]
    assert "rain.xlsx: the header on row 1 (Column1, Column2, Column3, Column4) is Power " \
           "Query's generic names (its 'Use First Row as Headers' step not applied): the " \
           "column names are read from row 2, words over values" in result.schema_notes


def test_columns_really_named_column1_are_kept(tmp_path: Path) -> None:
    """Values under the generic names: a table whose columns are named so, read as it is."""
    workbook(tmp_path / "plain.xlsx", {"Sheet1": [
        ["Column1", "Column2", "Column3", "Column4"], *_ROWS]})
    result = read_source(tmp_path / "plain.xlsx", None, {}, {})
    assert result.table.column_names == ["column1", "column2", "column3", "column4"]
    assert result.table.column("column2").to_pylist() == [2019, 2019, 2020]
    assert not [note for note in result.schema_notes if "Power Query" in note]


def test_a_text_table_under_generic_names_is_read_as_it_is_with_a_note(tmp_path: Path) -> None:
    """Words over words: the first row could be the names or a record; it stays a row."""
    workbook(tmp_path / "codes.xlsx", {"Query1": [
        ["Column1", "Column2"], ["Code", "Label"], ["A", "Apples"], ["B", "Bananas"]]})
    result = read_source(tmp_path / "codes.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"column1": "Code", "column2": "Label"}, {"column1": "A", "column2": "Apples"},
        {"column1": "B", "column2": "Bananas"}]
    assert "codes.xlsx: the header on row 1 is Power Query's generic Column1 ...; the row " \
           "under it is words, as every row is text, so it is read as data: if it holds the " \
           "names, set options: {header_row: 2}" in result.schema_notes


def test_a_header_row_option_is_taken_as_given(tmp_path: Path) -> None:
    workbook(tmp_path / "rain.xlsx", {"Query1": [
        ["Column1", "Column2", "Column3", "Column4"], _NAMES, *_ROWS]})
    result = read_source(tmp_path / "rain.xlsx", None, {"header_row": 2}, {})
    assert result.table.column_names == ["station", "year", "rainfall", "measured"]
    assert not [note for note in result.schema_notes if "Power Query" in note]


def _csv(path: Path, rows: list[list]) -> Path:
    path.write_text("".join(",".join(map(str, row)) + "\n" for row in rows))
    return path


def test_a_csv_saved_from_a_power_query_sheet_reads_the_names_from_line_2(tmp_path: Path
                                                                          ) -> None:
    path = _csv(tmp_path / "rain.csv", [["Column1", "Column2", "Column3"],
                                        ["Station", "Year", "Rainfall"],
                                        *[row[:3] for row in _ROWS]])
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"station": s, "year": y, "rainfall": r} for s, y, r, _ in _ROWS]
    assert f"{path}: the header on line 1 (Column1, Column2, Column3) is Power Query's " \
           f"generic names (its 'Use First Row as Headers' step not applied): the column " \
           f"names are read from line 2, words over values" in result.schema_notes


def test_a_csv_with_columns_really_named_column1_is_kept(tmp_path: Path) -> None:
    path = _csv(tmp_path / "plain.csv", [["Column1", "Column2", "Column3"],
                                         *[row[:3] for row in _ROWS]])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["column1", "column2", "column3"]
    assert result.table.column("column2").to_pylist() == [2019, 2019, 2020]
    assert not [note for note in result.schema_notes if "Power Query" in note]


def test_a_text_csv_under_generic_names_is_read_as_it_is_with_a_note(tmp_path: Path) -> None:
    path = _csv(tmp_path / "codes.csv", [["Column1", "Column2"], ["Code", "Label"],
                                         ["A", "Apples"], ["B", "Bananas"]])
    result = read_source(path, None, {}, {})
    assert result.table.column("column2").to_pylist() == ["Label", "Apples", "Bananas"]
    assert f"{path}: the header on line 1 is Power Query's generic Column1 ...; the row " \
           f"under it is words, as every row is text, so it is read as data: if it holds " \
           f"the names, set options: {{skip: 1}}" in result.schema_notes
    told = read_source(path, None, {"skip": 1}, {})
    assert told.table.to_pylist() == [{"code": "A", "label": "Apples"},
                                      {"code": "B", "label": "Bananas"}]
