"""Geometry columns of a GeoPackage (`.gpkg`) or SpatiaLite database: BLOBs, kept as such.

A GeoPackage is a SQLite file whose feature tables declare their geometry column by the
geometry's type name (`geom POINT`, `MULTIPOLYGON`, `GEOMETRY`), holding each feature's
shape as a BLOB (a `GP` header, then the shape's WKB); SpatiaLite declares its columns so
too. SQLite's affinity rule takes any declared type holding `INT` for an integer's, so a
`POINT` column was read as an integer and every row was a reject (the table came out
empty). A column declared by a geometry type name is read as what it holds: its BLOBs as
hex text of their bytes as stored (any length: never a UUID's spelling), noted naming the
column and how to decode it. The other columns, and a GeoPackage's R*Tree index and
triggers (never run by a read), are read as in any SQLite file.
"""

from __future__ import annotations

from typing import Any

# the geometry type names of the GeoPackage and SpatiaLite specifications (OGC simple features)
_TYPES = frozenset({
    "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
    "MULTIPOLYGON", "GEOMETRYCOLLECTION", "CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON",
    "MULTICURVE", "MULTISURFACE", "CURVE", "SURFACE"})


def columns(kinds: dict[str, str]) -> dict[str, str]:
    """{column: its declared type} for the columns declared by a geometry type name
    (`kinds`: each column's declared type)."""
    return {name: kind for name, kind in kinds.items() if kind.strip().upper() in _TYPES}


def as_hex(name: str, kind: str, values: list[Any]) -> tuple[list[Any], list[str]]:
    """A batch of the geometry column `name` (declared `kind`) with its BLOBs as hex text,
    and the note saying so (none when it holds no BLOB)."""
    if not any(isinstance(v, bytes) for v in values):
        return values, []
    note = f"column {name}: declared {kind}, a geometry (GeoPackage, SpatiaLite) stored as " \
        f"BLOBs: read as the hex of their bytes as stored (a GeoPackage's is its `GP` " \
        f"header, then the shape's WKB); decode them with a spatial extension"
    return [v.hex() if isinstance(v, bytes) else v for v in values], [note]
