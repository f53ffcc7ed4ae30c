"""R's jsonlite without `auto_unbox` (every scalar an array of one element, `{"year":
[1920]}`), on files written here: read as the elements, typed, noted, read whole, line by
line (a bad line a reject) and staged by a DuckDB warehouse alike; near misses (a field
holding a longer array somewhere, a one-element list beside scalar fields) kept as
written."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import NoArrow, local_or_pg_place

from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

BOXED = [
    {"year": [1920], "c": [39.8], "region": ["north"], "note": [None]},
    {"year": [1921], "c": [41.9], "region": [], "note": [None]},
    {"year": [1922], "c": [45], "region": ["south"], "note": [None]},
]
READ = [
    {"year": 1920, "c": 39.8, "region": "north", "note": None},
    {"year": 1921, "c": 41.9, "region": None, "note": None},
    {"year": 1922, "c": 45.0, "region": "south", "note": None},
]
NOTE = ("klein.ndjson: every value an array of one element, as R's jsonlite writes scalars "
        "without auto_unbox ([1920]); no array in the file holds more than one: read as the "
        "element, columns year, c, region, note")


def ndjson(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_boxed_scalars_are_read_as_their_elements_and_noted(tmp_path: Path):
    result = read_source(ndjson(tmp_path / "klein.ndjson", BOXED), None, {}, {})
    assert [{k: r[k] for k in READ[0]} for r in result.table.to_pylist()] == READ
    assert str(result.table.schema.field("year").type) == "int64"
    assert str(result.table.schema.field("c").type) == "double"
    assert result.children == {}
    assert NOTE in result.schema_notes


def test_a_json_array_of_boxed_records_alike(tmp_path: Path):
    path = tmp_path / "klein.json"
    path.write_text(json.dumps(BOXED))
    result = read_source(path, None, {}, {})
    assert [{k: r[k] for k in READ[0]} for r in result.table.to_pylist()] == READ
    assert NOTE.replace("klein.ndjson", "klein.json") in result.schema_notes


def test_a_bad_line_is_a_reject_and_the_rest_unboxed(tmp_path: Path):
    path = tmp_path / "klein.ndjson"
    path.write_text(json.dumps(BOXED[0]) + '\n{"year": [19\n' + json.dumps(BOXED[2]) + "\n")
    result = read_source(path, None, {}, {})
    assert [r.record_no for r in result.rejects] == ["2"]
    assert result.table.column("year").to_pylist() == [1920, 1922]
    assert result.table.column("region").to_pylist() == ["north", "south"]
    assert NOTE in result.schema_notes


def test_a_field_with_a_longer_array_keeps_the_file_as_written_noted(tmp_path: Path):
    """One real vector (`tags`, two elements on record 3) means the arrays may be real
    lists: nothing is unboxed, each array stays a child table, and the note says why."""
    rows = [{**r, "tags": ["a"]} for r in BOXED]
    rows[2]["tags"] = ["a", "b"]
    result = read_source(ndjson(tmp_path / "tagged.ndjson", rows), None, {}, {})
    assert "year" not in result.table.column_names
    assert result.children["tags"].column("value").to_pylist() == ["a", "a", "a", "b"]
    assert result.children["year"].column("value").to_pylist() == [1920, 1921, 1922]
    assert ("tagged.ndjson: every field is an array, as R's jsonlite writes scalars without "
            "auto_unbox, but field tags holds more than one element (record 3): kept as "
            "written, each array a child table") in result.schema_notes


def test_a_one_element_list_beside_scalars_is_an_ordinary_list(tmp_path: Path):
    rows = [{"id": 1, "tags": ["a"], "codes": [7]}, {"id": 2, "tags": ["b"], "codes": [8]}]
    result = read_source(ndjson(tmp_path / "plain.ndjson", rows), None, {}, {})
    assert result.table.column("id").to_pylist() == [1, 2]
    assert "tags" not in result.table.column_names
    assert result.children["tags"].column("value").to_pylist() == ["a", "b"]
    assert not any("jsonlite" in n for n in result.schema_notes)


def test_a_duckdb_warehouse_stages_the_file_unboxed(tmp_path: Path):
    """The warehouse reads NDJSON itself (`reading.stage_json`): unboxed the same."""
    ndjson(tmp_path / "klein.ndjson", BOXED)
    with local_or_pg_place("duckdb", tmp_path, "json2") as place:
        result = load(place.adapter, place.job(tmp_path, "klein", "append",
                                               path="klein.ndjson"), NoArrow())
        assert place.rows("klein", "year, c, region, note", "year") == [
            tuple(r.values()) for r in READ]
        assert place.fetch("select typeof(year), typeof(c) from shop.klein limit 1") == [
            ("BIGINT", "DOUBLE")]
        assert NOTE in result.read_notes
