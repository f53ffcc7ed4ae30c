"""DynamoDB JSON (each value wrapped in its type, `{"N": "1"}`), on files written here: an
export's `Item` lines and a `scan`'s `Items` read unwrapped, numbers typed from every value,
maps flattened and lists child tables, noted; into a DuckDB warehouse alike."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import NoArrow

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.reading import read_source

ITEMS = [
    {"id": {"N": "1"}, "name": {"S": "Ann"}, "paid": {"BOOL": True}, "price": {"N": "2.50"},
     "big": {"N": "123456789012345678901"}, "note": {"NULL": True},
     "address": {"M": {"city": {"S": "Oslo"}, "floor": {"N": "3"}}},
     "scores": {"L": [{"N": "4"}, {"N": "5"}]}, "tags": {"SS": ["a", "b"]}},
    {"id": {"N": "2"}, "name": {"S": "Bo"}, "paid": {"BOOL": False}, "price": {"N": "3"},
     "big": {"N": "7"}, "note": {"S": "late"},
     "address": {"M": {"city": {"S": "Bergen"}, "floor": {"N": "1"}}},
     "scores": {"L": []}, "tags": {"SS": ["c"]}},
]
NOTE = ('DynamoDB JSON ({}, each value wrapped in its type, {{"N": "1"}}, {{"S": "text"}}): '
        'read unwrapped, N as numbers (integers where every value is whole), S as text, BOOL '
        'as boolean, NULL as null, M and L as nested objects and lists')


def export(path: Path) -> Path:
    path.write_text("".join(json.dumps({"Item": item}) + "\n" for item in ITEMS))
    return path


def test_an_exports_item_lines_are_read_unwrapped_and_typed(tmp_path):
    path = export(tmp_path / "people.json")
    result = read_source(path, None, {}, {})
    table = result.table
    assert table.column_names == ["id", "name", "paid", "price", "big", "note",
                                  "address__city", "address__floor", "_record_no"]
    assert [str(t) for t in table.schema.types] == [
        "int64", "string", "bool", "double", "decimal128(38, 0)", "string", "string",
        "int64", "int64"]
    assert table.column("id").to_pylist() == [1, 2]
    assert table.column("price").to_pylist() == [2.5, 3.0]
    assert [int(v) for v in table.column("big").to_pylist()] == [123456789012345678901, 7]
    assert table.column("note").to_pylist() == [None, "late"]
    assert table.column("paid").to_pylist() == [True, False]
    assert table.column("address__city").to_pylist() == ["Oslo", "Bergen"]
    assert result.children["scores"].to_pylist() == [
        {"_record_no": 1, "_index": 1, "value": 4}, {"_record_no": 1, "_index": 2, "value": 5}]
    assert [r["value"] for r in result.children["tags"].to_pylist()] == ["a", "b", "c"]
    assert f"people.json: {NOTE.format('one Item a record')}" in result.schema_notes


def test_a_scans_items_are_the_rows(tmp_path):
    path = tmp_path / "scan.json"
    path.write_text(json.dumps({"Items": ITEMS[:1] + [{"id": {"N": "2"}}], "Count": 2,
                                "ScannedCount": 2}, indent=2))
    result = read_source(path, None, {}, {})
    assert result.table.column("id").to_pylist() == [1, 2]
    assert result.table.column("name").to_pylist() == ["Ann", None]
    assert "count" not in result.table.column_names
    assert f"scan.json: {NOTE.format(chr(97) + ' scan' + chr(39) + 's Items')}" in \
        result.schema_notes


def test_an_attribute_of_several_scalar_types_is_text_with_a_note(tmp_path):
    path = tmp_path / "mixed.ndjson"
    path.write_text('{"id": {"N": "1"}, "code": {"S": "A7"}}\n'
                    '{"id": {"N": "2"}, "code": {"N": "12"}}\n')
    result = read_source(path, None, {}, {})
    assert result.table.column("code").to_pylist() == ["A7", "12"]
    assert "mixed.ndjson: attribute code: values of several types (N, S): read as text" in \
        result.schema_notes


def test_objects_with_other_keys_or_a_number_not_a_string_are_not_unwrapped(tmp_path):
    path = tmp_path / "plain.ndjson"
    path.write_text('{"id": {"N": "1"}, "size": {"width": 3}}\n')
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["id__n", "size__width"]
    assert not any("DynamoDB" in n for n in result.schema_notes)
    path.write_text('{"id": {"N": "1"}, "count": {"N": 2}}\n' * 2)
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["id__n", "count__n"]
    assert not any("DynamoDB" in n for n in result.schema_notes)


def test_an_export_loads_unwrapped_into_a_duckdb_warehouse(tmp_path):
    """The warehouse reads NDJSON itself (`reading.stage_json`): unwrapped the same."""
    export(tmp_path / "people.ndjson")
    config = {"mode": "append", "primary_key": [], "cursor": None, "path": "people.ndjson",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {}}
    adapter = DuckDBAdapter({"path": str(tmp_path / "w.duckdb")})
    try:
        load(adapter, LoadJob("crm", "people", Relation("people", "crm"), "main", tmp_path,
                              config), NoArrow())
        assert adapter.fetch("select id, name, price, address__floor from crm.people "
                             "order by id")[1] == [(1, "Ann", 2.5, 3), (2, "Bo", 3.0, 1)]
        assert adapter.fetch("select _record_no, value from crm.people__scores")[1] == [
            (1, 4), (1, 5)]
    finally:
        adapter.close()
