"""Salesforce Bulk API 2.0's results fetched with `columnDelimiter=BACKQUOTE` (or CARET):
every field quoted, a backquote between them, values holding commas, quotes and line
breaks. DuckDB's sniffer never tries the backquote: one column of whole lines, rows split
at the line breaks. On real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source

RECORDS = [["a0B5f01", "Brooke Army Medical Center", "1000", "2009-10-21", "false",
            'A binder, "PHI" of 1,272 people,\nstolen from a car.'],
           ["a0B5f02", "Calvin Schuster,MD", "532", "2013-01-04", "true", ""],
           ["a0B5f03", "Raymond Turner, M.D.", "2153", "2015-02-26", "false", "Laptop `lost`"]]
NAMES = ["Id", "covered_entity", "individuals_affected", "submitted_on", "business_associate",
         "description"]


def salesforce(path: Path, delimiter: str) -> Path:
    """The Bulk API's CSV: every value quoted (inner quotes doubled), NULL nothing at all."""
    def line(fields: list[str]) -> str:
        return delimiter.join('"' + f.replace('"', '""') + '"' if f else "" for f in fields)
    path.write_text("\n".join(line(r) for r in [NAMES, *RECORDS]) + "\n")
    return path


@pytest.mark.parametrize("delimiter", ["`", "^"])
def test_salesforce_delimiter_between_quoted_fields(tmp_path: Path, delimiter: str) -> None:
    result = read_source(salesforce(tmp_path / "breaches.csv", delimiter), None, {}, {})
    table = result.table
    assert table.column_names == ["id", *NAMES[1:]]
    assert table.num_rows == 3 and result.rejects == []
    assert table.column("individuals_affected").to_pylist() == [1000, 532, 2153]
    assert str(table.schema.field("submitted_on").type) == "date32[day]"
    assert table.column("covered_entity").to_pylist()[1] == "Calvin Schuster,MD"
    assert table.column("description").to_pylist() == [
        'A binder, "PHI" of 1,272 people,\nstolen from a car.', None, "Laptop `lost`"]
    assert any(f"delimiter {delimiter!r} (Salesforce Bulk API's" in n
               for n in result.schema_notes)


def test_backquotes_inside_quoted_values_of_a_comma_file(tmp_path: Path) -> None:
    """Near miss: every field quoted, joined by commas, backquotes inside the values."""
    path = tmp_path / "snippets.csv"
    path.write_text('"id","code"\n"1","`x`,`y`"\n"2","`z`"\n')
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "code": "`x`,`y`"},
                                        {"id": 2, "code": "`z`"}]
    assert not any("Salesforce" in n for n in result.schema_notes)


def test_one_quoted_name_holding_a_backquote_is_one_column(tmp_path: Path) -> None:
    """Near miss: a one-column file whose quoted name and values hold a backquote each."""
    path = tmp_path / "one.csv"
    path.write_text('"shell `cmd`"\n"ls `pwd`"\n"echo `date`"\n')
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["shell_cmd"]
    assert result.table.column(0).to_pylist() == ["ls `pwd`", "echo `date`"]
