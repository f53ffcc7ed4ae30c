"""An ArcGIS REST query answer saved as JSON (`features[].attributes` beside `fields`,
`spatialReference`): read as the features' attributes, the geometry beside them when any
feature has one, `esriFieldTypeDate` milliseconds as timestamps, a truncated answer said;
near misses read as before. Files written by the tests, read, and loaded into DuckDB."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from ingest_helpers import load_landing

from datanet_sql.ingest.reading import read_source

FIELDS = [{"name": "OBJECTID", "type": "esriFieldTypeOID"},
          {"name": "country", "type": "esriFieldTypeString"},
          {"name": "birth_rate", "type": "esriFieldTypeDouble"},
          {"name": "surveyed", "type": "esriFieldTypeDate"}]
ROWS = [{"OBJECTID": 1, "country": "Russia", "birth_rate": 11.87, "surveyed": 1388534400000},
        {"OBJECTID": 2, "country": "Canada", "birth_rate": None, "surveyed": None}]


def _answer(geometry: list, **beside: object) -> dict:
    return {"objectIdFieldName": "OBJECTID", "geometryType": "esriGeometryPoint",
            "spatialReference": {"wkid": 4326}, "fields": FIELDS,
            "features": [{"attributes": dict(r), "geometry": g} for r, g in zip(ROWS, geometry)],
            **beside}


def _read(path: Path, whole: object):
    path.write_text(json.dumps(whole))
    return read_source(path, None, {}, {})


def test_an_arcgis_answer_is_its_features_attributes(tmp_path: Path):
    result = _read(tmp_path / "factbook.json", _answer([None, None],
                                                        exceededTransferLimit=True))
    rows = result.table.to_pylist()
    assert [(r["objectid"], r["country"], r["birth_rate"]) for r in rows] == [
        (1, "Russia", 11.87), (2, "Canada", None)]
    assert rows[0]["surveyed"] == datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC)
    assert rows[1]["surveyed"] is None
    assert result.schema_notes[0] == (
        "factbook.json: an ArcGIS query answer: read the features under "
        "features[].attributes of the object as 2 rows; left out: exceededTransferLimit, "
        "features[].geometry, fields, geometryType, objectIdFieldName, spatialReference; "
        "surveyed: ArcGIS dates (milliseconds since 1970, UTC), read as timestamps; its "
        "exceededTransferLimit says the layer holds more features than this answer: query "
        "again with resultOffset for the others")


def test_geometry_kept_beside_the_attributes(tmp_path: Path):
    result = _read(tmp_path / "points.json", _answer([{"x": 37.6, "y": 55.7}, None]))
    assert [(r["geometry__x"], r["geometry__y"]) for r in result.table.to_pylist()] == [
        (37.6, 55.7), (None, None)]
    assert "features[].attributes and features[].geometry" in result.schema_notes[0]


def test_loaded_into_duckdb(tmp_path: Path):
    path = tmp_path / "landing" / "factbook.json"
    path.parent.mkdir()
    path.write_text(json.dumps(_answer([None, None])))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 2
    assert adapter.fetch("select objectid, country from shop.sales order by 1")[1] == [
        (1, "Russia"), (2, "Canada")]


def test_near_misses_are_read_as_before(tmp_path: Path):
    # a GeoJSON FeatureCollection: its features are no ArcGIS features
    geojson = _read(tmp_path / "geo.json", {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"a": 1}, "geometry": None}]})
    assert "ArcGIS" not in " ".join(geojson.schema_notes)
    # a record with a list of features beside its own id: a record with a child list
    record = _read(tmp_path / "record.json", {"id": 3, "fields": [], "features": [
        {"attributes": {"a": 1}}]})
    assert record.table.num_rows == 1
    assert "ArcGIS" not in " ".join(record.schema_notes)
