"""NDJSON whose every line is a JSON string holding the object's JSON (serialized twice), on
files written here: the objects are the rows, noted; bad lines stay rejects; a file mixing
objects and such strings, or of strings holding no object, is read as before; loaded into
a DuckDB warehouse, tailed under append, alike."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.readers.json_twice import NOTE
from datanet_sql.ingest.reading import read_source

RECORDS = [
    {"area": "Alabama", "crime": 49, "undercount": -0.04, "city": "state"},
    {"area": "Alaska", "crime": 62, "undercount": 3.35, "city": "state"},
    {"area": "Washington.DC", "crime": 108, "undercount": 5.93, "city": "city"},
]


def twice(record: dict) -> str:
    """A record as the pipeline writes it: `json.dumps` of its JSON text."""
    return json.dumps(json.dumps(record)) + "\n"


def _read(path: Path):
    return read_source(path, None, {}, {}, "reject", None)


def test_lines_serialized_twice_are_read_as_their_objects(tmp_path: Path) -> None:
    path = tmp_path / "ericksen.ndjson"
    path.write_text("".join(twice(r) for r in RECORDS))
    result = _read(path)
    assert result.table.select(["area", "crime", "undercount", "city"]).to_pylist() == RECORDS
    assert [str(result.table.schema.field(n).type) for n in ("area", "crime", "undercount")] == [
        "string",
        "int64",
        "double",
    ]
    assert result.rejects == []
    assert f"ericksen.ndjson: {NOTE}" in result.schema_notes


def test_a_json_file_of_such_lines_is_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "ericksen.json"
    path.write_text("".join(twice(r) for r in RECORDS))
    assert _read(path).table.column("area").to_pylist() == ["Alabama", "Alaska", "Washington.DC"]


def test_bad_lines_aside_the_others_are_read_and_the_bad_ones_rejected(tmp_path: Path) -> None:
    path = tmp_path / "ericksen.ndjson"
    path.write_text(
        twice(RECORDS[0]) + "{not json\n" + '"no object here"\n' + "\n" + twice(RECORDS[1])
    )
    result = _read(path)
    assert result.table.column("area").to_pylist() == ["Alabama", "Alaska"]
    assert [(r.record_no, r.raw) for r in result.rejects] == [
        ("2", "{not json"),
        ("3", '"no object here"'),
    ]
    assert result.schema_notes[:2] == [
        f"ericksen.ndjson: {NOTE}",
        "ericksen.ndjson: 2 line(s) are not JSON objects",
    ]


def test_objects_beside_such_strings_are_read_and_the_strings_rejected(tmp_path: Path) -> None:
    """Two shapes in one file is no file serialized twice: the objects are the rows, the
    strings rejects naming their lines, as before."""
    path = tmp_path / "mixed.ndjson"
    path.write_text(json.dumps(RECORDS[0]) + "\n" + twice(RECORDS[1]))
    result = _read(path)
    assert result.table.column("area").to_pylist() == ["Alabama"]
    assert [r.record_no for r in result.rejects] == ["2"]
    assert not any(NOTE in note for note in result.schema_notes)


def test_strings_holding_no_object_stay_rejects(tmp_path: Path) -> None:
    path = tmp_path / "words.ndjson"
    path.write_text('"Alabama"\n"[1, 2]"\n"{\\"cut\\": "\n')
    result = _read(path)
    assert [r.record_no for r in result.rejects] == ["1", "2", "3"]
    assert not any(NOTE in note for note in result.schema_notes)


def test_loaded_and_tailed_into_a_duckdb_warehouse(tmp_path: Path) -> None:
    """The warehouse's own read refuses the lines; the file goes the line by line way,
    run 1 and the lines appended before run 2 alike."""
    path = tmp_path / "ericksen.ndjson"
    path.write_text("".join(twice(r) for r in RECORDS[:2]))
    with local_or_pg_place("duckdb", tmp_path, "kinds15b") as place:
        job = place.job(tmp_path, "ericksen", "append", path="ericksen.ndjson")
        load(place.adapter, job, reading)
        with path.open("a") as handle:
            handle.write(twice(RECORDS[2]))
        result = load(place.adapter, job, reading)
        assert result.rows == 1
        assert place.rows("ericksen", "area, crime, undercount", "crime") == [
            (r["area"], r["crime"], r["undercount"]) for r in RECORDS
        ]
        assert place.fetch("select count(*) from shop._rejects") == [(0,)]
