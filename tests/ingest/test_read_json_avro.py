"""Avro's JSON encoding (`avro-tools tojson`: a union's value wrapped in its branch,
`{"long": 1}`, null plain): read unwrapped under the fields' own names, noted; several
branches as text, named records flattened; near misses (one column of one-key objects, keys
no Avro branch, two branches in one row) read as before. Files written by the tests, read,
and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import load_landing

from datanet_sql.ingest.reading import read_source

ROWS = [
    {"id": 1, "patient_id": {"long": 1}, "arm": {"string": "Control"},
     "dose": {"double": 0.5}, "improved": {"boolean": True}},
    {"id": 2, "patient_id": {"long": 2}, "arm": None, "dose": {"double": 2},
     "improved": {"boolean": False}},
]


def _read(path: Path, rows: list[dict]):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return read_source(path, None, {}, {})


def test_unions_are_read_unwrapped_and_noted(tmp_path: Path):
    result = _read(tmp_path / "strep.ndjson", ROWS)
    assert result.table.to_pylist() == [
        {"id": 1, "patient_id": 1, "arm": "Control", "dose": 0.5, "improved": True},
        {"id": 2, "patient_id": 2, "arm": None, "dose": 2.0, "improved": False}]
    assert ("strep.ndjson: Avro JSON (each union's value wrapped in its branch, {\"long\": 1}, "
            "{\"string\": \"text\"}): read unwrapped under the field's own name, columns "
            "patient_id, arm, dose, improved") in result.schema_notes


def test_several_branches_as_text_and_a_named_record_flattened(tmp_path: Path):
    rows = [{"code": {"long": 7}, "name": {"string": "a"},
             "home": {"org.acme.Address": {"city": {"string": "Oslo"}, "zip": 1}}},
            {"code": {"string": "x9"}, "name": None, "home": None}]
    result = _read(tmp_path / "people.json", rows)
    assert result.table.to_pylist() == [
        {"code": "7", "name": "a", "home__city": "Oslo", "home__zip": 1},
        {"code": "x9", "name": None, "home__city": None, "home__zip": None}]
    notes = "\n".join(result.schema_notes)
    assert "column code: a union of several branches (long, string): read as text" in notes
    assert "column home: of the named record type org.acme.Address" in notes


def test_one_column_of_one_key_objects_is_kept_as_written_noted(tmp_path: Path):
    result = _read(tmp_path / "meta.json", [{"id": 1, "meta": {"string": "abc"}},
                                            {"id": 2, "meta": {"string": "def"}}])
    assert result.table.column_names[:2] == ["id", "meta__string"]
    assert any("column meta holds objects of one key `string`" in n
               for n in result.schema_notes)


def test_near_misses_read_as_before(tmp_path: Path):
    other = _read(tmp_path / "other.json", [{"a": {"value": 1}, "b": {"label": "x"}}])
    assert other.table.column_names[:2] == ["a__value", "b__label"]
    both = _read(tmp_path / "both.json", [{"a": {"long": 1, "string": "x"}, "b": {"long": 2}}])
    assert both.table.column_names[:2] == ["a__long", "a__string"]
    assert not any("Avro" in n for n in other.schema_notes)
    assert not any("read unwrapped" in n for n in both.schema_notes)


def test_avro_json_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "strep.json").write_text(
        "".join(json.dumps(r) + "\n" for r in ROWS))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 2
    assert adapter.fetch("select patient_id, arm, dose, improved from shop.sales "
                         "order by patient_id")[1] == [(1, "Control", 0.5, True),
                                                       (2, None, 2.0, False)]
