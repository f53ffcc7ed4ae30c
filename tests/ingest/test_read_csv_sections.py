"""A sectioned CSV as Illumina's sample sheets and lab instruments write it: `[Header]`
key/value lines, `[Reads]`, `[Settings]`, then `[Data]` over the names and rows, every line
padded with commas, CRLF. The table is the `[Data]` section; a file whose table cannot be
told is refused naming its sections. On real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

HEAD = [["[Header]"], ["IEMFileVersion", "5"], ["Investigator Name", "King"],
        ["Date", "1/5/2024"], [], ["[Reads]"], ["151"], ["151"], [], ["[Settings]"],
        ["Adapter", "CTGTCTCTTATACACATCT"], []]
TABLE = [["Sample_ID", "length", "width", "site"], ["S1", "33.88", "13.65", "Sabah"],
         ["S2", "29.35", "12.21", "Sabah"], ["S3", "1.475", "0.9", "Tasmania"]]


def sheet(path: Path, lines: list[list[str]]) -> Path:
    """The lines padded with commas to the table's four fields, CRLF, as Excel saves them."""
    path.write_bytes("".join(",".join(line + [""] * (4 - len(line))) + "\r\n"
                             for line in lines).encode())
    return path


def test_the_data_section_is_the_table(tmp_path: Path) -> None:
    result = read_source(sheet(tmp_path / "run.csv", [*HEAD, ["[Data]"], *TABLE]), None, {}, {})
    table = result.table
    assert table.column_names == ["sample_id", "length", "width", "site"]
    assert table.to_pylist()[2] == {"sample_id": "S3", "length": 1.475, "width": 0.9,
                                    "site": "Tasmania"}
    assert table.num_rows == 3 and result.rejects == []
    assert any("sections [Header] (line 1), [Reads] (line 6), [Settings] (line 10), "
               "[Data] (line 13): the table is the [Data] section's, header on line 14" in n
               for n in result.schema_notes)


def test_a_section_after_the_data_is_refused_naming_the_sections(tmp_path: Path) -> None:
    path = sheet(tmp_path / "v2.csv", [*HEAD, ["[BCLConvert_Data]"], *TABLE, [],
                                       ["[Cloud_Data]"], ["Sample_ID", "ProjectName"],
                                       ["S1", "leaf"]])
    with pytest.raises(IngestError) as raised:
        read_source(path, None, {}, {})
    message = str(raised.value)
    assert "v2.csv" in message and "[Cloud_Data] (line 19)" in message
    assert "options" in message and "skip" in message


def test_the_options_still_read_a_chosen_section(tmp_path: Path) -> None:
    path = sheet(tmp_path / "v2.csv", [*HEAD, ["[Summary]"], *TABLE[:2], ["[Data]"], *TABLE])
    result = read_source(path, None, {"skip": 16, "header": True}, {})
    assert result.table.column("sample_id").to_pylist() == ["S1", "S2", "S3"]


def test_bracketed_values_in_an_ordinary_file_are_values(tmp_path: Path) -> None:
    """Near misses: a one-column file of bracketed tags, a header of bracketed units."""
    tags = tmp_path / "tags.csv"
    tags.write_text("[urgent]\n[later]\n[done]\n")
    read = read_source(tags, None, {}, {})   # as before sections were read: `[urgent]` names
    assert read.table.to_pylist() == [{"urgent": "[later]"}, {"urgent": "[done]"}]
    units = tmp_path / "units.csv"
    units.write_text("[mm],[kg]\n1,2\n3,4\n")
    result = read_source(units, None, {}, {})
    assert result.table.to_pylist() == [{"mm": 1, "kg": 2}, {"mm": 3, "kg": 4}]
    assert not any("section" in n for n in result.schema_notes)
