"""Text cells holding a missing-value word (`null`, as a JSON-to-Excel connector writes
JavaScript's `String(null)`; `NA`, `N/A`) among the cells of a number or date column of an
xlsx: NULL, the column keeps its type, noted naming the words; among text the words stay
text. On real workbooks, read and loaded into DuckDB."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place, workbook

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

_STAGES = [["id", "eet", "g2"], [1, 2, 10.26], [2, "null", "null"], [3, 1, 9.99],
           [4, "null", 13.5]]


@pytest.mark.parametrize("chunk", [1, 10_000])
def test_null_words_among_numbers_are_null_and_noted(tmp_path, monkeypatch, chunk):
    """Read a row at a time, a column's first chunk can be the word alone (text) and its
    numbers come later: the column is still numbers."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    workbook(tmp_path / "stagec.xlsx", {"Data": _STAGES})
    result = read_source(tmp_path / "stagec.xlsx", None, {}, {})
    assert str(result.table.schema.field("eet").type) == "int64"
    assert result.table.to_pylist() == [
        {"id": 1, "eet": 2, "g2": 10.26},
        {"id": 2, "eet": None, "g2": None},
        {"id": 3, "eet": 1, "g2": 9.99},
        {"id": 4, "eet": None, "g2": 13.5},
    ]
    assert (
        "stagec.xlsx: column eet: 2 text cell(s) 'null' (a word for a missing value) read as "
        "NULL, the column as BIGINT; declare it varchar to keep every cell as text"
    ) in result.schema_notes
    assert any(n.startswith("stagec.xlsx: column g2: 1 text cell(s) 'null'") and
               "the column as DOUBLE" in n for n in result.schema_notes)


def test_other_words_and_dates(tmp_path: Path) -> None:
    """`NA` and `N/A` among numbers, `null` among dates: each column keeps its type."""
    day = dt.datetime(2024, 3, 4)
    rows = [["n", "on"], [1.5, day], ["NA", "null"], ["N/A", day], [2.5, day]]
    workbook(tmp_path / "t.xlsx", {"T": rows})
    result = read_source(tmp_path / "t.xlsx", None, {}, {})
    assert result.table.column("n").to_pylist() == [1.5, None, None, 2.5]
    assert result.table.column("on").to_pylist() == [day, None, day, day]
    assert any("column n: 2 text cell(s) 'NA', 'N/A'" in n for n in result.schema_notes)


def test_words_among_text_or_alone_stay_text(tmp_path: Path) -> None:
    """Near-misses: `NA` among country codes is Namibia; a column of only `null` cells is
    text as written (nothing says what it would be); `null` among numbers and another word
    makes the column text, the words kept; `nullable` is no missing-value word."""
    rows = [["country", "flag", "score", "kind"], ["NA", "null", 1, "nullable"],
            ["ZA", "null", "null", "text"], ["DE", "null", "n.a.", "x"], ["FR", "null", 4, "y"]]
    workbook(tmp_path / "t.xlsx", {"T": rows})
    result = read_source(tmp_path / "t.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"country": "NA", "flag": "null", "score": "1", "kind": "nullable"},
        {"country": "ZA", "flag": "null", "score": "null", "kind": "text"},
        {"country": "DE", "flag": "null", "score": "n.a.", "kind": "x"},
        {"country": "FR", "flag": "null", "score": "4", "kind": "y"},
    ]
    assert not any("a word for a missing value" in n for n in result.schema_notes)


def test_the_numbers_load_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    workbook(tmp_path / "landing" / "stagec.xlsx", {"Data": _STAGES})
    with local_or_pg_place("duckdb", tmp_path, "dn_xl") as place:
        job = place.job(tmp_path, "stagec", "replace", path="landing/stagec.xlsx")
        result = load(place.adapter, job, reading)
        assert result.rows == 4
        assert any("2 text cell(s) 'null'" in n for n in result.read_notes)
        assert place.rows("stagec", "id, eet") == [(1, 2), (2, None), (3, 1), (4, None)]
