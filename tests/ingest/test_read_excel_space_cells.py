"""Number cells "cleared" by typing spaces in an xlsx: a text cell of only spaces is blank
(NULL), so the column stays numbers, noted with the count; a column of text keeps its
text, and a column of only spaces is no column of numbers. On real workbooks, read and
loaded into DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place, workbook

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

_HALLEY = [["age", "deaths", "ratio"], [1, 238, 0.5], [2, " ", 0.25], [3, 145, 1.5], [4, "  ", 2.0]]


@pytest.mark.parametrize("chunk", [1, 10_000])
def test_space_cells_in_a_number_column_are_null_and_noted(tmp_path, monkeypatch, chunk):
    """The column was text (`'238'`) with the spaces as values; read in chunks of one row
    the first chunk is numbers and the spaces come after."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    workbook(tmp_path / "halley.xlsx", {"Halley": _HALLEY})
    result = read_source(tmp_path / "halley.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"age": 1, "deaths": 238, "ratio": 0.5},
        {"age": 2, "deaths": None, "ratio": 0.25},
        {"age": 3, "deaths": 145, "ratio": 1.5},
        {"age": 4, "deaths": None, "ratio": 2.0},
    ]
    assert (
        "halley.xlsx: column deaths: 2 text cell(s) of only spaces (a value cleared by typing "
        "a space) read as blank (NULL), the column as BIGINT"
    ) in result.schema_notes


def test_text_columns_and_columns_of_spaces_only_are_not_noted(tmp_path: Path) -> None:
    """Near-misses: spaces among words are blank cells of a text column (no note: nothing
    changed type); a column of only spaces holds no value; a cell with a letter is text."""
    rows = [["name", "gap", "code"], ["a", " ", 1], [" ", "  ", "x "], ["c", " ", 3]]
    workbook(tmp_path / "t.xlsx", {"T": rows})
    result = read_source(tmp_path / "t.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"name": "a", "gap": None, "code": "1"},
        {"name": None, "gap": None, "code": "x "},
        {"name": "c", "gap": None, "code": "3"},
    ]
    assert not any("only spaces" in n for n in result.schema_notes)


def test_the_numbers_load_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    workbook(tmp_path / "landing" / "halley.xlsx", {"Halley": _HALLEY})
    with local_or_pg_place("duckdb", tmp_path, "dn_xl") as place:
        job = place.job(tmp_path, "halley", "replace", path="landing/halley.xlsx")
        result = load(place.adapter, job, reading)
        assert result.rows == 4
        assert any("2 text cell(s) of only spaces" in n for n in result.read_notes)
        assert place.rows("halley", "age, deaths") == [(1, 238), (2, None), (3, 145), (4, None)]
