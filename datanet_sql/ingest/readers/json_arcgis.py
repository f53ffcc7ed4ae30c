"""An ArcGIS REST query answer saved as JSON (a FeatureServer or MapServer layer's
`query?f=json`): `{"objectIdFieldName": "OBJECTID", "geometryType": ..., "spatialReference":
{...}, "fields": [{"name": ..., "type": "esriFieldTypeDouble"}, ...], "features":
[{"attributes": {...}, "geometry": {...}}], "exceededTransferLimit": false}`. DuckDB reads
it as one row of that metadata, the features a list in it.

Each feature is a row of its `attributes`; its `geometry` (a point's `x`/`y`, a polygon's
`rings`) is a column `geometry` beside them when any feature has one (left out, named in
the note, when all are null or an attribute is named so). An `esriFieldTypeDate` field
holds milliseconds since 1970 (UTC): it is read as that timestamp, named in the note, as
ArcGIS shows it. `exceededTransferLimit: true` says the server held more features than it
answered with: said in the note (page with `resultOffset`). The answer's other keys
(`fields`, `spatialReference`, ...) are left out, named in the note.
"""

from __future__ import annotations

import datetime
from typing import Any

from datanet_sql.ingest.readers.json_found import Found

_KIND = "an ArcGIS query answer"
# the keys a query answer holds beside its features (ArcGIS REST API, Query (Feature
# Service/Layer)); one of those that only it holds must be there
_ANSWER = frozenset({"objectIdFieldName", "uniqueIdField", "globalIdFieldName",
                     "geometryType", "spatialReference", "hasZ", "hasM", "fields",
                     "fieldAliases", "displayFieldName", "exceededTransferLimit",
                     "transform", "geometryProperties", "features"})
_OWN = frozenset({"objectIdFieldName", "geometryType", "spatialReference", "fields",
                  "fieldAliases"})
_FEATURE = frozenset({"attributes", "geometry", "centroid"})
_DATE = "esriFieldTypeDate"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def looks_arcgis(types: dict[str, str]) -> bool:
    """A JSON file as DuckDB typed it (names lower-cased) may be an ArcGIS query answer: a
    list under `features` beside `fields`, `spatialReference` or `geometryType` (worth
    parsing it whole to see, `arcgis`)."""
    return types.get("features", "").endswith("[]") and bool(
        {"fields", "spatialreference", "geometrytype", "objectidfieldname"} & set(types))


def arcgis(page: dict[str, Any]) -> Found | None:
    """The features of an ArcGIS query answer (see the module docstring) as rows of their
    attributes; None when `page` is not one: only an answer's keys, one only it holds,
    every feature an object of `attributes` (and `geometry`, `centroid`)."""
    features = page.get("features")
    if not set(page) <= _ANSWER or not _OWN & set(page) or not isinstance(features, list) \
            or not all(isinstance(f, dict) and set(f) <= _FEATURE and
                       isinstance(f.get("attributes"), dict) for f in features):
        return None
    shapes = any(f.get("geometry") is not None for f in features) and not any(
        "geometry" in f["attributes"] for f in features)
    rows = [{**f["attributes"], **({"geometry": f.get("geometry")} if shapes else {})}
            for f in features]
    dates = _dates(page.get("fields"), rows)
    left = [k for k in page if k != "features"] + sorted(
        {f"features[].{k}" for f in features for k in f
         if k != "attributes" and (k != "geometry" or not shapes)})
    said = [(f"{', '.join(dates)}: ArcGIS dates (milliseconds since 1970, UTC), read as "
            "timestamps")] if dates else []
    if page.get("exceededTransferLimit") is True:
        said.append("its exceededTransferLimit says the layer holds more features than "
                    "this answer: query again with resultOffset for the others")
    where = "features[].attributes" + (" and features[].geometry" if shapes else "")
    return Found(f"{_KIND}: read the features under {where}", rows, left, [], _KIND,
                 tuple(said))


def _dates(fields: Any, rows: list[dict[str, Any]]) -> list[str]:
    """The fields declared `esriFieldTypeDate`, their milliseconds in `rows` made ISO
    timestamps (in place)."""
    declared = [f["name"] for f in fields or [] if isinstance(f, dict)
                and f.get("type") == _DATE and isinstance(f.get("name"), str)]
    for row in rows:
        for name in declared:
            if isinstance(row.get(name), int | float) and not isinstance(row[name], bool):
                stamp = _EPOCH + datetime.timedelta(milliseconds=row[name])
                row[name] = stamp.isoformat().replace("+00:00", "Z")
    return [name for name in declared if any(name in row for row in rows)]
