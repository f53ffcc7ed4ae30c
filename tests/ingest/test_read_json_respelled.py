"""NDJSON whose keys an API respelled mid-file (`bandNumber` on the first lines,
`band_number` after): the two spellings one column, noted; keys named alike that a record
holds together stay two columns; the warehouse's own NDJSON read gives the same. Files
written by the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import load_landing

from datanet_sql.ingest.reading import read_source

V1 = [{"bandNumber": "877-76317", "Species": "RT", "Wing": 385.0},
      {"bandNumber": "877-76318", "Species": "RT", "Wing": None}]
V2 = [{"band_number": "1207-22630", "species": "SS", "wing": 199.0}]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_keys_respelled_mid_file_are_one_column(tmp_path: Path):
    result = read_source(_write(tmp_path / "hawks.ndjson", V1 + V2), None, {}, {})
    assert result.table.schema.names == ["band_number", "species", "wing"]
    assert result.table.to_pylist() == [
        {"band_number": "877-76317", "species": "RT", "wing": 385.0},
        {"band_number": "877-76318", "species": "RT", "wing": None},
        {"band_number": "1207-22630", "species": "SS", "wing": 199.0}]
    assert result.schema_notes[0] == (
        "hawks.ndjson: keys named alike and never in the same record (respelled mid-file, "
        "as an API's new version does) read as one column each: 'bandNumber' and "
        "'band_number' as bandNumber; 'Species' and 'species' as Species; 'Wing' and "
        "'wing' as Wing")
    assert not any("differ only by case" in note for note in result.schema_notes)


def test_a_json_array_alike(tmp_path: Path):
    path = tmp_path / "hawks.json"
    path.write_text(json.dumps(V1 + V2))
    assert read_source(path, None, {}, {}).table.column("band_number").to_pylist() == [
        "877-76317", "877-76318", "1207-22630"]


def test_keys_held_together_stay_apart(tmp_path: Path):
    records = [{"unitPrice": 2.5, "unit_price": 3.0, "Total": 1, "total": 2},
               {"unitPrice": 1.5}]
    result = read_source(_write(tmp_path / "prices.ndjson", records), None, {}, {})
    assert result.table.schema.names == ["unit_price", "unit_price_2", "total", "total_2"]
    assert not any("named alike" in note for note in result.schema_notes)


def test_values_of_different_kinds_stay_apart_noted(tmp_path: Path):
    records = [{"geoPoint": {"x": 1}}, {"geo_point": "POINT (1 2)"}]
    result = read_source(_write(tmp_path / "geo.ndjson", records), None, {}, {})
    assert result.table.schema.names == ["geo_point__x", "geo_point_2"]
    assert any("are named alike but hold values of different types" in note
               and "kept apart; pick one in a model" in note for note in result.schema_notes)


def test_loaded_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    _write(tmp_path / "landing" / "hawks.ndjson", V1 + V2)
    adapter, result = load_landing(tmp_path, pattern="*.ndjson")
    assert result.rows == 3
    assert adapter.fetch("select band_number, wing from shop.sales order by 1")[1] == [
        ("1207-22630", 199.0), ("877-76317", 385.0), ("877-76318", None)]
