"""CSV files whose every line ends `\\r\\r\\n` (Python's csv writer on Windows, into a file
opened without `newline=''`), on real files written here: read as the records they hold,
noted; a `\\r` inside a quoted field stays, and a file whose line ends are not all doubled
is never rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

NOTE = (
    "line ends \\r\\r\\n read as one line break (Python's csv module on Windows writing to a "
    "file opened without newline='')"
)


def written(
    path: Path, lines: list[str], end: str, last: str | None = None, encoding: str = "utf-8"
) -> Path:
    """The lines each ended by `end`, the last by `last` (when given)."""
    text = "".join(line + end for line in lines[:-1]) + lines[-1] + (end if last is None else last)
    path.write_bytes(text.encode(encoding))
    return path


CARS = ["id,speed,dist"] + [f"{i},{i + 3},{i * 2}" for i in range(1, 51)]


@pytest.mark.parametrize(
    ("encoding", "last"),
    [("utf-8", None), ("utf-8", ""), ("utf-16", None)],
    ids=["utf8", "utf8_last_line_open", "utf16"],
)
def test_every_line_ending_in_two_returns_reads_the_records(
    tmp_path: Path, encoding: str, last: str | None
) -> None:
    path = written(tmp_path / "cars.csv", CARS, "\r\r\n", last, encoding)
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 50 and not result.rejects
    assert [str(t) for t in result.table.schema.types] == ["int64"] * 3
    assert result.table.to_pylist()[::49] == [
        {"id": 1, "speed": 4, "dist": 2},
        {"id": 50, "speed": 53, "dist": 100},
    ]
    assert f"{path}: {NOTE}" in result.schema_notes


def test_a_return_inside_a_quoted_field_stays(tmp_path: Path) -> None:
    path = written(tmp_path / "notes.csv", ["id,note", '1,"a\rb"', "2,plain"], "\r\r\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "note": "a\rb"}, {"id": 2, "note": "plain"}]
    assert f"{path}: {NOTE}" in result.schema_notes


def test_crlf_with_a_return_in_a_quoted_field_is_not_rewritten(tmp_path: Path) -> None:
    path = written(tmp_path / "notes.csv", ["id,note", '1,"a\r\r"', "2,plain"], "\r\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "note": "a\r\r"}, {"id": 2, "note": "plain"}]
    assert not any("line ends" in n for n in result.schema_notes)


def test_line_ends_doubled_on_some_lines_only_are_not_guessed(tmp_path: Path) -> None:
    # which break is the real one is not the file's to tell: refused, never rewritten
    path = written(tmp_path / "some.csv", CARS[:3], "\r\r\n", "\r\n")
    path.write_bytes(path.read_bytes() + "".join(f"{line}\r\n" for line in CARS[3:]).encode())
    with pytest.raises(IngestError, match="some.csv"):
        read_source(path, None, {}, {})


def test_a_glob_with_one_file_of_doubled_line_ends(tmp_path: Path) -> None:
    written(tmp_path / "a.csv", CARS[:3], "\r\r\n")
    written(tmp_path / "b.csv", [CARS[0], *CARS[3:5]], "\n")
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert sorted(r["id"] for r in result.table.to_pylist()) == [1, 2, 3, 4]
    assert [str(t) for t in result.table.schema.types][:3] == ["int64"] * 3
    assert any(n.endswith(NOTE) and "a.csv" in n for n in result.schema_notes)
