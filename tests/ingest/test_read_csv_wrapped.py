"""A CSV whose every line is one quoted field holding the whole record (saved again by Excel
as one column), on files written here: read from the text inside the quotes, noted; near
misses (a line not so wrapped, contents that do not split alike, a one-column file of
quoted values) are read as before."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from datanet_sql.ingest.reading import read_source

NOTE = "every line is one quoted field holding the whole record"


def wrapped(lines: list[str], path: Path, newline: str = "\n", delimiter: str = ",") -> Path:
    """Each line written as Python's csv writes one field holding it (quoted: it holds the
    delimiter, as a European Excel's list separator `;`; its own quotes doubled)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows([[line] for line in lines])
    path.write_text(buffer.getvalue(), newline="")
    return path


def test_every_line_one_quoted_field_is_read_from_its_content(tmp_path: Path) -> None:
    lines = ["year,population,place", '1851,2.436,"Upper, Lower"', "1861,3.23,Canada"]
    result = read_source(wrapped(lines, tmp_path / "canpop.csv"), None, {}, {})
    assert result.table.to_pylist() == [
        {"year": 1851, "population": 2.436, "place": "Upper, Lower"},
        {"year": 1861, "population": 3.23, "place": "Canada"},
    ]
    assert str(result.table.schema.field("year").type) == "int64"
    assert any(f"canpop.csv: {NOTE}" in n and "delimiter ','" in n for n in result.schema_notes)
    assert result.rejects == []


def test_semicolons_and_crlf_lines_alike(tmp_path: Path) -> None:
    path = wrapped(["id;name", "1;ann", "2;bo"], tmp_path / "people.csv", "\r\n", ";")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "name": "ann"}, {"id": 2, "name": "bo"}]
    assert any("delimiter ';'" in n and NOTE in n for n in result.schema_notes)


def test_a_folder_of_such_files_reads_each(tmp_path: Path) -> None:
    wrapped(["a,b", "1,2"], tmp_path / "one.csv")
    wrapped(["a,b", "3,4"], tmp_path / "two.csv")
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert sorted(result.table.select(["a", "b"]).to_pylist(), key=lambda r: r["a"]) == [
        {"a": 1, "b": 2},
        {"a": 3, "b": 4},
    ]


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    unquoted_header = tmp_path / "names.csv"  # one column of values holding a comma
    unquoted_header.write_text('name\n"Smith, John"\n"Doe, Jane"\n')
    result = read_source(unquoted_header, None, {}, {})
    assert result.table.to_pylist() == [{"name": "Smith, John"}, {"name": "Doe, Jane"}]
    uneven = wrapped(["note", "a, b", "c"], tmp_path / "notes.csv")  # no even split
    assert read_source(uneven, None, {}, {}).table.column_names == ["note"]
    one_plain = tmp_path / "mixed.csv"  # a line not wrapped: not every line one field
    one_plain.write_text('"a,b"\n"1,2"\n3,4\n')
    result = read_source(one_plain, None, {}, {})
    assert not any(NOTE in n for n in result.schema_notes)
    quoted = wrapped(["a,b", "1,2"], tmp_path / "told.csv")  # the user said how it is quoted
    result = read_source(quoted, None, {"quote": '"'}, {})
    assert result.table.column_names == ["a_b"]
