"""NDJSON where some lines are JSON arrays of records (a producer that batches), on files
written here: each array's objects are rows in their place, numbered by their line, noted;
an array of scalars, of mixed values or empty stays a reject; records holding lists are
refused naming the line; loaded into a DuckDB warehouse alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

RECORDS = [{"xs": round(0.5 * i, 2), "yc": i % 2} for i in range(1, 9)]


def _batched(path: Path) -> None:
    """Records 1-2 one a line, 3-5 one array line, 6 alone, 7-8 another array line."""
    lines = [RECORDS[0], RECORDS[1], RECORDS[2:5], RECORDS[5], RECORDS[6:8]]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def test_array_lines_are_read_as_their_records_in_order(tmp_path: Path) -> None:
    path = tmp_path / "synth.ndjson"
    _batched(path)
    result = read_source(path, None, {}, {}, "reject", None)
    assert result.table.select(["xs", "yc"]).to_pylist() == RECORDS
    assert result.rejects == []
    assert result.schema_notes[0] == (
        "synth.ndjson: lines 3, 5 are arrays of 3 and 2 records: read as records (a producer "
        "that batches; each record numbered by its line)"
    )


def test_a_record_of_an_array_line_rejected_is_numbered_by_its_line(tmp_path: Path) -> None:
    """A declared type the second record of line 2's array does not fit: reject `2`."""
    path = tmp_path / "synth.ndjson"
    lines = [{"yc": 1}, [{"yc": 2}, {"yc": "two"}], {"yc": 4}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = read_source(path, None, {}, {"yc": "integer"}, "reject", None)
    assert result.table.column("yc").to_pylist() == [1, 2, 4]
    assert [r.record_no for r in result.rejects] == ["2"]
    assert "line 2 is an array of 2 records" in result.schema_notes[0]


@pytest.mark.parametrize("line", ["[1, 2]", '[{"xs": 9.0, "yc": 1}, 3]', "[]", "[[1], [2]]"])
def test_arrays_of_anything_but_objects_stay_rejects(tmp_path: Path, line: str) -> None:
    path = tmp_path / "synth.ndjson"
    path.write_text(json.dumps(RECORDS[0]) + "\n" + line + "\n" + json.dumps(RECORDS[1]) + "\n")
    result = read_source(path, None, {}, {}, "reject", None)
    assert result.table.select(["xs", "yc"]).to_pylist() == RECORDS[:2]
    assert [(r.record_no, r.raw) for r in result.rejects] == [("2", line)]
    assert not any("read as records" in note for note in result.schema_notes)


def test_records_holding_lists_in_an_array_line_are_refused(tmp_path: Path) -> None:
    """Their child tables would link rows by the record number the line's records share."""
    path = tmp_path / "tags.ndjson"
    lines = [{"id": 1, "tags": ["a"]}, [{"id": 2, "tags": ["b"]}, {"id": 3, "tags": []}]]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(IngestError, match="line 2 is a JSON array of records that hold lists"):
        read_source(path, None, {}, {}, "reject", None)


def test_loaded_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    _batched(tmp_path / "synth.ndjson")
    with local_or_pg_place("duckdb", tmp_path, "kinds19a") as place:
        job = place.job(tmp_path, "synth", "replace", path="synth.ndjson")
        result = load(place.adapter, job, reading)
        assert result.rows == 8
        assert any("read as records" in note for note in result.read_notes)
        assert place.rows("synth", "xs, yc", "xs") == [(r["xs"], r["yc"]) for r in RECORDS]
        assert place.fetch("select count(*) from shop._rejects") == [(0,)]


def test_an_array_line_appended_is_read_when_the_file_is_tailed(tmp_path: Path) -> None:
    """Under `append` the lines written after run 1 are read on their own: an array line
    among them is read as its records too."""
    path = tmp_path / "synth.ndjson"
    path.write_text(json.dumps(RECORDS[0]) + "\n")
    with local_or_pg_place("duckdb", tmp_path, "kinds19a") as place:
        job = place.job(tmp_path, "synth", "append", path="synth.ndjson")
        load(place.adapter, job, reading)
        with path.open("a") as handle:
            handle.write(json.dumps(RECORDS[1:4]) + "\n" + json.dumps(RECORDS[4]) + "\n")
        assert load(place.adapter, job, reading).rows == 4
        assert place.rows("synth", "xs, yc", "xs") == [(r["xs"], r["yc"]) for r in RECORDS[:5]]
