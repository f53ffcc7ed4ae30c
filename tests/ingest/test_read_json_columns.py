"""One JSON object of column lists (R jsonlite's `dataframe = "columns"`): read as the
table those columns make, noted, `null` and jsonlite's `"NA"` among numbers NULL; near
misses (lists of differing lengths, one value a list, lists of objects) read as before.
Files written by the tests, read, and loaded into DuckDB through the staged NDJSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.ingest.reading import read_source

COLUMNS = {"time": [1, 1, 2], "subject": [3, 10, 3], "potato": [2.9, None, 11.0],
           "painty": [5.5, 0.0, "NA"], "treatment": ["a", "b", None]}
ROWS = [{"time": 1, "subject": 3, "potato": 2.9, "painty": 5.5, "treatment": "a"},
        {"time": 1, "subject": 10, "potato": None, "painty": 0.0, "treatment": "b"},
        {"time": 2, "subject": 3, "potato": 11.0, "painty": None, "treatment": None}]


def _read(path: Path, whole: object):
    path.write_text(json.dumps(whole))
    return read_source(path, None, {}, {})


def test_column_lists_are_read_as_a_table(tmp_path: Path):
    result = _read(tmp_path / "fries.json", COLUMNS)
    assert result.table.to_pylist() == ROWS
    assert [str(f.type) for f in result.table.schema] == [
        "int64", "int64", "double", "double", "string"]
    assert result.schema_notes == [
        ('fries.json: one object of 5 column lists (R jsonlite\'s dataframe = "columns"): '
        "read as 3 rows, row i of each list in row i; the strings NA and NaN among numbers "
        "read as NULL in painty")]


def test_text_among_numbers_is_kept(tmp_path: Path):
    result = _read(tmp_path / "codes.json", {"code": [1, "A7", "NA"], "n": [1, 2, 3]})
    assert result.table.column("code").to_pylist() == ["1", "A7", "NA"]
    assert "NULL" not in result.schema_notes[0]


@pytest.mark.parametrize("whole", [
    {"tags": ["a", "b"], "scores": [1, 2, 3]},       # a record with lists of its own
    {"tags": ["a"], "scores": [1]},                  # one value each: a record as well
    {"items": [{"sku": 1}, {"sku": 2}], "ids": [1, 2]},
])
def test_near_misses_are_read_as_before(tmp_path: Path, whole: dict):
    result = _read(tmp_path / "near.json", whole)
    assert result.table.num_rows == 1
    assert not any("column lists" in n for n in result.schema_notes)


def test_column_lists_load_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "fries.ndjson").write_text(json.dumps(COLUMNS) + "\n")
    adapter, result = load_landing(tmp_path, pattern="*.ndjson")
    assert result.rows == 3
    assert adapter.fetch("select time, subject, potato, painty from shop.sales "
                         "order by time, subject")[1] == [
        (1, 3, 2.9, 5.5), (1, 10, None, 0.0), (2, 3, 11.0, None)]
