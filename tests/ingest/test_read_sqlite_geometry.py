"""A GeoPackage (`.gpkg`, SQLite) feature table: its geometry column declared `POINT` (which
holds `INT`, so SQLite's affinity rule took it for an integer and every row was a reject)
is read as its BLOBs in hex, as stored, noted; the other columns as in any SQLite file,
beside GeoPackage's R*Tree index and a trigger calling `ST_` functions plain SQLite lacks.
A column whose declared type merely holds `INT` keeps being an integer. On files the
tests write."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from datanet_sql.ingest.reading import read_source, source_format

STATIONS = [(1, "USC00203823", 41.9352, -84.6411, 131), (2, "USC00276818", 44.258, -71.2525, 80),
            (3, "USW00026411", 64.8039, -147.8761, 37)]


def point(longitude: float, latitude: float) -> bytes:
    """A GeoPackage geometry: the `GP` header (no envelope, SRS 4326), then the WKB point."""
    return b"GP\x00\x01" + struct.pack("<i", 4326) + struct.pack("<BIdd", 1, 1, longitude,
                                                                   latitude)


def geopackage(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1196444487")   # 'GPKG'
        db.execute("CREATE TABLE stations (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                   "geom POINT, station TEXT(11), latitude DOUBLE, longitude DOUBLE, "
                   "dx70 MEDIUMINT)")
        db.execute("CREATE VIRTUAL TABLE rtree_stations_geom USING rtree(id, minx, maxx, "
                   "miny, maxy)")
        db.executemany("INSERT INTO stations VALUES (?, ?, ?, ?, ?, ?)",
                       [(fid, point(lon, lat), station, lat, lon, dx70)
                        for fid, station, lat, lon, dx70 in STATIONS])
        db.execute("CREATE TRIGGER rtree_stations_geom_insert AFTER INSERT ON stations "
                   "WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN "
                   "INSERT OR REPLACE INTO rtree_stations_geom VALUES (NEW.fid, "
                   "ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), "
                   "ST_MaxY(NEW.geom)); END")
    db.close()
    return path


def test_a_geopackage_feature_table_is_read_its_geometry_as_hex(tmp_path: Path) -> None:
    path = geopackage(tmp_path / "climate.gpkg")
    assert source_format(path, None) == "sqlite"
    result = read_source(path, "sqlite", {"source_table": "stations"}, {})
    assert not result.rejects
    assert result.table.to_pylist() == [
        {"fid": fid, "geom": point(lon, lat).hex(), "station": station, "latitude": lat,
         "longitude": lon, "dx70": dx70} for fid, station, lat, lon, dx70 in STATIONS]
    assert str(result.table.schema.field("dx70").type) == "int32"
    assert "column geom: declared POINT, a geometry (GeoPackage, SpatiaLite) stored as BLOBs: " \
           "read as the hex of their bytes as stored (a GeoPackage's is its `GP` header, then " \
           "the shape's WKB); decode them with a spatial extension" in result.schema_notes


def test_a_geometry_of_sixteen_bytes_is_hex_not_a_uuid(tmp_path: Path) -> None:
    """Any BLOB of 16 bytes is read as a UUID elsewhere; a shape's bytes never are."""
    with sqlite3.connect(tmp_path / "shapes.db") as db:
        db.execute("CREATE TABLE parcels (id INTEGER PRIMARY KEY, shape MULTIPOLYGON)")
        db.execute("INSERT INTO parcels VALUES (1, ?), (2, NULL)", (bytes(range(16)),))
    db.close()
    result = read_source(tmp_path / "shapes.db", "sqlite", {"source_table": "parcels"}, {})
    assert result.table.column("shape").to_pylist() == [bytes(range(16)).hex(), None]


def test_a_declared_type_holding_int_is_still_an_integer(tmp_path: Path) -> None:
    """The near miss: `MEDIUMINT`, `POINTS` (no geometry name) keep SQLite's rule: a BLOB
    there is a reject, as before."""
    with sqlite3.connect(tmp_path / "scores.db") as db:
        db.execute("CREATE TABLE scores (id INTEGER PRIMARY KEY, points POINTS, n MEDIUMINT)")
        db.execute("INSERT INTO scores VALUES (1, 12, 3), (2, ?, 4)", (b"\xab\xcd",))
    db.close()
    result = read_source(tmp_path / "scores.db", "sqlite", {"source_table": "scores"}, {})
    assert result.table.column("points").to_pylist() == [12]
    assert [r.record_no for r in result.rejects] == ["2"]
    assert not any("geometry" in note for note in result.schema_notes)
